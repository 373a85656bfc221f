// Puts a finished benchmark on disk: bench/results/<timestamp>.json (kept), latest.json and latest.md
// (overwritten). The markdown is rendered from the results object alone, so it can be regenerated.
import { mkdir, writeFile } from 'node:fs/promises';
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
