import type { z } from 'zod';

/** A failed parse, described for an error: every issue on one line, and the first bad field. */
export interface ZodIssuesDescription {
  /** `what.path: expectation (got value)` for every issue, joined by `; `. */
  readonly message: string;
  /** The dotted path of the first issue, prefixed with `what` (`what` alone for a whole-input issue). */
  readonly field: string;
}

/**
 * Describes the issues of a parse made with `reportInput: true`, naming each field, the
 * expectation and the value received (cut to 80 characters). One place for the services that
 * turn a zod failure into their own error type (alerting, experiments).
 */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], what: string): ZodIssuesDescription {
  const lines = issues.map((issue) => {
    const path = [what, ...issue.path.map(String)].join('.');
    const got = 'input' in issue && issue.input !== undefined ? ` (got ${receivedText(issue.input)})` : '';
    return `${path}: ${issue.message}${issue.message.includes('(got ') ? '' : got}`;
  });
  const first = issues[0];
  return { message: lines.join('; '), field: first === undefined ? what : [what, ...first.path.map(String)].join('.') };
}

function receivedText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
