import type { MonitorResult, MonitorStatus } from '../../domain/monitor.js';

/** The (project, model, version, window) a set of monitor results belongs to. */
export interface MonitorContext {
  readonly projectId: string;
  readonly model: string;
  readonly version: string;
  /** Window start (inclusive), epoch milliseconds. */
  readonly from: number;
  /** Window end (exclusive): the `at` of every result. */
  readonly at: number;
}

/** One monitor result of a context; the window start goes into `details.from`. */
export function monitorResultOf(
  ctx: MonitorContext,
  monitor: string,
  value: number,
  status: Exclude<MonitorStatus, 'skipped'>,
  details: Readonly<Record<string, unknown>> = {},
  segment?: string,
): MonitorResult {
  return {
    projectId: ctx.projectId,
    model: ctx.model,
    version: ctx.version,
    monitor,
    ...(segment === undefined ? {} : { segment }),
    at: ctx.at,
    value,
    status,
    details: { from: ctx.from, ...details },
  };
}

/** A skipped monitor: no value, and the reason in `details.reason`. */
export function skippedResultOf(
  ctx: MonitorContext,
  monitor: string,
  reason: string,
  details: Readonly<Record<string, unknown>> = {},
  segment?: string,
): MonitorResult {
  return {
    projectId: ctx.projectId,
    model: ctx.model,
    version: ctx.version,
    monitor,
    ...(segment === undefined ? {} : { segment }),
    at: ctx.at,
    value: null,
    status: 'skipped',
    details: { from: ctx.from, reason, ...details },
  };
}
