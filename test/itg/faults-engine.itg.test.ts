// Fault injection on the engine itself, each on a throwaway engine of its own (never the shared one):
// the engine SIGKILLed while a RUN step runs, and a data root too small for what a RUN writes. The
// run ends promptly with the failure classified (builder unavailable, disk full), exit 3, and nothing
// lost: report written, history recorded, no imageforge process left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statfsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { startFaultEngine, type FaultEngine } from '../support/fault-engine.js';
import { expectNothingLost } from '../support/nothing-lost.js';

const MiB = 1024 ** 2;

describe('the engine killed mid-build', () => {
  it.each([
    // one bake session: the session breaks for every image at once, each keeps that attempt
    { mode: 'in one bake session', flags: [] as string[], allLostConnection: true },
    { mode: 'image by image (--no-batch)', flags: ['--no-batch'], allLostConnection: false },
  ])(
    '$mode: ends promptly, builder unavailable, exit 3, nothing lost',
    async ({ flags, allLostConnection }) => {
      const engine = startFaultEngine('itg-faults-kill');
      const tag = uniqueTag('fkill');
      const project = await createProject({
        'imageforge.yaml': `version: 1
defaults:
  retry: {attempts: 3, initialDelay: 500ms, jitter: 0}
images:
  a: {context: a, tags: ['itg/fkill-a:${tag}']}
  b: {context: b, tags: ['itg/fkill-b:${tag}']}
  child: {context: child, tags: ['itg/fkill-child:${tag}']}
`,
        'a/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo running-${tag}-a && sleep 120\n`,
        'b/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo running-${tag}-b && sleep 120\n`,
        'child/Dockerfile': `FROM itg/fkill-a:${tag}\nRUN true\n`,
      });
      try {
        const env = { DOCKER_HOST: engine.dockerHost };
        let killedAt: number | undefined;
        let running: string | undefined; // the image whose RUN step was seen running
        const run = await runCli(['build', '--progress', 'plain', ...flags], {
          cwd: project.dir,
          env,
          timeoutMs: 120_000,
          onStderr: (text) => {
            const seen = new RegExp(`log: running-${tag}-(a|b)`).exec(text)?.[1];
            if (killedAt === undefined && seen !== undefined) {
              killedAt = Date.now();
              running = seen;
              engine.kill();
            }
          },
        });
        const endedAfterMs = Date.now() - (killedAt ?? Date.now());
        expect(killedAt, run.stderr).toBeDefined();
        expect(run.stderr).not.toMatch(/internal error/);
        expect(run.signal).toBeNull(); // not the harness' timeout kill
        expect(endedAfterMs).toBeLessThan(30_000);
        expect(run.code, run.stderr).toBe(3);

        // imageforge's own processes (buildx, docker) all carry the project path
        const report = await expectNothingLost(project, { markers: [project.marker], env });
        expect(report.status).toBe('failed');
        for (const name of ['a', 'b']) {
          const image = imageEntry(report, name);
          expect(image.status).toBe('failed');
          expect(image.error).toMatchObject({
            code: 'IMAGEFORGE_DAEMON_UNREACHABLE',
            kind: 'builder-unavailable',
          });
          expect(image.error?.hint).toMatch(/Start the Docker engine/);
          // the lost connection is retried once, then the missing engine ends it: no pointless retries
          const codes = image.attempts.map((attempt) => attempt.error?.code);
          const expected = ['IMAGEFORGE_BUILDER_CONNECTION_LOST', 'IMAGEFORGE_DAEMON_UNREACHABLE'];
          if (allLostConnection || name === running)
            expect(codes, JSON.stringify(image.attempts)).toEqual(expected);
          else expect(expected.slice(-codes.length)).toEqual(codes);
        }
        expect(imageEntry(report, 'child')).toMatchObject({
          status: 'skipped',
          reason: 'dependency failed: a',
        });
        // a SIGKILLed dockerd leaves its running build containers behind (not imageforge's to reap):
        // the test takes them down with the engine, so nothing outlives it either
        engine.destroy();
        expect(engine.containerProcesses()).toEqual([]);
      } finally {
        await project.cleanup();
        engine.destroy();
      }
    },
  );
});

describe('a full disk at the engine data root (640 MiB tmpfs)', () => {
  let engine: FaultEngine;
  let project: TestProject;
  const tag = uniqueTag('fdisk');
  const runDirs = async (): Promise<string[]> =>
    (await readdir(path.join(project.dir, '.imageforge/runs')).catch(() => [])).filter(
      (entry) => entry !== 'latest',
    );

  beforeAll(async () => {
    engine = startFaultEngine('itg-faults-disk', { tmpfsBytes: 640 * MiB });
    project = await createProject({
      'imageforge.yaml': `version: 1
images:
  big:
    context: big
    tags: ['itg/fdisk-big:${tag}']
    retry: {attempts: 3, initialDelay: 200ms, jitter: 0}
`,
      'big/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo filling-${tag} && dd if=/dev/zero of=/fill bs=1M count=800\n`,
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    engine?.destroy();
  });

  it('with space already short, preflight refuses to start: exit 3, IMAGEFORGE_DISK_LOW, nothing started', async () => {
    const filler = path.join(engine.dataRoot, 'filler');
    const stats = statfsSync(engine.dataRoot);
    execFileSync('fallocate', ['-l', String(stats.bavail * stats.bsize - 256 * MiB), filler]);
    try {
      const run = await runCli(['build', '--progress', 'plain', '--json'], {
        cwd: project.dir,
        env: { DOCKER_HOST: engine.dockerHost },
      });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/only 0\.\d GiB free at the engine's data root/);
      expect(run.stderr).toMatch(/hint: free space/);
      expect(run.stderr).toContain('IMAGEFORGE_DISK_LOW');
      expect(run.stdout).toBe('');
      expect(await runDirs()).toEqual([]); // refused before the run began: no run, so no report
    } finally {
      execFileSync('rm', ['-f', filler]);
    }
  });

  it('a RUN writing more than fits: IMAGEFORGE_DISK_FULL with its hint, not retried, exit 3', async () => {
    const env = { DOCKER_HOST: engine.dockerHost };
    const run = await runCli(['build', '--progress', 'plain'], { cwd: project.dir, env });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(3);
    const report = await expectNothingLost(project, { markers: [project.marker, tag], env });
    expect(report.status).toBe('failed');
    const big = imageEntry(report, 'big');
    expect(big.status).toBe('failed');
    expect(big.attempts).toHaveLength(1);
    expect(big.error).toMatchObject({ code: 'IMAGEFORGE_DISK_FULL', kind: 'deterministic' });
    expect(big.error?.message).toMatch(/^no space left on device: /);
    expect(big.error?.hint).toMatch(/docker builder prune/);
    const failedStep = big.steps.find((step) => step.error !== undefined);
    expect(failedStep?.logTail?.join('\n')).toMatch(/No space left on device/);
    expect(run.stderr).toMatch(/\[big\] failed after .*no space left on device/);
  });
});
