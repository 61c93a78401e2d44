import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../domain/alerting.js';
import { type AlertObservation, alertStep } from './alert-lifecycle.js';

const obs = (active: boolean, value = 1): AlertObservation => ({
  fingerprint: 'f',
  ruleId: 'r',
  labels: { alertname: 'X' },
  annotations: { summary: 's' },
  active,
  value,
});

/** Runs a sequence of (time, active) evaluations and returns the state after each. */
function run(forMs: number, steps: readonly [number, boolean][]): (string | undefined)[] {
  let record: AlertRecord | undefined;
  const states: (string | undefined)[] = [];
  for (const [t, active] of steps) {
    record = alertStep(record, obs(active), forMs, t).record;
    states.push(record?.state);
  }
  return states;
}

describe('alertStep: pending → firing → resolved with `for`', () => {
  it('fires once the condition has held for `for`, not before', () => {
    // for = 5 min; evaluations every minute from t = 0.
    const m = 60_000;
    expect(
      run(5 * m, [
        [0, true],
        [m, true],
        [4 * m, true],
        [5 * m - 1, true],
        [5 * m, true],
        [6 * m, false],
      ]),
    ).toEqual(['pending', 'pending', 'pending', 'pending', 'firing', 'resolved']);
  });
  it('a pending alert that recovers is dropped, never fires', () => {
    expect(
      run(300_000, [
        [0, true],
        [60_000, false],
        [120_000, true],
      ]),
    ).toEqual(['pending', undefined, 'pending']);
  });
  it('for = 0 fires at the first true evaluation; a resolved alert starts a new episode', () => {
    let r = alertStep(undefined, obs(true), 0, 10).record as AlertRecord;
    expect([r.state, r.activeAt, r.firedAt, r.episodes]).toEqual(['firing', 10, 10, 1]);
    r = alertStep(r, obs(false), 0, 20).record as AlertRecord;
    expect([r.state, r.resolvedAt]).toEqual(['resolved', 20]);
    r = alertStep(r, obs(true), 0, 30).record as AlertRecord;
    expect([r.state, r.activeAt, r.firedAt, r.episodes, r.resolvedAt]).toEqual(['firing', 30, 30, 2, undefined]);
  });
  it('reports each transition with its from/to and time, and none while the state holds', () => {
    const a = alertStep(undefined, obs(true), 100, 0);
    expect(a.transition).toEqual({ fingerprint: 'f', from: undefined, to: 'pending', at: 0 });
    const b = alertStep(a.record, obs(true, 2), 100, 50);
    expect(b.transition).toBeUndefined();
    expect(b.record?.value).toBe(2);
    const c = alertStep(b.record, obs(true), 100, 100);
    expect(c.transition).toEqual({ fingerprint: 'f', from: 'pending', to: 'firing', at: 100 });
    expect(c.record?.activeAt).toBe(0);
    const d = alertStep(c.record, obs(false), 100, 150);
    expect(d.transition).toEqual({ fingerprint: 'f', from: 'firing', to: 'resolved', at: 150 });
  });
});
