import { INCIDENT_DESCRIPTIONS } from './active-incidents.js';
import { DEFAULT_INCIDENT_SCHEDULE, type IncidentSchedule, incidentSchedule } from './incident-schedule.js';

export interface DemoSummaryOptions {
  /** Default 1. */
  readonly speed?: number;
  /** Default `DEFAULT_INCIDENT_SCHEDULE`. */
  readonly schedule?: IncidentSchedule;
  /** Wall-clock milliseconds per simulated day at speed 1 (default 10 000). */
  readonly msPerDay?: number;
}

/** m:ss of a duration in milliseconds. */
function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A plain-text description of the demo traffic and its incident cycle, for `--help` and the
 * README. Reflects the options it is given (speed, schedule).
 * @throws {DemoError} 'invalid_option' for an invalid speed or schedule.
 */
export function demoSummary(options: DemoSummaryOptions = {}): string {
  const speed = options.speed ?? 1;
  const schedule = incidentSchedule(options.schedule ?? DEFAULT_INCIDENT_SCHEDULE, speed);
  const secondsPerDay = (options.msPerDay ?? 10_000) / speed / 1000;
  const lines = [
    'Demo traffic (seeded, deterministic):',
    `  weather-classifier v1 — Gaussian naive Bayes trained at start-up on Seattle weather 2012–2013`,
    `    (vega-datasets, BSD-3-Clause); serves 2012–2015 in a loop, one simulated day per ${secondsPerDay} s;`,
    '    ground truth arrives 30 s–5 min later for ~80 % of requests.',
    '  support-assistant v7/v8 — LLM answers in the A/B experiment prompt-v2 (control/treatment per user),',
    '    synthetic PII in ~25 % of prompts, token counts and cost (gpt-4o-mini prices), judge scores later.',
    `Incident cycle (repeats every ${clock(schedule.cycleMs)}, offsets from start-up):`,
  ];
  const windows = [...schedule.windows].sort((a, b) => a.startMs - b.startMs);
  for (const w of windows) {
    const shares =
      w.kind === 'canary' ? ` (${(w.canaryShares ?? [0.05, 0.25, 0.5]).map((s) => `${s * 100} %`).join(' → ')})` : '';
    lines.push(`  ${clock(w.startMs)}–${clock(w.endMs)}  ${w.kind}${shares}: ${INCIDENT_DESCRIPTIONS[w.kind]}`);
  }
  return lines.join('\n');
}
