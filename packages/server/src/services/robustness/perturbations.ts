import type { DatasetRow } from '../../domain/dataset.js';

/** A seeded uniform [0, 1) generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A small built-in synonym list (both directions), for label-preserving word swaps. */
export const SYNONYMS: Readonly<Record<string, string>> = {
  good: 'great',
  great: 'good',
  bad: 'poor',
  poor: 'bad',
  big: 'large',
  large: 'big',
  small: 'little',
  little: 'small',
  quick: 'fast',
  fast: 'quick',
  happy: 'glad',
  glad: 'happy',
  buy: 'purchase',
  purchase: 'buy',
  help: 'assist',
  assist: 'help',
  problem: 'issue',
  issue: 'problem',
  start: 'begin',
  begin: 'start',
  answer: 'reply',
  reply: 'answer',
  error: 'fault',
  fault: 'error',
};

export const TEXT_PERTURBATIONS = ['typos', 'casing', 'whitespace', 'synonyms'] as const;
export const NUMERIC_PERTURBATIONS = ['noise', 'missing'] as const;
export type PerturbationName = (typeof TEXT_PERTURBATIONS)[number] | (typeof NUMERIC_PERTURBATIONS)[number];

/** Swaps two adjacent letters in about one word in five (at least one word when there is one). */
export function typos(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (w.length >= 3 ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const forced = candidates[Math.floor(random() * candidates.length)] as number;
  return words
    .map((w, i) => {
      if (w.length < 3 || (i !== forced && random() >= 0.2)) return w;
      const j = Math.floor(random() * (w.length - 1));
      return w.slice(0, j) + (w[j + 1] as string) + (w[j] as string) + w.slice(j + 2);
    })
    .join(' ');
}

/** Upper-, lower- or title-cases the whole text (chosen at random). */
export function casing(text: string, random: () => number): string {
  const r = random();
  if (r < 1 / 3) return text.toUpperCase();
  if (r < 2 / 3) return text.toLowerCase();
  return text.replace(/\b(\p{L})(\p{L}*)/gu, (_m, a: string, b: string) => a.toUpperCase() + b.toLowerCase());
}

/** Doubles some spaces and adds leading/trailing white space. */
export function whitespace(text: string, random: () => number): string {
  return `  ${text.replace(/ /g, () => (random() < 0.3 ? '   ' : ' '))}\t`;
}

/** Replaces words found in SYNONYMS (keeping an initial capital). */
export function synonyms(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => {
    const s = SYNONYMS[w.toLowerCase()];
    if (s === undefined) return w;
    return w[0] === (w[0] as string).toUpperCase() ? (s[0] as string).toUpperCase() + s.slice(1) : s;
  });
}

/** Standard normal draw (Box–Muller) from a uniform generator. */
function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The rows with one perturbation applied to `columns`, seeded: the same seed gives the same rows.
 * Text: typos, casing, whitespace, synonyms. Numeric: `noise` (x · (1 + N(0, noise²))) and
 * `missing` (a share `missingRate` of values set to null). Other columns are unchanged.
 */
export function perturbRows(
  rows: readonly DatasetRow[],
  perturbation: PerturbationName,
  columns: readonly string[],
  seed: number,
  options: { readonly noise?: number; readonly missingRate?: number } = {},
): DatasetRow[] {
  const random = seededRandom(seed);
  return rows.map((row) => {
    const out: Record<string, number | string | boolean | null> = { ...row };
    for (const c of columns) {
      const v = row[c];
      if (perturbation === 'missing') {
        if (random() < (options.missingRate ?? 0.1)) out[c] = null;
      } else if (perturbation === 'noise') {
        if (typeof v === 'number') out[c] = v * (1 + (options.noise ?? 0.05) * normal(random));
      } else if (typeof v === 'string') {
        out[c] =
          perturbation === 'typos'
            ? typos(v, random)
            : perturbation === 'casing'
              ? casing(v, random)
              : perturbation === 'whitespace'
                ? whitespace(v, random)
                : synonyms(v);
      }
    }
    return out;
  });
}
