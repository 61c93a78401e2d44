// ClickHouse store benchmark, in one run on one machine:
// 1. Ingest: two processes, each a ClickHouseStore appending events (batches of --batch) into a
//    two-shard cluster (two clickhouse-server processes), against the reference measured in the
//    same run: one process appending the same number of events into a DuckDbStore file.
// 2. Query: --rows events generated on the servers (INSERT … SELECT from numbers(), half per shard,
//    with their per-minute rollups), then the overview (the dashboard's main read) --reps times:
//    p50/p95 latency, rollup path (whole minutes) over the whole window, hourly buckets.
//
//   npx tsc -b packages/server && node bench/clickhouse/ingest-query.mjs [--events=200000] [--rows=50000000]
//
// Prints the load average before and after: the machine is shared, so compare ratios, not absolutes.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.split('=')[1] : fallback;
};
const T0 = Date.UTC(2026, 0, 5);

function makeEvents(offset, n) {
  const events = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    events[i] = {
      requestId: `req-${k}`,
      timestamp: T0 + Math.floor(k / 10),
      model: `model-${k % 3}`,
      version: k % 4 === 0 ? 'v2' : 'v1',
      variant: 'production',
      segment: { region: ['eu', 'us', 'apac'][k % 3], tier: k % 5 === 0 ? 'pro' : 'free' },
      inputs: { text: `prompt ${k} `.repeat(40), features: { a: k % 100, b: k % 7 === 0 ? 'x' : 'y' } },
      output: { label: k % 5 === 0 ? 'yes' : 'no', score: (k % 100) / 100, text: `response ${k} `.repeat(15) },
      tokens: { input: 100 + (k % 50), output: 20 + (k % 30) },
      latencyMs: 20 + ((k * 7919) % 1000),
      costUsd: 0.0001 * (k % 7),
      status: k % 10 === 3 ? 'error' : 'ok',
      ...(k % 10 === 3 ? { errorType: 'timeout' } : {}),
    };
  }
  return events;
}

// ---- worker mode: one ingest process -------------------------------------------------------
if (process.argv[2] === '--worker') {
  const spec = JSON.parse(process.argv[3]);
  const { InferenceEventSchema } = await import(`${root}/packages/server/dist/domain/inference-event.js`);
  const events = makeEvents(spec.offset, spec.count).map((e) => InferenceEventSchema.parse(e));
  let store;
  if (spec.kind === 'clickhouse') {
    const { ClickHouseStore } = await import(`${root}/packages/server/dist/storage/clickhouse/clickhouse-store.js`);
    store = new ClickHouseStore({
      shards: spec.shards,
      database: spec.database,
      cluster: spec.cluster,
      recentIds: 1_000_000,
    });
  } else {
    const { DuckDbStore } = await import(`${root}/packages/server/dist/storage/duckdb/duckdb-store.js`);
    store = new DuckDbStore({ path: spec.path });
  }
  await store.open();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += spec.batch) {
    await store.appendEvents('bench', events.slice(i, i + spec.batch), Date.now());
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  process.send({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, count: events.length });
  process.exit(0);
}

// ---- main ---------------------------------------------------------------------------------
/** Transpiles the test harness (TypeScript) into a temp dir so this plain script can use it. */
async function loadHarness() {
  const out = mkdtempSync(join(tmpdir(), 'mw-bench-harness-'));
  for (const file of [
    'packages/server/test/clickhouse-cluster.ts',
    'packages/server/test/free-port.ts',
    'packages/server/test/prometheus-server.ts',
    'packages/server/test/system.ts',
    'packages/core/test/system.ts',
  ]) {
    const js = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  mkdirSync(join(out, 'node_modules'), { recursive: true });
  rmSync(join(out, 'node_modules/vitest'), { force: true, recursive: true });
  // core/test/system.ts imports vitest's `it`; resolve it from the repository.
  writeFileSync(join(out, 'node_modules/vitest.mjs'), '');
  const vitestPath = join(root, 'node_modules/vitest/dist/index.js');
  const sys = join(out, 'packages/core/test/system.js');
  writeFileSync(sys, readFileSync(sys, 'utf8').replace("from 'vitest'", `from '${vitestPath}'`));
  return { mod: await import(join(out, 'packages/server/test/clickhouse-cluster.js')), out };
}

function runWorker(spec) {
  return new Promise((resolveRun, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--worker', JSON.stringify(spec)], { stdio: 'inherit' });
    child.once('message', resolveRun);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited ${code}`))));
  });
}

const EVENTS = Number(arg('events', 200_000));
const ROWS = Number(arg('rows', 50_000_000));
const REPS = Number(arg('reps', 20));
const BATCH = Number(arg('batch', 10_000));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`machine: ${cpus().length} cores; load average before: ${load()}`);

const { mod, out } = await loadHarness();
const cluster = await mod.startClickHouseCluster();
const dir = mkdtempSync(join(tmpdir(), 'mw-bench-duckdb-'));
try {
  // 1. Ingest.
  const database = 'bench_ingest';
  const ch = { kind: 'clickhouse', shards: cluster.urls, database, cluster: cluster.cluster, batch: BATCH };
  // Create the schema once (both workers would race on CREATE … IF NOT EXISTS otherwise).
  const { ClickHouseStore } = await import(`${root}/packages/server/dist/storage/clickhouse/clickhouse-store.js`);
  const setup = new ClickHouseStore({ shards: cluster.urls, database, cluster: cluster.cluster });
  await setup.open();
  await setup.close();
  const half = Math.floor(EVENTS / 2);
  const t0 = performance.now();
  const chResults = await Promise.all([
    runWorker({ ...ch, offset: 0, count: half }),
    runWorker({ ...ch, offset: half, count: EVENTS - half }),
  ]);
  const chWall = (performance.now() - t0) / 1000;
  const duck = await runWorker({
    kind: 'duckdb',
    path: join(dir, 'bench.duckdb'),
    offset: 0,
    count: EVENTS,
    batch: BATCH,
  });
  const chRate = EVENTS / chWall;
  const duckRate = EVENTS / duck.seconds;
  const chCpu = chResults.reduce((s, r) => s + r.cpuSeconds, 0);
  console.log(
    `ingest ${EVENTS} events (~1 KB each), batches of ${BATCH}:\n` +
      `  ClickHouse, 2 processes → 2 shards: ${chRate.toFixed(0)} events/s (wall ${chWall.toFixed(1)} s; ingest-process CPU ${((chCpu / EVENTS) * 1e6).toFixed(1)} µs/event)\n` +
      `  DuckDB, 1 process (reference):      ${duckRate.toFixed(0)} events/s (wall ${duck.seconds.toFixed(1)} s; CPU ${((duck.cpuSeconds / EVENTS) * 1e6).toFixed(1)} µs/event)\n` +
      `  ratio ClickHouse/DuckDB: ${(chRate / duckRate).toFixed(2)}; load average: ${load()}`,
  );

  // 2. Query over ROWS generated events.
  const { ClickHouseHttp } = await import(`${root}/packages/server/dist/storage/clickhouse/clickhouse-http.js`);
  const qdb = 'bench_query';
  const store = new ClickHouseStore({ shards: cluster.urls, database: qdb, cluster: cluster.cluster });
  await store.open();
  const perShard = Math.floor(ROWS / cluster.urls.length);
  const STEP = 12; // ms between events: 50M events span ~7 days
  const lnGamma = Math.log(1.01 / 0.99);
  const g0 = performance.now();
  await Promise.all(
    cluster.urls.map(async (url, s) => {
      const http = new ClickHouseHttp(url, undefined, 3_600_000);
      const k = `(number * ${cluster.urls.length} + ${s})`;
      await http.exec(
        `INSERT INTO ${qdb}.events_local (project_id, request_id, ts, model, version, variant, segment_keys, segment_values,
           latency_ms, status, error_type, input_tokens, output_tokens, cost_usd, received_at, insert_token)
         SELECT 'bench', concat('g-', toString(${k})), ${T0} + ${k} * ${STEP}, concat('model-', toString(${k} % 3)),
           if(${k} % 4 = 0, 'v2', 'v1'), 'production', ['region'], [if(${k} % 2 = 0, 'eu', 'us')],
           20 + exp(3 + 1.5 * (cityHash64(${k}) % 1000) / 1000), if(${k} % 10 = 3, 'error', 'ok'),
           if(${k} % 10 = 3, 'timeout', NULL), toInt32(100 + ${k} % 50), toInt32(20 + ${k} % 30), 0.0001 * (${k} % 7),
           ${T0}, 'gen'
         FROM numbers(${perShard})`,
      );
      await http.exec(
        `INSERT INTO ${qdb}.rollup_minute_local (project_id, period, model, version, variant, experiment, bin, requests, errors,
           input_tokens, output_tokens, cost_usd, latency_sum, n, insert_token)
         SELECT project_id, intDiv(ts, 60000) * 60000 AS p, model, version, variant, '', 32767, count(), countIf(status = 'error'),
           sum(ifNull(input_tokens, 0)), sum(ifNull(output_tokens, 0)), toDecimal128(sum(ifNull(cost_usd, 0)), 15),
           sum(latency_ms), 0, 'gen'
         FROM ${qdb}.events_local GROUP BY project_id, p, model, version, variant`,
      );
      await http.exec(
        `INSERT INTO ${qdb}.rollup_minute_local (project_id, period, model, version, variant, experiment, bin, requests, errors,
           input_tokens, output_tokens, cost_usd, latency_sum, n, insert_token)
         SELECT project_id, intDiv(ts, 60000) * 60000 AS p, model, version, variant, '',
           if(latency_ms > 0.001, toInt16(ceil(log(latency_ms) / ${lnGamma})), -32768) AS b, 0, 0, 0, 0, toDecimal128(0, 15), 0,
           count(), 'gen'
         FROM ${qdb}.events_local GROUP BY project_id, p, model, version, variant, b`,
      );
    }),
  );
  const genSeconds = (performance.now() - g0) / 1000;
  const total = perShard * cluster.urls.length;
  const span = Math.ceil((total * STEP) / 3_600_000) * 3_600_000;
  const filter = { projectId: 'bench', from: T0, to: T0 + span };
  const times = [];
  let result;
  for (let i = 0; i < REPS; i++) {
    const q0 = performance.now();
    result = await store.overview(filter, 3_600_000);
    times.push(performance.now() - q0);
  }
  times.sort((a, b) => a - b);
  const pct = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  const c0 = performance.now();
  const counted = await store.countEvents(filter);
  const countMs = performance.now() - c0;
  console.log(
    `query: ${total} events generated on ${cluster.urls.length} shards in ${genSeconds.toFixed(1)} s (${((total / genSeconds) * 1e-6).toFixed(2)} M rows/s incl. rollups)\n` +
      `  overview (${result.method}, ${result.buckets.length} hourly buckets, totals ${result.totals.requests} requests): ` +
      `p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms over ${REPS} runs\n` +
      `  countEvents (raw events, FINAL): ${counted} in ${countMs.toFixed(0)} ms\n` +
      `  load average after: ${load()}`,
  );
  await store.close();
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
