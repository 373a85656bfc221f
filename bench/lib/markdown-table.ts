// Renders a GitHub-flavoured markdown table with padded columns, so latest.md reads well as plain text.

export type Alignment = 'left' | 'right';

export function renderMarkdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Alignment[] = [],
): string {
  const escape = (cell: string): string => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const cells = [header, ...rows].map((row) => header.map((_, index) => escape(row[index] ?? '')));
  const widths = header.map((_, index) => Math.max(3, ...cells.map((row) => row[index]?.length ?? 0)));
  const pad = (cell: string, index: number): string =>
    align[index] === 'right' ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0);
  const line = (row: readonly string[]): string => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((width, index) => (align[index] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/** `5432` → `5.43 s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
