// Plain-text tables for the CLI: columns padded to their widest cell, two spaces apart, no trailing
// blanks. One implementation for every command that prints a table.

/** Rows (the first usually a header) as aligned lines joined by newlines. */
export function alignColumns(rows: string[][]): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(0, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
