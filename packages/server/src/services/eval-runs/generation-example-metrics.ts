import type { RunExample } from './eval-run.js';
import { corpusBleuOf, meanAt, PER_EXAMPLE_TEXT_METRICS } from './generation-metrics.js';

/** A metric of generation examples computed on a subset of them (row indices); NaN where undefined. */
export interface ExampleMetric {
  readonly name: string;
  readonly higherIsBetter: boolean;
  readonly compute: (rows: ArrayLike<number>) => number;
}

function namesOf(examples: readonly RunExample[], key: 'checks' | 'judge'): string[] {
  const names = new Set<string>();
  for (const e of examples) for (const k of Object.keys(e[key] ?? {})) names.add(k);
  return [...names];
}

/** Mean of `value(i)` over the rows where it is defined; NaN when it is nowhere. */
function definedMean(rows: ArrayLike<number>, value: (i: number) => number | undefined): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = value(rows[k] as number);
    if (v !== undefined) {
      s += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

/**
 * The metrics of generation examples that have an output, as functions of a subset of them, by
 * the names runs, comparisons and gates use: the text metrics (when the examples have references),
 * `check.<name>.pass_rate`, `judge.<rubric>.mean` and `.pass_rate` (score ≥ `passScore`, over the
 * judged examples) and `cost_usd_per_example` (when every example has a cost). Pass the same
 * example order to compare two runs row by row.
 */
export function exampleMetrics(
  examples: readonly RunExample[],
  options: { readonly passScore: number; readonly textNames?: readonly string[] },
): ExampleMetric[] {
  const out: ExampleMetric[] = [];
  const withScores = examples.length > 0 && examples.every((e) => e.scores !== undefined);
  if (withScores) {
    const wanted = options.textNames;
    if (wanted === undefined || wanted.includes('bleu')) {
      const references = examples.map((e) => [String(e.label)]);
      const outputs = examples.map((e) => String(e.prediction));
      out.push({ name: 'bleu', higherIsBetter: true, compute: (rows) => corpusBleuOf(references, outputs, rows) });
    }
    for (const name of PER_EXAMPLE_TEXT_METRICS) {
      if (wanted !== undefined && !wanted.includes(name)) continue;
      const values = Float64Array.from(examples, (e) => e.scores?.[name] ?? Number.NaN);
      out.push({ name, higherIsBetter: true, compute: (rows) => meanAt(values, rows) });
    }
  }
  for (const check of namesOf(examples, 'checks')) {
    out.push({
      name: `check.${check}.pass_rate`,
      higherIsBetter: true,
      compute: (rows) => {
        const v = examples.map((e) => e.checks?.[check]?.pass);
        return definedMean(rows, (i) => (v[i] === undefined ? undefined : v[i] ? 1 : 0));
      },
    });
  }
  for (const rubric of namesOf(examples, 'judge')) {
    const score = examples.map((e) => {
      const j = e.judge?.[rubric];
      return j !== undefined && 'score' in j ? j.score : undefined;
    });
    out.push({
      name: `judge.${rubric}.mean`,
      higherIsBetter: true,
      compute: (rows) => definedMean(rows, (i) => score[i]),
    });
    out.push({
      name: `judge.${rubric}.pass_rate`,
      higherIsBetter: true,
      compute: (rows) =>
        definedMean(rows, (i) =>
          score[i] === undefined ? undefined : (score[i] as number) >= options.passScore ? 1 : 0,
        ),
    });
  }
  if (examples.length > 0 && examples.every((e) => e.costUsd !== undefined)) {
    const cost = Float64Array.from(examples, (e) => e.costUsd as number);
    out.push({ name: 'cost_usd_per_example', higherIsBetter: false, compute: (rows) => meanAt(cost, rows) });
  }
  return out;
}
