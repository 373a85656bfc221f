// Byte sizes as people write them in cache policies: "10GB", "512MiB", "1.5G", or a number of bytes.
// Decimal units (kB, MB, GB, TB) are powers of 1000, binary ones (KiB, MiB, GiB, TiB) of 1024 — as
// docker and BuildKit print them.

const UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

export function tryParseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!match?.[1]) return undefined;
  const factor = UNITS[(match[2] ?? 'b').toLowerCase() || 'b'];
  return factor === undefined ? undefined : Math.floor(Number(match[1]) * factor);
}

export function parseSize(value: string | number): number {
  const bytes = tryParseSize(value);
  if (bytes === undefined)
    throw new Error(`invalid size "${value}": use e.g. 10GB, 512MiB or a number of bytes`);
  return bytes;
}
