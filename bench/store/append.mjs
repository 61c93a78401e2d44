// Store append throughput: DuckDbStore.appendEvents (appender data chunks, one transaction per
// call, idempotency check, per-minute rollups) against two references measured in the same run
// on the same events: the row-wise appender (appendVarchar/appendDouble…, one transaction per
// batch) and INSERT … VALUES statements (values escaped with quoteLiteral, 500 rows a statement).
//
//   npx tsc -b packages/server && node bench/store/append.mjs [--events=200000] [--batch=10000]
//        [--baseline=DIR]
//
// `--baseline=DIR`: also time DuckDbStore from another build of packages/server/dist (e.g. a copy
// made before a change: `cp -r packages/server/dist /tmp/prev/dist` with `/tmp/prev/node_modules`
// linked to this checkout's), alternating with the current one, and report the ratio.
//
// Events are ~1 KB: a 600-character prompt, a 200-character response, 10 features, two segment
// keys, tokens, cost. Each variant writes into a fresh file in a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { appendRows } from '../../packages/server/dist/storage/duckdb/append-rows.js';
import { DuckDbStore } from '../../packages/server/dist/storage/duckdb/duckdb-store.js';
import { eventColumns } from '../../packages/server/dist/storage/duckdb/duckdb-tables.js';
import { quoteLiteral } from '../../packages/server/dist/storage/sql.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const EVENTS = arg('events', 200_000);
const BASELINE = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
const Previous = BASELINE ? (await import(join(BASELINE, 'storage/duckdb/duckdb-store.js'))).DuckDbStore : undefined;
const BATCH = arg('batch', 10_000);
const T0 = Date.UTC(2026, 0, 5);
const WORDS = 'the quick brown fox jumps over a lazy dog while model latency drifts upward slowly'.split(' ');

function text(i, chars) {
  let s = '';
  let k = i;
  while (s.length < chars) {
    s += `${WORDS[k % WORDS.length]} `;
    k = (k * 31 + 7) % 1_000_003;
  }
  return s.slice(0, chars);
}

function makeEvents(n) {
  const events = new Array(n);
  for (let i = 0; i < n; i++) {
    const features = {};
    for (let f = 0; f < 10; f++) features[`f${f}`] = ((i * (f + 3)) % 1000) / 10;
    events[i] = {
      requestId: `req-${i.toString(36)}-${(i * 7919).toString(36)}`,
      timestamp: T0 + i * 10,
      model: 'support-bot',
      version: i % 10 === 0 ? 'v2' : 'v1',
      variant: i % 10 === 0 ? 'canary' : 'production',
      segment: { region: ['eu', 'us', 'apac'][i % 3], tier: i % 5 === 0 ? 'pro' : 'free' },
      inputs: { features, text: text(i, 600) },
      output: { label: i % 4 === 0 ? 'refund' : 'other', score: (i % 100) / 100, text: text(i + 1, 200) },
      tokens: { input: 150 + (i % 50), output: 40 + (i % 20) },
      latencyMs: 50 + (i % 400),
      costUsd: 0.0001 * (1 + (i % 7)),
      status: i % 50 === 0 ? 'error' : 'ok',
      ...(i % 50 === 0 ? { errorType: 'timeout' } : {}),
    };
  }
  return events;
}

const events = makeEvents(EVENTS);
const bytes = events.reduce((s, e) => s + JSON.stringify(e).length, 0) / events.length;

let round = 0;
/** CPU seconds (all threads of the process: JS and DuckDB's) of the fastest round, per store build. */
const cpuS = { store: Infinity, previous: Infinity };
/** The longest appendEvents call of any round, per store build (ms). */
const maxCallMs = { store: 0, previous: 0 };
async function timeStore(dir, which = 'store') {
  const Store = which === 'store' ? DuckDbStore : Previous;
  const store = new Store({ path: join(dir, `store-${round++}.duckdb`) });
  await store.open();
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const t1 = performance.now();
    await store.appendEvents('bench', events.slice(i, i + BATCH), Date.now());
    maxCallMs[which] = Math.max(maxCallMs[which], performance.now() - t1);
  }
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  cpuS[which] = Math.min(cpuS[which], (used.user + used.system) / 1e6);
  await store.close();
  return ms;
}

/** An empty store file (schema only) opened as a plain DuckDB connection. */
async function emptyFile(dir, name) {
  const store = new DuckDbStore({ path: join(dir, `${name}-${round++}.duckdb`) });
  await store.open();
  await store.close();
  const instance = await DuckDBInstance.create(store.path);
  return { instance, c: await instance.connect() };
}

/** The store's data-chunk writer alone (appendRows of the events table, one transaction per batch). */
async function timeChunks(dir, n) {
  const { instance, c } = await emptyFile(dir, 'chunks');
  const t = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    await c.run('BEGIN TRANSACTION');
    await appendRows(c, 'events', eventColumns('bench', BigInt(Date.now())), events.slice(i, Math.min(n, i + BATCH)));
    await c.run('COMMIT');
  }
  const ms = performance.now() - t;
  c.closeSync();
  instance.closeSync();
  return ms;
}

/** The same table, filled row by row through the appender (one transaction per batch). */
async function timeRowAppender(dir, n) {
  const { instance, c } = await emptyFile(dir, 'rows');
  const t = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    await c.run('BEGIN TRANSACTION');
    const a = await c.createAppender('events');
    for (const e of events.slice(i, Math.min(n, i + BATCH))) {
      a.appendVarchar('bench');
      a.appendVarchar(e.requestId);
      a.appendBigInt(BigInt(e.timestamp));
      a.appendVarchar(e.model);
      a.appendVarchar(e.version);
      a.appendVarchar(e.variant);
      a.appendNull();
      a.appendNull();
      const keys = Object.keys(e.segment).sort();
      a.appendList(keys);
      a.appendList(keys.map((k) => e.segment[k]));
      a.appendVarchar(JSON.stringify(e.inputs.features));
      a.appendVarchar(e.inputs.text);
      a.appendVarchar(e.output.label);
      a.appendDouble(e.output.score);
      a.appendNull();
      a.appendVarchar(e.output.text);
      a.appendNull();
      a.appendInteger(e.tokens.input);
      a.appendInteger(e.tokens.output);
      a.appendDouble(e.latencyMs);
      a.appendDouble(e.costUsd);
      a.appendVarchar(e.status);
      if (e.errorType) a.appendVarchar(e.errorType);
      else a.appendNull();
      a.appendNull();
      a.appendBigInt(BigInt(Date.now()));
      a.endRow();
    }
    a.flushSync();
    a.closeSync();
    await c.run('COMMIT');
  }
  const ms = performance.now() - t;
  c.closeSync();
  instance.closeSync();
  return ms;
}

/** INSERT … VALUES with escaped literals, 500 rows a statement, one transaction per batch. */
async function timeInsertValues(dir, n) {
  const { instance, c } = await emptyFile(dir, 'insert');
  const lit = (v) => (v === undefined || v === null ? 'NULL' : typeof v === 'number' ? String(v) : quoteLiteral(v));
  const t = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    await c.run('BEGIN TRANSACTION');
    const batch = events.slice(i, Math.min(n, i + BATCH));
    for (let j = 0; j < batch.length; j += 500) {
      const rows = batch.slice(j, j + 500).map((e) => {
        const keys = Object.keys(e.segment).sort();
        return `(${[
          lit('bench'),
          lit(e.requestId),
          e.timestamp,
          lit(e.model),
          lit(e.version),
          lit(e.variant),
          'NULL',
          'NULL',
          `[${keys.map(lit).join(',')}]`,
          `[${keys.map((k) => lit(e.segment[k])).join(',')}]`,
          lit(JSON.stringify(e.inputs.features)),
          lit(e.inputs.text),
          lit(e.output.label),
          lit(e.output.score),
          'NULL',
          lit(e.output.text),
          'NULL',
          e.tokens.input,
          e.tokens.output,
          e.latencyMs,
          e.costUsd,
          lit(e.status),
          lit(e.errorType),
          'NULL',
          Date.now(),
        ].join(',')})`;
      });
      await c.run(`INSERT INTO events VALUES ${rows.join(',')}`);
    }
    await c.run('COMMIT');
  }
  const ms = performance.now() - t;
  c.closeSync();
  instance.closeSync();
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'modelwatch-bench-store-'));
try {
  const load = loadavg()[0].toFixed(2);
  const rowsN = Math.min(EVENTS, 100_000);
  const insertN = Math.min(EVENTS, 50_000);
  // Two rounds in alternating order; each variant keeps its faster round (the machine is shared).
  const best = { store: Infinity, previous: Infinity, chunks: Infinity, rows: Infinity, insert: Infinity };
  for (let r = 0; r < 2; r++) {
    const order =
      r === 0 ? ['store', 'previous', 'chunks', 'rows', 'insert'] : ['insert', 'rows', 'chunks', 'previous', 'store'];
    for (const v of order) {
      if (v === 'previous' && Previous === undefined) continue;
      const ms =
        v === 'store' || v === 'previous'
          ? await timeStore(dir, v)
          : v === 'chunks'
            ? await timeChunks(dir, EVENTS)
            : v === 'rows'
              ? await timeRowAppender(dir, rowsN)
              : await timeInsertValues(dir, insertN);
      best[v] = Math.min(best[v], ms);
    }
  }
  const rate = (n, ms) => n / (ms / 1000);
  const storeRate = rate(EVENTS, best.store);
  const chunkRate = rate(EVENTS, best.chunks);
  const rowRate = rate(rowsN, best.rows);
  const insertRate = rate(insertN, best.insert);
  console.log(`events ${EVENTS} of ~${bytes.toFixed(0)} B JSON, batches of ${BATCH}; load average (1 min) ${load}`);
  console.log(`DuckDbStore.appendEvents (dedup + data chunks + rollups): ${storeRate.toFixed(0)} events/s`);
  console.log(
    `  CPU of the store round: ${cpuS.store.toFixed(2)} s = ${((cpuS.store * 1e6) / EVENTS).toFixed(2)} µs/event → ${(EVENTS / cpuS.store).toFixed(0)} events per CPU-second; longest call ${maxCallMs.store.toFixed(0)} ms`,
  );
  if (Previous !== undefined) {
    const prevRate = rate(EVENTS, best.previous);
    console.log(
      `previous build (${BASELINE}): ${prevRate.toFixed(0)} events/s, ${((cpuS.previous * 1e6) / EVENTS).toFixed(2)} µs CPU/event, longest call ${maxCallMs.previous.toFixed(0)} ms → current ${(storeRate / prevRate).toFixed(2)}× events/s, ${(cpuS.previous / cpuS.store).toFixed(2)}× less CPU`,
    );
  }
  console.log(`data-chunk writer alone (appendRows):                     ${chunkRate.toFixed(0)} events/s`);
  console.log(
    `row-wise appender (${rowsN} rows):                        ${rowRate.toFixed(0)} events/s  → chunks ${(chunkRate / rowRate).toFixed(2)}×, store ${(storeRate / rowRate).toFixed(2)}×`,
  );
  console.log(
    `INSERT … VALUES (${insertN} rows):                         ${insertRate.toFixed(0)} events/s  → chunks ${(chunkRate / insertRate).toFixed(2)}×, store ${(storeRate / insertRate).toFixed(2)}×`,
  );
  console.log(`load average (1 min) after: ${loadavg()[0].toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
