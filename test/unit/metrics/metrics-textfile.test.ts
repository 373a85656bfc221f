import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeMetricsTextfile } from '../../../src/metrics/metrics-textfile.js';
import { renderMetrics } from '../../../src/metrics/render-metrics.js';
import { sampleLiveFacts, sampleSnapshot } from './sample-snapshot.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'imageforge-textfile-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeMetricsTextfile', () => {
  const metrics = renderMetrics(sampleSnapshot(), sampleLiveFacts());

  it('creates the directory and writes the exposition text, readable by node_exporter', async () => {
    const file = join(root, 'textfile_collector', 'imageforge.prom');
    await writeMetricsTextfile(file, metrics);

    expect(await readFile(file, 'utf8')).toBe(metrics.body);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('replaces the previous file and leaves no temporary file behind', async () => {
    const file = join(root, 'imageforge.prom');
    await writeFile(file, 'old contents\n');
    await writeMetricsTextfile(file, metrics);

    expect(await readFile(file, 'utf8')).toBe(metrics.body);
    expect(await readdir(root)).toEqual(['imageforge.prom']);
  });

  it('fails with IMAGEFORGE_METRICS_TEXTFILE_FAILED naming the file', async () => {
    const blocker = join(root, 'not-a-directory');
    await writeFile(blocker, '');
    const file = join(blocker, 'imageforge.prom');

    await expect(writeMetricsTextfile(file, metrics)).rejects.toMatchObject({
      code: 'IMAGEFORGE_METRICS_TEXTFILE_FAILED',
      category: 'environment',
      message: expect.stringContaining(`cannot write metrics textfile ${file}: `) as unknown,
    });
  });
});
