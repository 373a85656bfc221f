// The exit codes the README's "Exit codes" table documents: the examples must handle each of them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function documentedExitCodes(): number[] {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('## CLI reference'));
  return [...section.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((match) => Number(match[1]));
}
