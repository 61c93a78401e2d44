import { el } from './dom.js';

export type Tone = 'ok' | 'warn' | 'alert' | 'neutral';

export interface Stat {
  readonly label: string;
  readonly value: string;
  /** A line under the value (comparison, window). */
  readonly hint?: string | undefined;
  readonly tone?: Tone;
}

/** Big-number tiles; the tone is shown by a border and a word, never by colour alone. */
export function statTiles(stats: readonly Stat[]): HTMLElement {
  return el(
    'dl',
    { class: 'tiles' },
    ...stats.map((s) =>
      el(
        'div',
        { class: `tile tone-${s.tone ?? 'neutral'}` },
        el('dt', {}, s.label),
        el(
          'dd',
          {},
          el('span', { class: 'tile-value' }, s.value),
          s.tone === undefined || s.tone === 'neutral' ? null : el('span', { class: `badge tone-${s.tone}` }, s.tone),
          s.hint === undefined ? null : el('span', { class: 'tile-hint' }, s.hint),
        ),
      ),
    ),
  );
}

/** A status word in a coloured badge. */
export function badge(text: string, tone: Tone): HTMLSpanElement {
  return el('span', { class: `badge tone-${tone}` }, text);
}
