import type { z } from 'zod';
import { AlertingError } from './alerting-error.js';

/**
 * Parses `value` with `schema`, or throws an `invalid` AlertingError naming the first bad field,
 * the expectation and the value received (every issue is listed in the message).
 */
export function parseAlertingInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = issues.map((issue) => {
    const path = [what, ...issue.path.map(String)].join('.');
    const got = 'input' in issue && issue.input !== undefined ? ` (got ${received(issue.input)})` : '';
    return `${path}: ${issue.message}${issue.message.includes('(got ') ? '' : got}`;
  });
  const first = issues[0];
  throw new AlertingError(
    'invalid',
    lines.join('; '),
    first === undefined ? what : [what, ...first.path.map(String)].join('.'),
  );
}

function received(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
