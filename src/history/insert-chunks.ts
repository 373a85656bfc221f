// Big row sets are inserted a few hundred rows per statement: well under SQLite's (32766) and
// PostgreSQL's (65535) bound-parameter limits, and far fewer round trips than one row at a time.

const ROWS_PER_INSERT = 500;

export function chunks<T>(rows: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < rows.length; index += size) result.push(rows.slice(index, index + size));
  return result;
}
