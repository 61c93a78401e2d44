import type { z } from 'zod';
import { describeZodIssues } from '../../domain/zod-issues.js';
import { AlertingError } from './alerting-error.js';

/**
 * Parses `value` with `schema`, or throws an `invalid` AlertingError naming the first bad field,
 * the expectation and the value received (every issue is listed in the message).
 */
export function parseAlertingInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { message, field } = describeZodIssues(parsed.error.issues, what);
  throw new AlertingError('invalid', message, field);
}
