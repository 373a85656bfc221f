// Last line of defence against leaking build secrets: the runner passes everything it shows or stores
// through here with the secret values it injected, even though producers are meant to redact already.

/** Values shorter than this are not redacted: replacing `a` or `on` everywhere would destroy output. */
export const MIN_SECRET_LENGTH = 4;

export const REDACTED = '***';

/**
 * Replaces every occurrence of each known secret value with `***`. Multi-line values (key files) are
 * also redacted line by line, because build output reaches us one line at a time.
 */
export function redactSecrets(text: string, secretValues: readonly string[]): string {
  let redacted = text;
  for (const needle of redactionNeedles(secretValues)) {
    redacted = redacted.split(needle).join(REDACTED);
  }
  return redacted;
}

/** Redacts every string inside a JSON-like value (a report, an event), leaving its shape intact. */
export function redactValue<T>(value: T, secretValues: readonly string[]): T {
  if (redactionNeedles(secretValues).length === 0) return value;
  return redactUnknown(value, secretValues) as T;
}

function redactUnknown(value: unknown, secretValues: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secretValues);
  if (Array.isArray(value)) return value.map((item) => redactUnknown(item, secretValues));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactUnknown(item, secretValues)]),
    );
  }
  return value;
}

/** Longest first, so a secret that contains another is replaced whole. */
function redactionNeedles(secretValues: readonly string[]): string[] {
  const needles = new Set<string>();
  for (const value of secretValues) {
    const candidates = value.includes('\n') ? [value, ...value.split(/\r?\n/).map((l) => l.trim())] : [value];
    for (const candidate of candidates) {
      if (candidate.length >= MIN_SECRET_LENGTH) needles.add(candidate);
    }
  }
  return [...needles].sort((a, b) => b.length - a.length);
}
