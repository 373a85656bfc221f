// Renders an error for a human: one line per problem, where it is, and what to do. Stack traces only
// for bugs, and only with IMAGEFORGE_DEBUG=1.
import path from 'node:path';
import {
  AggregateImageforgeError,
  formatLocation,
  isImageforgeError,
  type ImageforgeError,
} from '../errors/imageforge-error.js';

export function renderError(error: unknown, env: Record<string, string | undefined> = process.env): string {
  if (!isImageforgeError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    const lines = [
      `imageforge: internal error: ${message}`,
      'hint: this is a bug; rerun with IMAGEFORGE_DEBUG=1 and report it',
    ];
    if (env.IMAGEFORGE_DEBUG === '1' && error instanceof Error && error.stack) lines.push(error.stack);
    return lines.join('\n');
  }
  const lines: string[] = [];
  if (error instanceof AggregateImageforgeError && error.problems.length > 1) {
    const headline = error.message.split('\n')[0] ?? '';
    const ownHeadline = headline !== '' && headline !== error.problems[0]?.message.split('\n')[0];
    lines.push(`imageforge: ${ownHeadline ? headline : `${error.problems.length} problems:`}`);
    for (const problem of error.problems) lines.push(`  ${problemLine(problem)}`);
  } else if (error instanceof AggregateImageforgeError && error.problems[0]) {
    lines.push(`imageforge: ${problemLine(error.problems[0])}`);
  } else {
    lines.push(`imageforge: ${problemLine(error)}`);
  }
  if (error.hint) lines.push(`hint: ${error.hint}`);
  lines.push(`(${error.code})`);
  return lines.join('\n');
}

function problemLine(error: ImageforgeError): string {
  const message = error.message.split('\n')[0] ?? error.message;
  if (!error.location) return message;
  // Messages often name their place already (`imageforge.yaml:5: images.x.target: ...`).
  const file = path.basename(error.location.file);
  const line = error.location.line;
  if (message.includes(line !== undefined ? `${file}:${line}` : file)) return message;
  return `${formatLocation({ ...error.location, file: path.relative(process.cwd(), error.location.file) || file })}: ${message}`;
}
