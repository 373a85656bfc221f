// How the dashboard writes numbers people scan quickly: durations, sizes, ratios, times, and the
// status badges that carry a run's or an image's outcome.
import { markup, type SafeHtml } from '../../html/html-template.js';

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0
    ? `${hours}h ${String(minutes).padStart(2, '0')}m`
    : `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units, as `docker system df` prints them. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`;
}

export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${Math.round(ratio * 100)}%`;
}

/** `2024-05-01 12:00 UTC`: one time zone for everyone reading the same dashboard. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function timeElement(iso: string | undefined): SafeHtml {
  return markup`<time datetime="${iso ?? ''}">${formatTime(iso)}</time>`;
}

export function shortCommit(commit: string | undefined): string {
  return commit ? commit.slice(0, 10) : '–';
}

type Tone = 'success' | 'failure' | 'warning' | 'neutral';

const TONES: Record<string, Tone> = {
  succeeded: 'success',
  built: 'success',
  pushed: 'success',
  passed: 'success',
  running: 'success',
  up: 'success',
  failed: 'failure',
  down: 'failure',
  cancelled: 'warning',
  stopped: 'warning',
};

/** A status word in a coloured pill; unknown statuses are neutral, never hidden. */
export function statusBadge(status: string): SafeHtml {
  const tone = TONES[status] ?? (status.startsWith('error') || status === 'missing' ? 'failure' : 'neutral');
  return markup`<span class="badge tone-${tone}">${status}</span>`;
}

/** A ratio as a percentage with a bar (a <meter>, styled without inline CSS). */
export function ratioMeter(ratio: number | undefined): SafeHtml {
  if (ratio === undefined || !Number.isFinite(ratio)) return markup`–`;
  return markup`<span class="ratio"><meter min="0" max="1" value="${ratio.toFixed(3)}">${formatPercent(
    ratio,
  )}</meter> ${formatPercent(ratio)}</span>`;
}
