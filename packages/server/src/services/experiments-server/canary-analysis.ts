import { CoreError } from '@modelwatch/core/errors';
import { type GuardrailResult, guardrailCheck, type RolloutAnalysisPhase } from '@modelwatch/core/experiments';
import type { GuardrailSpec } from '../../domain/experiment.js';
import type { EventDetail } from '../../domain/query.js';
import { experimentMetricValue } from './experiment-metric-value.js';

/** Metrics whose values are 0/1, tested as proportions (two-proportion Wald z). */
const BINARY_METRICS: ReadonlySet<string> = new Set(['error', 'correct', 'thumbs_up', 'escalated']);

export interface CanaryAnalysisOptions {
  readonly guardrails: readonly GuardrailSpec[];
  readonly alpha: number;
  /** Requests each arm needs before the run measures anything. */
  readonly minRequests: number;
  /** Inconclusive guardrails make the run Inconclusive (else only a failing guardrail matters). */
  readonly requireNonInferiority: boolean;
}

/** One guardrail of one analysis run: core's result, or why it could not be measured. */
export type CanaryGuardrailOutcome =
  | { readonly metric: string; readonly measured: true; readonly result: GuardrailResult }
  | { readonly metric: string; readonly measured: false; readonly error: string };

export type CanaryAnalysisResult =
  | {
      /** Too few requests in an arm: no run (the rollout holds and waits for traffic). */
      readonly measured: false;
      readonly stableRequests: number;
      readonly canaryRequests: number;
    }
  | {
      readonly measured: true;
      readonly stableRequests: number;
      readonly canaryRequests: number;
      readonly guardrails: readonly CanaryGuardrailOutcome[];
      /** Argo's phase of the run: Failed if a guardrail failed, Error if one could not be measured, … */
      readonly phase: RolloutAnalysisPhase;
    };

/**
 * One canary analysis run over the requests of a window (request-level, as Flagger and Argo
 * measure): every guardrail tested one-sided for non-inferiority of the canary against the
 * stable version with core guardrailCheck (0/1 metrics as proportions, others as means, Welch).
 * Requests without a value of a guardrail's metric are left out of that guardrail.
 * Phase: 'Failed' when a guardrail fails; else 'Error' when one could not be computed (e.g. a
 * metric with fewer than 2 values in an arm); else 'Inconclusive' when requireNonInferiority
 * and one is inconclusive; else 'Successful'.
 */
export function canaryAnalysis(
  stable: readonly EventDetail[],
  canary: readonly EventDetail[],
  options: CanaryAnalysisOptions,
): CanaryAnalysisResult {
  const counts = { stableRequests: stable.length, canaryRequests: canary.length };
  if (stable.length < options.minRequests || canary.length < options.minRequests) {
    return { measured: false, ...counts };
  }
  const guardrails = options.guardrails.map((g): CanaryGuardrailOutcome => {
    const values = (rows: readonly EventDetail[]) => {
      const out: number[] = [];
      for (const r of rows) {
        const v = experimentMetricValue(r, g.metric);
        if (v !== undefined) out.push(v);
      }
      return Float64Array.from(out);
    };
    try {
      const result = guardrailCheck(values(stable), values(canary), {
        name: g.metric,
        metric: BINARY_METRICS.has(g.metric) ? 'proportion' : 'mean',
        direction: g.direction,
        margin: g.threshold,
        marginType: g.thresholdType,
        alpha: options.alpha,
      });
      return { metric: g.metric, measured: true, result };
    } catch (err) {
      if (err instanceof CoreError) return { metric: g.metric, measured: false, error: err.message };
      throw err;
    }
  });
  const statuses = guardrails.map((g) => (g.measured ? g.result.status : 'error'));
  const phase: RolloutAnalysisPhase = statuses.includes('fail')
    ? 'Failed'
    : statuses.includes('error')
      ? 'Error'
      : options.requireNonInferiority && statuses.includes('inconclusive')
        ? 'Inconclusive'
        : 'Successful';
  return { measured: true, ...counts, guardrails, phase };
}

/** Flat statistics of a guardrail result for the audit log (numbers, strings, booleans only). */
export function guardrailStatistics(r: GuardrailResult): Record<string, number | string | boolean> {
  return {
    guardrail: r.name,
    status: r.status,
    metric: r.metric,
    direction: r.direction,
    margin: r.margin,
    marginType: r.marginType,
    stable: r.control,
    canary: r.treatment,
    stableCount: r.controlCount,
    canaryCount: r.treatmentCount,
    worsening: r.worsening,
    standardError: r.standardError,
    bound: r.bound,
    pValue: r.pValue,
    failPValue: r.failPValue,
    alpha: r.alpha,
  };
}
