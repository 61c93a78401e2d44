import type { ApiClient } from '../api/api-client.js';
import type { MonitorRow } from '../state/drift-grid.js';
import type { TimeWindow } from '../state/time-range.js';
import { type DashboardState, filterParams, type StatePatch } from '../state/url-state.js';

/** What a view gets: the API, the state from the URL, the window it selects, and navigation. */
export interface ViewContext {
  readonly api: ApiClient;
  readonly state: DashboardState;
  readonly window: TimeWindow;
  readonly now: number;
  /** Changes the URL state (and re-renders). */
  navigate(patch: StatePatch): void;
}

/** A view draws its panels into `root` and fills them as their data arrives. */
export type View = (root: HTMLElement, ctx: ViewContext) => Promise<void>;

/** Query parameters of the window and the filters, plus `extra`. */
export function queryParams(
  ctx: ViewContext,
  extra: Readonly<Record<string, string | number | undefined>> = {},
): Record<string, string | number | undefined> {
  return { from: ctx.window.from, to: ctx.window.to, ...filterParams(ctx.state), ...extra };
}

/**
 * Monitor query parameters: whole-model results (`segment=`) of the window, for the model and version
 * filters (`/v1/monitors` has no variant filter); `monitor` is a name or a prefix ending in `*`.
 */
export function monitorParams(
  ctx: ViewContext,
  monitor?: string,
  extra: Readonly<Record<string, string | number | undefined>> = {},
): Record<string, string | number | undefined> {
  return {
    from: ctx.window.from,
    to: ctx.window.to,
    monitor,
    segment: '',
    model: ctx.state.model,
    version: ctx.state.version,
    limit: 100_000,
    ...extra,
  };
}

/** The latest result per (model, version, monitor) among whole-model results. */
export function latestResults(rows: readonly MonitorRow[]): MonitorRow[] {
  const latest = new Map<string, MonitorRow>();
  for (const r of rows) {
    if (r.segment !== undefined) continue;
    const key = `${r.model}\u0000${r.version}\u0000${r.monitor}`;
    const prev = latest.get(key);
    if (prev === undefined || r.at >= prev.at) latest.set(key, r);
  }
  return [...latest.values()];
}
