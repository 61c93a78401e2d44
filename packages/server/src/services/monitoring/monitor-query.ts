import { MonitorQueryInputSchema, type MonitorResult } from '../../domain/monitor.js';
import type { Store } from '../../storage/store.js';
import { MonitoringError } from './monitoring-error.js';
import { zodIssueError } from './zod-issue-error.js';

/** Default window of a monitor listing without `from`: the 24 hours before `to`. */
export const DEFAULT_MONITOR_QUERY_MS = 24 * 3_600_000;
/** Default most results of a listing. */
export const DEFAULT_MONITOR_QUERY_LIMIT = 1_000;

/** A time query parameter: epoch milliseconds or an ISO-8601 date-time with a time zone. */
function timeParameter(name: string, value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : /T.*(Z|[+-]\d\d:\d\d)$/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new MonitoringError(
      'invalid',
      `${name}: expected epoch milliseconds or an ISO-8601 date-time with a time zone (got ${JSON.stringify(value)})`,
      name,
    );
  }
  return ms;
}

/**
 * `GET /v1/monitors`: the project's monitor history. The query (strings, as in a URL) selects a
 * model, version, monitor (a name, or a prefix ending in `*`), segment (`key=value`, or empty for
 * whole-model results) and the window [from, to) on the results' `at` (default: the 24 hours
 * before now), at most `limit` results (default 1 000, at most 100 000), the most recent, oldest
 * first.
 * @throws {MonitoringError} 'invalid' naming the parameter.
 */
export async function listMonitors(
  store: Store,
  projectId: string,
  query: unknown,
  now: number,
): Promise<{ readonly from: number; readonly to: number; readonly results: readonly MonitorResult[] }> {
  const parsed = MonitorQueryInputSchema.safeParse(query ?? {}, { reportInput: true });
  if (!parsed.success) throw zodIssueError(parsed.error, 'query');
  const q = parsed.data;
  const to = q.to === undefined ? now : timeParameter('to', q.to);
  const from = q.from === undefined ? to - DEFAULT_MONITOR_QUERY_MS : timeParameter('from', q.from);
  if (from > to) {
    throw new MonitoringError('invalid', `from: expected a time ≤ to (got from ${from} > to ${to})`, 'from');
  }
  const results = await store.listMonitorResults(projectId, {
    ...(q.model === undefined ? {} : { model: q.model }),
    ...(q.version === undefined ? {} : { version: q.version }),
    ...(q.monitor === undefined ? {} : { monitor: q.monitor }),
    ...(q.segment === undefined ? {} : { segment: q.segment }),
    from,
    to,
    limit: q.limit ?? DEFAULT_MONITOR_QUERY_LIMIT,
  });
  return { from, to, results };
}
