/**
 * A small seeded pseudo-random generator for the demo simulator: mulberry32 (Tommy Ettinger's
 * 32-bit generator, period 2³²), plus the few distributions the simulator draws from. Not for
 * statistics or security — it only has to be fast, portable and reproducible under a seed.
 */
export class SeededRandom {
  private state: number;
  private spareNormal: number | undefined;

  /** `seed` is reduced to 32 bits; equal seeds give equal sequences. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform double in [0, 1) with 32 random bits. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform double in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** Uniform integer in [0, n) for a positive integer n. */
  index(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.index(items.length)] as T;
  }

  /** An element chosen with probability proportional to its weight (weights ≥ 0, positive sum). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let u = this.uniform() * total;
    for (const [item, w] of items) {
      u -= w;
      if (u < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal by the Box–Muller transform (the second value of each pair is kept). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log(u1) is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return mean + sd * r * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with the given median and log-scale standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Logit-normal in (0, 1): sigmoid(logit(center) + N(0, spread²)), a bounded score around `center`. */
  logitNormal(center: number, spread: number): number {
    const logit = Math.log(center / (1 - center));
    return 1 / (1 + Math.exp(-(logit + this.normal(0, spread))));
  }

  /** A new generator whose seed is drawn from this one, for an independent stream. */
  fork(): SeededRandom {
    return new SeededRandom(Math.floor(this.uniform() * 4294967296));
  }
}
