// docker and buildx print `--format json` listings as one JSON object per line; this reads them,
// validating each line and skipping what is not an object of the expected shape.
import type { z } from 'zod';

export function parseJsonLines<T extends z.ZodType>(stdout: string, schema: T): Array<z.output<T>> {
  const items: Array<z.output<T>> = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
  }
  return items;
}
