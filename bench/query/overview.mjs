// Overview query latency over 10M stored events: 1-minute buckets over 24 h, as the dashboard asks.
//
//   npx tsc -b packages/server && node bench/query/overview.mjs [--events=10000000] [--reps=30]
//
// The events (3 models × 2 versions, ~7 % errors, log-normal latencies, tokens, cost, two segment
// keys) are generated inside DuckDB with INSERT … SELECT FROM range(n) — the fastest way to get 10M
// rows into the events table; the per-minute rollups are then built with the same SQL bin
// mapping (latencyBinSql) the store's append path computes in JS. DuckDbStore.overview (rollups)
// (in-memory per-minute sketches for the last 48 h) is timed `reps` times after one warm-up; two
// references are timed in the same run: the same rollup query in SQL over the rollup tables (a
// store opened with hotRollupHours: 0), and the exact path over the raw events (quantile_cont per
// bucket, what the store does for segment filters).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from '../../packages/server/dist/storage/duckdb/duckdb-store.js';
import { exactOverview } from '../../packages/server/dist/storage/duckdb/overview-sql.js';
import { latencyBinSql } from '../../packages/server/dist/storage/latency-bins.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const EVENTS = arg('events', 10_000_000);
const REPS = arg('reps', 30);
const DAY = 86_400_000;
// The day ending at the current minute, so the window lies inside the store's in-memory horizon.
const START = Math.floor(Date.now() / 60_000) * 60_000 - DAY;

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const dir = mkdtempSync(join(tmpdir(), 'modelwatch-bench-query-'));
const path = join(dir, 'store.duckdb');
try {
  const schema = new DuckDbStore({ path });
  await schema.open();
  await schema.close();

  const t0 = performance.now();
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run('SELECT setseed(0.42)');
  await c.run(`INSERT INTO events SELECT
      'bench', 'req-' || i, ${START} + (i * ${DAY} // ${EVENTS}),
      'model-' || (i % 3), CASE WHEN i % 10 = 0 THEN 'v2' ELSE 'v1' END,
      CASE WHEN i % 10 = 0 THEN 'canary' ELSE 'production' END, NULL, NULL,
      ['region', 'tier'], [['eu', 'us', 'apac'][1 + i % 3], CASE WHEN i % 5 = 0 THEN 'pro' ELSE 'free' END],
      NULL, 'prompt ' || (i % 1000), CASE WHEN i % 4 = 0 THEN 'yes' ELSE 'no' END, (i % 100) / 100.0, NULL, NULL, NULL,
      100 + i % 50, 20 + i % 30,
      exp(4 + 0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())),
      0.0001 * (1 + i % 7),
      CASE WHEN i % 14 = 0 THEN 'error' ELSE 'ok' END, CASE WHEN i % 14 = 0 THEN 'timeout' END, NULL,
      ${START} + (i * ${DAY} // ${EVENTS})
    FROM range(${EVENTS}) t(i)`);
  await c.run(`INSERT INTO events_minute SELECT project_id, (ts // 60000) * 60000 AS period, model, version, variant,
      coalesce(experiment, ''), count(*), count(*) FILTER (WHERE status = 'error'), sum(input_tokens), sum(output_tokens),
      sum(cost_usd), sum(latency_ms) FROM events GROUP BY ALL`);
  await c.run(`INSERT INTO latency_minute SELECT project_id, (ts // 60000) * 60000 AS period, model, version, variant,
      coalesce(experiment, ''), ${latencyBinSql('latency_ms')} AS bin, count(*) FROM events GROUP BY ALL`);
  await c.run('CHECKPOINT');
  const rollupRows = (
    await c.runAndReadAll('SELECT (SELECT count(*) FROM events_minute), (SELECT count(*) FROM latency_minute)')
  ).getRowsJS()[0];
  c.closeSync();
  instance.closeSync();
  const genS = (performance.now() - t0) / 1000;

  const store = new DuckDbStore({ path });
  const tOpen = performance.now();
  await store.open();
  const openS = (performance.now() - tOpen) / 1000;
  const filter = { projectId: 'bench', from: START, to: START + DAY };

  const loadBefore = loadavg()[0];
  const first = await store.overview(filter, 60_000);
  const times = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    await store.overview(filter, 60_000);
    times.push(performance.now() - t);
  }
  const exactTimes = [];
  let exact;
  for (let r = 0; r < Math.max(3, Math.floor(REPS / 10)); r++) {
    const t = performance.now();
    exact = await store.withReader((conn) => exactOverview(conn, filter, 60_000));
    exactTimes.push(performance.now() - t);
  }
  await store.close();
  const cold = new DuckDbStore({ path, hotRollupHours: 0 });
  await cold.open();
  const sqlTimes = [];
  for (let r = 0; r < Math.max(3, Math.floor(REPS / 10)); r++) {
    const t = performance.now();
    await cold.overview(filter, 60_000);
    sqlTimes.push(performance.now() - t);
  }
  await cold.close();
  const loadAfter = loadavg()[0];

  // Accuracy of the sketch against the exact values, bucket by bucket.
  let worstP95 = 0;
  const exactByStart = new Map(exact.buckets.map((b) => [b.start, b]));
  for (const b of first.buckets) {
    const e = exactByStart.get(b.start);
    worstP95 = Math.max(worstP95, Math.abs(b.latencyP95 - e.latencyP95) / e.latencyP95);
  }
  console.log(
    `events ${EVENTS} over 24 h generated in ${genS.toFixed(1)} s; rollup rows ${rollupRows.join(' + ')}; store open ${openS.toFixed(1)} s`,
  );
  console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)}`);
  console.log(
    `overview (rollups), ${first.buckets.length} buckets, ${REPS} runs: p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms`,
  );
  console.log(
    `reference 1: rollup tables in SQL, ${sqlTimes.length} runs: p50 ${pct(sqlTimes, 0.5).toFixed(1)} ms, p95 ${pct(sqlTimes, 0.95).toFixed(1)} ms (ratio ${(pct(sqlTimes, 0.5) / pct(times, 0.5)).toFixed(1)}×)`,
  );
  console.log(
    `reference 2: exact quantile_cont over raw events, ${exactTimes.length} runs: p50 ${pct(exactTimes, 0.5).toFixed(1)} ms, p95 ${pct(exactTimes, 0.95).toFixed(1)} ms`,
  );
  console.log(`ratio (reference 2 p50 / in-memory p50): ${(pct(exactTimes, 0.5) / pct(times, 0.5)).toFixed(1)}×`);
  console.log(
    `totals: requests ${first.totals.requests} (exact ${exact.totals.requests}); worst bucket p95 relative difference vs exact interpolated ${(worstP95 * 100).toFixed(2)} %`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
