import { formatNumber, formatTime } from '../format.js';
import type { DriftGrid } from '../state/drift-grid.js';
import { el } from './dom.js';

/** Cell classes and words per monitor status (the drift test's decision for the column). */
const STATUS_CLASS: Readonly<Record<string, readonly [string, string]>> = {
  ok: ['heat-0', 'no drift'],
  warn: ['heat-1', 'warning'],
  alert: ['heat-2', 'drift'],
  skipped: ['heat-skip', 'skipped'],
};

/**
 * The drift heat-map: a table of features (rows) × time (columns). A cell's colour is the drift
 * test's decision (the column's own test, Evidently's choice: Wasserstein, Jensen–Shannon, KS, …)
 * and it is marked too (✕ drift, ! warning), so the reading never depends on colour alone; the PSI
 * (comparable across features) and status are described for screen readers and on hover.
 */
export function driftHeatmap(grid: DriftGrid, caption: string): HTMLElement {
  const labelEvery = Math.max(1, Math.ceil(grid.starts.length / 8));
  const seconds = grid.bucketMs < 60_000;
  const time = (t: number) => formatTime(t, Date.now(), seconds);
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'heatmap' },
      el('caption', { class: 'sr-only' }, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Feature'),
          ...grid.starts.map((t, i) =>
            el(
              'th',
              { scope: 'col', class: 'heat-time' },
              i % labelEvery === 0 ? time(t) : el('span', { class: 'sr-only' }, time(t)),
            ),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...grid.features.map((feature, r) =>
          el(
            'tr',
            { 'data-feature': feature },
            el('th', { scope: 'row' }, feature),
            ...grid.starts.map((t, c) => {
              const cell = grid.cells[r]?.[c];
              if (cell === undefined)
                return el('td', { class: 'heat-none', title: `${feature} ${time(t)}: no result` });
              const [cls, word] = STATUS_CLASS[cell.status] ?? ['heat-skip', cell.status];
              const text = `${feature} at ${time(t)}: ${word}, PSI ${formatNumber(cell.value)}`;
              return el(
                'td',
                {
                  class: cls,
                  title: text,
                  'data-status': cell.status,
                  'data-value': cell.value ?? '',
                },
                el(
                  'span',
                  { 'aria-hidden': 'true' },
                  cell.status === 'alert' ? '✕' : cell.status === 'warn' ? '!' : '',
                ),
                el('span', { class: 'sr-only' }, text),
              );
            }),
          ),
        ),
      ),
    ),
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'swatch heat-0' }),
      ' no drift  ',
      el('span', { class: 'swatch heat-1' }),
      ' ! warning  ',
      el('span', { class: 'swatch heat-2' }),
      ' ✕ drift (the column’s test fired)  ',
      el('span', { class: 'swatch heat-skip' }),
      ' skipped. Hover or read a cell for its PSI.',
    ),
  );
}
