import type { IncidentKind, IncidentSchedule, IncidentSeverity } from './incident-schedule.js';

/** Default canary steps when a window names none. */
export const DEFAULT_CANARY_SHARES: readonly number[] = [0.05, 0.25, 0.5];

/** An incident in progress at some moment. */
export interface ActiveIncident {
  readonly kind: IncidentKind;
  /** What the simulator changes while it is active, in one sentence. */
  readonly description: string;
  /** Which repetition of the cycle (0 for the first). */
  readonly cycle: number;
  /** Epoch milliseconds this occurrence started and ends (exclusive). */
  readonly startMs: number;
  readonly endMs: number;
  /** For a canary: the share of weather traffic v2 serves now. */
  readonly canaryShare?: number;
  /** The window's severity, when it sets one (default `subtle`). */
  readonly severity?: IncidentSeverity;
}

/** One-sentence descriptions of the incidents, as the simulator implements them. */
export const INCIDENT_DESCRIPTIONS: Readonly<Record<IncidentKind, string>> = Object.freeze({
  input_drift:
    'weather-classifier: region eu-west sends temperatures in °F instead of °C (temp_max, temp_min and their station-b copies)',
  latency_regression: 'every model: latency ×3 (so p50 and p95 ×3)',
  error_burst:
    'support-assistant: ~25 % of requests fail (timeouts, upstream, rate limits); weather-classifier: ~8 % timeouts',
  quality_drop:
    'weather-classifier: a label-mapping bug in region ap-south serves the wrong class (seen once outcomes arrive); support-assistant: a stale retrieval index in ap-south lowers faithfulness and helpfulness',
  canary:
    'weather-classifier v2 (variant canary, experiment weather-v2-canary) takes a growing share of stations; by default v2 lost its precipitation input (a bad canary)',
});

/**
 * The incidents active at epoch time `t` for a cycle that started at `originMs` (none before it).
 * Windows are half-open: [startMs, endMs).
 */
export function activeIncidents(schedule: IncidentSchedule, originMs: number, t: number): readonly ActiveIncident[] {
  if (!(t >= originMs)) return [];
  const elapsed = t - originMs;
  const cycle = Math.floor(elapsed / schedule.cycleMs);
  const offset = elapsed - cycle * schedule.cycleMs;
  const cycleStart = originMs + cycle * schedule.cycleMs;
  const active: ActiveIncident[] = [];
  for (const w of schedule.windows) {
    if (offset < w.startMs || offset >= w.endMs) continue;
    const base = {
      kind: w.kind,
      description: INCIDENT_DESCRIPTIONS[w.kind],
      cycle,
      startMs: cycleStart + w.startMs,
      endMs: cycleStart + w.endMs,
      ...(w.severity === undefined ? {} : { severity: w.severity }),
    };
    if (w.kind === 'canary') {
      const shares = w.canaryShares ?? DEFAULT_CANARY_SHARES;
      const step = Math.min(
        shares.length - 1,
        Math.floor(((offset - w.startMs) / (w.endMs - w.startMs)) * shares.length),
      );
      active.push({ ...base, canaryShare: shares[step] as number });
    } else {
      active.push(base);
    }
  }
  return active;
}
