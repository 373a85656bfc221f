// How cache policy figures read in messages and tables: durations as a policy would write them
// ("72h", "14d", "1h30m") and sizes as docker prints them ("12.59MB").
export { formatBytes } from '../report/human-format.js';

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** 259200000 → "72h" (whole hours under 4 days), 1209600000 → "14d", 5400000 → "1h30m". */
export function formatPolicyDuration(ms: number): string {
  const safe = Math.max(0, Math.round(ms));
  if (safe % 3_600_000 === 0 && safe < 4 * 86_400_000 && safe > 0) return `${safe / 3_600_000}h`;
  let rest = safe;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text === '' ? `${safe}ms` : text;
}

/** A coarse "how long ago" for tables: "12s", "5m", "3h", "4d". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const safe = Math.max(0, ms);
  for (const [unit, size] of UNITS) if (safe >= size) return `${Math.floor(safe / size)}${unit}`;
  return '0s';
}
