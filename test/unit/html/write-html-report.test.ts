import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STYLESHEET } from '../../../src/html/stylesheet.js';
import { writeHtmlReport } from '../../../src/report/html/write-html-report.js';
import { sampleReport } from '../report/sample-report.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'imageforge-html-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeHtmlReport', () => {
  it('writes report.html and the report.css it links into a new directory and returns their paths', async () => {
    const dir = join(root, 'reports', 'run-1');

    const written = await writeHtmlReport(sampleReport(), dir);

    expect(written).toEqual({ html: join(dir, 'report.html'), css: join(dir, 'report.css') });
    expect((await readdir(dir)).sort()).toEqual(['report.css', 'report.html']);
    expect(await readFile(written.html, 'utf8')).toContain('<link rel="stylesheet" href="report.css">');
    expect(await readFile(written.css, 'utf8')).toBe(STYLESHEET);
  });

  it('replaces the files of an earlier write', async () => {
    await writeHtmlReport(sampleReport({ runId: 'first' }), root);
    const written = await writeHtmlReport(sampleReport({ runId: 'second' }), root);

    expect(await readFile(written.html, 'utf8')).toContain('second');
    expect(await readdir(root)).toHaveLength(2);
  });

  it('reports an unwritable location as an environment error naming the path', async () => {
    const blocker = join(root, 'not-a-dir');
    await writeFile(blocker, 'x');

    const error = await writeHtmlReport(sampleReport(), join(blocker, 'run-1')).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'IMAGEFORGE_REPORT_WRITE_FAILED', category: 'environment' });
    expect((error as Error).message).toContain(join(blocker, 'run-1'));
  });
});
