import type { z } from 'zod';
import { receivedValue } from '../ingest/received-value.js';
import { MonitoringError } from './monitoring-error.js';

/**
 * The first issue of a failed parse (made with `reportInput: true`) as a MonitoringError
 * 'invalid': `<field>: <expectation> (got <value, cut short>)`, with `field` the issue's path
 * (`root` when the issue is about the whole input).
 */
export function zodIssueError(error: z.ZodError, root: string): MonitoringError {
  const issue = error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? root : issue.path.map(String).join('.');
  const got = issue !== undefined && 'input' in issue ? ` (got ${receivedValue(issue.input)})` : '';
  return new MonitoringError('invalid', `${field}: ${issue?.message ?? 'invalid'}${got}`, field);
}
