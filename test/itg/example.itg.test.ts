// The README's main job: the jenkins-ha example builds end to end on the real engine, a second run
// is served from cache, and the controller image actually serves /login.
import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { uniqueTag } from '../support/project.js';
import { docker } from '../support/docker.js';
import { checkWhereEngineHas, engineHas } from '../support/engine-features.js';
import { reportSchema } from '../../src/report/report-types.js';

const TAG = uniqueTag('ex');
const config = path.join(ROOT, 'examples/jenkins-ha/imageforge.yaml');
const env = { TAG };
const reportDir = path.join(ROOT, 'test-artifacts', `example-${TAG}`);

async function readRun(dir: string) {
  return reportSchema.parse(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')));
}

describe('examples/jenkins-ha', () => {
  const containers: string[] = [];
  afterAll(() => {
    for (const id of containers) docker(['rm', '-f', id]);
  });

  it('builds the whole set with dependencies in order and writes all reports', async () => {
    const run = await runCli(
      ['build', '-f', config, '--progress', 'plain', '--report-dir', `${reportDir}-1`],
      { env },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    const report = await readRun(`${reportDir}-1`);
    expect(report.status).toBe('succeeded');
    expect(report.images.map((image) => [image.name, image.status, image.method])).toEqual([
      ['base', 'built', 'buildkit'],
      ['agent-base', 'built', 'buildkit'],
      ['agent-inbound', 'built', 'buildkit'],
      ['agent-tools', 'built', 'buildkit'],
      ['controller', 'built', 'buildkit'],
    ]);
    for (const image of report.images) {
      expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(image.tags[0]).toBe(`localhost:5000/jenkins/${image.name}:${TAG}`);
      expect(image.cache.totalSteps).toBeGreaterThan(0);
    }
    // one bake session: dependents read their parent through a target: context (the in-flight result)
    const bake = JSON.parse(await readFile(path.join(`${reportDir}-1`, 'work/bake.json'), 'utf8')) as {
      target: Record<string, { contexts?: Record<string, string> }>;
    };
    expect(bake.target['agent-base']?.contexts).toEqual({
      [`localhost:5000/jenkins/base:${TAG}`]: 'target:base',
    });
    const yaml = await readFile(path.join(`${reportDir}-1`, 'report.yaml'), 'utf8');
    expect(yaml).toMatch(/build_timestamp: /);
    expect(yaml).toMatch(/method: buildkit/);
    const junit = await readFile(path.join(`${reportDir}-1`, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase classname="imageforge.build"/g)).toHaveLength(5);
    // the controller's gates: one case per functional check and per scan gate
    expect(junit).toContain('classname="imageforge.test.controller" name="http: login page"');
    expect(junit).toContain('classname="imageforge.scan.controller" name="secrets (fail on HIGH)"');
  });

  // --force: without it nothing would reach BuildKit (every image is up to date)
  it('rebuilds at least 95% from cache on a second run', async () => {
    const run = await runCli(
      ['build', '-f', config, '--force', '--progress', 'quiet', '--json', '--report-dir', `${reportDir}-2`],
      { env },
    );
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.summary.cache.hitRatio).toBeGreaterThanOrEqual(0.95);
    for (const image of report.images) expect(image.cache.hitRatio).toBeGreaterThanOrEqual(0.95);
    // raw vertex counts are kept too, and are lower (internal loads and exports never cache)
    expect(report.summary.cache.vertexTotal).toBeGreaterThan(report.summary.cache.totalSteps);
  });

  it('--no-batch pins each dependent to the digest its dependency just produced', async () => {
    const run = await runCli(
      [
        'build',
        '-f',
        config,
        '--force',
        '--no-batch',
        '--progress',
        'plain',
        '--report-dir',
        `${reportDir}-3`,
      ],
      { env },
    );
    expect(run.code).toBe(0);
    const report = await readRun(`${reportDir}-3`);
    const base = report.images.find((image) => image.name === 'base');
    expect(base?.digest).toMatch(/^sha256:/);
    expect(report.status).toBe('succeeded');
    await checkWhereEngineHas('localDigestLookup', 'dependents pinned to the digest just built', () => {
      expect(run.stderr).toContain(`localhost:5000/jenkins/base:${TAG}@${base?.digest ?? 'missing'}`);
    });
    // an older engine cannot find a loaded image by digest: dependents use the tag, and the run says so
    if (!engineHas('localDigestLookup')) expect(run.stderr).toMatch(/cannot find a loaded image by digest/);
  });

  it('produces a controller that answers GET /login with 200', async () => {
    const id = docker(['run', '-d', '-p', '127.0.0.1::8080', `localhost:5000/jenkins/controller:${TAG}`]);
    containers.push(id);
    const port = /:(\d+)$/.exec(docker(['port', id, '8080/tcp']).split('\n')[0] ?? '')?.[1];
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = await fetch(`http://127.0.0.1:${port}/login`).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
