import { describe, expect, it } from 'vitest';
import { activeIncidents } from './active-incidents.js';
import { DemoError } from './demo-error.js';
import { demoSummary } from './demo-summary.js';
import { DEFAULT_INCIDENT_SCHEDULE, INCIDENT_KINDS, incidentSchedule } from './incident-schedule.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

describe('activeIncidents', () => {
  const kinds = (t: number) => activeIncidents(DEFAULT_INCIDENT_SCHEDULE, T0, t).map((i) => i.kind);

  it('follows the default ten-minute cycle, windows half-open, repeating', () => {
    expect(kinds(T0 - 1)).toEqual([]);
    expect(kinds(T0)).toEqual([]);
    expect(kinds(T0 + MIN - 1)).toEqual([]);
    expect(kinds(T0 + MIN)).toEqual(['input_drift']);
    expect(kinds(T0 + 2.5 * MIN)).toEqual(['latency_regression']);
    expect(kinds(T0 + 4 * MIN)).toEqual(['error_burst']);
    expect(kinds(T0 + 6 * MIN)).toEqual(['quality_drop']);
    expect(kinds(T0 + 9 * MIN)).toEqual(['canary']);
    expect(kinds(T0 + 10 * MIN)).toEqual([]);
    expect(kinds(T0 + 31.5 * MIN)).toEqual(['input_drift']);
    const [drift] = activeIncidents(DEFAULT_INCIDENT_SCHEDULE, T0, T0 + 31.5 * MIN);
    expect(drift).toMatchObject({ cycle: 3, startMs: T0 + 31 * MIN, endMs: T0 + 32.5 * MIN });
    expect(drift?.description).toContain('°F');
  });

  it('steps the canary share through the window', () => {
    const share = (minute: number) => activeIncidents(DEFAULT_INCIDENT_SCHEDULE, T0, T0 + minute * MIN)[0]?.canaryShare;
    expect([share(7), share(7.99), share(8), share(9), share(9.999)]).toEqual([0.05, 0.05, 0.25, 0.5, 0.5]);
  });

  it('reports overlapping windows together', () => {
    const schedule = incidentSchedule({
      cycleMs: 100,
      windows: [
        { kind: 'error_burst', startMs: 0, endMs: 60 },
        { kind: 'latency_regression', startMs: 50, endMs: 100 },
      ],
    });
    expect(activeIncidents(schedule, 0, 55).map((i) => i.kind)).toEqual(['error_burst', 'latency_regression']);
  });
});

describe('incidentSchedule', () => {
  it('compresses the cycle by speed', () => {
    const fast = incidentSchedule(DEFAULT_INCIDENT_SCHEDULE, 10);
    expect(fast.cycleMs).toBe(60_000);
    expect(fast.windows[0]).toEqual({ kind: 'input_drift', startMs: 6000, endMs: 15_000 });
    expect(fast.windows.map((w) => w.kind)).toEqual([...INCIDENT_KINDS]);
  });

  it('rejects bad schedules naming the field', () => {
    expect(() => incidentSchedule(DEFAULT_INCIDENT_SCHEDULE, 0)).toThrow(
      'incidentSchedule: speed must be a finite number > 0 (got 0)',
    );
    expect(() => incidentSchedule({ cycleMs: 100, windows: [{ kind: 'canary', startMs: 50, endMs: 40 }] })).toThrow(
      'incidentSchedule: schedule.windows[0] must satisfy 0 ≤ startMs < endMs (got startMs 50, endMs 40)',
    );
    expect(() => incidentSchedule({ cycleMs: 100, windows: [{ kind: 'canary', startMs: 0, endMs: 200 }] })).toThrow(
      'schedule.windows[0].endMs must be at most schedule.cycleMs 100 (got 200)',
    );
    expect(() =>
      incidentSchedule({ cycleMs: 100, windows: [{ kind: 'outage' as 'canary', startMs: 0, endMs: 10 }] }),
    ).toThrow(DemoError);
    expect(() =>
      incidentSchedule({ cycleMs: 100, windows: [{ kind: 'canary', startMs: 0, endMs: 10, canaryShares: [1.5] }] }),
    ).toThrow('canaryShares must be a non-empty list of shares in [0, 1] (got [1.5])');
  });
});

describe('demoSummary', () => {
  it('lists every incident with its offsets, following the speed', () => {
    const text = demoSummary();
    expect(text).toContain('repeats every 10:00');
    expect(text).toContain('1:00–2:30  input_drift');
    expect(text).toContain('7:00–10:00  canary (5 % → 25 % → 50 %)');
    for (const kind of INCIDENT_KINDS) expect(text).toContain(kind);
    expect(text).toContain('BSD-3-Clause');
    const fast = demoSummary({ speed: 2 });
    expect(fast).toContain('repeats every 5:00');
    expect(fast).toContain('0:30–1:15  input_drift');
    expect(fast).toContain('one simulated day per 5 s');
  });
});
