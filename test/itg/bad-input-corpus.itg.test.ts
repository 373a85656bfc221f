// Every malformed input in test/fixtures/bad-inputs/ through the real CLI: exit 2, a message naming
// the place, never a crash, a bounded run time (alias bombs and 10 MB files too), and a secret given
// to a case shows up in no output and no file the run leaves behind.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CRASH_PATTERNS, filesContaining, loadCases, materialise } from '../support/bad-inputs.js';

/** Generous for a loaded 2-core machine; a hang or a runaway parse takes far longer. */
const BOUND_MS = 60_000;

const cases = loadCases();

describe('bad-input corpus', () => {
  it('holds at least 35 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const project = await materialise(testCase);
    try {
      const started = Date.now();
      const run = await runCli(project.argv, {
        cwd: project.dir,
        env: { ...testCase.env, XDG_CACHE_HOME: path.join(project.dir, '.cache') },
        timeoutMs: BOUND_MS * 2,
      });
      const elapsed = Date.now() - started;
      const shown = `${testCase.about}\n$ imageforge ${project.argv.join(' ')}\n${run.stderr.slice(0, 4000)}`;

      expect(run.signal, shown).toBeNull();
      expect(elapsed, shown).toBeLessThan(BOUND_MS);
      expect(run.code, shown).toBe(testCase.exit);
      for (const pattern of testCase.stderr) expect(run.stderr, shown).toMatch(new RegExp(pattern));
      for (const crash of CRASH_PATTERNS) expect(run.stderr + run.stdout, shown).not.toMatch(crash);
      if (testCase.secret !== undefined) {
        expect(run.stdout, 'stdout').not.toContain(testCase.secret);
        expect(run.stderr, 'stderr').not.toContain(testCase.secret);
        expect(await filesContaining(project.dir, testCase.secret), 'files').toEqual([]);
      }
      for (const artifact of testCase.artifacts) {
        await expect(access(path.join(project.dir, artifact)), artifact).resolves.toBeUndefined();
      }
    } finally {
      await project.cleanup();
    }
  });
});
