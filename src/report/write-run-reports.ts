// Puts a finished run on disk: report.json (the versioned contract), report.yaml (the shape the old
// Ansible role produced), junit.xml (for CI test tabs) and report.html + report.css (for people),
// each written atomically, plus `latest`.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { toJunitXml } from './junit.js';
import { gateSuites } from '../gates/gate-junit.js';
import { LATEST_LINK_NAME, pointLatestAt } from './latest-link.js';
import {
  describeIssues,
  invalidReportToWrite,
  reportInvalid,
  reportUnreadable,
  reportWriteFailed,
} from './report-errors.js';
import { REPORT_SCHEMA_VERSION, reportSchema, type Report } from './report-types.js';
import { toYamlReport } from './yaml-report.js';
import { writeHtmlReport } from './html/write-html-report.js';

export const REPORT_FILE_NAMES = { json: 'report.json', yaml: 'report.yaml', junit: 'junit.xml' } as const;

export interface WrittenReports {
  dir: string;
  json: string;
  yaml: string;
  junit: string;
  /** report.html and its stylesheet (renders under Jenkins' archived-HTML CSP). */
  html: string;
  css: string;
}

/**
 * Writes report.json, report.yaml and junit.xml into `dir` (created if needed), then points
 * `<dirname(dir)>/latest` at it (unless `updateLatest: false`, for an explicit --report-dir). Throws ImageforgeError: IMAGEFORGE_INTERNAL when the report does not
 * match the schema (nothing is written), IMAGEFORGE_REPORT_WRITE_FAILED when the disk says no.
 */
export async function writeRunReports(
  report: Report,
  dir: string,
  options: { updateLatest?: boolean } = {},
): Promise<WrittenReports> {
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) throw invalidReportToWrite(dir, parsed.error);
  const valid = parsed.data;
  const written: Omit<WrittenReports, 'html' | 'css'> = {
    dir,
    json: join(dir, REPORT_FILE_NAMES.json),
    yaml: join(dir, REPORT_FILE_NAMES.yaml),
    junit: join(dir, REPORT_FILE_NAMES.junit),
  };
  const contents: Array<[string, string]> = [
    [written.json, `${JSON.stringify(valid, null, 2)}\n`],
    [written.yaml, toYamlReport(valid)],
    [written.junit, toJunitXml(valid, gateSuites(valid))],
  ];
  await attempt(dir, () => mkdir(dir, { recursive: true }));
  for (const [file, content] of contents) {
    await attempt(file, () => writeFileAtomic(file, content, { encoding: 'utf8' }));
  }
  const page = await writeHtmlReport(valid, dir);
  if (options.updateLatest !== false) {
    await attempt(join(dirname(dir), LATEST_LINK_NAME), () => pointLatestAt(dir));
  }
  return { ...written, html: page.html, css: page.css };
}

/** Reads and validates a report.json; throws an ImageforgeError naming the file on any problem. */
export async function readReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw reportUnreadable(file, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error: unknown) {
    throw reportInvalid(
      file,
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
  const version = isRecord(data) ? data['schemaVersion'] : undefined;
  if (typeof version === 'number' && version !== REPORT_SCHEMA_VERSION) {
    throw reportInvalid(
      file,
      `schemaVersion ${version} is not supported (this imageforge reads version ${REPORT_SCHEMA_VERSION})`,
      undefined,
      'Read it with the imageforge version that wrote it, or upgrade imageforge.',
    );
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) throw reportInvalid(file, describeIssues(parsed.error), parsed.error);
  return parsed.data;
}

async function attempt(target: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    throw reportWriteFailed(target, error);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
