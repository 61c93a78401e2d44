import { z } from 'zod';
import { LIMITS } from './limits.js';

/**
 * A point in time as it arrives on the wire: an ISO-8601 string with a time zone
 * (`2026-11-22T10:00:00Z`, `…+01:00`) or epoch milliseconds. Parsed to epoch milliseconds; the
 * range check against the server clock (`LIMITS.futureSkewMs`) happens in `checkTimestamp`,
 * because a schema has no clock.
 */
export const TimestampSchema = z.union([
  z.number().int('expected integer epoch milliseconds').nonnegative(),
  z.iso
    .datetime({ offset: true, message: 'expected an ISO-8601 date-time with a time zone' })
    .transform((s) => Date.parse(s)),
]);

/** Why `ms` is not an acceptable event time at server time `nowMs`, or undefined when it is. */
export function timestampProblem(ms: number, nowMs: number): string | undefined {
  if (ms < LIMITS.earliestTimestampMs)
    return `expected a time on or after 2000-01-01T00:00:00Z, got ${new Date(ms).toISOString()}`;
  if (ms > nowMs + LIMITS.futureSkewMs) {
    const when = Number.isFinite(ms) && ms < 8.64e15 ? new Date(ms).toISOString() : String(ms);
    return `expected a time at most ${LIMITS.futureSkewMs / 60_000} minutes ahead of the server clock, got ${when}`;
  }
  return undefined;
}
