import { ApiClient } from './api/api-client.js';
import type { ModelVersionSummary, Slices } from './api/api-types.js';
import { forgetKey, storedKey, storeKey } from './auth/session-key.js';
import { el } from './components/dom.js';
import { resetFirstRender } from './components/panel.js';
import { formatTime } from './format.js';
import { windowOf } from './state/time-range.js';
import {
  applyPatch,
  type DashboardState,
  formatDashboardHash,
  parseDashboardHash,
  RANGES,
  REFRESH_PERIODS,
  type StatePatch,
  VIEW_TITLES,
  VIEWS,
  type ViewName,
} from './state/url-state.js';
import { debugView } from './views/debug-view.js';
import { executiveView } from './views/executive-view.js';
import { experimentsView } from './views/experiments-view.js';
import { modelsView } from './views/models-view.js';
import { oncallView } from './views/oncall-view.js';
import type { View } from './views/view-context.js';

const VIEW_IMPLS: Readonly<Record<ViewName, View>> = {
  executive: executiveView,
  oncall: oncallView,
  debug: debugView,
  experiments: experimentsView,
  models: modelsView,
};

const VARIANTS = ['production', 'control', 'treatment', 'canary', 'shadow'] as const;

/** The login form: asks for a read key, keeps it in sessionStorage. */
function renderLogin(app: HTMLElement, message: string | undefined, onKey: (key: string) => void): void {
  const input = el('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'api-key-help',
  });
  const form = el(
    'form',
    { class: 'login', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, 'modelwatch'),
    el('label', { for: 'api-key' }, 'API key (read scope)'),
    input,
    el(
      'p',
      { id: 'api-key-help', class: 'muted' },
      'Kept in this tab only (sessionStorage) and sent as a bearer token.',
    ),
    message === undefined ? null : el('p', { class: 'error', role: 'alert' }, message),
    el('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = input.value.trim();
    if (key !== '') onKey(key);
  });
  app.replaceChildren(form);
  input.focus();
}

/** The dashboard: header (views, filters), the active view, auto-refresh, all driven by the URL fragment. */
export class AppShell {
  #api: ApiClient | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  #modelOptions: readonly ModelVersionSummary[] = [];
  #segmentOptions: readonly { key: string; value: string }[] = [];

  constructor(private readonly app: HTMLElement) {}

  start(): void {
    window.addEventListener('hashchange', () => void this.render());
    const key = storedKey();
    if (key === undefined) this.login();
    else this.signIn(key);
  }

  private login(message?: string): void {
    clearTimeout(this.#timer);
    this.#api = undefined;
    renderLogin(this.app, message, (key) => {
      storeKey(key);
      this.signIn(key);
    });
  }

  private signIn(key: string): void {
    this.#api = new ApiClient(key, () => {
      forgetKey();
      this.login('The server refused this key (401). Sign in with a read key of the project.');
    });
    void this.render();
  }

  private state(): DashboardState {
    return parseDashboardHash(location.hash);
  }

  navigate(patch: StatePatch): void {
    location.hash = formatDashboardHash(applyPatch(this.state(), patch));
  }

  /** Draws the whole page for the URL state; a newer render cancels what an older one would draw. */
  async render(): Promise<void> {
    const api = this.#api;
    if (api === undefined) return;
    const generation = ++this.#generation;
    clearTimeout(this.#timer);
    const state = this.state();
    const canonical = formatDashboardHash(state);
    if (location.hash !== canonical) history.replaceState(null, '', canonical);
    const now = Date.now();
    const window = windowOf(state, now);
    resetFirstRender();

    const content = el('main', { id: 'content', tabindex: '-1', class: 'grid', 'aria-live': 'off' });
    const status = el('p', { class: 'refresh-status', 'aria-live': 'polite' }, `Updating…`);
    this.app.replaceChildren(this.header(state), this.filters(state, status), content);
    document.title = `${VIEW_TITLES[state.view]} — modelwatch`;

    const options = this.loadOptions(api, window);
    await VIEW_IMPLS[state.view](content, { api, state, window, now, navigate: (p) => this.navigate(p) });
    if (generation !== this.#generation) return;
    await options;
    status.textContent = `Updated ${formatTime(Date.now())}, window ${formatTime(window.from)}–${formatTime(window.to)}${
      state.refresh > 0 ? `; refreshing every ${state.refresh} s` : ''
    }.`;
    if (state.refresh > 0) {
      this.#timer = setTimeout(() => {
        // Do not redraw under a reader who is using a drill-down dialog.
        if (document.querySelector('dialog[open]') === null) void this.render();
        else this.#timer = setTimeout(() => void this.render(), state.refresh * 1000);
      }, state.refresh * 1000);
    }
  }

  /** Filter choices: model versions seen and segment values with traffic in the window (aggregates). */
  private async loadOptions(api: ApiClient, window: { from: number; to: number }): Promise<void> {
    const [models, slices] = await Promise.all([
      api.get<{ models: readonly ModelVersionSummary[] }>('/v1/query/models', window),
      api.get<Slices>('/v1/query/slices', { ...window, minCount: 1, limit: 200 }),
    ]);
    const changed =
      (models.ok && models.data.models.length !== this.#modelOptions.length) ||
      (slices.ok && slices.data.slices.length !== this.#segmentOptions.length);
    if (models.ok) this.#modelOptions = models.data.models;
    if (slices.ok) this.#segmentOptions = slices.data.slices.map((s) => ({ key: s.key, value: s.value }));
    if (changed) this.refreshFilterOptions();
  }

  private header(state: DashboardState): HTMLElement {
    return el(
      'header',
      { class: 'top' },
      el('a', { class: 'skip-link', href: '#content', onclick: skipToContent }, 'Skip to content'),
      el('span', { class: 'brand' }, 'modelwatch'),
      el(
        'nav',
        { 'aria-label': 'Views' },
        el(
          'ul',
          {},
          ...VIEWS.map((v) =>
            el(
              'li',
              {},
              el(
                'a',
                {
                  href: formatDashboardHash(applyPatch(state, { view: v, event: undefined })),
                  'aria-current': v === state.view ? 'page' : undefined,
                },
                VIEW_TITLES[v],
              ),
            ),
          ),
        ),
      ),
      el(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () => {
            forgetKey();
            this.login('Signed out.');
          },
        },
        'Sign out',
      ),
    );
  }

  #filterForm: HTMLFormElement | undefined;

  private filters(state: DashboardState, status: HTMLElement): HTMLElement {
    const select = (id: string, label: string, options: readonly (readonly [string, string])[], value: string) =>
      el(
        'div',
        { class: 'field' },
        el('label', { for: id }, label),
        el(
          'select',
          { id, name: id },
          ...options.map(([v, text]) => el('option', { value: v, selected: v === value }, text)),
        ),
      );
    const segmentValue = Object.entries(state.segment)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const form = el(
      'form',
      { class: 'filters', 'aria-label': 'Filters' },
      select(
        'f-range',
        'Time range',
        [
          ...RANGES.map((r) => [r, `Last ${r}`] as const),
          ...(typeof state.range === 'string'
            ? []
            : [['custom', `${formatTime(state.range.from)}–${formatTime(state.range.to)}`] as const]),
        ],
        typeof state.range === 'string' ? state.range : 'custom',
      ),
      select('f-model', 'Model', [['', 'All models'], ...this.modelChoices(state)], state.model ?? ''),
      select('f-version', 'Version', [['', 'All versions'], ...this.versionChoices(state)], state.version ?? ''),
      select(
        'f-variant',
        'Variant',
        [['', 'All variants'], ...VARIANTS.map((v) => [v, v] as const)],
        state.variant ?? '',
      ),
      select('f-segment', 'Segment', [['', 'All segments'], ...this.segmentChoices(state)], segmentValue),
      select(
        'f-refresh',
        'Auto-refresh',
        REFRESH_PERIODS.map((p) => [String(p), p === 0 ? 'Off' : `Every ${p} s`] as const),
        String(state.refresh),
      ),
      status,
    );
    form.addEventListener('change', () => {
      const data = new FormData(form);
      const value = (name: string) => {
        const v = data.get(name);
        return typeof v === 'string' && v !== '' ? v : undefined;
      };
      const range = value('f-range');
      const segment: Record<string, string> = {};
      for (const pair of (value('f-segment') ?? '').split('&')) {
        const i = pair.indexOf('=');
        if (i > 0) segment[pair.slice(0, i)] = pair.slice(i + 1);
      }
      const current = this.state();
      const model = value('f-model');
      this.navigate({
        range: range === undefined || range === 'custom' ? current.range : (range as DashboardState['range']),
        model,
        // A version belongs to a model: a new model clears it.
        version: model !== current.model ? undefined : value('f-version'),
        variant: value('f-variant'),
        segment,
        refresh: Number(value('f-refresh') ?? 0),
      });
    });
    this.#filterForm = form;
    return form;
  }

  /** Updates the model, version and segment choices in place (keeps focus and selection). */
  private refreshFilterOptions(): void {
    const form = this.#filterForm;
    if (form === undefined) return;
    const state = this.state();
    const update = (id: string, first: string, choices: readonly (readonly [string, string])[], value: string) => {
      const sel = form.querySelector<HTMLSelectElement>(`#${id}`);
      if (sel === null) return;
      sel.replaceChildren(
        ...[['', first] as const, ...choices].map(([v, t]) => el('option', { value: v, selected: v === value }, t)),
      );
    };
    update('f-model', 'All models', this.modelChoices(state), state.model ?? '');
    update('f-version', 'All versions', this.versionChoices(state), state.version ?? '');
    update(
      'f-segment',
      'All segments',
      this.segmentChoices(state),
      Object.entries(state.segment)
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    );
  }

  private modelChoices(state: DashboardState): (readonly [string, string])[] {
    const names = new Set(this.#modelOptions.map((m) => m.model));
    if (state.model !== undefined) names.add(state.model);
    return [...names].sort().map((n) => [n, n] as const);
  }

  private versionChoices(state: DashboardState): (readonly [string, string])[] {
    const versions = new Set(
      this.#modelOptions.filter((m) => state.model === undefined || m.model === state.model).map((m) => m.version),
    );
    if (state.version !== undefined) versions.add(state.version);
    return [...versions].sort().map((v) => [v, v] as const);
  }

  private segmentChoices(state: DashboardState): (readonly [string, string])[] {
    const pairs = new Set(this.#segmentOptions.map((s) => `${s.key}=${s.value}`));
    const current = Object.entries(state.segment)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    if (current !== '') pairs.add(current);
    return [...pairs].sort().map((p) => [p, p.replaceAll('&', ', ')] as const);
  }
}

function skipToContent(ev: Event): void {
  ev.preventDefault();
  document.getElementById('content')?.focus();
}
