// Puts a finished benchmark on disk: bench/results/<timestamp>.json (kept), latest.json and latest.md
// (overwritten). The markdown is rendered from the results object alone, so it can be regenerated.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from './types.js';

export interface WrittenResults {
  timestamped: string;
  latestJson: string;
  latestMarkdown: string;
}

/** `2026-11-21T12:30:00.123Z` → `2026-11-21T12-30-00.123Z.json` (no colons: portable file names). */
export function resultFileName(startedAt: string): string {
  return `${startedAt.replaceAll(':', '-')}.json`;
}

export function renderResultsMarkdown(results: BenchResults): string {
  const env = results.environment;
  const lines = [
    '# imageforge benchmark',
    '',
    `Started ${results.startedAt}, finished ${results.finishedAt}; ${results.runs} measured runs per competitor and scenario.`,
    '',
    `Engine: Docker ${env.serverVersion ?? 'unknown'} at \`${env.dockerHost}\`; ${env.buildxVersion ?? 'buildx unknown'};` +
      ` ${env.cpus} CPUs, ${env.platform}, Node ${env.node}.`,
  ];
  if (results.notes.length > 0) lines.push('', ...results.notes.map((note) => `- ${note}`));
  for (const section of results.sections) {
    lines.push('', section.markdown.trimEnd());
    if (section.failures.length > 0) {
      lines.push('', '**Problems:**', '', ...section.failures.map((failure) => `- ${failure}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function writeResults(directory: string, results: BenchResults): Promise<WrittenResults> {
  await mkdir(directory, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const written: WrittenResults = {
    timestamped: path.join(directory, resultFileName(results.startedAt)),
    latestJson: path.join(directory, 'latest.json'),
    latestMarkdown: path.join(directory, 'latest.md'),
  };
  await writeFile(written.timestamped, json);
  await writeFile(written.latestJson, json);
  await writeFile(written.latestMarkdown, renderResultsMarkdown(results));
  return written;
}

export const DOCS_START = '<!-- bench:results:start -->';
export const DOCS_END = '<!-- bench:results:end -->';

/** Replaces the generated part of docs/performance.md, so the docs always show the latest run. */
export function spliceIntoDocs(document: string, markdown: string): string {
  const start = document.indexOf(DOCS_START);
  const end = document.indexOf(DOCS_END);
  if (start < 0 || end < start)
    return `${document.trimEnd()}\n\n${DOCS_START}\n${markdown.trimEnd()}\n${DOCS_END}\n`;
  return `${document.slice(0, start + DOCS_START.length)}\n${markdown.trimEnd()}\n${document.slice(end)}`;
}

export async function updateDocs(file: string, results: BenchResults): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => '# Performance\n');
  await writeFile(file, spliceIntoDocs(current, renderResultsMarkdown(results)));
}
