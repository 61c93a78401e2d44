import { el } from './dom.js';

/** One bin or category: its label and the counts of the baseline and of the window. */
export interface ComparedBin {
  readonly label: string;
  readonly baseline: number;
  readonly window: number;
}

const percent = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.01 ? 2 : 1)} %`;

/**
 * Two distributions side by side as a table: each row is a bin (or a category) with the
 * baseline's share and the window's share, each a bar and its number, so a shift is read from the
 * numbers, not guessed from lengths. Bars scale to the largest share of either side.
 */
export function distributionCompare(caption: string, bins: readonly ComparedBin[]): HTMLElement {
  const baselineTotal = bins.reduce((a, b) => a + b.baseline, 0);
  const windowTotal = bins.reduce((a, b) => a + b.window, 0);
  const share = (n: number, total: number) => (total === 0 ? 0 : n / total);
  const max = Math.max(...bins.map((b) => Math.max(share(b.baseline, baselineTotal), share(b.window, windowTotal))), 0);
  const cell = (value: number, kind: 'baseline' | 'window') =>
    el(
      'td',
      { class: 'dist-cell' },
      // The grid lives in a wrapper: a cell that is itself a grid is no table cell any more, and the
      // table then stacks both shares in one squeezed column.
      el(
        'span',
        { class: 'dist-bar' },
        el(
          'span',
          { class: 'bar-track', 'aria-hidden': 'true' },
          el('span', {
            class: `bar-fill dist-${kind}`,
            style: `width:${max > 0 ? Math.max(value > 0 ? 0.5 : 0, (100 * value) / max) : 0}%`,
          }),
        ),
        el('span', { class: 'bar-value' }, percent(value)),
      ),
    );
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'dist-compare' },
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'bin'),
          el('th', { scope: 'col' }, 'baseline share'),
          el('th', { scope: 'col' }, 'window share'),
        ),
      ),
      el(
        'tbody',
        {},
        ...bins.map((b) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, b.label),
            cell(share(b.baseline, baselineTotal), 'baseline'),
            cell(share(b.window, windowTotal), 'window'),
          ),
        ),
      ),
    ),
  );
}
