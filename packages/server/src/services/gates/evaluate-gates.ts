import type { GateCondition, GateConditionResult, GateOperator, GateReport } from '../../domain/gate.js';
import { compareRuns, type RunComparison } from '../eval-runs/compare-runs.js';
import type { EvalRun, RunExample } from '../eval-runs/eval-run.js';
import { higherIsBetter } from '../eval-runs/run-metrics.js';

/** A baseline run with its examples, or why there is none (e.g. no production version yet). */
export type GateBaselineRun =
  | { readonly run: EvalRun; readonly examples: readonly RunExample[] }
  | { readonly missing: string };

export interface EvaluateGatesInput {
  readonly conditions: readonly GateCondition[];
  readonly gates: string;
  readonly run: EvalRun;
  readonly examples: readonly RunExample[];
  /** Resolves a condition's baseline (called once per distinct baseline). */
  readonly baseline: (
    condition: GateCondition & { kind: 'metric_regression' | 'slice_regression' },
  ) => Promise<GateBaselineRun>;
  readonly now?: number;
}

const COMPARE: Readonly<Record<GateOperator, (a: number, b: number) => boolean>> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
};

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : Number(x.toPrecision(4)).toString();
}

/**
 * The default metric of slice regressions: accuracy (classification), MAE (regression), ROUGE-L
 * (generation with references) or, without references, the first check's pass rate or judge mean.
 */
function defaultMetric(run: EvalRun): string {
  if (run.task === 'classification') return 'accuracy';
  if (run.task === 'regression') return 'mae';
  if (run.metrics.rouge_l !== undefined) return 'rouge_l';
  return (
    Object.keys(run.metrics).find((k) => k.startsWith('check.') || /^judge\.[a-z0-9_]+\.mean$/.test(k)) ?? 'rouge_l'
  );
}

/**
 * Evaluates every condition on a run. A threshold fails when the metric is missing or NaN (a gate
 * that cannot be measured does not pass). A regression condition compares with its baseline run
 * (paired by example; see compareRuns) and is `skipped` — not failed — when there is no baseline
 * yet (the first version of a model has no production run to regress against). The report passes
 * when no condition failed.
 */
export async function evaluateGates(input: EvaluateGatesInput): Promise<GateReport> {
  const { run } = input;
  const comparisons = new Map<string, RunComparison | { missing: string }>();
  let baselineRunId: string | undefined;
  const compareWith = async (
    c: GateCondition & { kind: 'metric_regression' | 'slice_regression' },
    minSlice: number,
  ) => {
    const key = `${c.baseline.kind === 'run' ? c.baseline.runId : 'production'}:${minSlice}`;
    const known = comparisons.get(key);
    if (known !== undefined) return known;
    const b = await input.baseline(c);
    const result =
      'missing' in b
        ? b
        : compareRuns(b.run, b.examples, run, input.examples, {
            resamples: 1000,
            confidenceLevel: run.confidenceLevel,
            seed: 0,
            minSliceSize: minSlice,
          });
    if (!('missing' in b)) baselineRunId = b.run.runId;
    comparisons.set(key, result);
    return result;
  };

  const results: GateConditionResult[] = [];
  for (const c of input.conditions) {
    const base = {
      condition: c.source.text,
      line: c.source.line,
      ...(c.source.name === undefined ? {} : { name: c.source.name }),
    };
    if (c.kind === 'threshold') {
      const value = run.metrics[c.metric]?.value;
      if (value === undefined || Number.isNaN(value)) {
        results.push({
          ...base,
          status: 'failed',
          detail: `${c.metric} was not measured by run ${run.runId} (measured: ${Object.keys(run.metrics).join(', ')})`,
        });
        continue;
      }
      const ok = COMPARE[c.operator](value, c.value);
      results.push({
        ...base,
        status: ok ? 'passed' : 'failed',
        actual: value,
        detail: `${c.metric} = ${fmt(value)}${ok ? '' : `, needs ${c.operator} ${fmt(c.value)}`}`,
      });
      continue;
    }
    const cmp = await compareWith(c, c.kind === 'slice_regression' ? c.minExamples : 1);
    if ('missing' in cmp) {
      results.push({ ...base, status: 'skipped', detail: `no baseline: ${cmp.missing}` });
      continue;
    }
    const against = `${cmp.baseline.model} ${cmp.baseline.version} (run ${cmp.baseline.runId})`;
    if (c.kind === 'metric_regression') {
      const d = cmp.metrics.find((m) => m.metric === c.metric);
      if (d === undefined) {
        results.push({ ...base, status: 'failed', detail: `${c.metric} cannot be compared for a ${run.task} run` });
        continue;
      }
      const worse = (higherIsBetter(c.metric) ?? true) ? -d.delta : d.delta;
      const ok = !(worse > c.maxDrop + 1e-12);
      const ci =
        d.low === undefined
          ? ''
          : ` (${Math.round(cmp.confidenceLevel * 100)}% CI ${fmt(d.low)} … ${fmt(d.high as number)})`;
      results.push({
        ...base,
        status: ok ? 'passed' : 'failed',
        actual: d.delta,
        detail: `${c.metric} ${fmt(d.baseline)} → ${fmt(d.candidate)}, Δ ${d.delta >= 0 ? '+' : ''}${fmt(d.delta)}${ci} against ${against}`,
      });
      continue;
    }
    const metric = c.metric ?? defaultMetric(run);
    const slices = cmp.slices.filter((s) => s.metric === metric && s.count >= c.minExamples);
    const bad = slices.filter((s) => s.regression > c.maxDrop + 1e-12).sort((a, b) => b.regression - a.regression);
    const worst = [...slices].sort((a, b) => b.regression - a.regression)[0];
    results.push({
      ...base,
      status: bad.length === 0 ? 'passed' : 'failed',
      ...(worst === undefined ? {} : { actual: -worst.regression }),
      detail:
        slices.length === 0
          ? `no slice has at least ${c.minExamples} examples (nothing to compare) against ${against}`
          : bad.length === 0
            ? `${slices.length} slice(s) with ≥ ${c.minExamples} examples; worst ${metric} change ${fmt(-(worst as { regression: number }).regression)} (${worst?.column}=${worst?.value}) against ${against}`
            : `${bad.length} slice(s) regressed in ${metric} by more than ${fmt(c.maxDrop)}: ${bad
                .slice(0, 5)
                .map((s) => `${s.column}=${s.value} (n=${s.count}) ${fmt(s.baseline)} → ${fmt(s.candidate)}`)
                .join('; ')} against ${against}`,
    });
  }
  return {
    passed: results.every((r) => r.status !== 'failed'),
    gates: input.gates,
    runId: run.runId,
    model: run.model.name,
    version: run.model.version,
    ...(baselineRunId === undefined ? {} : { baselineRunId }),
    evaluatedAt: input.now ?? Date.now(),
    conditions: results,
  };
}
