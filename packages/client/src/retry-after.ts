/**
 * The delay in milliseconds a `Retry-After` header asks for: delay-seconds (`"2"`, `"0.5"`) or an
 * HTTP-date (RFC 9110 §10.2.3), measured from `nowMs`. Undefined when the header is absent or
 * unparseable, so the caller falls back to its own backoff. A date in the past means "now" (0).
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (!/[A-Za-z]/.test(value)) return undefined; // "-3", "1e3": neither form
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
