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

describe('alertStep: keep firing for (Prometheus keep_firing_for)', () => {
  /** (time, active) evaluations with `for` 0 and keep-firing 3; the states and transitions. */
  function keep(steps: readonly [number, boolean][]): string[] {
    let record: AlertRecord | undefined;
    return steps.map(([t, active]) => {
      const step = alertStep(record, obs(active), 0, t, 3);
      record = step.record;
      return `${record?.state ?? 'none'}${step.transition ? `*` : ''}`;
    });
  }
  it('a firing alert whose condition flaps off for less than keepFiringFor keeps firing, with no transition', () => {
    expect(
      keep([
        [0, true],
        [1, false],
        [2, false],
        [3, true],
        [4, false],
        [6, false],
        [7, false],
      ]),
    ).toEqual(['firing*', 'firing', 'firing', 'firing', 'firing', 'firing', 'resolved*']);
  });
  it('resolves at the first evaluation keepFiringFor after the condition stopped, and records when it stopped', () => {
    let r = alertStep(undefined, obs(true), 0, 10, 3).record as AlertRecord;
    r = alertStep(r, obs(false), 0, 11, 3).record as AlertRecord;
    expect(r).toMatchObject({ state: 'firing', keepFiringSince: 11, lastEvaluatedAt: 11 });
    r = alertStep(r, obs(true), 0, 12, 3).record as AlertRecord;
    expect(r.keepFiringSince).toBeUndefined();
    r = alertStep(r, obs(false), 0, 13, 3).record as AlertRecord;
    const before = alertStep(r, obs(false), 0, 15, 3);
    expect(before.transition).toBeUndefined();
    const after = alertStep(before.record, obs(false), 0, 16, 3);
    expect(after.transition).toEqual({ fingerprint: 'f', from: 'firing', to: 'resolved', at: 16 });
    expect(after.record).toMatchObject({ state: 'resolved', resolvedAt: 16, firedAt: 10 });
    expect(after.record?.keepFiringSince).toBeUndefined();
  });
  it('does not apply to pending alerts: they are still dropped at once', () => {
    const a = alertStep(undefined, obs(true), 5, 0, 100);
    expect(alertStep(a.record, obs(false), 5, 1, 100).record).toBeUndefined();
  });
});
