// UTC hour and day buckets over epoch milliseconds: the grain of the rollups and of trend series.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function floorTo(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

export function ceilTo(ms: number, size: number): number {
  return Math.ceil(ms / size) * size;
}

/** `2024-05-01T12:00:00.000Z` (epoch ms) → 1714564800000; NaN for unparseable text. */
export function toEpochMs(iso: string): number {
  return Date.parse(iso);
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export interface WindowParts {
  /** Whole UTC days inside the window, if any: [from, to). */
  days: [number, number] | undefined;
  /** The hours outside those days (the window's partial days), as non-empty [from, to) ranges. */
  hours: Array<[number, number]>;
}

/** Splits an hour-aligned window so daily rollups serve whole days and hourly ones only the edges. */
export function splitWindow(sinceMs: number, untilMs: number): WindowParts {
  const firstDay = ceilTo(sinceMs, DAY_MS);
  const lastDayEnd = floorTo(untilMs, DAY_MS);
  if (firstDay >= lastDayEnd)
    return { days: undefined, hours: sinceMs < untilMs ? [[sinceMs, untilMs]] : [] };
  const edges: Array<[number, number]> = [
    [sinceMs, firstDay],
    [lastDayEnd, untilMs],
  ];
  return { days: [firstDay, lastDayEnd], hours: edges.filter(([from, to]) => from < to) };
}
