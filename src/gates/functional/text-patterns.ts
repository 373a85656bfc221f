// How a pattern from imageforge.yaml is matched. Outputs, bodies and file contents span many lines,
// so `^` and `$` match at line boundaries there (the `m` flag); single values match as a whole.

/** For file contents, stdout, stderr and HTTP bodies. */
export function matchesText(pattern: string, text: string): boolean {
  return new RegExp(pattern, 'm').test(text);
}

/** For one log line or one header value. */
export function matchesValue(pattern: string, value: string): boolean {
  return new RegExp(pattern).test(value);
}
