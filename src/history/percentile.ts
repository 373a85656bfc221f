// Percentiles with PostgreSQL's percentile_cont semantics (linear interpolation between the two
// nearest ranks), so `p50` means the same whichever database holds the history.

/**
 * percentile_cont(p) of the values (ms), rounded to the microsecond so that float noise
 * (0.95 * 3 = 2.8499…) does not leak into reports; 0 for none. Reorders `values` in place.
 */
export function percentileCont(values: Int32Array | number[], p: number): number {
  const count = values.length;
  if (count === 0) return 0;
  const position = Math.min(1, Math.max(0, p)) * (count - 1);
  const lowerIndex = Math.floor(position);
  const lower = select(values, lowerIndex);
  if (position === lowerIndex) return lower;
  // after select, everything right of lowerIndex is >= lower: the next rank is their minimum
  let upper = Infinity;
  for (let index = lowerIndex + 1; index < count; index++) upper = Math.min(upper, values[index] ?? upper);
  return Math.round((lower + (upper - lower) * (position - lowerIndex)) * 1000) / 1000;
}

/** The k-th smallest value (0-based), Hoare quickselect with median-of-three pivots. */
function select(values: Int32Array | number[], k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = medianOfThree(values, left, (left + right) >> 1, right);
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k] ?? 0;
}

function medianOfThree(values: Int32Array | number[], a: number, b: number, c: number): number {
  const x = values[a] ?? 0;
  const y = values[b] ?? 0;
  const z = values[c] ?? 0;
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

function swap(values: Int32Array | number[], i: number, j: number): void {
  const held = values[i] ?? 0;
  values[i] = values[j] ?? 0;
  values[j] = held;
}
