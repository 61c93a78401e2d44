import type { ExperimentDefinition, ExperimentRecord } from '../../domain/experiment.js';
import type { EventDetail } from '../../domain/query.js';
import type { TableColumns } from '../../storage/duckdb/read-table-file.js';
import { type AbAnalysisResult, AbInputError, type AbMetricSpec, abAnalysisOfTable } from '../experiments/index.js';
import type { ExperimentEventSource, TimeWindow } from './experiment-event-source.js';
import { experimentMetricValue } from './experiment-metric-value.js';
import { ExperimentServiceError } from './experiment-service-error.js';

/** What `GET /v1/experiments/:id/analysis` answers. */
export interface ExperimentAnalysisResult {
  readonly experimentId: string;
  readonly revision: number;
  readonly window: TimeWindow;
  readonly events: {
    /** Events of the experiment in the window. */
    readonly total: number;
    /** Events of an arm that is not a variant of the experiment (left out). */
    readonly unknownArm: number;
    /** Events without a value of the primary metric or of a guardrail (no outcome, no thumb, …). */
    readonly missingMetric: number;
    /** Events of units seen in more than one arm (weights changed; left out). */
    readonly unitsInSeveralArms: number;
    /** Events analysed. */
    readonly analysed: number;
  };
  /** Variants of the experiment with no analysable unit in the window (the SRM test cannot see them). */
  readonly missingVariants: readonly string[];
  readonly analysis: Omit<AbAnalysisResult, 'file' | 'variantColumn' | 'unitColumn' | 'rowCount'>;
}

export interface ExperimentAnalysisOptions {
  /** The window (default: from the experiment's start, or creation, to now). */
  readonly window?: Partial<TimeWindow>;
  /** Seed of the bootstrap of quantile metrics (default 0: the same data give the same interval). */
  readonly seed?: number;
}

/**
 * The analysis of an A/B (or canary, shadow) experiment over its events: units are grouped into
 * arms by the experiment's `armField`, each unit's metric summed over its requests, then the
 * `modelwatch ab analyze` pipeline runs on them — sample-ratio mismatch against the current
 * weights, each treatment against control (Welch t, two-proportion z, Mann–Whitney, delta-method
 * ratio or bootstrapped quantile) with a Holm or Benjamini–Hochberg correction, the always-valid
 * confidence sequence when `sequential` is on, the one-sided guardrail tests, and the decision.
 * A unit is the event's unitId (the requestId when it has none).
 * @throws {ExperimentServiceError} `unprocessable` when an arm has fewer than 2 units or the data
 *   cannot be analysed as configured; `invalid` for a bad window.
 */
export async function experimentAnalysis(
  projectId: string,
  record: ExperimentRecord,
  source: ExperimentEventSource,
  now: number,
  options: ExperimentAnalysisOptions = {},
): Promise<ExperimentAnalysisResult> {
  const d = record.definition;
  const window = {
    from: options.window?.from ?? record.startedAt ?? record.createdAt,
    to: options.window?.to ?? now + 1,
  };
  if (!(Number.isFinite(window.from) && Number.isFinite(window.to) && window.from < window.to)) {
    throw new ExperimentServiceError(
      'invalid',
      `window: expected from < to in epoch milliseconds (got from ${window.from}, to ${window.to})`,
      'from',
    );
  }
  const details = await source.experimentEvents(projectId, d.id, window);
  const { table, counts, missingVariants } = analysisTable(d, details);
  const control = d.variants[0]?.name as string;
  const present = table.columns.variant as readonly string[];
  const order = [control, ...[...new Set(present)].filter((v) => v !== control).sort()];
  const weightOf = new Map(record.assignment.variants.map((v, i) => [v, record.assignment.weights[i] as number]));
  const metric: AbMetricSpec = {
    column: d.primaryMetric.metric,
    type: d.primaryMetric.type,
    ...(d.primaryMetric.denominator === undefined ? {} : { denominator: d.primaryMetric.denominator }),
    ...(d.primaryMetric.q === undefined ? {} : { q: d.primaryMetric.q }),
  };
  try {
    const {
      file: _file,
      variantColumn: _v,
      unitColumn: _u,
      rowCount: _r,
      ...analysis
    } = abAnalysisOfTable(table, {
      metric,
      guardrails: d.guardrails.map((g) => ({
        column: g.metric,
        direction: g.direction,
        margin: g.threshold,
        marginType: g.thresholdType,
      })),
      variantColumn: 'variant',
      unitColumn: 'unit',
      control,
      correction: d.correction,
      direction: d.primaryMetric.direction,
      alpha: d.alpha,
      sequential: d.sequential,
      ...(d.minEffect === undefined ? {} : { minEffect: d.minEffect }),
      ...(d.tuning === undefined ? {} : { tuning: d.tuning }),
      ...(d.plannedUnitsPerArm === undefined ? {} : { plannedUnits: d.plannedUnitsPerArm }),
      expectedWeights: order.map((v) => weightOf.get(v) ?? 0),
      seed: options.seed ?? 0,
    });
    return {
      experimentId: d.id,
      revision: record.revision,
      window,
      events: counts,
      missingVariants,
      analysis,
    };
  } catch (err) {
    if (err instanceof AbInputError) {
      throw new ExperimentServiceError('unprocessable', `experiment ${JSON.stringify(d.id)}: ${err.message}`);
    }
    throw err;
  }
}

/**
 * One row per analysable event: arm, unit, and one column per metric the analysis reads. Arms
 * missing or with fewer than 2 units are reported before the statistics would fail on them.
 */
function analysisTable(
  d: ExperimentDefinition,
  details: readonly EventDetail[],
): {
  table: TableColumns;
  counts: ExperimentAnalysisResult['events'];
  missingVariants: readonly string[];
} {
  const variants = new Set(d.variants.map((v) => v.name));
  const metrics = [
    ...new Set([
      d.primaryMetric.metric,
      ...(d.primaryMetric.denominator === undefined ? [] : [d.primaryMetric.denominator]),
      ...d.guardrails.map((g) => g.metric),
    ]),
  ];
  let unknownArm = 0;
  let missingMetric = 0;
  const kept: { arm: string; unit: string; values: number[] }[] = [];
  const armsOfUnit = new Map<string, Set<string>>();
  for (const detail of details) {
    const arm = d.armField === 'variant' ? detail.event.variant : detail.event.version;
    if (!variants.has(arm)) {
      unknownArm++;
      continue;
    }
    const values: number[] = [];
    let complete = true;
    for (const m of metrics) {
      const v = experimentMetricValue(detail, m);
      if (v === undefined) {
        complete = false;
        break;
      }
      values.push(v);
    }
    if (!complete) {
      missingMetric++;
      continue;
    }
    const unit = detail.event.unitId ?? `request:${detail.event.requestId}`;
    kept.push({ arm, unit, values });
    let arms = armsOfUnit.get(unit);
    if (arms === undefined) {
      arms = new Set();
      armsOfUnit.set(unit, arms);
    }
    arms.add(arm);
  }
  const rows = kept.filter((r) => (armsOfUnit.get(r.unit) as Set<string>).size === 1);
  const unitsPerArm = new Map<string, Set<string>>();
  for (const r of rows) {
    let units = unitsPerArm.get(r.arm);
    if (units === undefined) {
      units = new Set();
      unitsPerArm.set(r.arm, units);
    }
    units.add(r.unit);
  }
  const missingVariants = d.variants.map((v) => v.name).filter((v) => !unitsPerArm.has(v));
  const control = d.variants[0]?.name as string;
  const thin = [...unitsPerArm].filter(([, units]) => units.size < 2).map(([arm]) => arm);
  if (!unitsPerArm.has(control) || unitsPerArm.size < 2 || thin.length > 0) {
    const perArm = d.variants.map((v) => `${v.name}: ${unitsPerArm.get(v.name)?.size ?? 0}`).join(', ');
    throw new ExperimentServiceError(
      'unprocessable',
      `experiment ${JSON.stringify(d.id)}: the control and at least one treatment need 2 or more units with values of ${metrics.join(', ')} (units per variant: ${perArm}; ${details.length} events in the window)`,
    );
  }
  const columns: Record<string, unknown[]> = {
    variant: rows.map((r) => r.arm),
    unit: rows.map((r) => r.unit),
  };
  metrics.forEach((m, j) => {
    columns[m] = rows.map((r) => r.values[j] as number);
  });
  const names = ['variant', 'unit', ...metrics];
  return {
    table: {
      names,
      types: names.map((n) => (n === 'variant' || n === 'unit' ? 'VARCHAR' : 'DOUBLE')),
      columns,
      rowCount: rows.length,
    },
    counts: {
      total: details.length,
      unknownArm,
      missingMetric,
      unitsInSeveralArms: kept.length - rows.length,
      analysed: rows.length,
    },
    missingVariants,
  };
}
