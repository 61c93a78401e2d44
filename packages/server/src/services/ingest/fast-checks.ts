import { LIMITS } from '../../domain/limits.js';
import { TimestampSchema } from '../../domain/timestamp.js';

/*
 * Building blocks of the hand-written validators (fast-inference-event.ts, fast-outcome.ts, fast-feedback.ts, fast-score.ts). Each mirrors
 * one zod schema of src/domain exactly: same accepted values, same output. `undefined` means
 * "not accepted here": the caller then runs zod, which decides and explains. The equivalence is
 * checked by property tests against the schemas (fast-validators.test.ts).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;

/** The ISO-8601 pattern zod compiled for `TimestampSchema` (taken from the schema, so they cannot drift). */
const ISO_DATETIME: RegExp = (() => {
  interface Internals {
    _zod: { def: { options?: Internals[]; in?: Internals }; pattern?: RegExp };
  }
  const options = (TimestampSchema as unknown as Internals)._zod.def.options ?? [];
  for (const o of options) {
    const pattern = o._zod.def.in?._zod.pattern;
    if (pattern instanceof RegExp) return pattern;
  }
  throw new Error('fast-checks: TimestampSchema has no ISO date-time pattern; update fast-checks.ts');
})();

/** `OpaqueIdSchema`: 1–200 characters, no control characters. */
export function isOpaqueId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.idLength && !CONTROL.test(v);
}

/** `NameSchema`: 1–200 characters of letters, digits and `._:/@+-`, starting with a letter or digit. */
export function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.idLength && NAME.test(v);
}

/** `z.number()` (finite) — zod 4 rejects NaN and ±Infinity. */
export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** `z.string().max(n)`. */
export function isStringMax(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** A JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `TimestampSchema` → epoch ms, or undefined. NaN is impossible: the pattern admits only real dates. */
export function timestampOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v === 'string' && ISO_DATETIME.test(v)) return Date.parse(v);
  return undefined;
}

/** The label union of outputs and outcomes: string (1–128), safe integer or boolean → string. */
export function labelOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length >= 1 && v.length <= LIMITS.segmentValueLength ? v : undefined;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The key `__proto__` is an own property after JSON.parse, but assigning it to a fresh object sets
 * the prototype instead; zod's records drop it silently. The fast path leaves such records to zod.
 */
export const PROTO_KEY = '__proto__';
