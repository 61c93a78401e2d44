import type { ActiveIncident } from './active-incidents.js';

/** The region whose temperature sensors switch to °F during the (subtle) input drift. */
export const DRIFT_REGION = 'eu-west';
/** The region whose predictions (and LLM answers) go wrong during the (subtle) quality drop. */
export const QUALITY_DROP_REGION = 'ap-south';
/** A region selector in the effects meaning every region (a clear-cut incident). */
export const ALL_REGIONS = '*';
/** Latency multiplier during the (subtle) latency regression. */
export const LATENCY_REGRESSION_FACTOR = 3;
/** Latency multiplier during a clear-cut latency regression. */
export const CLEAR_CUT_LATENCY_FACTOR = 10;
/** Share of each model's requests failing during an error burst, by severity. */
export const ERROR_BURST_SHARES = Object.freeze({
  subtle: Object.freeze({ weather: 0.08, support: 0.252 }),
  'clear-cut': Object.freeze({ weather: 0.4, support: 0.4 }),
});

/** How the active incidents change the generated traffic at one moment. */
export interface IncidentEffects {
  /** Region reporting temperatures in °F, if any (`ALL_REGIONS` for every region). */
  readonly fahrenheitRegion: string | undefined;
  readonly latencyFactor: number;
  readonly errorBurst: boolean;
  /** Share of each model's requests that fail while `errorBurst` (the subtle shares otherwise). */
  readonly errorBurstShares: { readonly weather: number; readonly support: number };
  /** Region served by the label-mapping bug and the stale retrieval index, if any (`ALL_REGIONS` for every region). */
  readonly qualityDropRegion: string | undefined;
  /** Share of weather stations served by v2 (0 outside a canary). */
  readonly canaryShare: number;
}

/** Whether a region selector of the effects (a region, `ALL_REGIONS` or none) covers `region`. */
export function affectsRegion(selector: string | undefined, region: string): boolean {
  return selector !== undefined && (selector === ALL_REGIONS || selector === region);
}

/** The effects of a set of active incidents (no incident: no effect). */
export function incidentEffects(active: readonly ActiveIncident[]): IncidentEffects {
  let fahrenheitRegion: string | undefined;
  let latencyFactor = 1;
  let errorBurst = false;
  let errorBurstShares: IncidentEffects['errorBurstShares'] = ERROR_BURST_SHARES.subtle;
  let qualityDropRegion: string | undefined;
  let canaryShare = 0;
  for (const incident of active) {
    const clearCut = incident.severity === 'clear-cut';
    switch (incident.kind) {
      case 'input_drift':
        fahrenheitRegion = clearCut ? ALL_REGIONS : (fahrenheitRegion ?? DRIFT_REGION);
        break;
      case 'latency_regression':
        latencyFactor = Math.max(latencyFactor, clearCut ? CLEAR_CUT_LATENCY_FACTOR : LATENCY_REGRESSION_FACTOR);
        break;
      case 'error_burst':
        errorBurst = true;
        if (clearCut) errorBurstShares = ERROR_BURST_SHARES['clear-cut'];
        break;
      case 'quality_drop':
        qualityDropRegion = clearCut ? ALL_REGIONS : (qualityDropRegion ?? QUALITY_DROP_REGION);
        break;
      case 'canary':
        canaryShare = Math.max(canaryShare, incident.canaryShare ?? 0);
        break;
    }
  }
  return { fahrenheitRegion, latencyFactor, errorBurst, errorBurstShares, qualityDropRegion, canaryShare };
}
