import type { z } from 'zod';
import { describeZodIssues } from '../../domain/zod-issues.js';
import { ExperimentServiceError } from './experiment-service-error.js';

/**
 * Parses `value` with `schema`, or throws an `invalid` ExperimentServiceError naming the first
 * bad field, the expectation and the value received (every issue is listed in the message).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const { message, field } = describeZodIssues(parsed.error.issues, what);
  throw new ExperimentServiceError('invalid', message, field);
}
