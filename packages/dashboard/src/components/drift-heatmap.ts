import { formatNumber, formatTime } from '../format.js';
import type { DriftGrid } from '../state/drift-grid.js';
import { el } from './dom.js';

/** PSI bands of the colour scale (the usual reading of PSI: < 0.1 stable, 0.1–0.25 moderate, > 0.25 major). */
const BANDS: readonly (readonly [number, string, string])[] = [
  [0.1, 'heat-0', 'stable'],
  [0.25, 'heat-1', 'moderate'],
  [Number.POSITIVE_INFINITY, 'heat-2', 'major'],
];

function band(value: number | null): readonly [number, string, string] | undefined {
  if (value === null) return undefined;
  return BANDS.find(([limit]) => value < limit);
}

/**
 * The drift heat-map: a table of features (rows) × time (columns). A cell's colour is its PSI band
 * and its marker the monitor status (✕ alert, ! warn), so neither depends on colour alone; every
 * cell is described for screen readers and on hover.
 */
export function driftHeatmap(grid: DriftGrid, caption: string): HTMLElement {
  const labelEvery = Math.max(1, Math.ceil(grid.starts.length / 8));
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
            el('th', { scope: 'col', class: 'heat-time' }, i % labelEvery === 0 ? formatTime(t) : srTime(t)),
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
                return el('td', { class: 'heat-none', title: `${feature} ${formatTime(t)}: no result` });
              const b = band(cell.value);
              const text = `${feature} at ${formatTime(t)}: PSI ${formatNumber(cell.value)} (${b?.[2] ?? 'skipped'}), status ${cell.status}`;
              return el(
                'td',
                {
                  class: `${b?.[1] ?? 'heat-skip'} status-${cell.status}`,
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
      'PSI: ',
      el('span', { class: 'swatch heat-0' }),
      ' < 0.1 stable  ',
      el('span', { class: 'swatch heat-1' }),
      ' 0.1–0.25 moderate  ',
      el('span', { class: 'swatch heat-2' }),
      ' ≥ 0.25 major; ✕ the drift test fired (alert), ! warning.',
    ),
  );
}

function srTime(t: number): HTMLElement {
  return el('span', { class: 'sr-only' }, formatTime(t));
}
