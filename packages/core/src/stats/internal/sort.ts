import { finiteSample, type SampleCheck } from './validate.js';

/**
 * Sorting for hot statistics. V8's `Float64Array.prototype.sort` is roughly ten times slower than
 * numpy's sort on a million doubles, so large inputs go through a radix sort of the raw IEEE-754
 * bit patterns as unsigned integers, moving whole doubles. Unsigned bit order is "+0 … +max, then
 * −0 … −max", which one pass fixes by writing the negatives, reversed, in front of the positives.
 *
 * Most samples are told apart by their high 32 bits (sign, exponent and 20 mantissa bits, a
 * relative resolution of 10⁻⁶), so the sort first orders by the high word only (two LSD passes of
 * 16 bits, each skipped when its digit is the same for every value), then orders each run of equal
 * high words by the low word: insertion sort for short runs, the built-in sort for medium ones,
 * the full four-pass LSD sort (its two high passes then skipped) for long ones — and no run pass
 * at all when every low word is equal (small integers, float32-derived values). The result is
 * the bit order of a full four-pass LSD sort of the 64 bits, at about half the passes on
 * continuous data; a sorted copy is written straight from the input (no copy first).
 * Hand-written because no maintained npm package sorts typed arrays by their bits; property tests
 * check it against the built-in sort, and bench/stats measures it. Values must not be NaN (callers
 * validate first; NaNs sort by their bits); −0 sorts before +0.
 */

/** Below this length the built-in sort is faster. */
const RADIX_THRESHOLD = 2048;
const BUCKETS = 1 << 16;
/** Runs of equal high words up to this length are insertion-sorted by their low word. */
const INSERTION_RUN = 16;
/** Runs of equal high words from this length on get the full LSD sort. */
const LOW_RADIX_RUN = 4096;

/** Returns a sorted copy of `x` in ascending order. The input is not modified. */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  if (x instanceof Float64Array && x.length >= RADIX_THRESHOLD) return radixSortInto(x, new Float64Array(x.length));
  const out = Float64Array.from(x);
  sortInPlace(out);
  return out;
}

/**
 * A validated, sorted copy of a sample: `finiteSample` (same checks, errors and NaN handling)
 * followed by `sortInPlace`. A Float64Array whose values are all finite skips the
 * element-by-element copy of `finiteSample` (the sort reads it directly), which matters at 10⁶
 * values.
 */
export function sortedFiniteSample(x: ArrayLike<number>, check: SampleCheck): Float64Array {
  if (x instanceof Float64Array && x.length >= (check.minLength ?? 1)) {
    let finite = true;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      if (v - v !== 0) {
        finite = false;
        break;
      }
    }
    if (finite) return sortedCopy(x);
  }
  return sortInPlace(finiteSample(x, check));
}

/** Sorts `a` ascending in place and returns it. */
export function sortInPlace(a: Float64Array): Float64Array {
  if (a.length < RADIX_THRESHOLD) return a.sort();
  return radixSortInto(a, a);
}

/** Scratch buffers up to this many doubles are kept for the next sort (one per thread). */
const SPARE_MAX = 1 << 22;
let spare: Float64Array | undefined;

/**
 * A scratch buffer of n doubles (contents undefined). Sorts of columns one after another reuse one
 * buffer instead of allocating (and the OS zeroing) megabytes per sort; a sort uses it only
 * between its own passes, never across calls, so reuse is safe (no sort calls another's caller).
 */
function spareBuffer(n: number): Float64Array {
  if (n > SPARE_MAX) return new Float64Array(n);
  if (spare === undefined || spare.length < n) spare = new Float64Array(Math.max(n, spare?.length ?? 0));
  return spare.subarray(0, n);
}

function wordsOf(a: Float64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
}

/** One scatter pass: stable counting sort of `src` into `dst` by a 16-bit digit of the high word. */
function scatterHigh(src: Float64Array, dst: Float64Array, offsets: Uint32Array, base: number, shift: number): void {
  const n = src.length;
  const words = wordsOf(src);
  for (let i = 0; i < n; i++) {
    const digit = base + (((words[2 * i + 1] as number) >>> shift) & 0xffff);
    const pos = offsets[digit] as number;
    offsets[digit] = pos + 1;
    dst[pos] = src[i] as number;
  }
}

/**
 * Writes the values of `src` into `out` (the same array or one of the same length) in ascending
 * bit order and returns `out`; `src` is left unchanged when it is not `out`.
 */
function radixSortInto(src: Float64Array, out: Float64Array): Float64Array {
  const n = src.length;
  const srcWords = wordsOf(src);
  const counts = new Uint32Array(2 * BUCKETS);
  const low0 = srcWords[0] as number;
  let lowDiffers = 0;
  for (let i = 0; i < n; i++) {
    const hi = srcWords[2 * i + 1] as number;
    lowDiffers |= (srcWords[2 * i] as number) ^ low0;
    (counts[hi & 0xffff] as number)++;
    (counts[BUCKETS + (hi >>> 16)] as number)++;
  }
  // Negative values have the sign bit, i.e. top digit ≥ 0x8000.
  let negatives = 0;
  for (let d = BUCKETS + 0x8000; d < 2 * BUCKETS; d++) negatives += counts[d] as number;
  const high0 = srcWords[1] as number;
  const passes: number[] = [];
  for (let p = 0; p < 2; p++) {
    if (counts[p * BUCKETS + ((high0 >>> (16 * p)) & 0xffff)] !== n) passes.push(p);
  }

  let tmp: Float64Array | undefined;
  const scratch = (): Float64Array => {
    tmp ??= spareBuffer(n);
    return tmp;
  };
  // The last pass should land where the sign fix reads from: a buffer other than `out` when there
  // are negatives, `out` otherwise. In place, the passes alternate scratch, out.
  let cur = src;
  for (let k = 0; k < passes.length; k++) {
    const p = passes[k] as number;
    let dst: Float64Array;
    if (src === out) dst = k % 2 === 0 ? scratch() : out;
    else {
      const last = (passes.length - k) % 2 === 1; // lands where the last pass lands
      dst = last === negatives > 0 ? scratch() : out;
    }
    const base = p * BUCKETS;
    let sum = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    scatterHigh(cur, dst, counts, base, 16 * p);
    cur = dst;
  }
  // cur holds "+0 … +max, −0 … −max" by high word. Put the negatives, reversed, first.
  if (negatives > 0) {
    if (cur === out) {
      const t = scratch();
      t.set(out);
      cur = t;
    }
    for (let k = 0; k < negatives; k++) out[k] = cur[n - 1 - k] as number;
    out.set(cur.subarray(0, n - negatives), negatives);
  } else if (cur !== out) {
    out.set(cur);
  }
  if (lowDiffers !== 0) sortLowWordRuns(out);
  return out;
}

/**
 * Orders every run of equal high words of `a` (sorted by high word, sign fixed) by the low word:
 * ascending bit order for positive runs, descending for negative ones (larger magnitude first).
 * Values of different high words are already in numeric order, so a descent a[i] < a[i − 1] can
 * only happen inside a run: one predictable comparison per value finds the runs that need work,
 * and only those are sorted (on continuous data most runs hold one or two values, already in order).
 */
function sortLowWordRuns(a: Float64Array): void {
  const n = a.length;
  const words = wordsOf(a);
  let i = 1;
  while (i < n) {
    if (!((a[i] as number) < (a[i - 1] as number))) {
      i++;
      continue;
    }
    const high = words[2 * i + 1] as number;
    let start = i - 1;
    while (start > 0 && words[2 * (start - 1) + 1] === high) start--;
    let end = i + 1;
    while (end < n && words[2 * end + 1] === high) end++;
    if (end - start <= INSERTION_RUN) insertionByLowWord(a, words, start, end, high >>> 31 === 1);
    else if (end - start < LOW_RADIX_RUN) {
      // Values of one sign and high word: their numeric order is the low word's (descending
      // for negatives), so the built-in sort applies.
      a.subarray(start, end).sort();
    } else {
      sortByAllBits(a.subarray(start, end));
    }
    i = end;
  }
}

/** Insertion sort of a[start, end) by the low word, ascending (descending when `negative`). */
function insertionByLowWord(a: Float64Array, words: Uint32Array, start: number, end: number, negative: boolean) {
  for (let i = start + 1; i < end; i++) {
    const v = a[i] as number;
    const key = words[2 * i] as number;
    let j = i - 1;
    if (negative) {
      while (j >= start && (words[2 * j] as number) < key) {
        a[j + 1] = a[j] as number;
        j--;
      }
    } else {
      while (j >= start && (words[2 * j] as number) > key) {
        a[j + 1] = a[j] as number;
        j--;
      }
    }
    a[j + 1] = v;
  }
}

/** One scatter pass of the full sort: stable counting sort by a 16-bit digit of either word. */
function scatter(
  src: Float64Array,
  srcWords: Uint32Array,
  dst: Float64Array,
  offsets: Uint32Array,
  base: number,
  word: number,
  shift: number,
): void {
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const digit = base + (((srcWords[2 * i + word] as number) >>> shift) & 0xffff);
    const pos = offsets[digit] as number;
    offsets[digit] = pos + 1;
    dst[pos] = src[i] as number;
  }
}

/**
 * LSD radix sort of all 64 bits in place: four 16-bit passes, each skipped when its digit is the
 * same for every value, then the sign fix. Used for long runs of equal high words, where the two
 * high passes are skipped.
 */
function sortByAllBits(a: Float64Array): Float64Array {
  const n = a.length;
  const aWords = wordsOf(a);
  const counts = new Uint32Array(4 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const lo = aWords[2 * i] as number;
    const hi = aWords[2 * i + 1] as number;
    (counts[lo & 0xffff] as number)++;
    (counts[BUCKETS + (lo >>> 16)] as number)++;
    (counts[2 * BUCKETS + (hi & 0xffff)] as number)++;
    (counts[3 * BUCKETS + (hi >>> 16)] as number)++;
  }
  let negatives = 0;
  for (let d = 0x8000; d < BUCKETS; d++) negatives += counts[3 * BUCKETS + d] as number;

  const tmp = spareBuffer(n);
  const tmpWords = wordsOf(tmp);
  let src: Float64Array = a;
  let srcWords: Uint32Array = aWords;
  let dst: Float64Array = tmp;
  let dstWords: Uint32Array = tmpWords;
  for (let p = 0; p < 4; p++) {
    const base = p * BUCKETS;
    const word = p >> 1;
    const shift = (p & 1) * 16;
    const first = ((srcWords[word] as number) >>> shift) & 0xffff;
    if (counts[base + first] === n) continue; // every value has this digit
    let sum = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    scatter(src, srcWords, dst, counts, base, word, shift);
    const t = src;
    src = dst;
    dst = t;
    const tw = srcWords;
    srcWords = dstWords;
    dstWords = tw;
  }
  const positives = n - negatives;
  if (negatives === 0) {
    if (src !== a) a.set(src);
    return a;
  }
  if (src === a) {
    tmp.set(a);
    src = tmp;
  }
  for (let k = 0; k < negatives; k++) a[k] = src[n - 1 - k] as number;
  a.set(src.subarray(0, positives), negatives);
  return a;
}

/** Average ranks (1-based, ties get the mean of their ranks) as scipy.stats.rankdata 'average'. */
export interface AverageRanks {
  readonly ranks: Float64Array;
  /** Sizes of every tie group with more than one member. */
  readonly tieSizes: readonly number[];
}

/** Average ranks of `values` in input order, with the sizes of the tie groups. */
export function averageRanks(values: Float64Array): AverageRanks {
  const n = values.length;
  const order = argsort(values);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i] as number] as number;
    while (j < n && values[order[j] as number] === v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k] as number] = rank;
    if (j - i > 1) tieSizes.push(j - i);
    i = j;
  }
  return { ranks, tieSizes };
}

/** Indices that sort `values` ascending (stable for equal values). */
export function argsort(values: Float64Array): Uint32Array {
  const n = values.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < RADIX_THRESHOLD) {
    return idx.sort((p, q) => (values[p] as number) - (values[q] as number) || p - q);
  }
  // Sort (value, index) pairs by packing: sort a copy of the values, then place indices by
  // walking each value's run. Stable because runs are filled in index order.
  const sorted = sortedCopy(values);
  // Map each distinct value to its first slot via binary search, then fill in index order.
  const next = new Map<number, number>();
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let pos = next.get(v);
    if (pos === undefined) pos = lowerBound(sorted, v);
    out[pos] = i;
    next.set(v, pos + 1);
  }
  return out;
}

/** First index i with a[i] >= v in a sorted array (a.length if none). */
export function lowerBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] > v in a sorted array (a.length if none). */
export function upperBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
