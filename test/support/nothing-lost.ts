// The closing check of every fault-injection test: whatever went wrong, nothing is lost — the report
// is written and valid, the history store has the run as the report tells it, and no process or
// container of the run is left behind.
import { expect } from 'vitest';
import type { Report } from '../../src/report/report-types.js';
import { runCli } from './cli.js';
import { docker } from './docker.js';
import { processesMentioning, type TestProject } from './project.js';

export interface NothingLostOptions {
  /** Strings that appear in the command line of every process the run started (paths, tags). */
  markers: string[];
  /** Environment of the CLI runs; its DOCKER_HOST (default: the test engine) is searched for containers. */
  env?: Record<string, string | undefined>;
}

/** Asserts that nothing was lost; returns the run's report (parsed with reportSchema). */
export async function expectNothingLost(project: TestProject, options: NothingLostOptions): Promise<Report> {
  const report = await project.latestReport();
  const shown = await runCli(['history', 'show', report.runId, '--json'], {
    cwd: project.dir,
    env: options.env,
  });
  expect(shown.code, shown.stderr).toBe(0);
  const recorded = JSON.parse(shown.stdout) as {
    runId: string;
    status: string;
    images: number;
    imageBuilds: Array<{ image: string; status: string }>;
  };
  expect(recorded).toMatchObject({
    runId: report.runId,
    status: report.status,
    images: report.images.length,
  });
  const pairs = (items: Array<[string, string]>): string[] => items.map((item) => item.join(':')).sort();
  expect(pairs(recorded.imageBuilds.map((build) => [build.image, build.status]))).toEqual(
    pairs(report.images.map((image) => [image.name, image.status])),
  );
  for (const marker of options.markers) expect(await waitForNoProcesses(marker), marker).toEqual([]);
  expect(leftoverContainers(report.runId, options.env?.DOCKER_HOST), 'containers of the run').toEqual([]);
  return report;
}

/** Processes mentioning `marker`, after giving a stopping process tree up to 10 s to go. */
export async function waitForNoProcesses(marker: string): Promise<string[]> {
  let left = processesMentioning(marker);
  for (let i = 0; i < 100 && left.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesMentioning(marker);
  }
  return left;
}

/** Containers (test gates, service checks) labelled with the run, on a reachable engine. */
function leftoverContainers(runId: string, dockerHost: string | undefined): string[] {
  const host = dockerHost ?? process.env.DOCKER_HOST;
  try {
    return docker([
      ...(host ? ['-H', host] : []),
      'ps',
      '-aq',
      '--filter',
      `label=io.imageforge.run=${runId}`,
    ])
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // the engine under test is down (killed on purpose): it holds no containers
  }
}
