import type { ErrorType, EventOutput, EventTokens, InferenceEventInput } from './records.js';

/** The event fields a wrapped call does not measure itself: model, version, variant, segment, … */
export type WrapEventFields = Omit<InferenceEventInput, 'latencyMs' | 'status' | 'errorType' | 'output' | 'tokens'>;

/** How `wrap` describes each call of the wrapped function. */
export interface WrapDescription<A extends unknown[], R> {
  /** Fixed fields, or a function of the call's arguments (to take a request id or segment from them). */
  event: WrapEventFields | ((...args: A) => WrapEventFields);
  /** Maps a result to the event's output (label, probabilities, text, …). Default: no output. */
  output?: (result: R, ...args: A) => EventOutput;
  /** Maps a result to token counts. */
  tokens?: (result: R, ...args: A) => EventTokens;
  /** Classifies a thrown error. Default `defaultErrorType`: 'timeout' for timeouts, else 'internal'. */
  classifyError?: (error: unknown) => ErrorType;
}

/**
 * The error type of a failed model call when no classifier is given: `'timeout'` for errors that
 * name a timeout (`TimeoutError`, `ETIMEDOUT`, undici's `UND_ERR_*_TIMEOUT`, "timed out" in the
 * message), `'internal'` for everything else.
 */
export function defaultErrorType(error: unknown): ErrorType {
  if (typeof error !== 'object' || error === null) return 'internal';
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'TimeoutError') return 'timeout';
  if (typeof code === 'string' && (code === 'ETIMEDOUT' || /^UND_ERR_.*TIMEOUT$/.test(code))) return 'timeout';
  if (typeof message === 'string' && /\btime(d)?[ -]?out\b/i.test(message)) return 'timeout';
  return 'internal';
}

/**
 * Wraps `fn` so each call is timed with the monotonic clock and logged as one inference event
 * (status ok, or error with its type); the result is returned and errors are rethrown unchanged.
 * A failing describer or classifier never changes what the caller sees.
 */
export function wrapModelCall<A extends unknown[], R>(
  log: (event: InferenceEventInput) => string,
  monotonicNow: () => number,
  fn: (...args: A) => R | Promise<R>,
  describe: WrapDescription<A, R>,
): (...args: A) => Promise<R> {
  const fields = (args: A): WrapEventFields =>
    typeof describe.event === 'function' ? describe.event(...args) : describe.event;
  return async (...args: A): Promise<R> => {
    const started = monotonicNow();
    let result: R;
    try {
      result = await fn(...args);
    } catch (error) {
      const latencyMs = Math.max(0, monotonicNow() - started);
      try {
        let errorType: ErrorType = 'internal';
        try {
          errorType = (describe.classifyError ?? defaultErrorType)(error);
        } catch {
          // A throwing classifier leaves the default type.
        }
        log({ ...fields(args), latencyMs, status: 'error', errorType });
      } catch {
        // Logging must not replace the caller's error.
      }
      throw error;
    }
    const latencyMs = Math.max(0, monotonicNow() - started);
    let event: InferenceEventInput;
    try {
      event = { ...fields(args), latencyMs, status: 'ok' };
    } catch {
      return result; // Without model and version there is no event to log.
    }
    try {
      if (describe.output !== undefined) event.output = describe.output(result, ...args);
    } catch {
      // A failing mapper leaves the output out; it must not fail a call that succeeded.
    }
    try {
      if (describe.tokens !== undefined) event.tokens = describe.tokens(result, ...args);
    } catch {
      // As above.
    }
    log(event);
    return result;
  };
}
