import { describe, expect, it } from 'vitest';
import {
  type AlertGroupState,
  type GroupMember,
  groupAfterSend,
  groupDecision,
  groupKeyOf,
  groupLabelsOf,
} from './alert-group.js';

const T = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * 3_600_000 };
const id = { channelId: 'c', groupKey: '{alertname="X"}', groupLabels: { alertname: 'X' } };

/** Drives the group through evaluations (time, members), applying every send as delivered. */
function drive(steps: readonly [number, GroupMember[]][]) {
  let state: AlertGroupState | undefined;
  const sends: { at: number; firing: readonly string[]; resolved: readonly string[]; reason: string }[] = [];
  for (const [at, members] of steps) {
    const d = groupDecision(state, id, members, T, at);
    state = d.state;
    if (d.send && state) {
      sends.push({ at, ...d.send });
      state = groupAfterSend(state, d.send, at);
    }
  }
  return { sends, state };
}
const f = (fp: string): GroupMember => ({ fingerprint: fp, state: 'firing' });
const r = (fp: string): GroupMember => ({ fingerprint: fp, state: 'resolved' });

describe('groupDecision (Alertmanager dispatcher timings on an injected clock)', () => {
  it('waits group_wait, batching alerts that arrive meanwhile, then sends once', () => {
    const { sends } = drive([
      [0, [f('a')]],
      [10_000, [f('a'), f('b')]],
      [29_999, [f('a'), f('b')]],
      [30_000, [f('a'), f('b')]],
      [40_000, [f('a'), f('b')]],
    ]);
    expect(sends).toEqual([{ at: 30_000, firing: ['a', 'b'], resolved: [], reason: 'new' }]);
  });
  it('a new alert after the first send waits for group_interval; duplicates are not re-sent', () => {
    const { sends } = drive([
      [0, [f('a')]],
      [30_000, [f('a')]],
      [60_000, [f('a'), f('c')]],
      [329_999, [f('a'), f('c')]],
      [330_000, [f('a'), f('c')]],
      [630_000, [f('a'), f('c')]],
    ]);
    expect(sends.map((s) => [s.at, s.firing, s.reason])).toEqual([
      [30_000, ['a'], 'new'],
      [330_000, ['a', 'c'], 'changed'],
    ]);
  });
  it('repeats an unchanged firing group after repeat_interval (at the next group-interval flush)', () => {
    const steps: [number, GroupMember[]][] = [];
    for (let t = 0; t <= 5 * 3_600_000; t += 60_000) steps.push([t, [f('a')]]);
    const { sends } = drive(steps);
    // Evaluations every minute: the first one ≥ group_wait (30 s) is at 60 s, the first send.
    // Flushes follow every 5 min (60 s + k·300 s); the repeat needs now − 60 s ≥ 4 h = 14 400 s,
    // first reached at the flush 60 s + 48·300 s = 14 460 s.
    expect(sends.map((s) => [s.at, s.reason])).toEqual([
      [60_000, 'new'],
      [14_460_000, 'repeat'],
    ]);
  });
  it('tells a resolution once, then the group disappears; an unnotified flap is never sent', () => {
    const { sends, state } = drive([
      [0, [f('a')]],
      [30_000, [f('a')]],
      [100_000, [r('a')]],
      [330_000, [r('a')]],
      [630_000, [r('a')]],
    ]);
    expect(sends.map((s) => [s.at, s.firing, s.resolved])).toEqual([
      [30_000, ['a'], []],
      [330_000, [], ['a']],
    ]);
    expect(state).toBeUndefined();
    expect(
      drive([
        [0, [f('z')]],
        [10_000, [r('z')]],
        [30_000, [r('z')]],
      ]).sends,
    ).toEqual([]);
  });
  it('a failed send (not applied) is retried at the next flush', () => {
    let d = groupDecision(undefined, id, [f('a')], T, 0);
    d = groupDecision(d.state, id, [f('a')], T, 30_000);
    expect(d.send?.firing).toEqual(['a']);
    // Delivery failed: the state is kept without groupAfterSend.
    const again = groupDecision(d.state, id, [f('a')], T, 330_000);
    expect(again.send).toEqual({ firing: ['a'], resolved: [], reason: 'new' });
  });
});

describe('group labels', () => {
  it('takes the group_by labels present; `...` groups by every label', () => {
    expect(groupLabelsOf({ alertname: 'X', model: 'm', severity: 'page' }, ['alertname', 'model', 'nope'])).toEqual({
      alertname: 'X',
      model: 'm',
    });
    expect(groupLabelsOf({ a: '1', b: '2' }, ['...'])).toEqual({ a: '1', b: '2' });
    expect(groupKeyOf({ model: 'm', alertname: 'X' })).toBe('{alertname="X",model="m"}');
  });
});
