// Puts report.html and report.css next to report.json, each written atomically; the stylesheet goes
// first so the page never appears without its styles.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { reportWriteFailed } from '../report-errors.js';
import type { Report } from '../report-types.js';
import { HTML_REPORT_FILE_NAMES, renderHtmlReport } from './render-html-report.js';

export interface WrittenHtmlReport {
  html: string;
  css: string;
}

/** Returns the two paths; throws ImageforgeError IMAGEFORGE_REPORT_WRITE_FAILED naming the file. */
export async function writeHtmlReport(report: Report, dir: string): Promise<WrittenHtmlReport> {
  const rendered = renderHtmlReport(report);
  const written = {
    html: join(dir, HTML_REPORT_FILE_NAMES.html),
    css: join(dir, HTML_REPORT_FILE_NAMES.css),
  };
  await attempt(dir, () => mkdir(dir, { recursive: true }));
  await attempt(written.css, () => writeFileAtomic(written.css, rendered.css, { encoding: 'utf8' }));
  await attempt(written.html, () => writeFileAtomic(written.html, rendered.html, { encoding: 'utf8' }));
  return written;
}

async function attempt(target: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    throw reportWriteFailed(target, error);
  }
}
