import { CoreError } from '@modelwatch/core/errors';
import {
  type ArmEffect,
  type CupedAdjustResult,
  cupedAdjust,
  type ExperimentDecisionResult,
  type ExperimentDecisionValue,
  type ExperimentPlan,
  type ExperimentProgress,
  experimentDecision,
  experimentProgress,
  type GuardrailResult,
  guardrailCheck,
  type MetricDirection,
  type MetricEffect,
  meanEffect,
  multiArmEffects,
  proportionEffect,
  quantileEffect,
  rankEffect,
  ratioEffect,
  type SampleRatioMismatchResult,
  type SequentialDifferenceResult,
  sampleRatioMismatch,
  sequentialDifference,
} from '@modelwatch/core/experiments';
import { readTableFile, type TableColumns, TableFileError } from '../../storage/duckdb/read-table-file.js';
import { type AbArmSample, abArmSamples } from './ab-arm-samples.js';
import { AbInputError } from './ab-error.js';
import { type AbGuardrailSpec, abGuardrailSpec } from './ab-guardrail-spec.js';
import { type AbMetricSpec, abMetricSpec } from './ab-metric-spec.js';

export const AB_CORRECTIONS = ['holm', 'fdr_bh'] as const;
export type AbCorrection = (typeof AB_CORRECTIONS)[number];

export interface AbAnalysisOptions {
  /** `--metric`, see abMetricSpec (or the spec already parsed, from the server). */
  readonly metric: string | AbMetricSpec;
  /** `--guardrail`, see abGuardrailSpec (repeatable; or specs already parsed). */
  readonly guardrails?: readonly (string | AbGuardrailSpec)[];
  readonly variantColumn?: string;
  readonly control?: string;
  readonly unitColumn?: string;
  /** Pre-period covariate column: CUPED (mean metrics only). */
  readonly preColumn?: string;
  readonly correction?: AbCorrection;
  /** `0.01` (absolute, the effect's units) or `2%` (relative lift); or already parsed. */
  readonly minEffect?: string | { readonly value: number; readonly scale: 'absolute' | 'relative' };
  readonly direction?: MetricDirection;
  readonly alpha?: number;
  /** Always-valid inference (sequentialDifference) for mean and proportion metrics. */
  readonly sequential?: boolean;
  /** N* of the confidence sequence (default: 2 × plannedUnits, else 5 000). */
  readonly tuning?: number;
  /** Assignment weights, control first then the treatments in sorted order (default equal). */
  readonly expectedWeights?: readonly number[];
  /** Planned units per arm (from `ab plan`): progress, and 'continue' before it is reached. */
  readonly plannedUnits?: number;
  /** Units entering per day (all arms): remaining days in the progress. */
  readonly dailyUnits?: number;
  /** Bootstrap of quantile metrics. */
  readonly seed?: number;
  readonly resamples?: number;
}

/** The primary analysis of one arm when it comes from the confidence sequence. */
export interface AbSequentialEffect extends MetricEffect {
  readonly method: 'asymptotic-confidence-sequence';
  readonly sequential: SequentialDifferenceResult;
}

export interface AbArmComparison {
  readonly arm: string;
  /** The per-arm analysis (meanEffect, proportionEffect, …, or the sequential effect). */
  readonly primary: MetricEffect;
  readonly pValueAdjusted: number;
  readonly significantAdjusted: boolean;
  readonly practicallySignificantAdjusted: boolean;
  readonly guardrails: readonly GuardrailResult[];
  readonly decision: ExperimentDecisionResult;
}

export interface AbAnalysisResult {
  readonly file?: string;
  readonly rowCount: number;
  readonly variantColumn: string;
  readonly unitColumn?: string;
  readonly control: string;
  readonly arms: readonly { readonly name: string; readonly rows: number; readonly units: number }[];
  readonly metric: AbMetricSpec & { readonly direction: MetricDirection };
  readonly minEffect?: { readonly value: number; readonly scale: 'absolute' | 'relative' };
  readonly alpha: number;
  readonly correction: AbCorrection;
  readonly sequential: boolean;
  readonly tuning?: number;
  readonly cuped?: { readonly covariate: string } & Pick<
    CupedAdjustResult,
    'theta' | 'correlation' | 'varianceReduction' | 'covariateMean'
  >;
  readonly expectedWeights: readonly number[];
  readonly srm: SampleRatioMismatchResult;
  readonly progress?: ExperimentProgress & { readonly plannedUnitsPerArm: number };
  readonly guardrailSpecs: readonly AbGuardrailSpec[];
  readonly comparisons: readonly AbArmComparison[];
  /**
   * Over the treatment arms: 'promote' when one promotes (the best is `winner`), else 'rollback'
   * when one must be rolled back, else 'continue' when one continues, else 'inconclusive'.
   */
  readonly decision: ExperimentDecisionValue;
  readonly winner?: string;
}

function minEffectOf(text: AbAnalysisOptions['minEffect']): AbAnalysisResult['minEffect'] {
  if (text === undefined || typeof text === 'object') return text;
  const relative = text.trim().endsWith('%');
  const body = relative ? text.trim().slice(0, -1) : text.trim();
  const value = Number(body);
  if (body === '' || !Number.isFinite(value) || value < 0) {
    throw new AbInputError(`--min-effect must be a number ≥ 0, optionally followed by % (got ${JSON.stringify(text)})`);
  }
  return relative ? { value: value / 100, scale: 'relative' } : { value, scale: 'absolute' };
}

type Analyse = (control: AbArmSample, treatment: AbArmSample) => MetricEffect;

function fixedHorizonAnalysis(
  spec: AbMetricSpec,
  cuped: CupedAdjustResult | undefined,
  arms: readonly AbArmSample[],
  common: { alpha: number; minEffect?: number; minEffectScale?: 'absolute' | 'relative' },
  options: AbAnalysisOptions,
): Analyse {
  switch (spec.type) {
    case 'mean':
      if (cuped !== undefined) {
        const adjusted = (a: AbArmSample) =>
          (cuped.arms[arms.indexOf(a)] as CupedAdjustResult['arms'][number]).adjusted;
        return (c, t) => meanEffect(adjusted(c), adjusted(t), common);
      }
      return (c, t) => meanEffect(c.metric, t.metric, common);
    case 'proportion':
      return (c, t) => proportionEffect(c.metric, t.metric, common);
    case 'ratio':
      return (c, t) =>
        ratioEffect(
          { numerator: c.metric, denominator: c.denominator as Float64Array },
          { numerator: t.metric, denominator: t.denominator as Float64Array },
          common,
        );
    case 'rank':
      if (common.minEffectScale === 'relative') {
        throw new AbInputError('--min-effect: a rank metric takes an absolute rank-biserial correlation, not a %');
      }
      return (c, t) =>
        rankEffect(c.metric, t.metric, {
          alpha: common.alpha,
          ...(common.minEffect === undefined ? {} : { minEffect: common.minEffect }),
        });
    case 'quantile':
      return (c, t) =>
        quantileEffect(c.metric, t.metric, {
          ...common,
          q: spec.q as number,
          ...(options.seed === undefined ? {} : { seed: options.seed }),
          ...(options.resamples === undefined ? {} : { nResamples: options.resamples }),
        });
  }
}

function sequentialAnalysis(
  spec: AbMetricSpec,
  cuped: CupedAdjustResult | undefined,
  arms: readonly AbArmSample[],
  alpha: number,
  tuning: number,
  minEffect: AbAnalysisResult['minEffect'],
): Analyse {
  if (spec.type !== 'mean' && spec.type !== 'proportion') {
    throw new AbInputError(`--sequential works with mean and proportion metrics (got ${spec.type})`);
  }
  const armData = (a: AbArmSample) => {
    if (cuped !== undefined) return (cuped.arms[arms.indexOf(a)] as CupedAdjustResult['arms'][number]).adjusted;
    if (spec.type === 'proportion') return { count: a.metric.length, successes: a.metric.reduce((s, v) => s + v, 0) };
    return a.metric;
  };
  return (c, t): AbSequentialEffect => {
    const s = sequentialDifference(armData(c), armData(t), { alpha, tuning });
    const size = minEffect?.scale === 'relative' ? Math.abs(s.estimate / s.controlMean) : Math.abs(s.estimate);
    return {
      kind: spec.type as 'mean' | 'proportion',
      method: s.method,
      effect: s.estimate,
      pValue: s.pValue,
      alpha,
      alternative: 'two-sided',
      significant: s.significant,
      practicallySignificant: s.significant && (minEffect === undefined || size >= minEffect.value),
      sequential: s,
    };
  };
}

function guardrailsOf(
  specs: readonly AbGuardrailSpec[],
  control: AbArmSample,
  treatment: AbArmSample,
  alpha: number,
): GuardrailResult[] {
  return specs.map((spec, g) => {
    const c = control.guardrails[g] as Float64Array;
    const t = treatment.guardrails[g] as Float64Array;
    const binary = [c, t].every((x) => x.every((v) => v === 0 || v === 1));
    return guardrailCheck(c, t, {
      name: spec.column,
      metric: binary ? 'proportion' : 'mean',
      direction: spec.direction,
      margin: spec.margin,
      marginType: spec.marginType,
      alpha,
    });
  });
}

const DECISION_PRIORITY: readonly ExperimentDecisionValue[] = ['promote', 'rollback', 'continue', 'inconclusive'];

/**
 * `modelwatch ab analyze` on a table already read: groups rows into arms (per unit with
 * unitColumn), checks the sample ratio (sampleRatioMismatch), analyses every treatment arm
 * against control on the primary metric with a multi-arm correction (multiArmEffects; CUPED with
 * preColumn; the confidence sequence with sequential), checks the guardrails (guardrailCheck) and
 * decides per arm (experimentDecision), then over the arms.
 * @throws {AbInputError} for anything in the data or options that cannot be analysed.
 */
export function abAnalysisOfTable(table: TableColumns, options: AbAnalysisOptions): AbAnalysisResult {
  try {
    const spec = typeof options.metric === 'string' ? abMetricSpec(options.metric) : options.metric;
    const guardrailSpecs = (options.guardrails ?? []).map((g) => (typeof g === 'string' ? abGuardrailSpec(g) : g));
    const variantColumn = options.variantColumn ?? 'variant';
    const control = options.control ?? 'control';
    const alpha = options.alpha ?? 0.05;
    const correction = options.correction ?? 'holm';
    const direction = options.direction ?? 'higher-is-better';
    const sequential = options.sequential ?? false;
    const minEffect = minEffectOf(options.minEffect);
    if (options.preColumn !== undefined && spec.type !== 'mean') {
      throw new AbInputError(`--pre-column (CUPED) works with mean metrics (got ${spec.type})`);
    }
    const { arms } = abArmSamples(table, {
      variantColumn,
      control,
      metricColumn: spec.column,
      binaryMetric: spec.type === 'proportion',
      ...(spec.denominator === undefined ? {} : { denominatorColumn: spec.denominator }),
      ...(options.preColumn === undefined ? {} : { covariateColumn: options.preColumn }),
      guardrailColumns: guardrailSpecs.map((g) => g.column),
      ...(options.unitColumn === undefined ? {} : { unitColumn: options.unitColumn }),
    });
    const names = arms.map((a) => a.name);
    const weights = options.expectedWeights ?? arms.map(() => 1);
    if (weights.length !== arms.length) {
      throw new AbInputError(
        `--expected-weights must have one weight per arm in the order ${names.join(', ')} (got ${weights.length} weights for ${arms.length} arms)`,
      );
    }
    const counts = arms.map((a) => a.units);
    const srm = sampleRatioMismatch(counts, weights);
    const total = weights.reduce((s, w) => s + w, 0);

    let progress: AbAnalysisResult['progress'];
    if (options.plannedUnits !== undefined) {
      // experimentProgress reads only the planned sizes (and, with daily traffic, the weights).
      const plan = {
        unitsPerArm: arms.map(() => options.plannedUnits as number),
        weights: weights.map((w) => w / total),
        ...(options.dailyUnits === undefined ? {} : { dailyUnits: options.dailyUnits }),
      } as Pick<ExperimentPlan, 'unitsPerArm' | 'weights' | 'dailyUnits'> as ExperimentPlan;
      progress = { ...experimentProgress(plan, counts), plannedUnitsPerArm: options.plannedUnits };
    }

    const cuped =
      options.preColumn === undefined
        ? undefined
        : cupedAdjust(arms.map((a) => ({ metric: a.metric, covariate: a.covariate as Float64Array })));
    const tuning = options.tuning ?? (options.plannedUnits === undefined ? 5000 : options.plannedUnits * arms.length);
    const common = {
      alpha,
      ...(minEffect === undefined ? {} : { minEffect: minEffect.value, minEffectScale: minEffect.scale }),
    };
    const analyse = sequential
      ? sequentialAnalysis(spec, cuped, arms, alpha, tuning, minEffect)
      : fixedHorizonAnalysis(spec, cuped, arms, common, options);
    const [controlArm, ...treatmentArms] = arms as [AbArmSample, ...AbArmSample[]];
    const effects = multiArmEffects(controlArm, Object.fromEntries(treatmentArms.map((a) => [a.name, a])), analyse, {
      correction,
      alpha,
    });

    const comparisons = effects.arms.map((armEffect: ArmEffect<MetricEffect>, i): AbArmComparison => {
      const treatment = treatmentArms[i] as AbArmSample;
      const guardrails = guardrailsOf(guardrailSpecs, controlArm, treatment, alpha);
      const adjusted: MetricEffect = {
        ...armEffect.result,
        pValue: armEffect.pValueAdjusted,
        significant: armEffect.significantAdjusted,
        practicallySignificant: armEffect.practicallySignificantAdjusted,
      };
      // Without a plan the data are taken as final (the planned sample is the one collected).
      const samples = Math.min(controlArm.units, treatment.units);
      const decision = experimentDecision(
        {
          primary: { effect: adjusted, direction },
          guardrails,
          srm,
          progress: { samples, plannedSamples: options.plannedUnits ?? Math.max(samples, 1) },
        },
        { sequential },
      );
      return {
        arm: armEffect.arm,
        primary: armEffect.result,
        pValueAdjusted: armEffect.pValueAdjusted,
        significantAdjusted: armEffect.significantAdjusted,
        practicallySignificantAdjusted: armEffect.practicallySignificantAdjusted,
        guardrails,
        decision,
      };
    });

    const decision =
      DECISION_PRIORITY.find((d) => comparisons.some((c) => c.decision.decision === d)) ?? 'inconclusive';
    const sign = direction === 'higher-is-better' ? 1 : -1;
    const winner =
      decision === 'promote'
        ? comparisons
            .filter((c) => c.decision.decision === 'promote')
            .reduce((best, c) => (sign * c.primary.effect > sign * best.primary.effect ? c : best)).arm
        : undefined;

    return {
      rowCount: table.rowCount,
      variantColumn,
      ...(options.unitColumn === undefined ? {} : { unitColumn: options.unitColumn }),
      control,
      arms: arms.map((a) => ({ name: a.name, rows: a.rows, units: a.units })),
      metric: { ...spec, direction },
      ...(minEffect === undefined ? {} : { minEffect }),
      alpha,
      correction,
      sequential,
      ...(sequential ? { tuning } : {}),
      ...(cuped === undefined
        ? {}
        : {
            cuped: {
              covariate: options.preColumn as string,
              theta: cuped.theta,
              correlation: cuped.correlation,
              varianceReduction: cuped.varianceReduction,
              covariateMean: cuped.covariateMean,
            },
          }),
      expectedWeights: weights,
      srm,
      ...(progress === undefined ? {} : { progress }),
      guardrailSpecs,
      comparisons,
      decision,
      ...(winner === undefined ? {} : { winner }),
    };
  } catch (err) {
    if (err instanceof CoreError) throw new AbInputError(err.message);
    throw err;
  }
}

/**
 * `modelwatch ab analyze <file>`: reads a CSV, TSV, Parquet or JSON-lines events file (one row per
 * event or unit) and runs {@link abAnalysisOfTable} on it.
 * @throws {AbInputError} for an unreadable file and everything abAnalysisOfTable rejects, the
 *   message prefixed with the file.
 */
export async function abAnalysis(file: string, options: AbAnalysisOptions): Promise<AbAnalysisResult> {
  let table: TableColumns;
  try {
    table = await readTableFile(file);
  } catch (err) {
    if (err instanceof TableFileError) throw new AbInputError(err.message);
    throw err;
  }
  try {
    return { file, ...abAnalysisOfTable(table, options) };
  } catch (err) {
    if (err instanceof AbInputError) throw new AbInputError(`${file}: ${err.message}`);
    throw err;
  }
}
