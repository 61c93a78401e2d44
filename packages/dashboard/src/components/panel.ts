import type { ApiResult } from '../api/api-client.js';
import { el } from './dom.js';

/** A dashboard panel: a titled region whose body is filled when its data arrives. */
export interface Panel {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  /** Replaces the body with content; the first time any panel does, marks the first meaningful render. */
  show(...content: readonly (Node | null | undefined)[]): void;
  /** The panel's data is unavailable (a route the server lacks, or an error), said visibly. */
  unavailable(message: string): void;
  /** There is no data in the window. */
  empty(message: string): void;
}

export const FIRST_DATA_MARK = 'mw:first-data-panel';
let firstRendered = false;

/** Forgets the first-render mark (a new view load measures its own). */
export function resetFirstRender(): void {
  firstRendered = false;
}

let idCounter = 0;

/**
 * A panel titled `title`. `id` is a stable name (`data-panel`, used by the tests and the URL of a
 * panel); `size` makes it span two columns (`wide`) or the full row (`full`).
 */
export function panel(id: string, title: string, options: { size?: 'wide' | 'full'; note?: string } = {}): Panel {
  const headingId = `panel-h-${++idCounter}`;
  const body = el('div', { class: 'panel-body' }, el('p', { class: 'muted' }, 'Loading…'));
  const root = el(
    'section',
    {
      class: `panel${options.size === undefined ? '' : ` panel-${options.size}`}`,
      'data-panel': id,
      'data-state': 'loading',
      'aria-labelledby': headingId,
      'aria-busy': 'true',
    },
    el('h2', { id: headingId }, title),
    options.note === undefined ? null : el('p', { class: 'panel-note' }, options.note),
    body,
  );
  const set = (state: string, nodes: readonly Node[]) => {
    body.replaceChildren(...nodes);
    root.dataset.state = state;
    root.removeAttribute('aria-busy');
  };
  return {
    root,
    body,
    show: (...content) => {
      set(
        'ready',
        content.filter((c): c is Node => c !== null && c !== undefined),
      );
      if (!firstRendered) {
        firstRendered = true;
        performance.mark(FIRST_DATA_MARK);
      }
    },
    unavailable: (message) =>
      set('unavailable', [el('p', { class: 'unavailable', role: 'note' }, `Not available: ${message}`)]),
    empty: (message) => set('empty', [el('p', { class: 'muted' }, message)]),
  };
}

/** Renders a result into a panel: `render(data)` when it came, else the reason it did not. */
export function fill<T>(p: Panel, result: ApiResult<T>, render: (data: T) => void): void {
  if (result.ok) {
    try {
      render(result.data);
    } catch (err) {
      p.unavailable(`could not render: ${(err as Error).message}`);
    }
  } else p.unavailable(result.message);
}
