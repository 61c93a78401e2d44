import { AlertingError } from './alerting-error.js';

/** Bounded exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export interface RetryPolicy {
  /** Attempts, the first included (≥ 1). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** How a delivery ended. */
export interface DeliveryResult {
  readonly ok: boolean;
  readonly attempts: number;
  /** The last error's message (when ok, the last retried error, if any). */
  readonly error?: string;
}

export interface DeliveryOptions {
  /** Uniform [0, 1) (default Math.random); tests inject a seeded one. */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each failed attempt (metrics, logs). */
  readonly onAttemptFailed?: (attempt: number, error: AlertingError) => void;
}

/** The wait before attempt `attempt + 1` (attempt ≥ 1): uniform in [0, min(max, base · 2^(attempt − 1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * Calls `attempt` until it resolves, a non-retryable error is thrown, or `policy.maxAttempts`
 * attempts have failed, waiting `backoffDelay` between attempts. Never throws: the result says
 * how it ended, so the caller can persist and count a failure.
 */
export async function deliverWithRetry(
  attempt: (n: number) => Promise<void>,
  policy: RetryPolicy,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last: string | undefined;
  for (let n = 1; ; n++) {
    try {
      await attempt(n);
      return last === undefined ? { ok: true, attempts: n } : { ok: true, attempts: n, error: last };
    } catch (err) {
      const e =
        err instanceof AlertingError
          ? err
          : new AlertingError('notifier', err instanceof Error ? err.message : String(err), undefined, false);
      last = e.message;
      options.onAttemptFailed?.(n, e);
      if (!e.retryable || n >= policy.maxAttempts) return { ok: false, attempts: n, error: last };
      await sleep(backoffDelay(policy, n, random));
    }
  }
}
