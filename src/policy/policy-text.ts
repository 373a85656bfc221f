// Turns anything thrown by a caller-supplied function into one line for a finding's message.
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
