import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../../domain/inference-event.js';
import {
  type ExperimentFixture,
  experimentEvent,
  experimentFixture,
  FIXTURE_PROJECT as P,
  FIXTURE_T0 as T0,
} from './experiment-fixture.js';
import { ExperimentServiceError } from './experiment-service-error.js';

const MIN = 60_000;
const ID = 'ranker-canary';

/** A canary experiment: production (stable) and canary, guarded on errors and latency. */
async function createCanary(f: ExperimentFixture): Promise<void> {
  await f.services.registry.create(P, {
    id: ID,
    type: 'canary',
    variants: [
      { name: 'production', weight: 100 },
      { name: 'canary', weight: 0 },
    ],
    guardrails: [
      { metric: 'error', direction: 'lower-is-better', threshold: 0.02 },
      { metric: 'latency_ms', direction: 'lower-is-better', threshold: 0.2, thresholdType: 'relative' },
    ],
  });
}

const POLICY = {
  experimentId: ID,
  steps: [10, 50, 100],
  minSamplesPerStep: 100,
  minDurationPerStepMs: 3 * MIN,
  analysisIntervalMs: MIN,
  minRequestsPerAnalysis: 20,
};

/**
 * One minute of traffic: `n` units, each routed by the assignment endpoint's service, with the
 * given error percentages (a deterministic pattern, so the rate in any minute is known).
 */
async function traffic(
  f: ExperimentFixture,
  minute: number,
  n: number,
  errorPercent: { canary: number; production: number },
): Promise<InferenceEvent[]> {
  const events: InferenceEvent[] = [];
  for (let i = 0; i < n; i++) {
    const unitId = `u-${minute}-${i}`;
    const { variant } = await f.services.registry.assignment(P, ID, unitId);
    const error = (i * 37) % 100 < errorPercent[variant as 'canary' | 'production'];
    events.push(
      experimentEvent(`r-${minute}-${i}`, {
        timestamp: T0 + minute * MIN + i * 10,
        variant: variant as 'canary' | 'production',
        experiment: ID,
        unitId,
        latencyMs: 100 + ((i * 13) % 41),
        status: error ? 'error' : 'ok',
        ...(error ? { errorType: 'internal' as const } : {}),
      }),
    );
  }
  await f.store.appendEvents(P, events, T0 + (minute + 1) * MIN);
  return events;
}

const HEALTHY = { canary: 1, production: 1 };

describe('RolloutController (real DuckDB file)', () => {
  let f: ExperimentFixture;
  beforeEach(async () => {
    f = await experimentFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('rolls back within one analysis interval of a guardrail breach, and logs the statistics', async () => {
    await createCanary(f);
    const started = await f.services.rollouts.start(P, POLICY, 'test');
    expect(started).toMatchObject({ status: 'progressing', step: 0, weight: 10 });
    expect((await f.services.registry.get(P, ID)).definition.status).toBe('running');

    // Step 0 (10 %): three healthy minutes complete it (≥ 100 canary units, 3 minutes, Successful runs).
    const canaryAt10 = new Set<string>();
    for (let m = 0; m < 3; m++) {
      const events = await traffic(f, m, 400, HEALTHY);
      for (const e of events) if (e.variant === 'canary') canaryAt10.add(e.unitId as string);
      await f.services.rollouts.tick(T0 + (m + 1) * MIN);
    }
    let view = await f.services.rollouts.get(P, ID);
    expect(view).toMatchObject({ status: 'progressing', step: 1, weight: 50 });
    // Raising the canary share kept every canary unit in the canary.
    expect(canaryAt10.size).toBeGreaterThan(80);
    for (const unit of canaryAt10) expect((await f.services.registry.assignment(P, ID, unit)).variant).toBe('canary');

    // One healthy minute at 50 %: the analysis holds.
    await traffic(f, 3, 400, HEALTHY);
    await f.services.rollouts.tick(T0 + 4 * MIN);
    expect((await f.services.rollouts.get(P, ID)).status).toBe('progressing');

    // The breach starts at minute 4: 30 % of canary requests fail.
    const breachAt = T0 + 4 * MIN;
    const breach = await traffic(f, 4, 400, { canary: 30, production: 1 });
    // Ticks come every 10 s; the analysis due at minute 5 rolls back.
    let rolledBackAt: number | undefined;
    for (let t = breachAt + 10_000; t <= breachAt + 2 * MIN && rolledBackAt === undefined; t += 10_000) {
      const [report] = await f.services.rollouts.tick(t);
      if (report?.transitions.some((e) => e.to.status === 'rolled-back')) rolledBackAt = t;
    }
    expect(rolledBackAt).toBeDefined();
    expect((rolledBackAt as number) - breachAt).toBeLessThanOrEqual(POLICY.analysisIntervalMs);
    // The previous analysis ran at the breach's start, so the next one (a full interval later) caught it.
    expect(rolledBackAt).toBe(breachAt + POLICY.analysisIntervalMs);

    view = await f.services.rollouts.get(P, ID);
    expect(view).toMatchObject({ status: 'rolled-back', step: 1, weight: 0 });
    expect((await f.services.registry.get(P, ID)).definition.status).toBe('stopped');
    // Every unit is back on the stable version.
    for (const unit of [...canaryAt10].slice(0, 50)) {
      expect((await f.services.registry.assignment(P, ID, unit)).variant).toBe('production');
    }

    const audit = await f.services.rollouts.audit(P, ID);
    expect(audit.map((a) => a.action)).toEqual(['start', 'hold', 'hold', 'step_up', 'hold', 'rollback']);
    const rollback = audit[audit.length - 1]?.details as {
      reason: { code: string };
      statistics: Record<string, number | string>;
      from: { weight: number };
      to: { weight: number };
    };
    expect(rollback.reason.code).toBe('guardrail_failed');
    expect(rollback.from.weight).toBe(50);
    expect(rollback.to.weight).toBe(0);
    // The statistics are those of the breach minute, computed independently here.
    const rate = (v: string) => {
      const arm = breach.filter((e) => e.variant === v);
      return arm.filter((e) => e.status === 'error').length / arm.length;
    };
    const s = rollback.statistics;
    expect(s.guardrail).toBe('error');
    expect(s.canaryCount).toBe(breach.filter((e) => e.variant === 'canary').length);
    expect(s.canary as number).toBeCloseTo(rate('canary'), 12);
    expect(s.stable as number).toBeCloseTo(rate('production'), 12);
    expect(s.worsening as number).toBeCloseTo(rate('canary') - rate('production'), 12);
    expect(s.failPValue as number).toBeLessThan(0.05);
    // After the rollback the controller leaves the rollout alone.
    expect(await f.services.rollouts.tick(breachAt + 10 * MIN)).toEqual([]);
  });

  it('resumes after a restart at the same step with the same counters, then promotes', async () => {
    await createCanary(f);
    await f.services.rollouts.start(P, POLICY, 'test');
    for (let m = 0; m < 3; m++) {
      await traffic(f, m, 400, HEALTHY);
      await f.services.rollouts.tick(T0 + (m + 1) * MIN);
    }
    // Two analyses into step 1 (50 %).
    for (let m = 3; m < 5; m++) {
      await traffic(f, m, 400, HEALTHY);
      await f.services.rollouts.tick(T0 + (m + 1) * MIN);
    }
    const before = await f.services.rollouts.get(P, ID);
    expect(before).toMatchObject({ status: 'progressing', step: 1, weight: 50 });
    expect(before.counters.successfulRunsInStep).toBe(2);
    expect(before.counters.samplesInStep).toBeGreaterThan(100);
    const auditBefore = await f.services.rollouts.audit(P, ID);

    f.now = T0 + 5 * MIN + 5000;
    await f.reopen();
    const after = await f.services.rollouts.get(P, ID);
    expect(after).toEqual(before);
    // A tick before the next analysis is due does not analyse twice.
    const [early] = await f.services.rollouts.tick(T0 + 5 * MIN + 5000);
    expect(early).toMatchObject({ analysed: false, transitions: [] });
    expect(await f.services.rollouts.audit(P, ID)).toEqual(auditBefore);

    // The new controller completes step 1 and promotes.
    await traffic(f, 5, 400, HEALTHY);
    const [report] = await f.services.rollouts.tick(T0 + 6 * MIN);
    expect(report?.transitions.map((e) => e.reason.code)).toEqual(['promoted']);
    const done = await f.services.rollouts.get(P, ID);
    expect(done).toMatchObject({ status: 'promoted', step: 2, weight: 100 });
    expect((await f.services.registry.get(P, ID)).definition.status).toBe('completed');
    expect((await f.services.registry.assignment(P, ID, 'anyone')).variant).toBe('canary');
    const actions = (await f.services.rollouts.audit(P, ID)).map((a) => a.action);
    expect(actions).toEqual(['start', 'hold', 'hold', 'step_up', 'hold', 'hold', 'promote']);
    const holds = (await f.services.rollouts.audit(P, ID)).filter((a) => a.action === 'hold');
    for (const h of holds) {
      const details = h.details as { statistics: Record<string, unknown> };
      expect(details.statistics.phase).toBe('Successful');
      expect(details.statistics['error.status']).toMatch(/^(pass|inconclusive)$/);
      expect(typeof details.statistics['latency_ms.bound']).toBe('number');
    }
  });

  it('rolls back on a fast error-budget burn (canary error rate / (1 − SLO) above 14.4)', async () => {
    await f.services.registry.create(P, {
      id: ID,
      type: 'canary',
      variants: [
        { name: 'production', weight: 1 },
        { name: 'canary', weight: 0 },
      ],
    });
    await f.services.rollouts.start(P, { ...POLICY, sloTarget: 0.99 }, 'test');
    const events = await traffic(f, 0, 600, { canary: 20, production: 0 });
    const [report] = await f.services.rollouts.tick(T0 + MIN);
    expect(report?.transitions.map((e) => e.reason.code)).toEqual(['burn_rate_rollback']);
    const canary = events.filter((e) => e.variant === 'canary');
    const expected = canary.filter((e) => e.status === 'error').length / canary.length / 0.01;
    expect(report?.transitions[0]?.statistics.burnRate as number).toBeCloseTo(expected, 10);
    expect(expected).toBeGreaterThan(14.4);
  });

  it('pauses, resumes and aborts by hand; a paused rollout does not advance', async () => {
    await createCanary(f);
    await f.services.rollouts.start(P, POLICY, 'test');
    f.now = T0 + 1000;
    expect(await f.services.rollouts.pause(P, ID, 'investigating', 'alice')).toMatchObject({ status: 'paused' });
    await expect(f.services.rollouts.pause(P, ID, 'again', 'alice')).rejects.toMatchObject({ code: 'conflict' });
    for (let m = 0; m < 4; m++) {
      await traffic(f, m, 400, HEALTHY);
      await f.services.rollouts.tick(T0 + (m + 1) * MIN);
    }
    expect(await f.services.rollouts.get(P, ID)).toMatchObject({ status: 'paused', step: 0 });
    f.now = T0 + 4 * MIN + 1000;
    expect(await f.services.rollouts.resume(P, ID, 'fixed', 'alice')).toMatchObject({ status: 'progressing' });
    f.now = T0 + 4 * MIN + 2000;
    expect(await f.services.rollouts.abort(P, ID, 'changed our mind', 'bob')).toMatchObject({
      status: 'rolled-back',
      weight: 0,
    });
    const audit = await f.services.rollouts.audit(P, ID);
    const manual = audit.filter((a) => ['pause', 'resume', 'abort'].includes(a.action));
    expect(manual.map((a) => [a.action, (a.details as { actor: string }).actor])).toEqual([
      ['pause', 'alice'],
      ['resume', 'alice'],
      ['abort', 'bob'],
    ]);
  });

  it('rejects a rollout of a non-canary experiment, a second rollout and a bad policy, naming the field', async () => {
    await f.services.registry.create(P, {
      id: 'ab-1',
      variants: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
    });
    await expect(f.services.rollouts.start(P, { experimentId: 'ab-1' })).rejects.toMatchObject({
      code: 'conflict',
      field: 'experimentId',
    });
    await createCanary(f);
    const bad = f.services.rollouts.start(P, { experimentId: ID, steps: [10, 5, 100] });
    await expect(bad).rejects.toBeInstanceOf(ExperimentServiceError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid', field: 'steps' });
    await expect(bad).rejects.toThrow('steps must be strictly increasing (got 10 then 5 at index 1)');
    await expect(f.services.rollouts.start(P, { experimentId: ID, failureLimit: -1 })).rejects.toThrow(
      'rollout.failureLimit: expected an integer ≥ 0 (got -1)',
    );
    await f.services.rollouts.start(P, POLICY);
    await expect(f.services.rollouts.start(P, POLICY)).rejects.toMatchObject({ code: 'conflict' });
    await expect(f.services.rollouts.get(P, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});
