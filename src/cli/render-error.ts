// Renders an error for a human: one line per problem, where it is, and what to do. Stack traces only
// for bugs, and only with IMAGEFORGE_DEBUG=1.
import {
  AggregateImageforgeError,
  formatLocation,
  isImageforgeError,
  type ImageforgeError,
} from '../errors/imageforge-error.js';

export function renderError(error: unknown, env: Record<string, string | undefined> = process.env): string {
  if (!isImageforgeError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    const lines = [`imageforge: internal error: ${message}`, 'hint: this is a bug; rerun with IMAGEFORGE_DEBUG=1 and report it'];
    if (env.IMAGEFORGE_DEBUG === '1' && error instanceof Error && error.stack) lines.push(error.stack);
    return lines.join('\n');
  }
  const lines: string[] = [];
  if (error instanceof AggregateImageforgeError && error.problems.length > 0) {
    lines.push(`imageforge: ${error.message.split('\n')[0] ?? error.message}`);
    for (const problem of error.problems) lines.push(`  ${problemLine(problem)}`);
  } else {
    lines.push(`imageforge: ${problemLine(error)}`);
  }
  if (error.hint) lines.push(`hint: ${error.hint}`);
  lines.push(`(${error.code})`);
  return lines.join('\n');
}

function problemLine(error: ImageforgeError): string {
  const where = error.location ? `${formatLocation(error.location)}: ` : '';
  const message = error.message.split('\n')[0] ?? error.message;
  return message.startsWith(where) || where === '' ? message : `${where}${message}`;
}
