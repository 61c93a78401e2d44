/**
 * The dashboard's state in the URL fragment, so a link reproduces what is on screen:
 * `#/<view>?range=1h&model=…&version=…&variant=…&segment.<key>=<value>&refresh=30&experiment=…&event=…`.
 * An absolute window replaces `range` with `from` and `to` (epoch milliseconds). The fragment never
 * reaches the server, which keeps the login key (`#key=…`, see session-key.ts) out of its logs.
 */

export const VIEWS = ['executive', 'oncall', 'debug', 'experiments', 'models'] as const;
export type ViewName = (typeof VIEWS)[number];

export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  executive: 'Executive',
  oncall: 'On-call',
  debug: 'Debug',
  experiments: 'Experiments',
  models: 'Models',
};

/** Relative windows ending now. */
export const RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
export type RangeName = (typeof RANGES)[number];

/** Auto-refresh periods in seconds (0 = off). */
export const REFRESH_PERIODS = [0, 10, 30, 60, 300] as const;

export const DEFAULT_RANGE: RangeName = '1h';
export const DEFAULT_REFRESH = 30;

export interface DashboardState {
  readonly view: ViewName;
  /** A relative window, or an absolute one. */
  readonly range: RangeName | { readonly from: number; readonly to: number };
  readonly model?: string;
  readonly version?: string;
  readonly variant?: string;
  /** Segment equality filters, key → value. */
  readonly segment: Readonly<Record<string, string>>;
  /** Auto-refresh period in seconds; 0 turns it off. */
  readonly refresh: number;
  /** The experiment shown by the experiments view. */
  readonly experiment?: string;
  /** The request id drilled into (debug view). */
  readonly event?: string;
}

export const DEFAULT_STATE: DashboardState = {
  view: 'executive',
  range: DEFAULT_RANGE,
  segment: {},
  refresh: DEFAULT_REFRESH,
};

const SEGMENT_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function isView(s: string): s is ViewName {
  return (VIEWS as readonly string[]).includes(s);
}

function isRange(s: string): s is RangeName {
  return (RANGES as readonly string[]).includes(s);
}

/**
 * The state a fragment describes. Unknown views, ranges and parameters fall back to the defaults
 * (a stale or hand-edited link still opens the dashboard).
 */
export function parseDashboardHash(hash: string): DashboardState {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = text.indexOf('?');
  const path = (q < 0 ? text : text.slice(0, q)).replace(/^\/+/, '');
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const view = isView(path) ? path : DEFAULT_STATE.view;

  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const rangeParam = params.get('range') ?? '';
  const range: DashboardState['range'] =
    params.has('from') && params.has('to') && Number.isSafeInteger(from) && Number.isSafeInteger(to) && from < to
      ? { from, to }
      : isRange(rangeParam)
        ? rangeParam
        : DEFAULT_RANGE;

  const refreshParam = params.get('refresh');
  const refresh =
    refreshParam !== null && (REFRESH_PERIODS as readonly number[]).includes(Number(refreshParam))
      ? Number(refreshParam)
      : DEFAULT_REFRESH;

  const segment: Record<string, string> = {};
  for (const [k, v] of params) {
    if (!k.startsWith('segment.')) continue;
    const key = k.slice('segment.'.length);
    if (SEGMENT_KEY.test(key) && v !== '') segment[key] = v;
  }
  const text1 = (name: string): string | undefined => {
    const v = params.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const model = text1('model');
  const version = text1('version');
  const variant = text1('variant');
  const experiment = text1('experiment');
  const event = text1('event');
  return {
    view,
    range,
    segment,
    refresh,
    ...(model === undefined ? {} : { model }),
    ...(version === undefined ? {} : { version }),
    ...(variant === undefined ? {} : { variant }),
    ...(experiment === undefined ? {} : { experiment }),
    ...(event === undefined ? {} : { event }),
  };
}

/** The fragment of a state (`#/view?…`), parameters in a fixed order, defaults left out. */
export function formatDashboardHash(state: DashboardState): string {
  const params = new URLSearchParams();
  if (typeof state.range === 'string') {
    if (state.range !== DEFAULT_RANGE) params.set('range', state.range);
  } else {
    params.set('from', String(state.range.from));
    params.set('to', String(state.range.to));
  }
  if (state.model !== undefined) params.set('model', state.model);
  if (state.version !== undefined) params.set('version', state.version);
  if (state.variant !== undefined) params.set('variant', state.variant);
  for (const key of Object.keys(state.segment).sort()) params.set(`segment.${key}`, state.segment[key] as string);
  if (state.refresh !== DEFAULT_REFRESH) params.set('refresh', String(state.refresh));
  if (state.experiment !== undefined) params.set('experiment', state.experiment);
  if (state.event !== undefined) params.set('event', state.event);
  const query = params.toString();
  return `#/${state.view}${query === '' ? '' : `?${query}`}`;
}

/** A change of state; an `undefined` value removes that filter. */
export type StatePatch = { readonly [K in keyof DashboardState]?: DashboardState[K] | undefined };

/** `state` with `patch` applied (undefined values remove optional fields). */
export function applyPatch(state: DashboardState, patch: StatePatch): DashboardState {
  const next: Record<string, unknown> = { ...state };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next as unknown as DashboardState;
}

/** The query parameters of the server's event filter (`model`, `version`, `variant`, `segment.*`). */
export function filterParams(state: DashboardState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.model !== undefined) out.model = state.model;
  if (state.version !== undefined) out.version = state.version;
  if (state.variant !== undefined) out.variant = state.variant;
  for (const [k, v] of Object.entries(state.segment)) out[`segment.${k}`] = v;
  return out;
}
