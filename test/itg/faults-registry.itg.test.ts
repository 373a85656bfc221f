// Fault injection: the registry goes away in the middle of an upload and comes back. A push cut
// mid-upload is a transient failure and succeeds on a retry; a cache export cut mid-upload is a
// warning and the build is kept. Either way the report, the history and the process table are clean.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BASE_IMAGE, createProject, imageEntry, uniqueTag, type TestProject } from '../support/project.js';
import { startFlakyRegistry, type FlakyRegistry } from '../support/flaky-registry.js';
import { expectNothingLost } from '../support/nothing-lost.js';

const MiB = 1024 ** 2;
// a 6 MiB random layer at 2 MiB/s: the upload lasts ~3 s and is cut after 2 MiB
const LAYER_BYTES = 6 * MiB;
const CUT_AFTER = 2 * MiB;

let project: TestProject | undefined;
let registry: FlakyRegistry | undefined;

afterEach(async () => {
  await registry?.close();
  await project?.cleanup();
  registry = undefined;
  project = undefined;
});

async function setUp(
  tag: string,
  cache: boolean,
): Promise<{ project: TestProject; registry: FlakyRegistry }> {
  registry = await startFlakyRegistry({ bytesPerSecond: 2 * MiB });
  project = await createProject({
    'imageforge.yaml': `version: 1
images:
  app:
    context: app
    tags: [localhost:${registry.port}/itg/faults-app:${tag}]
    retry: {attempts: 6, initialDelay: 1s, factor: 1.5, maxDelay: 3s, jitter: 0}
${cache ? `    cache: {registry: localhost:${registry.port}/cache, mode: max}\n` : ''}`,
    'app/Dockerfile': `FROM ${BASE_IMAGE}\nRUN echo ${tag} > /tag && head -c ${LAYER_BYTES} /dev/urandom > /blob\n`,
  });
  return { project, registry };
}

/** Runs `build --push`; the registry stops after CUT_AFTER bytes and starts again at the first retry. */
async function buildWithOutage(project: TestProject, registry: FlakyRegistry) {
  let uploadedAtStop = 0;
  const outage = registry.whenUploaded(CUT_AFTER).then(async () => {
    uploadedAtStop = registry.uploadedBytes();
    await registry.stop();
  });
  let restart: Promise<void> | undefined;
  const run = await runCli(['build', '--push', '--progress', 'plain'], {
    cwd: project.dir,
    env: { IMAGEFORGE_BRANCH: 'main' },
    onStderr: (text) => {
      if (restart === undefined && /retry \d+(\/\d+)? in/.test(text))
        restart = outage.then(() => registry.start());
    },
  });
  await restart;
  return { run, uploadedAtStop };
}

describe('the registry goes away mid-upload and comes back', () => {
  it('during the push: the push fails transiently, then succeeds on a retry', async () => {
    const tag = uniqueTag('fpush');
    const { project, registry } = await setUp(tag, false);
    const { run, uploadedAtStop } = await buildWithOutage(project, registry);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);
    // the outage really cut the upload of the image's layer, not the start or the end of the push
    expect(uploadedAtStop).toBeGreaterThan(CUT_AFTER);
    expect(uploadedAtStop).toBeLessThan(LAYER_BYTES);
    const report = await expectNothingLost(project, { markers: [project.marker, tag] });
    expect(report.status).toBe('succeeded');
    const app = imageEntry(report, 'app');
    expect(app.status).toBe('built');
    expect(app.push.status).toBe('pushed');
    const [first, ...rest] = app.push.attempts;
    expect(first?.error?.kind, JSON.stringify(app.push)).toBe('transient');
    // the cause stays at the end of the message, not buried after a long upload URL
    expect(first?.error?.message).toMatch(/(connection reset by peer|EOF|broken pipe|connection refused)$/);
    expect(first?.error?.message).not.toContain('_state=');
    expect(rest.at(-1)?.outcome).toBe('succeeded');
    expect(await registry.tags('itg/faults-app')).toContain(tag);
  });

  it('during the cache export: a warning, the build is kept, and the push succeeds once it is back', async () => {
    const tag = uniqueTag('fcache');
    const { project, registry } = await setUp(tag, true);
    const { run, uploadedAtStop } = await buildWithOutage(project, registry);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);
    expect(uploadedAtStop).toBeGreaterThan(CUT_AFTER);
    expect(uploadedAtStop).toBeLessThan(LAYER_BYTES);
    const report = await expectNothingLost(project, { markers: [project.marker, tag] });
    const app = imageEntry(report, 'app');
    expect(app.status).toBe('built');
    expect(app.attempts).toHaveLength(1);
    expect(app.cache.imports?.[0]?.found).toBe(false);
    expect(app.cache.exports?.[0]?.error, JSON.stringify(app.cache)).toMatch(
      /connection refused|connection reset by peer|EOF/,
    );
    expect(app.warnings.join('\n')).toMatch(/exporting cache to registry failed \(the build is kept\)/);
    expect(app.push.status).toBe('pushed');
    expect(app.push.attempts[0]?.error?.kind).toBe('transient');
    expect(app.push.attempts.at(-1)?.outcome).toBe('succeeded');
    expect(await registry.tags('itg/faults-app')).toContain(tag);
  });
});
