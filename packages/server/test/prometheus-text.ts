/** One sample of a Prometheus text exposition. */
export interface ExpositionSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The samples of a text exposition (format 0.0.4), comments skipped. Enough for tests of our own
 * output; `promtool check metrics` is the reference validator.
 */
export function parseExposition(text: string): ExpositionSample[] {
  const samples: ExpositionSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (m === null) throw new Error(`parseExposition: not a sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) {
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const raw = m[3] as string;
    const value = raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw);
    samples.push({ name: m[1] as string, labels, value });
  }
  return samples;
}

/** The samples named `name` whose labels include every pair of `match`. */
export function samplesOf(
  samples: readonly ExpositionSample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): ExpositionSample[] {
  return samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The sum of the values of `samplesOf(samples, name, match)`. */
export function sumOf(
  samples: readonly ExpositionSample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): number {
  return samplesOf(samples, name, match).reduce((a, s) => a + s.value, 0);
}
