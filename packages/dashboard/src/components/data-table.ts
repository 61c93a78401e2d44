import { el } from './dom.js';

export interface Column<R> {
  readonly header: string;
  readonly cell: (row: R) => Node | string;
  /** Right-align (numbers). */
  readonly numeric?: boolean;
}

/** A table with a caption (read by screen readers) and header cells scoped to columns. */
export function dataTable<R>(caption: string, columns: readonly Column<R>[], rows: readonly R[]): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', { class: 'sr-only' }, caption),
      el(
        'thead',
        {},
        el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.header))),
      ),
      el(
        'tbody',
        {},
        ...rows.map((r) =>
          el('tr', {}, ...columns.map((c) => el('td', { class: c.numeric ? 'num' : undefined }, c.cell(r)))),
        ),
      ),
    ),
  );
}
