import { DatasetError } from './dataset-error.js';

export interface StratifiedSampleOptions {
  /**
   * `proportional` (default): each stratum gets its share of `size` (largest-remainder rounding,
   * ties to the larger stratum, then the first seen); `equal`: `size` split evenly, the remainder
   * to the first strata in order of appearance (a stratum smaller than its share gives all its rows
   * and the rest is redistributed).
   */
  readonly allocation?: 'proportional' | 'equal';
  /** Every non-empty stratum gets at least this many rows (or all of its rows when fewer). Default 0. */
  readonly minPerStratum?: number;
  /** Seed of the generator (default 0): the same seed gives the same sample. */
  readonly seed?: number;
}

export interface StratifiedSampleResult {
  /** Row indices of the sample, ascending. */
  readonly indices: readonly number[];
  /** Per stratum, in order of first appearance: its size and how many rows were drawn. */
  readonly strata: readonly { readonly stratum: string; readonly size: number; readonly drawn: number }[];
  readonly seed: number;
}

/** mulberry32: a small, fast 32-bit generator; plenty for shuffling label queues. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stratified random sample of `size` rows without replacement, for building label queues and
 * smaller evaluation sets that keep every slice represented. `strata[i]` is row i's stratum (e.g.
 * its label or segment). Within a stratum rows are drawn by a seeded partial Fisher–Yates shuffle.
 * Pure and deterministic: the same input and seed give the same indices.
 * @throws {DatasetError} `invalid` for a size that is not an integer in [0, strata.length], or a
 *   bad minPerStratum / seed.
 * @example stratifiedSample(['a', 'a', 'a', 'b'], 2, { seed: 1 }).strata // [{ stratum: 'a', size: 3, drawn: 1 }, { stratum: 'b', size: 1, drawn: 1 }]
 */
export function stratifiedSample(
  strata: readonly string[],
  size: number,
  options: StratifiedSampleOptions = {},
): StratifiedSampleResult {
  const n = strata.length;
  if (!Number.isInteger(size) || size < 0 || size > n) {
    throw new DatasetError('invalid', `stratifiedSample: size must be an integer in [0, ${n}] (got ${size})`, 'size');
  }
  const minPer = options.minPerStratum ?? 0;
  if (!Number.isInteger(minPer) || minPer < 0) {
    throw new DatasetError(
      'invalid',
      `stratifiedSample: options.minPerStratum must be an integer >= 0 (got ${minPer})`,
      'minPerStratum',
    );
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw new DatasetError('invalid', `stratifiedSample: options.seed must be an integer (got ${seed})`, 'seed');
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata[i] as string;
    const g = groups.get(s);
    if (g === undefined) groups.set(s, [i]);
    else g.push(i);
  }
  const names = [...groups.keys()];
  const sizes = names.map((s) => (groups.get(s) as number[]).length);
  const quota = allocate(sizes, size, options.allocation ?? 'proportional', minPer);
  const random = generator(seed);
  const indices: number[] = [];
  names.forEach((_s, g) => {
    const rows = [...(groups.get(names[g] as string) as number[])];
    const k = quota[g] as number;
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (rows.length - i));
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
      indices.push(rows[i] as number);
    }
  });
  indices.sort((a, b) => a - b);
  return {
    indices,
    strata: names.map((stratum, g) => ({ stratum, size: sizes[g] as number, drawn: quota[g] as number })),
    seed,
  };
}

/** Rows per stratum summing to `size` (each ≤ its stratum's size). */
function allocate(
  sizes: readonly number[],
  size: number,
  allocation: 'proportional' | 'equal',
  minPer: number,
): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((s) => Math.min(s, minPer));
  let left = size - quota.reduce((a, b) => a + b, 0);
  if (left < 0) {
    throw new DatasetError(
      'invalid',
      `stratifiedSample: size ${size} is smaller than minPerStratum ${minPer} over ${sizes.length} strata (needs ${size - left})`,
      'size',
    );
  }
  if (allocation === 'proportional') {
    const ideal = sizes.map((s) => (total === 0 ? 0 : (s * size) / total));
    const base = ideal.map((x, g) => Math.min(sizes[g] as number, Math.max(quota[g] as number, Math.floor(x))));
    left = size - base.reduce((a, b) => a + b, 0);
    const order = ideal
      .map((x, g) => ({ g, r: x - Math.floor(x), s: sizes[g] as number }))
      .sort((a, b) => b.r - a.r || b.s - a.s || a.g - b.g);
    for (let g = 0; g < base.length; g++) quota[g] = base[g] as number;
    // Largest remainders first; rows a capped stratum cannot take go round again.
    while (left > 0) {
      let moved = false;
      for (const { g } of order) {
        if (left === 0) break;
        if ((quota[g] as number) < (sizes[g] as number)) {
          quota[g] = (quota[g] as number) + 1;
          left--;
          moved = true;
        }
      }
      if (!moved) break;
    }
    // With minPerStratum, the floor may already exceed size: take back from the largest quotas.
    while (left < 0) {
      let g = 0;
      for (let h = 1; h < quota.length; h++) {
        if ((quota[h] as number) - minPer > (quota[g] as number) - minPer) g = h;
      }
      quota[g] = (quota[g] as number) - 1;
      left++;
    }
    return quota;
  }
  while (left > 0) {
    const open = quota.map((q, g) => (q < (sizes[g] as number) ? g : -1)).filter((g) => g >= 0);
    if (open.length === 0) break;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const g of open) {
      if (left === 0) break;
      const take = Math.min(share, (sizes[g] as number) - (quota[g] as number), left);
      quota[g] = (quota[g] as number) + take;
      left -= take;
    }
  }
  return quota;
}
