import type { DatasetRow } from '../../domain/dataset.js';
import { NUMERIC_PERTURBATIONS, type PerturbationName, perturbRows, TEXT_PERTURBATIONS } from './perturbations.js';

/** An example as the suite sees it: the model's answer on the original row, and its label. */
export interface RunExample {
  readonly label: string | number;
  readonly prediction?: string | number;
  readonly score?: number;
  readonly error?: string;
  readonly latencyMs?: number;
  readonly attempts?: number;
}

/** What the model answers for a (perturbed) row. */
export interface ModelAnswer {
  readonly prediction?: string | number;
  readonly score?: number;
  readonly error?: string;
}

/** The suite's settings (the `robustness` section of an evaluation suite). */
export interface RobustnessSettings {
  readonly seed: number;
  readonly text: readonly string[];
  readonly numeric: readonly string[];
  readonly noise: number;
  readonly missingRate: number;
  readonly minInvariance: number;
  readonly directional: readonly {
    readonly column: string;
    readonly delta: number;
    readonly expect: 'increase' | 'decrease';
    readonly minShare: number;
  }[];
}

type RunTask = 'classification' | 'regression';

/** One perturbation's effect: metric changes and the invariance (unchanged predictions) it kept. */
export interface PerturbationResult {
  readonly perturbation: PerturbationName;
  readonly columns: readonly string[];
  /** Metric on the perturbed rows minus the metric on the original rows. */
  readonly metricDeltas: Readonly<Record<string, number>>;
  /** Share of examples whose prediction did not change (CheckList's invariance test). */
  readonly invariance: number;
  readonly minInvariance: number;
  readonly passed: boolean;
}

/** A directional expectation (CheckList's DIR test): moving a feature moves the score one way. */
export interface DirectionalResult {
  readonly column: string;
  readonly delta: number;
  readonly expect: 'increase' | 'decrease';
  /** Share of examples (with a score on both sides) whose score moved the expected way or stayed. */
  readonly share: number;
  readonly minShare: number;
  readonly passed: boolean;
}

export interface RobustnessReport {
  readonly seed: number;
  readonly perturbations: readonly PerturbationResult[];
  readonly directional: readonly DirectionalResult[];
  readonly passed: boolean;
}

export interface RobustnessSuiteInput<E extends RunExample = RunExample> {
  readonly settings: RobustnessSettings;
  readonly rows: readonly DatasetRow[];
  /** The run's examples on the original rows. */
  readonly baseline: readonly E[];
  readonly task: RunTask;
  readonly positive: string | undefined;
  readonly predict: (rows: readonly DatasetRow[]) => Promise<readonly ModelAnswer[]>;
  /** Headline metrics of a set of examples. */
  readonly metric: (examples: readonly E[]) => Readonly<Record<string, number>>;
}

/**
 * Perturbation suite in the spirit of CheckList (Ribeiro et al. 2020): every configured text
 * perturbation (typos, casing, whitespace, synonym swaps) and numeric one (noise, missing values),
 * seeded, re-run through the model; reports each metric's change, the invariance rate against
 * `minInvariance`, and directional expectations on the positive-class score.
 */
export async function robustnessSuite<E extends RunExample>(input: RobustnessSuiteInput<E>): Promise<RobustnessReport> {
  const { settings, rows, baseline } = input;
  const base = input.metric(baseline);
  const plans: { perturbation: PerturbationName; columns: readonly string[] }[] = [
    ...(settings.text.length === 0 ? [] : TEXT_PERTURBATIONS.map((p) => ({ perturbation: p, columns: settings.text }))),
    ...(settings.numeric.length === 0
      ? []
      : NUMERIC_PERTURBATIONS.map((p) => ({ perturbation: p, columns: settings.numeric }))),
  ];
  const perturbations: PerturbationResult[] = [];
  for (const [k, plan] of plans.entries()) {
    const perturbed = perturbRows(rows, plan.perturbation, plan.columns, settings.seed + k, settings);
    const answers = await input.predict(perturbed);
    const examples = withAnswers(baseline, answers, input.task);
    const after = input.metric(examples);
    const metricDeltas: Record<string, number> = {};
    for (const [name, value] of Object.entries(base)) {
      if (after[name] !== undefined) metricDeltas[name] = (after[name] as number) - value;
    }
    let same = 0;
    let both = 0;
    examples.forEach((e, i) => {
      const b = baseline[i] as E;
      if (e.prediction === undefined || b.prediction === undefined) return;
      both++;
      if (e.prediction === b.prediction) same++;
    });
    const invariance = both === 0 ? Number.NaN : same / both;
    perturbations.push({
      ...plan,
      metricDeltas,
      invariance,
      minInvariance: settings.minInvariance,
      passed: invariance >= settings.minInvariance,
    });
  }
  const directional: DirectionalResult[] = [];
  for (const d of settings.directional) {
    const moved = rows.map((r) => {
      const v = r[d.column];
      return typeof v === 'number' ? { ...r, [d.column]: v + d.delta } : r;
    });
    const answers = await input.predict(moved);
    let good = 0;
    let counted = 0;
    answers.forEach((a, i) => {
      const before = (baseline[i] as RunExample).score ?? numeric((baseline[i] as RunExample).prediction);
      const after = a.score ?? numeric(a.prediction);
      if (before === undefined || after === undefined) return;
      counted++;
      if (d.expect === 'increase' ? after >= before : after <= before) good++;
    });
    const share = counted === 0 ? Number.NaN : good / counted;
    directional.push({
      column: d.column,
      delta: d.delta,
      expect: d.expect,
      share,
      minShare: d.minShare,
      passed: share >= d.minShare,
    });
  }
  return {
    seed: settings.seed,
    perturbations,
    directional,
    passed: perturbations.every((p) => p.passed) && directional.every((d) => d.passed),
  };
}

function numeric(v: string | number | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function withAnswers<E extends RunExample>(
  baseline: readonly E[],
  answers: readonly ModelAnswer[],
  task: RunTask,
): E[] {
  return baseline.map((b, i) => {
    const a = answers[i] as ModelAnswer;
    const { prediction: _p, score: _s, error: _e, latencyMs: _l, attempts: _a, ...rest } = b;
    const prediction =
      a.prediction === undefined ? undefined : task === 'regression' ? Number(a.prediction) : String(a.prediction);
    return {
      ...rest,
      ...(prediction === undefined ? {} : { prediction }),
      ...(a.score === undefined ? {} : { score: a.score }),
      ...(a.error === undefined ? {} : { error: a.error }),
    } as unknown as E;
  });
}
