import { DemoError } from './demo-error.js';

/** The incidents the demo replays, each once per cycle. */
export const INCIDENT_KINDS = ['input_drift', 'latency_regression', 'error_burst', 'quality_drop', 'canary'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
/**
 * How strong an incident is. `subtle` (the default, the demo's cycle): regional or partial — one
 * region's sensors in °F, weather errors to ~8 %, latency ×3, one region's label bug. `clear-cut`:
 * unambiguous from the first affected minute — every region in °F, ~40 % of each model's requests
 * fail, latency ×10, the label bug in every region. Ignored for a canary.
 */
export const INCIDENT_SEVERITIES = ['subtle', 'clear-cut'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** One incident's window inside the cycle, as offsets from the cycle's start. */
export interface IncidentWindow {
  readonly kind: IncidentKind;
  readonly startMs: number;
  readonly endMs: number;
  /**
   * For a canary: the share of weather traffic v2 serves in successive equal parts of the window
   * (default [0.05, 0.25, 0.5]). Ignored for other kinds.
   */
  readonly canaryShares?: readonly number[];
  /** How strong the incident is (default `subtle`). */
  readonly severity?: IncidentSeverity;
}

/** A repeating cycle of incidents (offsets in wall-clock milliseconds at speed 1). */
export interface IncidentSchedule {
  readonly cycleMs: number;
  readonly windows: readonly IncidentWindow[];
}

const MINUTE = 60_000;

/**
 * The default cycle: ten minutes of wall time, so a newcomer sees the first incident one minute
 * after start-up and every incident within ten minutes.
 *
 * | offset      | incident                                                                   |
 * |-------------|----------------------------------------------------------------------------|
 * | 0:00–1:00   | calm                                                                       |
 * | 1:00–2:30   | input drift: region eu-west reports temperatures in °F instead of °C       |
 * | 2:30–4:00   | latency regression: every latency ×3 (p95 ×3)                              |
 * | 4:00–5:00   | error burst: timeouts and upstream errors (support-assistant ~25 %)        |
 * | 5:00–7:00   | quality drop: a label-mapping bug in region ap-south; LLM retrieval stale |
 * | 7:00–10:00  | canary: weather-classifier v2 takes 5 % → 25 % → 50 % of traffic           |
 */
export const DEFAULT_INCIDENT_SCHEDULE: IncidentSchedule = Object.freeze({
  cycleMs: 10 * MINUTE,
  windows: Object.freeze([
    { kind: 'input_drift', startMs: 1 * MINUTE, endMs: 2.5 * MINUTE },
    { kind: 'latency_regression', startMs: 2.5 * MINUTE, endMs: 4 * MINUTE },
    { kind: 'error_burst', startMs: 4 * MINUTE, endMs: 5 * MINUTE },
    { kind: 'quality_drop', startMs: 5 * MINUTE, endMs: 7 * MINUTE },
    { kind: 'canary', startMs: 7 * MINUTE, endMs: 10 * MINUTE, canaryShares: [0.05, 0.25, 0.5] },
  ] satisfies IncidentWindow[]),
});

/**
 * Checks a schedule and compresses it by `speed` (every offset and the cycle divided by it).
 * @throws {DemoError} 'invalid_option' naming the bad field.
 */
export function incidentSchedule(schedule: IncidentSchedule, speed = 1): IncidentSchedule {
  const fn = 'incidentSchedule';
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new DemoError('invalid_option', `${fn}: speed must be a finite number > 0 (got ${speed})`);
  }
  if (!(Number.isFinite(schedule.cycleMs) && schedule.cycleMs > 0)) {
    throw new DemoError(
      'invalid_option',
      `${fn}: schedule.cycleMs must be a finite number > 0 (got ${schedule.cycleMs})`,
    );
  }
  const windows = schedule.windows.map((w, i) => {
    const at = `${fn}: schedule.windows[${i}]`;
    if (!(INCIDENT_KINDS as readonly string[]).includes(w.kind)) {
      throw new DemoError(
        'invalid_option',
        `${at}.kind must be one of ${INCIDENT_KINDS.join(', ')} (got ${JSON.stringify(w.kind)})`,
      );
    }
    if (!(Number.isFinite(w.startMs) && Number.isFinite(w.endMs) && w.startMs >= 0 && w.startMs < w.endMs)) {
      throw new DemoError(
        'invalid_option',
        `${at} must satisfy 0 ≤ startMs < endMs (got startMs ${w.startMs}, endMs ${w.endMs})`,
      );
    }
    if (w.endMs > schedule.cycleMs) {
      throw new DemoError(
        'invalid_option',
        `${at}.endMs must be at most schedule.cycleMs ${schedule.cycleMs} (got ${w.endMs})`,
      );
    }
    const shares = w.canaryShares;
    if (shares !== undefined && (shares.length === 0 || shares.some((s) => !(s >= 0 && s <= 1)))) {
      throw new DemoError(
        'invalid_option',
        `${at}.canaryShares must be a non-empty list of shares in [0, 1] (got ${JSON.stringify(shares)})`,
      );
    }
    if (w.severity !== undefined && !(INCIDENT_SEVERITIES as readonly string[]).includes(w.severity)) {
      throw new DemoError(
        'invalid_option',
        `${at}.severity must be one of ${INCIDENT_SEVERITIES.join(', ')} (got ${JSON.stringify(w.severity)})`,
      );
    }
    const scaled: IncidentWindow = {
      kind: w.kind,
      startMs: w.startMs / speed,
      endMs: w.endMs / speed,
      ...(w.severity === undefined ? {} : { severity: w.severity }),
    };
    return shares === undefined ? scaled : { ...scaled, canaryShares: [...shares] };
  });
  return { cycleMs: schedule.cycleMs / speed, windows };
}
