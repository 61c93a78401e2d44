/** Exponential backoff parameters; the defaults are the protocol's. */
export interface BackoffOptions {
  /** Upper bound of the first retry's delay (ms). Default 200. */
  baseMs?: number;
  /** Largest upper bound of any delay (ms). Default 30 000. */
  capMs?: number;
}

export const DEFAULT_BACKOFF_BASE_MS = 200;
export const DEFAULT_BACKOFF_CAP_MS = 30_000;

/**
 * The delay before retry number `retry` (1 for the first retry): exponential backoff with "full
 * jitter", `random() · min(cap, base · 2^(retry−1))`, so delays are uniform on
 * [0, min(cap, base · 2^(retry−1))) and many clients that failed together do not retry together.
 * See Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog (2015).
 * @example backoffDelay(3, () => 0.5) // 0.5 · 800 = 400
 */
export function backoffDelay(retry: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  // 2^(retry-1) overflows to Infinity for huge retry counts; min() then yields the cap.
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return unit * ceiling;
}
