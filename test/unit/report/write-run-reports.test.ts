import { lstat, mkdtemp, readFile, readlink, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ImageforgeError } from '../../../src/errors/imageforge-error.js';
import type { Report } from '../../../src/report/report-types.js';
import { readReport, writeRunReports } from '../../../src/report/write-run-reports.js';
import { sampleReport } from './sample-report.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'imageforge-reports-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeRunReports', () => {
  it('writes the reports into a new directory and returns their paths', async () => {
    const dir = join(root, 'reports', 'run-1');
    const written = await writeRunReports(sampleReport(), dir);

    expect(written).toEqual({
      dir,
      json: join(dir, 'report.json'),
      yaml: join(dir, 'report.yaml'),
      junit: join(dir, 'junit.xml'),
      html: join(dir, 'report.html'),
      css: join(dir, 'report.css'),
    });
    expect((await readdir(dir)).sort()).toEqual([
      'junit.xml',
      'report.css',
      'report.html',
      'report.json',
      'report.yaml',
    ]);
  });

  it('writes a report.json that round-trips through readReport', async () => {
    const report = sampleReport();
    const written = await writeRunReports(report, join(root, 'run-1'));

    expect(await readReport(written.json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('writes YAML and JUnit files that parse', async () => {
    const written = await writeRunReports(sampleReport(), join(root, 'run-1'));

    const yaml = parse(await readFile(written.yaml, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(yaml)).toEqual(['build_timestamp', 'build_configuration', 'results', 'summary']);
    expect(await readFile(written.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
  });

  it('points latest at the newest run with a relative link, replacing the previous one', async () => {
    const reports = join(root, 'reports');
    await writeRunReports(sampleReport({ runId: 'first' }), join(reports, 'run-1'));
    expect(await readlink(join(reports, 'latest'))).toBe('run-1');

    await writeRunReports(sampleReport({ runId: 'second' }), join(reports, 'run-2'));

    expect(await readlink(join(reports, 'latest'))).toBe('run-2');
    expect((await lstat(join(reports, 'latest'))).isSymbolicLink()).toBe(true);
    expect((await readReport(join(reports, 'latest', 'report.json'))).runId).toBe('second');
    // The swap goes through a temporary link; none may be left behind.
    expect((await readdir(reports)).sort()).toEqual(['latest', 'run-1', 'run-2']);
    expect(await realpath(join(reports, 'latest'))).toBe(await realpath(join(reports, 'run-2')));
  });

  it('refuses an invalid report with an internal error and writes nothing', async () => {
    const dir = join(root, 'run-1');
    const invalid = { ...sampleReport(), status: 'exploded' } as unknown as Report;

    const error = await writeRunReports(invalid, dir).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImageforgeError);
    expect(error).toMatchObject({ code: 'IMAGEFORGE_INTERNAL', category: 'internal' });
    expect((error as Error).message).toContain('status');
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(lstat(join(root, 'latest'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports an unwritable location as an environment error naming the path', async () => {
    const blocker = join(root, 'not-a-dir');
    await writeFile(blocker, 'x');

    const error = await writeRunReports(sampleReport(), join(blocker, 'run-1')).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'IMAGEFORGE_REPORT_WRITE_FAILED', category: 'environment' });
    expect((error as Error).message).toContain(join(blocker, 'run-1'));
  });
});

describe('readReport', () => {
  it('names the file when it does not exist', async () => {
    const file = join(root, 'missing.json');
    const error = await readReport(file).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'IMAGEFORGE_REPORT_UNREADABLE', location: { file } });
    expect((error as Error).message).toContain(file);
  });

  it('names the file and the JSON problem for a file that is not JSON', async () => {
    const file = join(root, 'report.json');
    await writeFile(file, '{"schemaVersion": 1,');

    const error = await readReport(file).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'IMAGEFORGE_REPORT_INVALID' });
    expect((error as Error).message).toMatch(new RegExp(`^${file}.*not valid JSON`));
  });

  it('names the invalid field for a report that does not match the schema', async () => {
    const file = join(root, 'report.json');
    const report = sampleReport();
    await writeFile(file, JSON.stringify({ ...report, images: [{ ...report.images[0], status: 'done' }] }));

    const error = await readReport(file).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'IMAGEFORGE_REPORT_INVALID', category: 'config' });
    expect((error as Error).message).toContain('images.0.status');
  });

  it('says which schema version it can read when the version differs', async () => {
    const file = join(root, 'report.json');
    await writeFile(file, JSON.stringify({ ...sampleReport(), schemaVersion: 2 }));

    const error = await readReport(file).catch((e: unknown) => e);

    expect((error as Error).message).toContain('schemaVersion 2 is not supported');
  });
});
