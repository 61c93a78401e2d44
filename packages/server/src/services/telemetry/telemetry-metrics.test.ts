import fc from 'fast-check';
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf, sumOf } from '../../../test/prometheus-text.js';
import { promtoolCheckMetrics } from '../../../test/promtool.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import { ERROR_TYPES, type InferenceEvent, VARIANTS } from '../../domain/inference-event.js';
import { MODEL_LATENCY_BUCKETS } from './buckets.js';
import { TelemetryError } from './telemetry-error.js';
import { TelemetryMetrics, type TelemetryMetricsOptions } from './telemetry-metrics.js';

type EventFields = Partial<Omit<InferenceEvent, 'requestId' | 'timestamp' | 'segment' | 'inputs' | 'output'>>;

function event(fields: EventFields = {}): InferenceEvent {
  return {
    requestId: 'r-1',
    timestamp: Date.UTC(2026, 0, 1),
    model: 'ranker',
    version: 'v1',
    variant: 'production',
    segment: {},
    inputs: {},
    output: {},
    latencyMs: 100,
    status: 'ok',
    ...fields,
  };
}

function failed(errorType: (typeof ERROR_TYPES)[number], fields: EventFields = {}): InferenceEvent {
  return event({ status: 'error', errorType, ...fields });
}

const quiet: TelemetryMetricsOptions = { processMetrics: false };

async function scrape(m: TelemetryMetrics, projectId?: string) {
  return parseExposition(await m.metrics(projectId === undefined ? {} : { projectId }));
}

describe('TelemetryMetrics counting', () => {
  it('counts requests by variant and status, errors by type, tokens by direction and cost', async () => {
    const m = new TelemetryMetrics(quiet);
    m.recordEvents('acme', [
      event({ tokens: { input: 100, output: 20 }, costUsd: 0.25 }),
      event({ variant: 'canary', tokens: { input: 7 } }),
      failed('timeout', { costUsd: 0.5 }),
      failed('timeout'),
      failed('upstream', { variant: 'canary' }),
      event({ model: 'chat', version: '2024-06' }),
    ]);
    const s = await scrape(m);
    const req = (labels: Record<string, string>) => sumOf(s, 'model_inference_requests_total', labels);
    expect(req({ project_id: 'acme', model_id: 'ranker:v1', variant: 'production', status: 'ok' })).toBe(1);
    expect(req({ model_id: 'ranker:v1', variant: 'production', status: 'error' })).toBe(2);
    expect(req({ model_id: 'ranker:v1', variant: 'canary', status: 'ok' })).toBe(1);
    expect(req({ model_id: 'ranker:v1', variant: 'canary', status: 'error' })).toBe(1);
    expect(req({ model_id: 'chat:2024-06' })).toBe(1);
    expect(sumOf(s, 'model_inference_errors_total', { model_id: 'ranker:v1', error_type: 'timeout' })).toBe(2);
    expect(sumOf(s, 'model_inference_errors_total', { model_id: 'ranker:v1', error_type: 'upstream' })).toBe(1);
    expect(sumOf(s, 'model_inference_errors_total')).toBe(3);
    expect(sumOf(s, 'model_inference_tokens_total', { direction: 'input' })).toBe(107);
    expect(sumOf(s, 'model_inference_tokens_total', { direction: 'output' })).toBe(20);
    expect(sumOf(s, 'model_inference_cost_usd_total', { model_id: 'ranker:v1' })).toBeCloseTo(0.75, 12);
    // No cost reported for chat: no series rather than a zero that looks like data.
    expect(samplesOf(s, 'model_inference_cost_usd_total', { model_id: 'chat:2024-06' })).toEqual([]);
  });

  it('puts latencies in cumulative buckets with Prometheus `le` semantics (a bound is inclusive)', async () => {
    const m = new TelemetryMetrics(quiet);
    // 100 ms sits exactly on the 0.1 s bound; 100.001 ms just above; 61 s beyond the last bound.
    m.recordEvents('acme', [event({ latencyMs: 100 }), event({ latencyMs: 100.001 }), event({ latencyMs: 61_000 })]);
    const s = await scrape(m);
    const bucket = (le: string) => sumOf(s, 'model_inference_latency_seconds_bucket', { le });
    expect(bucket('0.05')).toBe(0);
    expect(bucket('0.1')).toBe(1);
    expect(bucket('0.25')).toBe(2);
    expect(bucket('60')).toBe(2);
    expect(bucket('+Inf')).toBe(3);
    expect(sumOf(s, 'model_inference_latency_seconds_count')).toBe(3);
    expect(sumOf(s, 'model_inference_latency_seconds_sum')).toBeCloseTo(0.1 + 0.100001 + 61, 9);
    const les = samplesOf(s, 'model_inference_latency_seconds_bucket').map((x) => x.labels.le);
    expect(les).toEqual([...MODEL_LATENCY_BUCKETS.map(String), '+Inf']);
  });

  it('uses custom buckets and rejects unordered ones, naming the option', () => {
    const m = new TelemetryMetrics({ ...quiet, latencyBuckets: [0.5, 1] });
    m.recordEvents('acme', [event({ latencyMs: 700 })]);
    expect(() => new TelemetryMetrics({ ...quiet, latencyBuckets: [1, 0.5] })).toThrow(
      'latencyBuckets[1]: expected bounds in strictly increasing order (got 1 then 0.5)',
    );
    expect(() => new TelemetryMetrics({ ...quiet, commitBuckets: [] })).toThrow(TelemetryError);
  });

  it('builds model_id from the model alone when asked', async () => {
    const m = new TelemetryMetrics({ ...quiet, modelId: 'model' });
    m.recordEvents('acme', [event({ version: 'v1' }), event({ version: 'v2' })]);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_inference_requests_total').map((x) => [x.labels.model_id, x.value])).toEqual([
      ['ranker', 2],
    ]);
    expect(m.modelIdOf('ranker', 'v9')).toBe('ranker');
    expect(new TelemetryMetrics(quiet).modelIdOf('ranker', 'v9')).toBe('ranker:v9');
  });

  it('refuses a non-finite latency before counting anything from the batch', async () => {
    const m = new TelemetryMetrics(quiet);
    expect(() => m.recordEvents('acme', [event(), event({ latencyMs: Number.NaN })])).toThrow(
      'recordEvents: events[1].latencyMs must be a finite number ≥ 0 (got NaN)',
    );
    expect(() => m.recordEvents('acme', [event({ costUsd: -1 })])).toThrow('events[0].costUsd');
    expect(samplesOf(await scrape(m), 'model_inference_requests_total')).toEqual([]);
  });

  it('sets quality and drift gauges and keeps the latest value', async () => {
    const m = new TelemetryMetrics(quiet);
    m.setQualityScore('acme', 'ranker:v1', 'accuracy', 0.91);
    m.setQualityScore('acme', 'ranker:v1', 'accuracy', 0.87);
    m.setDriftScore('acme', 'ranker:v1', 'age', 0.31);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_quality_score')).toEqual([
      {
        name: 'model_quality_score',
        labels: { project_id: 'acme', model_id: 'ranker:v1', metric: 'accuracy' },
        value: 0.87,
      },
    ]);
    expect(sumOf(s, 'model_drift_score', { feature: 'age' })).toBe(0.31);
    expect(() => m.setDriftScore('acme', 'ranker:v1', 'age', Number.POSITIVE_INFINITY)).toThrow(
      'setDriftScore: value must be a finite number (got Infinity)',
    );
  });

  it('sets the rollout-rollback and SRM gauges per experiment, and checks their values', async () => {
    const m = new TelemetryMetrics(quiet);
    m.setRolloutRollbacks('acme', 'ranker-canary', 0);
    m.setRolloutRollbacks('acme', 'ranker-canary', 2);
    m.setExperimentSrmPValue('acme', 'checkout-ab', 0.0004);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_rollout_rollbacks')).toEqual([
      { name: 'model_rollout_rollbacks', labels: { project_id: 'acme', experiment: 'ranker-canary' }, value: 2 },
    ]);
    expect(samplesOf(s, 'model_experiment_srm_p_value')).toEqual([
      {
        name: 'model_experiment_srm_p_value',
        labels: { project_id: 'acme', experiment: 'checkout-ab' },
        value: 0.0004,
      },
    ]);
    expect(() => m.setRolloutRollbacks('acme', 'x', 1.5)).toThrow(
      'setRolloutRollbacks: n must be an integer ≥ 0 (got 1.5)',
    );
    expect(() => m.setExperimentSrmPValue('acme', 'x', 1.2)).toThrow(
      'setExperimentSrmPValue: pValue must be a number in [0, 1] (got 1.2)',
    );
    expect(() => m.setExperimentSrmPValue('acme', 'x', Number.NaN)).toThrow(TelemetryError);
  });

  it('drops the experiment series a run no longer reports, and brings one back when it is set again', async () => {
    const m = new TelemetryMetrics(quiet);
    m.setRolloutRollbacks('acme', 'r1', 1);
    m.setRolloutRollbacks('globex', 'r2', 0);
    m.setExperimentSrmPValue('acme', 'e1', 0.5);
    m.setExperimentSrmPValue('acme', 'e2', 0.0001);
    // e2 stopped (no SRM signal), r2's rollout was deleted; e1 and r1 are still reported.
    m.retainExperimentGauges({
      rollbacks: [{ projectId: 'acme', experiment: 'r1' }],
      srmPValue: [{ projectId: 'acme', experiment: 'e1' }],
    });
    let s = await scrape(m);
    expect(samplesOf(s, 'model_rollout_rollbacks').map((x) => x.labels.experiment)).toEqual(['r1']);
    expect(samplesOf(s, 'model_experiment_srm_p_value').map((x) => [x.labels.experiment, x.value])).toEqual([
      ['e1', 0.5],
    ]);
    m.setExperimentSrmPValue('acme', 'e2', 0.3);
    s = await scrape(m);
    expect(sumOf(s, 'model_experiment_srm_p_value', { experiment: 'e2' })).toBe(0.3);
    // Retaining an experiment that was never set creates nothing.
    m.retainExperimentGauges({ rollbacks: [], srmPValue: [{ projectId: 'acme', experiment: 'never' }] });
    s = await scrape(m);
    expect(samplesOf(s, 'model_experiment_srm_p_value')).toEqual([]);
    expect(samplesOf(s, 'model_rollout_rollbacks')).toEqual([]);
  });

  it('exports ingest, evaluator and store health', async () => {
    const m = new TelemetryMetrics(quiet);
    m.recordAccepted('event', 40);
    m.recordRejected('event', 'invalid_field', 3);
    m.recordRejected('outcome', 'unknown_request', 1);
    m.recordDuplicates('event', 2);
    m.setQueueDepth(17);
    m.observeCommit(0.004, 40);
    m.observeCommit(0.2, 10);
    m.setEvaluatorLag(12.5);
    m.observeEvaluatorRun(3);
    m.setStoreSizeBytes(1_048_576);
    const s = await scrape(m);
    expect(sumOf(s, 'modelwatch_ingest_records_accepted_total', { kind: 'event' })).toBe(40);
    expect(sumOf(s, 'modelwatch_ingest_records_rejected_total', { kind: 'event', reason: 'invalid_field' })).toBe(3);
    expect(sumOf(s, 'modelwatch_ingest_records_rejected_total')).toBe(4);
    expect(sumOf(s, 'modelwatch_ingest_records_duplicate_total')).toBe(2);
    expect(sumOf(s, 'modelwatch_ingest_queue_depth')).toBe(17);
    expect(sumOf(s, 'modelwatch_ingest_commit_duration_seconds_bucket', { le: '0.005' })).toBe(1);
    expect(sumOf(s, 'modelwatch_ingest_commit_duration_seconds_count')).toBe(2);
    expect(sumOf(s, 'modelwatch_ingest_committed_records_total')).toBe(50);
    expect(sumOf(s, 'modelwatch_evaluator_lag_seconds')).toBe(12.5);
    expect(sumOf(s, 'modelwatch_evaluator_run_duration_seconds_count')).toBe(1);
    expect(sumOf(s, 'modelwatch_store_size_bytes')).toBe(1_048_576);
    expect(() => m.recordRejected('event', 'x', 1.5)).toThrow('recordRejected: n must be an integer ≥ 0 (got 1.5)');
    expect(() => m.setQueueDepth(-1)).toThrow('setQueueDepth: n must be a finite number ≥ 0 (got -1)');
  });

  it('exports process metrics with the modelwatch_ prefix on its own registry, never the global one', async () => {
    const m = new TelemetryMetrics();
    const text = await m.metrics();
    expect(text).toContain('modelwatch_process_cpu_user_seconds_total');
    expect(text).toContain('modelwatch_nodejs_eventloop_lag_seconds');
    expect(text).not.toContain('modelwatch_nodejs_active_handles_total');
    const global = await globalRegistry.metrics();
    expect(global).not.toContain('model_inference_requests_total');
    expect(global).not.toContain('modelwatch_');
    expect(m.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});

describe('TelemetryMetrics project scope', () => {
  it('shows a project only its own model series, and the server health to every project', async () => {
    const m = new TelemetryMetrics(quiet);
    m.recordEvents('acme', [event()]);
    m.recordEvents('globex', [event({ model: 'secret-model' })]);
    m.setDriftScore('globex', 'secret-model:v1', 'income', 0.4);
    m.setQueueDepth(3);
    const acme = await m.metrics({ projectId: 'acme' });
    expect(acme).not.toContain('globex');
    expect(acme).not.toContain('secret-model');
    expect(sumOf(parseExposition(acme), 'model_inference_requests_total')).toBe(1);
    expect(sumOf(parseExposition(acme), 'modelwatch_ingest_queue_depth')).toBe(3);
    const all = await scrape(m);
    expect(sumOf(all, 'model_inference_requests_total')).toBe(2);
    expect(samplesOf(all, 'model_drift_score', { project_id: 'globex' })).toHaveLength(1);
  });
});

describe('TelemetryMetrics cardinality guard', () => {
  it('folds model ids beyond maxModelIds into __other__ and counts the folded updates', async () => {
    const m = new TelemetryMetrics({ ...quiet, maxModelIds: 2 });
    m.recordEvents('acme', [
      event({ model: 'a' }),
      event({ model: 'b' }),
      event({ model: 'c' }),
      event({ model: 'd' }),
    ]);
    m.recordEvents('acme', [event({ model: 'a' })]);
    const s = await scrape(m);
    const byModel = Object.fromEntries(
      samplesOf(s, 'model_inference_requests_total').map((x) => [x.labels.model_id, x.value]),
    );
    expect(byModel).toEqual({ 'a:v1': 2, 'b:v1': 1, __other__: 2 });
    // Two events folded; each updated the requests and latency families.
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_inference_requests_total' })).toBe(2);
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_inference_latency_seconds' })).toBe(2);
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_quality_score' })).toBe(0);
  });

  it('limits drift features and quality metrics per model', async () => {
    const m = new TelemetryMetrics({ ...quiet, maxFeaturesPerModel: 2, maxMetricsPerModel: 1 });
    for (const f of ['f1', 'f2', 'f3', 'f4']) m.setDriftScore('acme', 'ranker:v1', f, 0.1);
    m.setDriftScore('acme', 'ranker:v1', 'f4', 0.7);
    m.setDriftScore('acme', 'ranker:v1', 'f1', 0.2);
    m.setQualityScore('acme', 'ranker:v1', 'accuracy', 0.9);
    m.setQualityScore('acme', 'ranker:v1', 'f1', 0.8);
    const s = await scrape(m);
    const drift = Object.fromEntries(samplesOf(s, 'model_drift_score').map((x) => [x.labels.feature, x.value]));
    // __other__ holds the latest value written to any folded feature.
    expect(drift).toEqual({ f1: 0.2, f2: 0.1, __other__: 0.7 });
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_drift_score' })).toBe(3);
    expect(samplesOf(s, 'model_quality_score').map((x) => x.labels.metric)).toEqual(['accuracy', '__other__']);
  });

  it('folds experiments beyond maxExperiments into __other__ of their project, the families sharing the limit', async () => {
    const m = new TelemetryMetrics({ ...quiet, maxExperiments: 2 });
    m.setRolloutRollbacks('acme', 'r1', 0);
    m.setExperimentSrmPValue('acme', 'e1', 0.2);
    m.setRolloutRollbacks('acme', 'r2', 1);
    m.setExperimentSrmPValue('globex', 'e3', 0.0001);
    m.setRolloutRollbacks('acme', 'r1', 3);
    const s = await scrape(m);
    expect(samplesOf(s, 'model_rollout_rollbacks').map((x) => [x.labels.experiment, x.value])).toEqual([
      ['r1', 3],
      ['__other__', 1],
    ]);
    expect(samplesOf(s, 'model_experiment_srm_p_value').map((x) => [x.labels.project_id, x.labels.experiment])).toEqual(
      [
        ['acme', 'e1'],
        ['globex', '__other__'],
      ],
    );
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_rollout_rollbacks' })).toBe(1);
    expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_experiment_srm_p_value' })).toBe(1);
    // A folded experiment still reported keeps the __other__ series it writes to.
    m.retainExperimentGauges({ rollbacks: [{ projectId: 'acme', experiment: 'r2' }], srmPValue: [] });
    expect(samplesOf(await scrape(m), 'model_rollout_rollbacks').map((x) => x.labels.experiment)).toEqual([
      '__other__',
    ]);
  });

  it('caps a family at maxSeriesPerFamily, the all-__other__ series included', async () => {
    const m = new TelemetryMetrics({ ...quiet, maxSeriesPerFamily: 3 });
    for (const reason of ['r1', 'r2', 'r3', 'r4', 'r5']) m.recordRejected('event', reason, 10);
    const s = await scrape(m);
    const rows = samplesOf(s, 'modelwatch_ingest_records_rejected_total').map((x) => [
      x.labels.kind,
      x.labels.reason,
      x.value,
    ]);
    expect(rows).toEqual([
      ['event', 'r1', 10],
      ['event', 'r2', 10],
      ['__other__', '__other__', 30],
    ]);
    expect(
      sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'modelwatch_ingest_records_rejected_total' }),
    ).toBe(3);
    expect(sumOf(s, 'modelwatch_metric_series', { family: 'modelwatch_ingest_records_rejected_total' })).toBe(3);
  });

  it('sanitises label values: length cap, control characters, lone surrogates', async () => {
    const m = new TelemetryMetrics({ ...quiet, maxLabelValueLength: 8 });
    m.recordRejected('event', 'a\nb\u0000c"d\\e-long-tail', 1);
    m.recordRejected('event', 'x\ud83d', 1);
    const s = await scrape(m);
    expect(samplesOf(s, 'modelwatch_ingest_records_rejected_total').map((x) => x.labels.reason)).toEqual([
      'a_b_c"d\\',
      'x\ufffd',
    ]);
  });

  // Events drawn from many projects, models, versions, variants and statuses against small limits.
  const arbitraryEvent = fc.record({
    project: fc.constantFrom('p1', 'p2', 'p3'),
    model: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.string({ minLength: 1, maxLength: 300 })),
    version: fc.constantFrom('v1', 'v2', 'v3'),
    variant: fc.constantFrom(...VARIANTS),
    errorType: fc.option(fc.constantFrom(...ERROR_TYPES), { nil: undefined }),
    latencyMs: fc.double({ min: 0, max: 120_000, noNaN: true }),
    input: fc.option(fc.nat(10_000), { nil: undefined }),
    output: fc.option(fc.nat(10_000), { nil: undefined }),
  });

  it('never holds more series than the limit, and loses no count (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryEvent, { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        async (drawn, maxSeriesPerFamily, maxModelIds) => {
          const m = new TelemetryMetrics({ ...quiet, maxSeriesPerFamily, maxModelIds });
          for (const p of ['p1', 'p2', 'p3']) {
            const batch = drawn
              .filter((d) => d.project === p)
              .map((d) =>
                event({
                  model: d.model,
                  version: d.version,
                  variant: d.variant,
                  latencyMs: d.latencyMs,
                  ...(d.errorType === undefined ? {} : { status: 'error' as const, errorType: d.errorType }),
                  tokens: {
                    ...(d.input === undefined ? {} : { input: d.input }),
                    ...(d.output === undefined ? {} : { output: d.output }),
                  },
                }),
              );
            m.recordEvents(p, batch);
          }
          const s = await scrape(m);
          const seriesOf = (name: string) =>
            new Set(samplesOf(s, name).map((x) => JSON.stringify(Object.entries(x.labels).filter(([k]) => k !== 'le'))))
              .size;
          for (const name of [
            'model_inference_requests_total',
            'model_inference_latency_seconds_count',
            'model_inference_tokens_total',
            'model_inference_errors_total',
          ]) {
            expect(seriesOf(name)).toBeLessThanOrEqual(maxSeriesPerFamily);
          }
          const modelIds = new Set(samplesOf(s, 'model_inference_requests_total').map((x) => x.labels.model_id));
          modelIds.delete('__other__');
          expect(modelIds.size).toBeLessThanOrEqual(maxModelIds);
          // Totals are conserved, __other__ included.
          expect(sumOf(s, 'model_inference_requests_total')).toBe(drawn.length);
          expect(sumOf(s, 'model_inference_latency_seconds_count')).toBe(drawn.length);
          expect(sumOf(s, 'model_inference_latency_seconds_bucket', { le: '+Inf' })).toBe(drawn.length);
          const sumLatency = drawn.reduce((a, d) => a + d.latencyMs / 1000, 0);
          expect(sumOf(s, 'model_inference_latency_seconds_sum')).toBeCloseTo(sumLatency, 6);
          const errors = drawn.filter((d) => d.errorType !== undefined).length;
          expect(sumOf(s, 'model_inference_errors_total')).toBe(errors);
          const tokensIn = drawn.reduce((a, d) => a + (d.input ?? 0), 0);
          const tokensOut = drawn.reduce((a, d) => a + (d.output ?? 0), 0);
          expect(sumOf(s, 'model_inference_tokens_total')).toBe(tokensIn + tokensOut);
          // Every update counted under __other__ is reported as dropped, and only those.
          const folded = sumOf(s, 'model_inference_requests_total', { model_id: '__other__' });
          expect(sumOf(s, 'modelwatch_metric_series_dropped_total', { family: 'model_inference_requests_total' })).toBe(
            folded,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never holds more than maxFeaturesPerModel + 1 features per model (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('m1:v1', 'm2:v1'),
            fc.string({ maxLength: 20 }),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
          {
            maxLength: 300,
          },
        ),
        fc.integer({ min: 1, max: 10 }),
        async (writes, maxFeaturesPerModel) => {
          const m = new TelemetryMetrics({ ...quiet, maxFeaturesPerModel });
          for (const [model, feature, value] of writes) m.setDriftScore('acme', model, feature, value);
          const s = parseExposition(await m.metrics());
          for (const model of ['m1:v1', 'm2:v1']) {
            expect(samplesOf(s, 'model_drift_score', { model_id: model }).length).toBeLessThanOrEqual(
              maxFeaturesPerModel + 1,
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

const promtool = commandPath('promtool');

describe('TelemetryMetrics exposition', () => {
  itWithSystem(
    'passes `promtool check metrics` with every family populated, scoped and unscoped',
    promtool !== undefined,
    'promtool not found on PATH (Debian package `prometheus`)',
    async () => {
      const m = new TelemetryMetrics({ maxModelIds: 2, maxFeaturesPerModel: 1 });
      m.recordEvents('acme', [
        event({ tokens: { input: 3, output: 4 }, costUsd: 0.1 }),
        failed('context_overflow', { variant: 'canary' }),
        event({ model: 'b' }),
        event({ model: 'c "quoted"\\ name' }),
      ]);
      m.setQualityScore('acme', 'ranker:v1', 'accuracy', 0.9);
      m.setDriftScore('acme', 'ranker:v1', 'age', 0.1);
      m.setDriftScore('acme', 'ranker:v1', 'income', 0.3);
      m.setRolloutRollbacks('acme', 'ranker-canary', 1);
      m.setExperimentSrmPValue('acme', 'checkout "ab"', 0.0004);
      m.recordAccepted('event', 4);
      m.recordRejected('event', 'invalid_field', 1);
      m.recordDuplicates('event', 1);
      m.setQueueDepth(2);
      m.observeCommit(0.01, 4);
      m.setEvaluatorLag(1);
      m.observeEvaluatorRun(0.5);
      m.setStoreSizeBytes(4096);
      for (const text of [await m.metrics(), await m.metrics({ projectId: 'acme' })]) {
        expect(text).toContain('model_inference_requests_total{');
        expect(text).toContain('model_rollout_rollbacks{');
        expect(text).toContain('model_experiment_srm_p_value{');
        const result = await promtoolCheckMetrics(promtool as string, text);
        expect(result).toEqual({ exitCode: 0, output: '' });
      }
    },
  );
});
