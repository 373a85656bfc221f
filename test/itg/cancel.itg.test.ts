// SIGINT, SIGTERM and the run timeout stop builds cleanly: the buildx process group is killed (no
// orphans), a report with status `cancelled` is written (and recorded in the history), and the exit
// code says what happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import {
  BASE_IMAGE,
  createProject,
  imageEntry,
  processesMentioning,
  uniqueTag,
  type TestProject,
} from '../support/project.js';
import { expectNothingLost } from '../support/nothing-lost.js';

let project: TestProject;
const TAG = uniqueTag('cancel');

beforeAll(async () => {
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  slow:
    context: slow
    tags: [itg/slow:${TAG}]
  after:
    context: after
    dependsOn: [slow]
    tags: [itg/after:${TAG}]
`,
    'slow/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo start-${TAG} && sleep 120 && echo never-${TAG}\n`,
    'after/Dockerfile': `FROM ${BASE_IMAGE}\nRUN true\n`,
  });
});
afterAll(() => project.cleanup());

async function waitForNoProcesses(marker: string): Promise<string[]> {
  let left = processesMentioning(marker);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesMentioning(marker);
  }
  return left;
}

describe('cancellation', () => {
  it('SIGINT mid-build exits 130, writes a cancelled report, leaves no processes', async () => {
    let sent = false;
    let pid = -1;
    const started = Date.now();
    const run = await runCli(['build', '--progress', 'plain'], {
      cwd: project.dir,
      onSpawn: (p) => (pid = p),
      onStderr: (text) => {
        if (!sent && text.includes(`start-${TAG}`)) {
          sent = true;
          process.kill(pid, 'SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(60_000);
    const report = await project.latestReport();
    expect(report.status).toBe('cancelled');
    expect(report.error?.code).toBe('IMAGEFORGE_CANCELLED');
    expect(imageEntry(report, 'slow').status).toBe('cancelled');
    expect(imageEntry(report, 'after').status).toBe('cancelled');
    expect(await waitForNoProcesses(project.marker)).toEqual([]);
  });

  it('SIGTERM while a RUN step runs: exit 130, cancelled in report and history, nothing left', async () => {
    let sent = false;
    let pid = -1;
    const run = await runCli(['build', '--progress', 'plain'], {
      cwd: project.dir,
      onSpawn: (p) => (pid = p),
      onStderr: (text) => {
        if (!sent && text.includes(`log: start-${TAG}`)) {
          sent = true;
          process.kill(pid, 'SIGTERM');
        }
      },
    });
    expect(sent).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    // the RUN step's shell (its command line holds the tag) is gone too: no build container left
    const report = await expectNothingLost(project, { markers: [project.marker, `start-${TAG}`] });
    expect(report.status).toBe('cancelled');
    expect(report.error?.code).toBe('IMAGEFORGE_CANCELLED');
    expect(imageEntry(report, 'slow').status).toBe('cancelled');
    expect(imageEntry(report, 'after').status).toBe('cancelled');
    const listed = await runCli(['history', 'ls', '--status', 'cancelled', '--json'], { cwd: project.dir });
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ runId: string }>).map((item) => item.runId)).toContain(
      report.runId,
    );
  });

  it('the run timeout stops the build and writes a cancelled report (exit 1)', async () => {
    const run = await runCli(['build', '--progress', 'plain', '--timeout', '4s'], { cwd: project.dir });
    expect(run.code).toBe(1);
    const report = await project.latestReport();
    expect(report.status).toBe('cancelled');
    expect(report.error?.code).toBe('IMAGEFORGE_TIMEOUT');
    expect(report.durationMs).toBeLessThan(30_000);
    expect(await waitForNoProcesses(project.marker)).toEqual([]);
  });
});
