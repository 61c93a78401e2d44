import { accuracyScore, f1Score, meanAbsoluteError, rocAucScore, rootMeanSquaredError } from '@modelwatch/core/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Feedback } from '../../domain/feedback.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { MonitorResult } from '../../domain/monitor.js';
import type { Outcome } from '../../domain/outcome.js';
import type { SliceStats } from '../../domain/query.js';
import type { Score } from '../../domain/score.js';
import type { Store } from '../../storage/store.js';
import { StoreError } from '../../storage/store-error.js';
import { SeededRandom } from '../demo/seeded-random.js';
import { degradationScore } from '../query/index.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import type { EvaluatorOptions, EvaluatorRun } from './evaluator.js';
import {
  HOUR,
  MINUTE,
  type MonitoringFixture,
  monitorEvent,
  monitoringFixture,
  MONITOR_PROJECT as P,
  MONITOR_T0 as T0,
} from './monitoring-fixture.js';
import { monitoringServices } from './monitoring-services.js';
import { SLICE_LATENCY_WEIGHT } from './slice-monitors.js';

interface TrafficOptions {
  readonly version: string;
  readonly model?: string;
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  /** Mean of feature x and the colour mix move with it (0: the reference distribution). */
  readonly shift?: number;
  /** Error rate per region (default 1 % everywhere). */
  readonly errorRate?: Readonly<Record<string, number>>;
}

interface Traffic {
  readonly events: InferenceEvent[];
  /** Per ok event with a prediction: the true label, the predicted one and the score of 'yes'. */
  readonly truth: { requestId: string; actual: string; predicted: string; score: number }[];
}

/** Seeded classifier traffic: x ~ N(shift, 1), a colour, a yes/no prediction with a score, latency, region. */
function classifierTraffic(rng: SeededRandom, o: TrafficOptions): Traffic {
  const events: InferenceEvent[] = [];
  const truth: Traffic['truth'] = [];
  const shift = o.shift ?? 0;
  const colours = shift === 0 ? [0.5, 0.3, 0.2] : [0.15, 0.25, 0.6];
  let i = 0;
  for (let t = o.from; t < o.to; t += o.stepMs) {
    const requestId = `${o.model ?? 'clf'}-${o.version}-${t}-${i++}`;
    const x = rng.normal(shift, 1);
    const colour = rng.weighted([
      ['red', colours[0] as number],
      ['green', colours[1] as number],
      ['blue', colours[2] as number],
    ] as const);
    const region = rng.chance(0.5) ? 'eu' : 'us';
    const failed = rng.chance(o.errorRate?.[region] ?? 0.01);
    const actual = x + rng.normal(0, 0.5) > 0 ? 'yes' : 'no';
    const predicted = rng.chance(0.85) ? actual : actual === 'yes' ? 'no' : 'yes';
    const score = predicted === 'yes' ? 0.5 + 0.5 * rng.uniform() : 0.5 * rng.uniform();
    events.push(
      monitorEvent(requestId, {
        timestamp: t,
        model: o.model ?? 'clf',
        version: o.version,
        segment: { region },
        inputs: { features: { x, colour } },
        latencyMs: 40 + Math.abs(rng.normal(0, 10)),
        ...(failed ? { status: 'error', errorType: 'timeout' } : { output: { label: predicted, score } }),
      }),
    );
    if (!failed) truth.push({ requestId, actual, predicted, score });
  }
  return { events, truth };
}

async function append(store: Store, events: readonly InferenceEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5_000) await store.appendEvents(P, events.slice(i, i + 5_000), T0);
}

const byMonitor = (
  results: readonly MonitorResult[],
  model: string,
  version: string,
  monitor: string,
  segment?: string,
) =>
  results.find(
    (r) => r.model === model && r.version === version && r.monitor === monitor && r.segment === segment,
  ) as MonitorResult;

const relClose = (actual: number | null, expected: number, rel = 1e-12) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe('Evaluator (real DuckDB file)', () => {
  let f: MonitoringFixture;
  beforeEach(async () => {
    f = await monitoringFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  const build = (options: Omit<EvaluatorOptions, 'store' | 'baselines' | 'rows'> = {}, store: Store = f.store) =>
    monitoringServices(store, { baselineHours: 2, windowMs: 15 * MINUTE, ...options });

  it('captures the baseline from the first N hours, then finds drift where the features shifted and not where they did not', async () => {
    const rng = new SeededRandom(6);
    for (const version of ['stable', 'shifted']) {
      // Reference traffic: the first 3 hours, one event per 10 s (the baseline is the first 2).
      await append(f.store, classifierTraffic(rng, { version, from: T0, to: T0 + 3 * HOUR, stepMs: 10_000 }).events);
      // The evaluated window: 15 minutes, one event per 5 s, shifted for one version only.
      const shift = version === 'shifted' ? 1.5 : 0;
      const window = classifierTraffic(rng, {
        version,
        from: T0 + 3 * HOUR,
        to: T0 + 3 * HOUR + 15 * MINUTE,
        stepMs: 5_000,
        shift,
      });
      await append(f.store, window.events);
    }
    const m = build();

    const early = await m.evaluator.runOnce(T0 + HOUR);
    expect(early.errors).toEqual([]);
    expect(early.baselinesCaptured).toEqual([]);
    const notYet = byMonitor(early.results, 'clf', 'stable', 'drift.share');
    expect(notYet.status).toBe('skipped');
    expect(String(notYet.details.reason)).toContain('2026-01-05T02:00:00.000Z');
    expect(await m.baselines.list(P)).toEqual([]);

    const now = T0 + 3 * HOUR + 15 * MINUTE;
    // Due: the captures start in the background; this run's drift says so.
    const starting = await m.evaluator.runOnce(now);
    expect(starting.errors).toEqual([]);
    expect(String(byMonitor(starting.results, 'clf', 'stable', 'drift.share').details.reason)).toContain('in progress');
    await m.evaluator.baselineCaptures();
    const run = await m.evaluator.runOnce(now);
    expect(run.errors).toEqual([]);
    // Reported by the run that ended after each capture was stored (one or the other).
    const captured = [...starting.baselinesCaptured, ...run.baselinesCaptured].map((c) => c.version).sort();
    expect(captured).toEqual(['shifted', 'stable']);
    expect(run.baselinesCaptured.every((c) => c.projectId === P && c.model === 'clf')).toBe(true);
    const baseline = await m.baselines.get(P, 'clf', 'stable');
    expect(baseline.source).toEqual({ type: 'traffic', from: T0, to: T0 + 2 * HOUR });
    expect(baseline.rowCount).toBe(720);
    expect(baseline.rowCount).toBe(
      await f.store.countEvents({ projectId: P, model: 'clf', version: 'stable', from: T0, to: T0 + 2 * HOUR }),
    );
    expect([...baseline.columns].sort()).toEqual(
      ['$latency_ms', '$prediction.label', '$prediction.score', '$prediction.value', 'colour', 'x'].sort(),
    );

    const stable = byMonitor(run.results, 'clf', 'stable', 'drift.share');
    expect(stable.status).not.toBe('alert');
    expect(stable.details.drifted).toBe(false);
    expect(byMonitor(run.results, 'clf', 'stable', 'drift.feature.x').status).toBe('ok');
    expect(byMonitor(run.results, 'clf', 'stable', 'drift.feature.colour').status).toBe('ok');

    const shifted = byMonitor(run.results, 'clf', 'shifted', 'drift.share');
    expect(shifted.status).toBe('alert');
    expect(shifted.details.drifted).toBe(true);
    expect(shifted.details.driftedColumns).toEqual(expect.arrayContaining(['x', 'colour', '$prediction.label']));
    for (const monitor of ['drift.feature.x', 'drift.feature.colour', 'drift.prediction.label']) {
      const r = byMonitor(run.results, 'clf', 'shifted', monitor);
      expect(r.status, monitor).toBe('alert');
      // The value is the column's PSI, larger for the shifted version than for the stable one.
      expect(r.value as number).toBeGreaterThan(byMonitor(run.results, 'clf', 'stable', monitor).value as number);
    }
    // Latency did not move.
    expect(byMonitor(run.results, 'clf', 'shifted', 'drift.latency').status).toBe('ok');
  });

  it('computes quality from joined outcomes equal to the core metrics on the same pairs, and skips it below the minimum', async () => {
    const rng = new SeededRandom(11);
    const from = T0 + 5 * HOUR;
    const now = from + 15 * MINUTE;
    const window = classifierTraffic(rng, { version: 'v1', from, to: now, stepMs: 6_000 });
    await append(f.store, window.events);
    const labelled = window.truth.filter(() => rng.chance(0.7));
    const outcomes: Outcome[] = labelled.map((t) => ({ requestId: t.requestId, timestamp: now, label: t.actual }));
    await f.store.appendOutcomes(P, outcomes, now);
    // A regression model with outcome values.
    const values: { requestId: string; predicted: number; actual: number }[] = [];
    const regression: InferenceEvent[] = [];
    for (let t = from; t < now; t += 10_000) {
      const requestId = `reg-${t}`;
      const actual = rng.normal(100, 20);
      const predicted = actual + rng.normal(2, 5);
      regression.push(
        monitorEvent(requestId, { timestamp: t, model: 'reg', version: 'v3', output: { value: predicted } }),
      );
      values.push({ requestId, predicted, actual });
    }
    await append(f.store, regression);
    await f.store.appendOutcomes(
      P,
      values.map((v) => ({ requestId: v.requestId, timestamp: now, value: v.actual })),
      now,
    );
    // A third model with only 5 labelled outcomes.
    const few = classifierTraffic(rng, { model: 'few', version: 'v1', from, to: now, stepMs: 30_000 });
    await append(f.store, few.events);
    await f.store.appendOutcomes(
      P,
      few.truth.slice(0, 5).map((t) => ({ requestId: t.requestId, timestamp: now, label: t.actual })),
      now,
    );

    const run = await build().evaluator.runOnce(now);
    expect(run.errors).toEqual([]);

    const actual = labelled.map((t) => t.actual);
    const predicted = labelled.map((t) => t.predicted);
    const scores = labelled.map((t) => t.score);
    expect(labelled.length).toBeGreaterThan(30);
    relClose(byMonitor(run.results, 'clf', 'v1', 'quality.accuracy').value, accuracyScore(actual, predicted));
    relClose(
      byMonitor(run.results, 'clf', 'v1', 'quality.f1_macro').value,
      f1Score(actual, predicted, { average: 'macro' }),
    );
    relClose(byMonitor(run.results, 'clf', 'v1', 'quality.roc_auc').value, rocAucScore(actual, scores));
    // Sanity: about 85 % right, as generated.
    expect(byMonitor(run.results, 'clf', 'v1', 'quality.accuracy').value).toBeGreaterThan(0.75);
    // The alerting signal: accuracy of the 100 most recent labelled predictions (truth is in time order).
    const recent = labelled.slice(-100);
    expect(labelled.length).toBeGreaterThan(100);
    const recentResult = byMonitor(run.results, 'clf', 'v1', 'quality.accuracy_recent');
    relClose(
      recentResult.value,
      accuracyScore(
        recent.map((t) => t.actual),
        recent.map((t) => t.predicted),
      ),
    );
    expect(recentResult.details).toMatchObject({ labelled: 100, recentLabelled: 100, minLabelled: 30 });

    relClose(
      byMonitor(run.results, 'reg', 'v3', 'quality.mae').value,
      meanAbsoluteError(
        values.map((v) => v.actual),
        values.map((v) => v.predicted),
      ),
    );
    relClose(
      byMonitor(run.results, 'reg', 'v3', 'quality.rmse').value,
      rootMeanSquaredError(
        values.map((v) => v.actual),
        values.map((v) => v.predicted),
      ),
    );
    expect(byMonitor(run.results, 'reg', 'v3', 'quality.accuracy')).toBeUndefined();

    const skipped = byMonitor(run.results, 'few', 'v1', 'quality.accuracy');
    expect(skipped).toMatchObject({ status: 'skipped', value: null });
    expect(skipped.details.reason).toBe('only 5 labelled outcomes in the window (minimum 30)');
    expect(byMonitor(run.results, 'few', 'v1', 'quality.accuracy_recent')).toMatchObject({
      status: 'skipped',
      value: null,
    });
    expect(byMonitor(run.results, 'reg', 'v3', 'quality.accuracy_recent')).toBeUndefined();
  });

  it('computes SLIs, feedback, judge scores and the most degraded slice', async () => {
    const rng = new SeededRandom(3);
    const from = T0 + 8 * HOUR;
    const now = from + 15 * MINUTE;
    const window = classifierTraffic(rng, {
      version: 'v1',
      from,
      to: now,
      stepMs: 2_000,
      errorRate: { eu: 0.3, us: 0.01 },
    });
    await append(f.store, window.events);
    const feedback: Feedback[] = window.truth.slice(0, 40).map((t, i) => ({
      kind: 'thumbs',
      requestId: t.requestId,
      timestamp: now,
      value: i % 4 === 0 ? 'down' : 'up',
    }));
    await f.store.appendFeedback(P, feedback, now);
    const judged = window.truth.slice(0, 50).map((t) => ({ requestId: t.requestId, value: rng.uniform() }));
    const scores: Score[] = judged.map((j) => ({
      requestId: j.requestId,
      timestamp: now,
      name: 'helpfulness',
      value: j.value,
      source: 'judge',
    }));
    await f.store.appendScores(P, scores, now);

    const run = await build().evaluator.runOnce(now);
    expect(run.errors).toEqual([]);
    const n = window.events.length;
    const errors = window.events.filter((e) => e.status === 'error').length;
    expect(byMonitor(run.results, 'clf', 'v1', 'sli.requests').value).toBe(n);
    relClose(byMonitor(run.results, 'clf', 'v1', 'sli.throughput').value, n / 900);
    const errorRate = byMonitor(run.results, 'clf', 'v1', 'sli.error_rate');
    relClose(errorRate.value, errors / n);
    // About 15 % errors overall: past the default alert threshold of 5 %.
    expect(errorRate.status).toBe('alert');
    const latencies = window.events.map((e) => e.latencyMs).sort((a, b) => a - b);
    const p95 = byMonitor(run.results, 'clf', 'v1', 'sli.latency_p95').value as number;
    // Within the store's sketch error (1 %) of the sample's 95th percentile (ranks ⌊q(n−1)⌋..⌈q(n−1)⌉).
    const lo = latencies[Math.floor(0.95 * (n - 1))] as number;
    const hi = latencies[Math.ceil(0.95 * (n - 1))] as number;
    expect(p95).toBeGreaterThanOrEqual(lo * 0.99);
    expect(p95).toBeLessThanOrEqual(hi * 1.01);

    relClose(byMonitor(run.results, 'clf', 'v1', 'feedback.thumbs_up_rate').value, 30 / 40);
    relClose(byMonitor(run.results, 'clf', 'v1', 'feedback.thumbs_down_per_event').value, 10 / n);
    const judge = byMonitor(run.results, 'clf', 'v1', 'score.judge.helpfulness');
    relClose(judge.value, judged.reduce((s, j) => s + j.value, 0) / judged.length);
    expect(judge.details.count).toBe(50);

    const eu = byMonitor(run.results, 'clf', 'v1', 'segment.degradation', 'region=eu');
    expect(eu.details.rank).toBe(1);
    const slices = await f.store.sliceStats({ projectId: P, model: 'clf', version: 'v1', from, to: now }, 50);
    const euSlice = slices.slices.find((s) => s.key === 'region' && s.value === 'eu');
    relClose(eu.value, degradationScore(euSlice as SliceStats, slices.window, SLICE_LATENCY_WEIGHT, 30));
    expect(eu.value as number).toBeGreaterThan(0.1);
    const euErrors = window.events.filter((e) => e.segment.region === 'eu');
    relClose(
      byMonitor(run.results, 'clf', 'v1', 'sli.error_rate', 'region=eu').value,
      euErrors.filter((e) => e.status === 'error').length / euErrors.length,
    );
    expect(byMonitor(run.results, 'clf', 'v1', 'sli.error_rate', 'region=eu').status).toBe('alert');
    expect(byMonitor(run.results, 'clf', 'v1', 'sli.error_rate', 'region=us').status).toBe('ok');
    expect(byMonitor(run.results, 'clf', 'v1', 'segment.degradation', 'region=us').value as number).toBeLessThan(0);
  });

  it('stores each run as history, listed by window, model, monitor prefix and limit', async () => {
    const rng = new SeededRandom(5);
    await append(f.store, classifierTraffic(rng, { version: 'v1', from: T0, to: T0 + HOUR, stepMs: 10_000 }).events);
    const m = build();
    const runs: EvaluatorRun[] = [];
    for (const k of [1, 2, 3, 4]) runs.push(await m.evaluator.runOnce(T0 + k * 15 * MINUTE));
    const all = await f.store.listMonitorResults(P, { from: T0, to: T0 + 2 * HOUR, limit: 100_000 });
    expect(all.length).toBe(runs.reduce((s, r) => s + r.results.length, 0));
    const errorRates = await f.store.listMonitorResults(P, {
      monitor: 'sli.error_rate',
      segment: '',
      from: T0,
      to: T0 + 2 * HOUR,
      limit: 100,
    });
    expect(errorRates.map((r) => r.at)).toEqual([1, 2, 3, 4].map((k) => T0 + k * 15 * MINUTE));
    const drift = await f.store.listMonitorResults(P, { monitor: 'drift.*', from: T0, to: T0 + 2 * HOUR, limit: 100 });
    expect(drift.length).toBe(4);
    expect(drift.every((r) => r.monitor === 'drift.share' && r.status === 'skipped')).toBe(true);
    const last2 = await f.store.listMonitorResults(P, {
      monitor: 'sli.requests',
      segment: '',
      from: T0,
      to: T0 + 2 * HOUR,
      limit: 2,
    });
    expect(last2.map((r) => r.at)).toEqual([T0 + 45 * MINUTE, T0 + HOUR]);
    expect(await f.store.listMonitorResults('other', { from: T0, to: T0 + 2 * HOUR, limit: 100 })).toEqual([]);
  });

  it('stores nothing and reports no error when there is no traffic', async () => {
    const m = build();
    const run = await m.evaluator.runOnce(T0 + HOUR);
    expect(run).toMatchObject({ results: [], errors: [], baselinesCaptured: [] });
    expect(await f.store.listMonitorResults(P, { from: 0, to: T0 + 10 * HOUR, limit: 10 })).toEqual([]);
    expect(m.evaluator.stats).toMatchObject({ runs: 1, errors: 0, failedRuns: 0 });
  });

  it('never overlaps runs: a run requested during another joins it', async () => {
    await append(
      f.store,
      classifierTraffic(new SeededRandom(1), { version: 'v1', from: T0, to: T0 + HOUR, stepMs: 30_000 }).events,
    );
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    const gated = new Proxy(f.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'listModels') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<Store['listModels']>) => {
          active++;
          calls++;
          maxActive = Math.max(maxActive, active);
          await gate;
          try {
            return await target.listModels(...args);
          } finally {
            active--;
          }
        };
      },
    });
    const m = build({}, gated);
    const first = m.evaluator.runOnce(T0 + HOUR);
    const second = m.evaluator.runOnce(T0 + HOUR + MINUTE);
    expect(second).toBe(first);
    expect(m.evaluator.running).toBe(true);
    release();
    const run = await first;
    expect(run.at).toBe(T0 + HOUR);
    expect(maxActive).toBe(1);
    // One listModels for the window (the baseline check adds one for the version's first traffic).
    expect(calls).toBe(2);
    expect(m.evaluator.stats).toMatchObject({ runs: 1, overlapsAvoided: 1 });
    expect(m.evaluator.running).toBe(false);
    const third = await m.evaluator.runOnce(T0 + 2 * HOUR);
    expect(third.at).toBe(T0 + 2 * HOUR);
    expect(m.evaluator.stats.runs).toBe(2);
  });

  it('survives store errors: a failing part is counted and the others still run; a failing run never rejects', async () => {
    await append(
      f.store,
      classifierTraffic(new SeededRandom(2), { version: 'v1', from: T0, to: T0 + HOUR, stepMs: 10_000 }).events,
    );
    const failing = new Set<string>(['overview', 'listProjects']);
    const broken = new Proxy(f.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof prop === 'string' && failing.has(prop)) {
          return async () => {
            throw new StoreError('read_failed', `DuckDbStore ${prop}: disk on fire`);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const seen: string[] = [];
    const m = build({ minSliceRequests: 10, onError: (_err, scope) => seen.push(scope.part) }, broken);

    const down = await m.evaluator.runOnce(T0 + HOUR);
    expect(down.results).toEqual([]);
    expect(down.errors).toEqual([{ part: 'run', message: 'DuckDbStore listProjects: disk on fire' }]);
    expect(m.evaluator.stats).toMatchObject({ runs: 1, failedRuns: 1, errors: 1 });

    failing.delete('listProjects');
    const partial = await m.evaluator.runOnce(T0 + HOUR);
    expect(partial.errors).toEqual([
      { part: 'sli', projectId: P, model: 'clf', version: 'v1', message: 'DuckDbStore overview: disk on fire' },
    ]);
    expect(partial.results.some((r) => r.monitor === 'sli.requests' && r.segment === undefined)).toBe(false);
    expect(partial.results.some((r) => r.monitor === 'sli.requests' && r.segment !== undefined)).toBe(true);
    expect(partial.results.some((r) => r.monitor === 'drift.share')).toBe(true);
    expect(partial.results.some((r) => r.monitor === 'segment.degradation')).toBe(true);

    failing.delete('overview');
    failing.add('appendMonitorResults');
    const unstored = await m.evaluator.runOnce(T0 + HOUR);
    expect(unstored.errors.map((e) => e.part)).toEqual(['store']);
    expect(unstored.results).toEqual([]);

    failing.clear();
    const healthy = await m.evaluator.runOnce(T0 + HOUR);
    expect(healthy.errors).toEqual([]);
    expect(healthy.results.some((r) => r.monitor === 'sli.requests')).toBe(true);
    expect(seen).toEqual(['run', 'sli', 'store']);
    expect(m.evaluator.stats).toMatchObject({ runs: 4, failedRuns: 1, errors: 3 });
  });

  it('calls the onRun hooks with the results and now, counting a failing hook without stopping the others', async () => {
    await append(
      f.store,
      classifierTraffic(new SeededRandom(4), { version: 'v1', from: T0, to: T0 + HOUR, stepMs: 20_000 }).events,
    );
    const m = build();
    const calls: { n: number; now: number }[] = [];
    m.evaluator.onRun(() => {
      throw new Error('hook broke');
    });
    const remove = m.evaluator.onRun((results, now) => {
      calls.push({ n: results.length, now });
    });
    const run = await m.evaluator.runOnce(T0 + HOUR);
    expect(calls).toEqual([{ n: run.results.length, now: T0 + HOUR }]);
    expect(run.results.length).toBeGreaterThan(0);
    expect(run.errors).toEqual([{ part: 'hook', message: 'hook broke' }]);
    remove();
    await m.evaluator.runOnce(T0 + HOUR);
    expect(calls.length).toBe(1);
  });

  it('sets the quality and drift gauges, the evaluator lag and the run duration on the TelemetryMetrics registry', async () => {
    const rng = new SeededRandom(9);
    await append(
      f.store,
      classifierTraffic(rng, { version: 'v1', from: T0, to: T0 + 3 * HOUR, stepMs: 10_000 }).events,
    );
    const window = classifierTraffic(rng, {
      version: 'v1',
      from: T0 + 3 * HOUR,
      to: T0 + 3 * HOUR + 15 * MINUTE,
      stepMs: 5_000,
      shift: 2,
    });
    await append(f.store, window.events);
    await f.store.appendOutcomes(
      P,
      window.truth.map((t) => ({ requestId: t.requestId, timestamp: T0 + 4 * HOUR, label: t.actual })),
      T0 + 4 * HOUR,
    );
    const telemetry = new TelemetryMetrics({ processMetrics: false });
    const now = T0 + 3 * HOUR + 15 * MINUTE;
    // The wall clock of the run: the lag is clock − now.
    let clock = now + 42_000;
    const m = build({ telemetry, clock: () => clock });
    await m.evaluator.runOnce(now);
    await m.evaluator.baselineCaptures();
    const run = await m.evaluator.runOnce(now);
    clock += 1;
    expect(run.errors).toEqual([]);
    const text = await telemetry.metrics();
    const gauge = (family: string, label: string, value: string): number => {
      const line = text
        .split('\n')
        .find(
          (l) => l.startsWith(`${family}{`) && l.includes(`model_id="clf:v1"`) && l.includes(`${label}="${value}"`),
        );
      expect(line, `${family} ${label}=${value}`).toBeDefined();
      return Number((line as string).split(' ').at(-1));
    };
    relClose(
      gauge('model_quality_score', 'metric', 'accuracy'),
      byMonitor(run.results, 'clf', 'v1', 'quality.accuracy').value as number,
    );
    relClose(
      gauge('model_quality_score', 'metric', 'roc_auc'),
      byMonitor(run.results, 'clf', 'v1', 'quality.roc_auc').value as number,
    );
    const psi = gauge('model_drift_score', 'feature', 'x');
    relClose(psi, byMonitor(run.results, 'clf', 'v1', 'drift.feature.x').value as number);
    expect(psi).toBeGreaterThan(0.2);
    gauge('model_drift_score', 'feature', '$prediction.label');
    expect(text).toMatch(/^modelwatch_evaluator_lag_seconds 42$/m);
    expect(text).toMatch(/^modelwatch_evaluator_run_duration_seconds_count 2$/m);
  });

  it("runs on an unref'd timer until stopped, and rejects a bad interval", async () => {
    await append(
      f.store,
      classifierTraffic(new SeededRandom(8), { version: 'v1', from: T0, to: T0 + HOUR, stepMs: 60_000 }).events,
    );
    const m = build({ clock: () => T0 + HOUR });
    expect(() => m.evaluator.start(0)).toThrow('Evaluator: intervalMs must be a finite number > 0 (got 0)');
    m.evaluator.start(5);
    m.evaluator.start(5);
    await vi.waitFor(() => expect(m.evaluator.stats.runs).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 20 });
    await m.evaluator.stop();
    expect(m.evaluator.running).toBe(false);
    const { runs, errors } = m.evaluator.stats;
    expect(errors).toBe(0);
    // Every run stored its results: one sli.requests per run.
    const stored = await f.store.listMonitorResults(P, {
      monitor: 'sli.requests',
      segment: '',
      from: 0,
      to: T0 + 2 * HOUR,
      limit: 1000,
    });
    expect(stored.length).toBe(runs);
  });
});
