// Every duration of a rollup bucket, kept as a sorted int32 little-endian blob so that percentiles
// over any set of buckets stay exact (no histogram approximation) and cost one native sort.
import os from 'node:os';

const LITTLE_ENDIAN = os.endianness() === 'LE';
const MAX_INT32 = 2_147_483_647;

/** Whole milliseconds, clamped to what an int32 holds (about 24 days). */
export function toDurationMs(value: number): number {
  return Math.min(MAX_INT32, Math.max(0, Math.round(value)));
}

export function encodeDurations(values: ArrayLike<number>): Buffer {
  const sorted = Int32Array.from(values, toDurationMs).sort();
  const buffer = Buffer.alloc(sorted.length * 4);
  sorted.forEach((value, index) => buffer.writeInt32LE(value, index * 4));
  return buffer;
}

export function decodeDurations(blob: Uint8Array): Int32Array {
  const count = Math.floor(blob.byteLength / 4);
  if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, count);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return Int32Array.from({ length: count }, (_, index) => view.getInt32(index * 4, true));
}

/** Collects the samples of many buckets into one array (a copy; unsorted across buckets). */
export class DurationCollector {
  private readonly parts: Int32Array[] = [];
  private total = 0;

  add(blob: Uint8Array): void {
    const values = decodeDurations(blob);
    this.parts.push(values);
    this.total += values.length;
  }

  get size(): number {
    return this.total;
  }

  values(): Int32Array {
    const all = new Int32Array(this.total);
    let offset = 0;
    for (const part of this.parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return all;
  }
}
