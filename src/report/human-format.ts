// Human-readable figures shared by the summary table and the progress renderers, so a duration or a
// cache ratio reads the same on the live screen and in the final summary.
import type { CacheFigures } from './report-types.js';

/** `0.4s`, `12.3s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 60_000) return `${(Math.floor(safe / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(safe / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return `${minutes}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  }
  const hours = Math.floor(totalSeconds / 3600);
  return `${hours}h${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** `71%`: rounded to a whole percent, but never `100%` unless everything hit. */
export function formatPercent(ratio: number): string {
  const clamped = Math.min(Math.max(ratio, 0), 1);
  const percent = Math.round(clamped * 100);
  return `${clamped < 1 ? Math.min(percent, 99) : percent}%`;
}

/** `5/7 (71%)`, or `-` when the image had no cacheable steps. */
export function formatCacheFigures(cache: CacheFigures): string {
  if (cache.totalSteps === 0) return '-';
  return `${cache.cachedSteps}/${cache.totalSteps} (${formatPercent(cache.hitRatio)})`;
}

/** `sha256:0123456789ab`: enough to recognise a digest, short enough for a table. */
export function shortDigest(digest: string | undefined): string {
  if (digest === undefined || digest === '') return '-';
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const short = (hex ?? '').slice(0, 12);
  return algorithm === '' ? short : `${algorithm}:${short}`;
}

/** Cut `text` to `width` visible characters, marking the cut with `…`. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1).trimEnd()}…`;
}

/** 1234567 → "1.2 MB" (decimal units, as docker prints sizes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
