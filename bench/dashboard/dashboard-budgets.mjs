// Benchmark: the dashboard's budgets — initial JavaScript ≤ 300 KB gzipped, first meaningful
// render ≤ 1.5 s over loopback — in one run.
//
//   npm run build && node bench/dashboard/dashboard-budgets.mjs [--runs=7] [--events=200000]
//
// 1. Size: the JavaScript and CSS index.html loads before anything renders (the module script and
//    its modulepreload imports), gzipped with zlib (level 9, what a static server with
//    precompression would send; level 6 shown too).
// 2. First meaningful render: the BUILT server (packages/server/dist) on a temporary data dir,
//    holding `--events` demo events (the simulator's traffic of the last hour, ingested through
//    POST /v1/events before the timing starts), and Debian's Chromium (playwright-core). Each run is a
//    fresh browser context (empty cache) loading `/#key=…#/<view>`; the time is the dashboard's
//    performance mark `mw:first-data-panel` (set when the first panel shows data), from navigation
//    start; "all panels" is when no panel is loading any more. Reference in the same run: the
//    view's API calls issued in parallel from Node — the first answer is the floor the first panel
//    cannot beat, the last one the floor of "all panels" — so the ratios show the page's overhead.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEFAULT_CONFIG } from '../../packages/server/dist/domain/config.js';
import { runDemoTraffic } from '../../packages/server/dist/services/demo/index.js';
import { startServer } from '../../packages/server/dist/services/server/index.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const RUNS = arg('runs', 7);
const EVENTS = arg('events', 200_000);
const BUDGET_GZ_BYTES = 300 * 1024;
const BUDGET_RENDER_MS = 1500;
const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, '..', '..', 'packages', 'dashboard', 'dist');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

// ---- 1. Initial JavaScript and CSS ----
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`no built dashboard at ${DIST}: run npm run build first`);
  process.exit(1);
}
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
].map((m) => m[1]);
const js = { raw: 0, gz9: 0, gz6: 0 };
const css = { raw: 0, gz9: 0, gz6: 0 };
console.log('## Size of what index.html loads\n');
console.log('| file | bytes | gzip -9 | gzip -6 |');
console.log('|---|---:|---:|---:|');
for (const src of initial) {
  const body = readFileSync(join(DIST, src.replace(/^\//, '')));
  const gz9 = gzipSync(body, { level: 9 }).length;
  const gz6 = gzipSync(body, { level: 6 }).length;
  const acc = src.endsWith('.css') ? css : js;
  acc.raw += body.length;
  acc.gz9 += gz9;
  acc.gz6 += gz6;
  console.log(`| ${src} | ${body.length} | ${gz9} | ${gz6} |`);
}
console.log(
  `\nInitial JavaScript: ${kb(js.raw)} raw, ${kb(js.gz9)} gzipped (-9), ${kb(js.gz6)} (-6); budget ${kb(BUDGET_GZ_BYTES)} → ${js.gz6 <= BUDGET_GZ_BYTES ? 'within' : 'OVER'} (${((100 * js.gz6) / BUDGET_GZ_BYTES).toFixed(1)} % of it). CSS ${kb(css.gz6)} gzipped.\n`,
);

// ---- 2. First meaningful render ----
if (!existsSync(CHROMIUM)) {
  console.error(`Debian's Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  process.exit(1);
}
const dataDir = mkdtempSync(join(tmpdir(), 'modelwatch-bench-dashboard-'));
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
const key = server.initialAdminKey.secret;
/** Posts records in batches of 5 000, waiting out 429/503 (Retry-After) as a client should. */
const post = async (path, records) => {
  for (let i = 0; i < records.length; i += 5000) {
    const body = JSON.stringify(records.slice(i, i + 5000));
    for (;;) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
      if (res.status === 429 || res.status === 503) {
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        continue;
      }
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      break;
    }
  }
};
// The last hour of demo traffic, generated at once (the runner catches up with the clock in one tick).
const hourMs = 3_600_000;
const startMs = Date.now() - hourMs;
const fillStarted = performance.now();
let delivered = 0;
await new Promise((resolve) => {
  const abort = new AbortController();
  const run = runDemoTraffic({
    sink: {
      events: async (r) => {
        await post('/v1/events', r);
        delivered += r.length;
        if (delivered >= EVENTS) abort.abort();
      },
      outcomes: (r) => post('/v1/outcomes', r),
      feedback: (r) => post('/v1/feedback', r),
      scores: (r) => post('/v1/scores', r),
    },
    ratePerSecond: EVENTS / (hourMs / 1000),
    startMs,
    tickMs: 10_000,
    maxLagMs: 2 * hourMs,
    signal: abort.signal,
  });
  void run.done.then(resolve);
  setTimeout(() => abort.abort(), 15 * 60_000).unref();
});
console.log(
  `Server holds ${delivered} demo events of the last hour (ingested in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s).\n`,
);

const VIEWS = {
  executive: ['overview?bucket=1m', 'quality', 'feedback', 'scores', 'slices?minCount=20&limit=200'],
  oncall: ['overview?bucket=1m', 'errors', 'models', 'overview?bucket=1m&variant=canary', 'quality?variant=canary'],
};
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const load0 = loadavg();
const rows = [];
for (const [view, calls] of Object.entries(VIEWS)) {
  const times = [];
  const alls = [];
  const firsts = [];
  const refs = [];
  for (let i = 0; i < RUNS + 1; i++) {
    // Reference: the view's API calls in parallel from Node; the slowest bounds the first panel from below.
    const to = Math.ceil(Date.now() / 60_000) * 60_000;
    const durations = await Promise.all(
      calls.map(async (c) => {
        const s = performance.now();
        const sep = c.includes('?') ? '&' : '?';
        const res = await fetch(`${server.url}/v1/query/${c}${sep}from=${to - hourMs}&to=${to}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        await res.arrayBuffer();
        return performance.now() - s;
      }),
    );
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // Signed in (the key in sessionStorage, as after the login link), so one navigation is timed.
    await context.addInitScript((k) => sessionStorage.setItem('modelwatch.apiKey', k), key);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/${view}?refresh=0`);
    await page.waitForFunction(() => performance.getEntriesByName('mw:first-data-panel').length > 0, undefined, {
      timeout: 30_000,
    });
    const ms = await page.evaluate(() => performance.getEntriesByName('mw:first-data-panel')[0].startTime);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-panel][data-state="loading"]').length === 0,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const all = await page.evaluate(() => performance.now());
    await context.close();
    if (i === 0) continue; // warm-up (DuckDB caches, JIT)
    times.push(ms);
    alls.push(all);
    firsts.push(Math.min(...durations));
    refs.push(Math.max(...durations));
  }
  rows.push({ view, times, alls, firsts, refs });
}
const load1 = loadavg();
await browser.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });

console.log('## First meaningful render (performance mark mw:first-data-panel, from navigation start)\n');
console.log(
  `${RUNS} runs per view after one warm-up, fresh browser context each (cold HTTP cache), ${cpus().length} CPUs, load average ${load0.map((l) => l.toFixed(2)).join(' ')} before, ${load1.map((l) => l.toFixed(2)).join(' ')} after.\n`,
);
console.log(
  '| view | first panel: median (min–max) | first API answer from Node (median) | ratio | all panels: median | last API answer from Node (median) | ratio | budget 1.5 s (first panel) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  const m = median(r.times);
  const first = median(r.firsts);
  const all = median(r.alls);
  const last = median(r.refs);
  console.log(
    `| ${r.view} | ${m.toFixed(0)} ms (${Math.min(...r.times).toFixed(0)}–${Math.max(...r.times).toFixed(0)}) | ${first.toFixed(0)} ms | ${(m / first).toFixed(2)}× | ${all.toFixed(0)} ms | ${last.toFixed(0)} ms | ${(all / last).toFixed(2)}× | ${m <= BUDGET_RENDER_MS ? 'within' : 'OVER'} |`,
  );
}
