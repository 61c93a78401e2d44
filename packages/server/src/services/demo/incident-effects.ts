import type { ActiveIncident } from './active-incidents.js';

/** The region whose temperature sensors switch to °F during the input drift. */
export const DRIFT_REGION = 'eu-west';
/** The region whose predictions (and LLM answers) go wrong during the quality drop. */
export const QUALITY_DROP_REGION = 'ap-south';
/** Latency multiplier during the latency regression. */
export const LATENCY_REGRESSION_FACTOR = 3;

/** How the active incidents change the generated traffic at one moment. */
export interface IncidentEffects {
  /** Region reporting temperatures in °F, if any. */
  readonly fahrenheitRegion: string | undefined;
  readonly latencyFactor: number;
  readonly errorBurst: boolean;
  /** Region served by the label-mapping bug and the stale retrieval index, if any. */
  readonly qualityDropRegion: string | undefined;
  /** Share of weather stations served by v2 (0 outside a canary). */
  readonly canaryShare: number;
}

/** The effects of a set of active incidents (no incident: no effect). */
export function incidentEffects(active: readonly ActiveIncident[]): IncidentEffects {
  let fahrenheitRegion: string | undefined;
  let latencyFactor = 1;
  let errorBurst = false;
  let qualityDropRegion: string | undefined;
  let canaryShare = 0;
  for (const incident of active) {
    switch (incident.kind) {
      case 'input_drift':
        fahrenheitRegion = DRIFT_REGION;
        break;
      case 'latency_regression':
        latencyFactor = LATENCY_REGRESSION_FACTOR;
        break;
      case 'error_burst':
        errorBurst = true;
        break;
      case 'quality_drop':
        qualityDropRegion = QUALITY_DROP_REGION;
        break;
      case 'canary':
        canaryShare = Math.max(canaryShare, incident.canaryShare ?? 0);
        break;
    }
  }
  return { fahrenheitRegion, latencyFactor, errorBurst, qualityDropRegion, canaryShare };
}
