// Benchmark: every API call the dashboard's views make, over 10M stored events, through the real
// server (HTTP on loopback), against the same calls over 200k events in the same run.
//
//   npx tsc -b packages/server && node bench/dashboard/api-10m.mjs [--events=10000000]
//     [--reference=200000] [--runs=10] [--render=1] [--only=executive,oncall,debug]
//   node bench/dashboard/api-10m.mjs --generate-only=DIR   (just the store, DIR/modelwatch.duckdb, kept)
//
// 1. Two stores are generated inside DuckDB (INSERT … SELECT FROM range(n), as bench/query/overview.mjs
//    does): `events` events spread evenly over the 7 days ending now (3 models × 2 versions,
//    production/canary, ~7 % errors of 3 types, two segment keys, log-normal latencies), outcomes
//    for 20 % of them (labels for the two classifiers, values for the regressor), feedback for
//    5 % and two judge scores for 10 %, plus the per-minute rollups the append path writes.
// 2. A server (startServer from packages/server/dist, demo off, evaluator on its default period) is
//    started on each store; the views' calls (the lists in VIEWS, copied from
//    packages/dashboard/src/views) are issued in parallel, as the browser does, for a 1 h, 24 h and
//    7 d window ending now: one warm-up, then `runs` timed runs. Per endpoint: p50/p95 of its own
//    latency; per view: p50/p95 of the time until the last answer.
// 3. With --render=1 (default), Chromium's first meaningful render (mark mw:first-data-panel, as in
//    dashboard-budgets.mjs) of the executive and on-call views on the 10M server, 24 h window.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_CONFIG } from '../../packages/server/dist/domain/config.js';
import { startServer } from '../../packages/server/dist/services/server/index.js';
import { STORE_FILE } from '../../packages/server/dist/services/server/open-store.js';
import { DuckDbStore } from '../../packages/server/dist/storage/duckdb/duckdb-store.js';
import { latencyBinSql } from '../../packages/server/dist/storage/latency-bins.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.split('=')[1] : fallback;
};
const EVENTS = Number(arg('events', 10_000_000));
const REFERENCE = Number(arg('reference', 200_000));
const RUNS = Number(arg('runs', 10));
const RENDER = arg('render', '1') === '1';
const ONLY = arg('only', '');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN = 7 * DAY;
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const START = NOW - SPAN;

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Generates `n` events over [START, NOW) with outcomes, feedback, scores and rollups into dataDir's store. */
async function generate(dataDir, n) {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, STORE_FILE);
  const schema = new DuckDbStore({ path });
  await schema.open();
  await schema.close();
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run('SELECT setseed(0.42)');
  const ts = `${START} + (i * ${SPAN} // ${n})`;
  await c.run(`INSERT INTO events SELECT
      'default', 'req-' || i, ${ts},
      'model-' || (i % 3), CASE WHEN i % 10 = 0 THEN 'v2' ELSE 'v1' END,
      CASE WHEN i % 10 = 0 THEN 'canary' ELSE 'production' END, NULL, NULL,
      ['region', 'tier'], [['eu', 'us', 'apac'][1 + i % 3], CASE WHEN i % 5 = 0 THEN 'pro' ELSE 'free' END],
      NULL, 'prompt ' || (i % 1000),
      CASE WHEN i % 3 < 2 THEN CASE WHEN i % 4 = 0 THEN 'yes' ELSE 'no' END END,
      CASE WHEN i % 3 < 2 THEN (i % 100) / 100.0 END,
      CASE WHEN i % 3 = 2 THEN (i % 997) / 10.0 END, NULL, NULL,
      100 + i % 50, 20 + i % 30,
      exp(4 + 0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())),
      0.0001 * (1 + i % 7),
      CASE WHEN i % 14 = 0 THEN 'error' ELSE 'ok' END,
      CASE WHEN i % 14 = 0 THEN ['timeout', 'upstream', 'context_overflow'][1 + (i // 14) % 3] END, NULL,
      ${ts}
    FROM range(${n}) t(i)`);
  // Outcomes for 20 % (the label agrees with the prediction 85 % of the time), feedback for 5 %,
  // two judge scores for 10 %; each arrives a minute after its event.
  await c.run(`INSERT INTO outcomes SELECT 'default', 'req-' || i, ${ts} + 60000,
      CASE WHEN i % 3 < 2 THEN CASE WHEN (i % 4 = 0) = (i % 20 < 17) THEN 'yes' ELSE 'no' END END,
      CASE WHEN i % 3 = 2 THEN (i % 997) / 10.0 + (i % 13) - 6 END, ${ts} + 60000, i
    FROM range(${n}) t(i) WHERE i % 5 = 1`);
  await c.run(`INSERT INTO feedback SELECT 'default', 'fb-' || i, 'req-' || i, ${ts} + 60000,
      ['thumbs', 'thumbs', 'thumbs', 'correction', 'escalation'][1 + (i // 20) % 5],
      CASE WHEN (i // 20) % 5 < 3 THEN CASE WHEN i % 3 = 0 THEN 'down' ELSE 'up' END END,
      NULL, NULL, ${ts} + 60000, i
    FROM range(${n}) t(i) WHERE i % 20 = 2`);
  await c.run(`INSERT INTO scores SELECT 'default', 'req-' || i, name, 'judge', (hash(i, name) % 1000) / 1000.0,
      'bench-judge', NULL, ${ts} + 60000, ${ts} + 60000, i
    FROM range(${n}) t(i), (VALUES ('helpfulness'), ('faithfulness')) s(name) WHERE i % 10 = 3`);
  await c.run(`INSERT INTO events_minute SELECT project_id, (ts // 60000) * 60000 AS period, model, version, variant,
      coalesce(experiment, ''), count(*), count(*) FILTER (WHERE status = 'error'), sum(input_tokens), sum(output_tokens),
      sum(cost_usd), sum(latency_ms) FROM events GROUP BY ALL`);
  await c.run(`INSERT INTO latency_minute SELECT project_id, (ts // 60000) * 60000 AS period, model, version, variant,
      coalesce(experiment, ''), ${latencyBinSql('latency_ms')} AS bin, count(*) FROM events GROUP BY ALL`);
  await c.run('CHECKPOINT');
  c.closeSync();
  instance.closeSync();
  return (performance.now() - t0) / 1000;
}

async function serve(dataDir) {
  const server = await startServer(
    {
      ...DEFAULT_CONFIG,
      dataDir,
      port: 0,
      logLevel: 'warn',
      demo: { enabled: false, eventsPerSecond: 1 },
      rateLimit: { perKeyPerMinute: 0 },
    },
    { out: () => {}, handleSignals: false },
  );
  return { server, key: server.initialAdminKey.secret };
}

/** The dashboard's calls per view (packages/dashboard/src/views/*.ts), for a window of `span` ms. */
function views(span) {
  const bucket = span <= 2 * HOUR ? '1m' : span <= 30 * HOUR ? '15m' : '3h';
  return {
    executive: [
      `/v1/query/overview?bucket=${bucket}`,
      '/v1/query/quality',
      '/v1/query/quality?previous=1',
      '/v1/query/feedback',
      '/v1/query/scores',
      '/v1/monitors?segment=',
      '/v1/query/slices?minCount=20&limit=200',
      '/v1/experiments',
      '/v1/alerts?state=firing',
    ],
    oncall: [
      `/v1/query/overview?bucket=${bucket}`,
      '/v1/query/errors',
      '/v1/query/models',
      '/v1/monitors?segment=',
      `/v1/query/overview?bucket=${bucket}&variant=canary`,
      `/v1/query/overview?bucket=${bucket}&variant=production`,
      '/v1/query/quality?variant=canary',
      '/v1/query/quality?variant=production',
      '/v1/experiments',
      '/v1/alerts?state=firing',
    ],
    debug: [
      '/v1/monitors?segment=&monitor=drift.feature.*',
      '/v1/dashboard/quality-detail',
      '/v1/query/distributions?bins=12',
      '/v1/query/scores',
      '/v1/query/samples?kind=errors&limit=10',
      '/v1/query/slices?minCount=50&limit=25',
      '/v1/query/samples?kind=ood&limit=10',
      '/v1/query/samples?kind=lowest_score&score=helpfulness&limit=10',
    ],
  };
}

/** One call with the window [to − span, to) (the previous window for `previous=1`); its latency in ms. */
async function call(target, path, span, to) {
  const [p, q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  const previous = params.get('previous') === '1';
  params.delete('previous');
  params.set('from', String(previous ? to - 2 * span : to - span));
  params.set('to', String(previous ? to - span : to));
  const s = performance.now();
  const res = await fetch(`${target.server.url}${p}?${params}`, { headers: { authorization: `Bearer ${target.key}` } });
  const body = await res.arrayBuffer();
  const d = performance.now() - s;
  if (!res.ok) return { ms: d, status: res.status, body: Buffer.from(body).toString('utf8').slice(0, 200) };
  return { ms: d, status: res.status };
}

/** Times every view for every window on one server: { [view]: { [span]: { total: [], calls: { path: [] } } } }. */
async function timeViews(target) {
  const out = {};
  const failures = new Map();
  for (const [spanName, span] of [
    ['1 h', HOUR],
    ['24 h', DAY],
    ['7 d', 7 * DAY],
  ]) {
    for (const [view, calls] of Object.entries(views(span))) {
      if (ONLY && !ONLY.split(',').includes(view)) continue;
      out[view] ??= {};
      const rec = { total: [], calls: Object.fromEntries(calls.map((c) => [c, []])) };
      for (let r = 0; r < RUNS + 1; r++) {
        const to = Math.ceil(Date.now() / 60_000) * 60_000;
        const s = performance.now();
        const results = await Promise.all(calls.map((c) => call(target, c, span, to)));
        const total = performance.now() - s;
        results.forEach((x, i) => {
          if (x.status !== 200) failures.set(`${calls[i]}`, `${x.status} ${x.body}`);
          if (r > 0) rec.calls[calls[i]].push(x.ms);
        });
        if (r > 0) rec.total.push(total);
      }
      out[view][spanName] = rec;
    }
  }
  return { out, failures };
}

const GENERATE_ONLY = arg('generate-only', '');
if (GENERATE_ONLY) {
  const s = await generate(GENERATE_ONLY, EVENTS);
  console.log(`Generated ${EVENTS} events into ${join(GENERATE_ONLY, STORE_FILE)} in ${s.toFixed(1)} s.`);
  process.exit(0);
}

const root = mkdtempSync(join(tmpdir(), 'modelwatch-bench-api10m-'));
try {
  const bigDir = join(root, 'big');
  const refDir = join(root, 'ref');
  const genBig = await generate(bigDir, EVENTS);
  const genRef = await generate(refDir, REFERENCE);
  console.log(
    `Generated ${EVENTS} events in ${genBig.toFixed(1)} s and the reference ${REFERENCE} in ${genRef.toFixed(1)} s (7 days ending now; outcomes 20 %, feedback 5 %, 2 scores on 10 %).`,
  );
  const tOpen = performance.now();
  const big = await serve(bigDir);
  const openS = (performance.now() - tOpen) / 1000;
  const ref = await serve(refDir);
  console.log(`10M server started in ${openS.toFixed(1)} s.`);

  const load0 = loadavg();
  const refT = await timeViews(ref);
  const bigT = await timeViews(big);
  const load1 = loadavg();
  for (const [what, f] of [
    ['reference', refT.failures],
    ['10M', bigT.failures],
  ]) {
    for (const [k, v] of f) console.log(`FAILED on ${what}: ${k} → ${v}`);
  }
  console.log(
    `\n${RUNS} runs after one warm-up per view and window; calls of a view in parallel; ${cpus().length} CPUs; load average ${load0.map((l) => l.toFixed(2)).join(' ')} before, ${load1.map((l) => l.toFixed(2)).join(' ')} after.\n`,
  );
  console.log(`| view | window | ${EVENTS / 1e6}M p50 | p95 | ${REFERENCE / 1e3}k p50 | p95 | ratio p50 |`);
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const [view, bySpan] of Object.entries(bigT.out)) {
    for (const [span, rec] of Object.entries(bySpan)) {
      const r = refT.out[view][span];
      console.log(
        `| ${view} | ${span} | ${ms(pct(rec.total, 0.5))} | ${ms(pct(rec.total, 0.95))} | ${ms(pct(r.total, 0.5))} | ${ms(pct(r.total, 0.95))} | ${(pct(rec.total, 0.5) / pct(r.total, 0.5)).toFixed(1)}× |`,
      );
    }
  }
  console.log(`\nPer endpoint (latency of the call inside its view's parallel batch):\n`);
  console.log(`| view | call | window | ${EVENTS / 1e6}M p50 | p95 | ${REFERENCE / 1e3}k p50 | ratio |`);
  console.log('|---|---|---|---:|---:|---:|---:|');
  for (const [view, bySpan] of Object.entries(bigT.out)) {
    for (const [span, rec] of Object.entries(bySpan)) {
      for (const [c, xs] of Object.entries(rec.calls)) {
        const r = refT.out[view][span].calls[c];
        console.log(
          `| ${view} | \`${c}\` | ${span} | ${ms(pct(xs, 0.5))} | ${ms(pct(xs, 0.95))} | ${ms(pct(r, 0.5))} | ${(pct(xs, 0.5) / pct(r, 0.5)).toFixed(1)}× |`,
        );
      }
    }
  }
  await ref.server.close();

  if (RENDER && existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    console.log('\nFirst meaningful render on the 10M server (24 h window; 5 runs after a warm-up, cold context):\n');
    console.log('| view | first panel median (min–max) | all panels median | budget 1.5 s |');
    console.log('|---|---:|---:|---|');
    for (const view of ['executive', 'oncall', 'debug']) {
      const firsts = [];
      const alls = [];
      for (let i = 0; i < 6; i++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        await context.addInitScript((k) => sessionStorage.setItem('modelwatch.apiKey', k), big.key);
        const page = await context.newPage();
        await page.goto(`${big.server.url}/#/${view}?range=24h&refresh=0`);
        await page.waitForFunction(() => performance.getEntriesByName('mw:first-data-panel').length > 0, undefined, {
          timeout: 60_000,
        });
        const first = await page.evaluate(() => performance.getEntriesByName('mw:first-data-panel')[0].startTime);
        await page.waitForFunction(
          () => document.querySelectorAll('[data-panel][data-state="loading"]').length === 0,
          undefined,
          { timeout: 120_000 },
        );
        const all = await page.evaluate(() => performance.now());
        await context.close();
        if (i === 0) continue;
        firsts.push(first);
        alls.push(all);
      }
      const m = pct(firsts, 0.5);
      console.log(
        `| ${view} | ${ms(m)} ms (${ms(Math.min(...firsts))}–${ms(Math.max(...firsts))}) | ${ms(pct(alls, 0.5))} ms | ${m <= 1500 ? 'within' : 'OVER'} |`,
      );
    }
    await browser.close();
  }
  await big.server.close();
  console.log(
    `\nload average after everything: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
