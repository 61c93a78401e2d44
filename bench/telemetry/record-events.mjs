// Benchmark: the ingest-path cost of TelemetryMetrics.recordEvents against prom-client used the
// naive way, in the same run, on the same events.
//
//   npx tsc -b packages/server && node bench/telemetry/record-events.mjs
//
// Options: --events=N (default 1 000 000), --batch=N (events per recordEvents call, default 1 000,
// the ingest batch size), --reps=N (timed repetitions per contender, default 5; the median is
// reported), --models=N (distinct models, each in 2 versions, default 20).
//
// Imports the BUILT package (packages/server/dist/services/telemetry/index.js). Contenders, each
// updating the same families (requests by variant and status, latency histogram with the same
// buckets, input/output tokens, cost, errors by type) on its own explicit Registry:
//   * modelwatch — TelemetryMetrics.recordEvents(project, batch);
//   * naive      — prom-client, per event `metric.labels(...).inc()` / `.observe()`, model_id built
//                  per event (what an exporter written straight from the seed article does);
//   * children   — prom-client with the `.labels(...)` children cached in a Map by label key
//                  (prom-client still hashes the label object on every call inside the child).
// Each run's exposition must give the same request, error and token totals for all three: the
// script exits non-zero otherwise.
import { loadavg } from 'node:os';
import process from 'node:process';
import { Counter, Histogram, Registry } from 'prom-client';
import { mulberry32, numberArg } from '../metrics/bench-common.mjs';

const { TelemetryMetrics, MODEL_LATENCY_BUCKETS } = await import(
  new URL('../../packages/server/dist/services/telemetry/index.js', import.meta.url).href
);

const EVENTS = numberArg('events', 1_000_000);
const BATCH = numberArg('batch', 1_000);
const REPS = numberArg('reps', 5);
const MODELS = numberArg('models', 20);
const VARIANTS = ['production', 'production', 'production', 'canary', 'shadow'];
const ERRORS = ['timeout', 'upstream', 'context_overflow', 'rate_limited'];

function makeEvents() {
  const rand = mulberry32(20260601);
  const events = new Array(EVENTS);
  for (let i = 0; i < EVENTS; i++) {
    const failed = rand() < 0.05;
    events[i] = {
      requestId: `r${i}`,
      timestamp: 1_767_225_600_000 + i,
      model: `model-${Math.floor(rand() * MODELS)}`,
      version: rand() < 0.8 ? 'v1' : 'v2',
      variant: VARIANTS[Math.floor(rand() * VARIANTS.length)],
      segment: {},
      inputs: {},
      output: {},
      latencyMs: Math.exp(Math.log(5) + rand() * Math.log(12_000)),
      status: failed ? 'error' : 'ok',
      ...(failed ? { errorType: ERRORS[Math.floor(rand() * ERRORS.length)] } : {}),
      tokens: { input: Math.floor(rand() * 2000), output: Math.floor(rand() * 500) },
      costUsd: rand() * 0.01,
    };
  }
  const batches = [];
  for (let i = 0; i < EVENTS; i += BATCH) batches.push(events.slice(i, i + BATCH));
  return batches;
}

function promFamilies() {
  const registry = new Registry();
  const r = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'model_inference_requests_total',
      help: 'h',
      labelNames: ['project_id', 'model_id', 'variant', 'status'],
      registers: r,
    }),
    latency: new Histogram({
      name: 'model_inference_latency_seconds',
      help: 'h',
      labelNames: ['project_id', 'model_id', 'variant'],
      buckets: [...MODEL_LATENCY_BUCKETS],
      registers: r,
    }),
    tokens: new Counter({
      name: 'model_inference_tokens_total',
      help: 'h',
      labelNames: ['project_id', 'model_id', 'direction'],
      registers: r,
    }),
    cost: new Counter({
      name: 'model_inference_cost_usd_total',
      help: 'h',
      labelNames: ['project_id', 'model_id'],
      registers: r,
    }),
    errors: new Counter({
      name: 'model_inference_errors_total',
      help: 'h',
      labelNames: ['project_id', 'model_id', 'error_type'],
      registers: r,
    }),
  };
}

const contenders = {
  modelwatch() {
    const m = new TelemetryMetrics({ processMetrics: false });
    return { record: (batch) => m.recordEvents('acme', batch), exposition: () => m.metrics() };
  },
  naive() {
    const f = promFamilies();
    const record = (batch) => {
      for (const e of batch) {
        const id = `${e.model}:${e.version}`;
        f.requests.labels('acme', id, e.variant, e.status).inc();
        f.latency.labels('acme', id, e.variant).observe(e.latencyMs / 1000);
        if (e.tokens?.input !== undefined) f.tokens.labels('acme', id, 'input').inc(e.tokens.input);
        if (e.tokens?.output !== undefined) f.tokens.labels('acme', id, 'output').inc(e.tokens.output);
        if (e.costUsd !== undefined) f.cost.labels('acme', id).inc(e.costUsd);
        if (e.status === 'error') f.errors.labels('acme', id, e.errorType).inc();
      }
    };
    return { record, exposition: () => f.registry.metrics() };
  },
  children() {
    const f = promFamilies();
    // Per (model, version): the model_id string and its bound children, created on first use.
    const cache = new Map();
    const bound = (map, key, make) => {
      let c = map.get(key);
      if (c === undefined) {
        c = make();
        map.set(key, c);
      }
      return c;
    };
    const record = (batch) => {
      for (const e of batch) {
        const ids = bound(cache, `${e.model}\u0000${e.version}`, () => ({
          id: `${e.model}:${e.version}`,
          children: new Map(),
        }));
        const { id, children } = ids;
        bound(children, `r|${e.variant}|${e.status}`, () => f.requests.labels('acme', id, e.variant, e.status)).inc();
        bound(children, `l|${e.variant}`, () => f.latency.labels('acme', id, e.variant)).observe(e.latencyMs / 1000);
        if (e.tokens?.input !== undefined)
          bound(children, 'in', () => f.tokens.labels('acme', id, 'input')).inc(e.tokens.input);
        if (e.tokens?.output !== undefined)
          bound(children, 'out', () => f.tokens.labels('acme', id, 'output')).inc(e.tokens.output);
        if (e.costUsd !== undefined) bound(children, 'cost', () => f.cost.labels('acme', id)).inc(e.costUsd);
        if (e.status === 'error')
          bound(children, `e|${e.errorType}`, () => f.errors.labels('acme', id, e.errorType)).inc();
      }
    };
    return { record, exposition: () => f.registry.metrics() };
  },
};

function totals(text) {
  const sum = (name) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`))
      .reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  return {
    requests: sum('model_inference_requests_total'),
    errors: sum('model_inference_errors_total'),
    tokens: sum('model_inference_tokens_total'),
    latencyCount: sum('model_inference_latency_seconds_count'),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const batches = makeEvents();
console.log(
  `recordEvents bench: ${EVENTS} events in batches of ${BATCH}, ${MODELS} models × 2 versions, ${REPS} reps; ` +
    `node ${process.version}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
);
const results = {};
let reference;
for (let rep = 0; rep < REPS + 1; rep++) {
  // Interleave contenders so machine noise hits all of them alike; rep 0 is a warm-up.
  for (const [name, make] of Object.entries(contenders)) {
    const c = make();
    const t0 = process.hrtime.bigint();
    for (const b of batches) c.record(b);
    const ns = Number(process.hrtime.bigint() - t0) / EVENTS;
    const t = totals(await c.exposition());
    reference ??= t;
    if (JSON.stringify(t) !== JSON.stringify(reference)) {
      console.error(`${name}: totals differ: ${JSON.stringify(t)} vs ${JSON.stringify(reference)}`);
      process.exit(1);
    }
    if (rep > 0) {
      results[name] ??= [];
      results[name].push(ns);
    }
  }
}
const mw = median(results.modelwatch);
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(
    `${name.padEnd(10)} ${m.toFixed(1).padStart(7)} ns/event (median; min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})` +
      `  ${(1e9 / m / 1e6).toFixed(2)} M events/s  ${name === 'modelwatch' ? '' : `${(m / mw).toFixed(1)}× modelwatch`}`,
  );
}
console.log(
  `totals checked equal: ${JSON.stringify(reference)}; load average after ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
