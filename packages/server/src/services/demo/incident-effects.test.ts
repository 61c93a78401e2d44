import { describe, expect, it } from 'vitest';
import { activeIncidents } from './active-incidents.js';
import { DemoError } from './demo-error.js';
import {
  ALL_REGIONS,
  affectsRegion,
  CLEAR_CUT_LATENCY_FACTOR,
  DRIFT_REGION,
  incidentEffects,
  LATENCY_REGRESSION_FACTOR,
  QUALITY_DROP_REGION,
} from './incident-effects.js';
import { type IncidentKind, type IncidentSeverity, incidentSchedule } from './incident-schedule.js';

const MINUTE = 60_000;
const effectsOf = (kind: IncidentKind, severity?: IncidentSeverity) => {
  const schedule = incidentSchedule({
    cycleMs: 10 * MINUTE,
    windows: [{ kind, startMs: MINUTE, endMs: 2 * MINUTE, ...(severity === undefined ? {} : { severity }) }],
  });
  return incidentEffects(activeIncidents(schedule, 0, 1.5 * MINUTE));
};

describe('incident severity', () => {
  it('defaults to the subtle, regional incidents', () => {
    expect(effectsOf('input_drift').fahrenheitRegion).toBe(DRIFT_REGION);
    expect(effectsOf('latency_regression').latencyFactor).toBe(LATENCY_REGRESSION_FACTOR);
    expect(effectsOf('error_burst')).toMatchObject({ errorBurst: true, errorBurstShares: { weather: 0.08 } });
    expect(effectsOf('quality_drop').qualityDropRegion).toBe(QUALITY_DROP_REGION);
    expect(effectsOf('input_drift', 'subtle')).toEqual(effectsOf('input_drift'));
  });

  it('clear-cut incidents cover every region, ×10 latency and ≥ 30 % errors', () => {
    expect(effectsOf('input_drift', 'clear-cut').fahrenheitRegion).toBe(ALL_REGIONS);
    expect(effectsOf('latency_regression', 'clear-cut').latencyFactor).toBe(CLEAR_CUT_LATENCY_FACTOR);
    const burst = effectsOf('error_burst', 'clear-cut');
    expect(burst.errorBurst).toBe(true);
    expect(burst.errorBurstShares.weather).toBeGreaterThanOrEqual(0.3);
    expect(burst.errorBurstShares.support).toBeGreaterThanOrEqual(0.3);
    expect(effectsOf('quality_drop', 'clear-cut').qualityDropRegion).toBe(ALL_REGIONS);
    for (const region of ['eu-west', 'ap-south', 'us-east']) expect(affectsRegion(ALL_REGIONS, region)).toBe(true);
    expect(affectsRegion(DRIFT_REGION, 'ap-south')).toBe(false);
    expect(affectsRegion(undefined, 'ap-south')).toBe(false);
  });

  it('the schedule keeps the severity when compressed and rejects an unknown one by name', () => {
    const s = incidentSchedule(
      { cycleMs: 10 * MINUTE, windows: [{ kind: 'error_burst', startMs: 0, endMs: MINUTE, severity: 'clear-cut' }] },
      2,
    );
    expect(s.windows[0]).toEqual({ kind: 'error_burst', startMs: 0, endMs: MINUTE / 2, severity: 'clear-cut' });
    const bad = () =>
      incidentSchedule({
        cycleMs: MINUTE,
        windows: [{ kind: 'error_burst', startMs: 0, endMs: MINUTE, severity: 'huge' as IncidentSeverity }],
      });
    expect(bad).toThrow(DemoError);
    expect(bad).toThrow(/schedule\.windows\[0\]\.severity must be one of subtle, clear-cut \(got "huge"\)/);
  });
});
