// Human durations in imageforge.yaml ("30s", "10m", "1h30m") converted to milliseconds once, at the
// config boundary, so nothing downstream parses time strings.
import { ErrorCode } from '../errors/codes.js';
import { ImageforgeError } from '../errors/imageforge-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

export const DURATION_EXAMPLES = '"500ms", "30s", "10m", "1h30m" or a number of seconds';

/** Milliseconds, or undefined when the text is not a duration. A bare number means seconds. */
export function tryParseDuration(text: string | number): number | undefined {
  if (typeof text === 'number')
    return Number.isFinite(text) && text >= 0 ? Math.round(text * 1000) : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (trimmed === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  return consumed === trimmed.length && Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Milliseconds for "500ms", "30s", "10m", "1h30m", "2d"; a number means seconds. Throws on bad input. */
export function parseDuration(text: string | number): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new ImageforgeError(`invalid duration ${JSON.stringify(text)}: use ${DURATION_EXAMPLES}`, {
      code: ErrorCode.ConfigInvalid,
      category: 'config',
      hint: `write durations like ${DURATION_EXAMPLES}`,
    });
  }
  return ms;
}
