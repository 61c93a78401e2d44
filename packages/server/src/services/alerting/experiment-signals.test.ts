/**
 * Experiment and rollout signals on a real DuckDB file (the experiments fixture: real registry,
 * rollout controller and analysis): `rollout.rollbacks` counts the rollout's rollbacks and aborts
 * in the window; `experiment.srm_p_value` is the SRM test of a running experiment's units; the
 * built-in CanaryRolledBack and ExperimentSampleRatioMismatch rules fire on them and resolve.
 */
import { sampleRatioMismatch } from '@modelwatch/core/experiments';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ExperimentFixture,
  experimentEvent,
  experimentFixture,
  FIXTURE_PROJECT as P,
  FIXTURE_T0 as T0,
} from '../experiments-server/experiment-fixture.js';
import { AlertAdmin } from './alert-admin.js';
import { AlertEngine } from './alert-engine.js';
import { experimentSignals } from './experiment-signals.js';

const MIN = 60_000;
let f: ExperimentFixture;
beforeEach(async () => {
  f = await experimentFixture();
});
afterEach(async () => {
  await f.dispose();
});

async function canary(id: string): Promise<void> {
  await f.services.registry.create(P, {
    id,
    type: 'canary',
    variants: [
      { name: 'production', weight: 100 },
      { name: 'canary', weight: 0 },
    ],
  });
  await f.services.rollouts.start(P, { experimentId: id, steps: [10, 100] }, 'test');
}

describe('experimentSignals', () => {
  it('counts rollbacks and aborts in the window (0 before and after), per rollout, with the reason codes', async () => {
    await canary('ranker-canary');
    await canary('other-canary');
    const before = await experimentSignals(f.store, f.services, T0 + MIN, { windowMs: 15 * MIN });
    expect(before.map((s) => [s.model, s.monitor, s.value])).toEqual([
      ['other-canary', 'rollout.rollbacks', 0],
      ['ranker-canary', 'rollout.rollbacks', 0],
    ]);
    f.now = T0 + 2 * MIN;
    await f.services.rollouts.abort(P, 'ranker-canary', 'bad canary', 'test');
    const during = await experimentSignals(f.store, f.services, T0 + 3 * MIN, { windowMs: 15 * MIN });
    const ranker = during.find((s) => s.model === 'ranker-canary');
    expect(ranker).toMatchObject({ projectId: P, version: '', value: 1, at: T0 + 3 * MIN });
    expect(ranker?.details).toMatchObject({
      rollout: 'ranker-canary',
      reasons: ['manual_abort'],
      lastAt: T0 + 2 * MIN,
    });
    expect(during.find((s) => s.model === 'other-canary')?.value).toBe(0);
    // The window is (now − windowMs, now]: the abort at +2 min leaves it at +17 min.
    const atEdge = await experimentSignals(f.store, f.services, T0 + 17 * MIN, { windowMs: 15 * MIN });
    expect(atEdge.find((s) => s.model === 'ranker-canary')?.value).toBe(0);
    const justInside = await experimentSignals(f.store, f.services, T0 + 17 * MIN - 1, { windowMs: 15 * MIN });
    expect(justInside.find((s) => s.model === 'ranker-canary')?.value).toBe(1);
  });

  it("reports a running experiment's SRM p-value (core sampleRatioMismatch of its units), none without enough units", async () => {
    await f.services.registry.create(P, {
      id: 'prompt-v2',
      variants: [
        { name: 'control', weight: 50 },
        { name: 'treatment', weight: 50 },
      ],
      status: 'running',
    });
    const events = (control: number, treatment: number, minute: number) => [
      ...Array.from({ length: control }, (_, i) =>
        experimentEvent(`c-${minute}-${i}`, {
          timestamp: T0 + minute * MIN + i,
          experiment: 'prompt-v2',
          variant: 'control',
          unitId: `uc-${minute}-${i}`,
        }),
      ),
      ...Array.from({ length: treatment }, (_, i) =>
        experimentEvent(`t-${minute}-${i}`, {
          timestamp: T0 + minute * MIN + i,
          experiment: 'prompt-v2',
          variant: 'treatment',
          unitId: `ut-${minute}-${i}`,
        }),
      ),
    ];
    // Too few units: no signal.
    await f.store.appendEvents(P, events(1, 1, 0), T0 + MIN);
    expect(await experimentSignals(f.store, f.services, T0 + MIN, { windowMs: 15 * MIN })).toEqual([]);
    // 300 vs 200 units: a mismatch against 50/50.
    await f.store.appendEvents(P, events(300, 200, 1), T0 + 2 * MIN);
    const [srm] = await experimentSignals(f.store, f.services, T0 + 2 * MIN, { windowMs: 15 * MIN });
    const expected = sampleRatioMismatch([301, 201], [50, 50]);
    expect(srm).toMatchObject({ model: 'prompt-v2', monitor: 'experiment.srm_p_value' });
    expect((srm?.value as number) / expected.pValue).toBeCloseTo(1, 9);
    expect(srm?.details).toMatchObject({ mismatch: true });
  });
});

describe('built-in rules over experiment signals', () => {
  it('CanaryRolledBack fires at the rollback (no `for`) and resolves once it leaves the window', async () => {
    await new AlertAdmin(f.store).installBuiltInRules(P);
    const engine = new AlertEngine({ store: f.store, onError: (what, err) => expect.fail(`${what}: ${String(err)}`) });
    await canary('ranker-canary');
    const evaluate = async (t: number) =>
      (await engine.evaluate(await experimentSignals(f.store, f.services, t), t)).transitions.map((x) => [
        x.alertname,
        x.to,
      ]);
    expect(await evaluate(T0 + MIN)).toEqual([]);
    f.now = T0 + 2 * MIN;
    await f.services.rollouts.abort(P, 'ranker-canary', 'bad canary', 'test');
    expect(await evaluate(T0 + 3 * MIN)).toEqual([['CanaryRolledBack', 'firing']]);
    const [firing] = await engine.listAlerts(P, 'firing');
    expect(firing?.labels).toMatchObject({ alertname: 'CanaryRolledBack', model: 'ranker-canary', severity: 'page' });
    expect(await evaluate(T0 + 10 * MIN)).toEqual([]);
    // Default window 15 min: resolved once the abort is older than that.
    expect(await evaluate(T0 + 17 * MIN)).toEqual([['CanaryRolledBack', 'resolved']]);
    await engine.close();
  });
});
