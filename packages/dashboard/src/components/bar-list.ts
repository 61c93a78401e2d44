import { el } from './dom.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value as shown (default: the number). */
  readonly text?: string;
  readonly tone?: 'ok' | 'warn' | 'alert' | 'neutral';
}

/**
 * Horizontal bars as a list: each row has its label, a bar proportional to the largest value and
 * the value as text, so the numbers are read, not guessed from lengths.
 */
export function barList(label: string, bars: readonly Bar[]): HTMLElement {
  const max = Math.max(...bars.map((b) => b.value), 0);
  return el(
    'ul',
    { class: 'bars', 'aria-label': label },
    ...bars.map((b) =>
      el(
        'li',
        {},
        el('span', { class: 'bar-label' }, b.label),
        el(
          'span',
          { class: 'bar-track', 'aria-hidden': 'true' },
          el('span', {
            class: `bar-fill tone-${b.tone ?? 'neutral'}`,
            style: `width:${max > 0 ? Math.max(0.5, (100 * b.value) / max) : 0}%`,
          }),
        ),
        el('span', { class: 'bar-value' }, b.text ?? String(b.value)),
      ),
    ),
  );
}
