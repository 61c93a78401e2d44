import type { z } from 'zod';
import { RegistryError } from './registry-error.js';

/** The value at a zod issue path of `input`, for the error message. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Parses `input` with `schema`, or throws a RegistryError `invalid` naming the first bad field,
 * what was expected and what was received.
 */
export function parseRegistryInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? what : issue.path.map(String).join('.');
  const got = issue === undefined ? input : valueAt(input, issue.path);
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 200);
  throw new RegistryError('invalid', `${what}: ${field}: ${issue?.message ?? 'invalid'} (got ${shown})`, field);
}
