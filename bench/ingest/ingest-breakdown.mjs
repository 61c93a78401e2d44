// Benchmark: CPU cost per event of each stage of the ingest write path, in one process, on the
// benchmark's ~1 KB events in batches of 500. CPU time (process.cpuUsage: every thread, DuckDB's
// included) is far less sensitive to other load on a shared machine than wall time.
//
//   npm run build && node bench/ingest/ingest-breakdown.mjs [--batches=40]
//
// Stages: JSON.parse of the body; validation by the hand-written fast path and, as the reference,
// by the zod schema; PII redaction (with its pre-check, and core's redactPii on every text for
// comparison); the DuckDB store append (one transaction per 4 000 events, as group commit does
// under load). Reports the median µs per event over the batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactPii } from '../../packages/core/dist/metrics/index.js';
import { InferenceEventSchema } from '../../packages/server/dist/domain/inference-event.js';
import { PiiRedactor } from '../../packages/server/dist/services/ingest/pii-redactor.js';
import { validateRecords } from '../../packages/server/dist/services/ingest/validate-records.js';
import { DuckDbStore } from '../../packages/server/dist/storage/duckdb/duckdb-store.js';
import { benchEvent } from './bench-events.mjs';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const BATCHES = arg('batches', 40);
const BATCH = 500;
const now = Date.now();
const bodies = Array.from({ length: BATCHES }, (_, b) =>
  JSON.stringify(Array.from({ length: BATCH }, (_, i) => ({ ...benchEvent(i, now), requestId: `b${b}-${i}` }))),
);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3; // ms
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median CPU µs per event of `fn(batch index)` over all batches (after one warm-up pass). */
async function stage(fn) {
  for (let b = 0; b < Math.min(5, BATCHES); b++) await fn(b);
  const per = [];
  for (let b = 0; b < BATCHES; b++) {
    const t = cpu();
    await fn(b);
    per.push(((cpu() - t) * 1000) / BATCH);
  }
  return median(per);
}

console.log(
  `ingest breakdown: ${BATCHES} batches of ${BATCH} events (${(bodies[0].length / BATCH).toFixed(0)} bytes each); ${cpus().length} cores, Node ${process.version}`,
);
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const parse = await stage((b) => JSON.parse(bodies[b]));
// The fast path does not modify its input, so one parsed copy per batch serves every repetition.
const parsed = bodies.map((body) => JSON.parse(body));
const fast = await stage((b) => validateRecords('events', parsed[b], now));
const zod = await stage((b) => {
  for (const v of parsed[b]) InferenceEventSchema.parse(v);
});
const validated = bodies.map((body) => validateRecords('events', JSON.parse(body), now).records);
const redactor = new PiiRedactor();
const redact = await stage((b) => {
  for (const e of validated[b]) redactor.record('events', { ...e, inputs: { ...e.inputs }, output: { ...e.output } });
});
const full = await stage((b) => {
  for (const e of validated[b]) {
    redactPii(e.inputs.text);
    redactPii(e.output.text);
    for (const v of Object.values(e.inputs.features)) if (typeof v === 'string') redactPii(v);
  }
});

const dir = mkdtempSync(join(tmpdir(), 'modelwatch-breakdown-'));
const store = new DuckDbStore({ path: join(dir, 'bench.duckdb') });
await store.open();
let round = 0;
const append = [];
const wall = [];
for (let k = 0; k < Math.max(3, BATCHES / 8); k++) {
  const events = [];
  for (let j = 0; j < 8; j++)
    for (const e of validated[(k * 8 + j) % BATCHES]) events.push({ ...e, requestId: `${round}-${events.length}` });
  round++;
  const t = cpu();
  const w = performance.now();
  await store.appendEvents('acme', events, now);
  append.push(((cpu() - t) * 1000) / events.length);
  wall.push(((performance.now() - w) * 1000) / events.length);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
const storeCpu = median(append);
const storeWall = median(wall);

const rows = [
  ['JSON.parse', parse],
  ['validate: fast path', fast],
  ['validate: zod (reference, not on the path)', zod],
  ['PII redaction (with pre-check)', redact],
  ['PII redaction: redactPii on every text (reference)', full],
  ['DuckDbStore.appendEvents, 4 000 per transaction (CPU, all threads)', storeCpu],
];
console.log('\n| stage | CPU µs / event |\n|---|---:|');
for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(2)} |`);
const total = parse + fast + redact + storeCpu;
console.log(
  `\non the path (parse + fast validation + redaction + store): ${total.toFixed(2)} µs/event → at most ${Math.round(1e6 / total).toLocaleString('en-US')} events/s per core before HTTP`,
);
console.log(
  `zod / fast path: ${(zod / fast).toFixed(1)}×; full redaction / pre-checked: ${(full / redact).toFixed(1)}×; store append wall time ${storeWall.toFixed(2)} µs/event`,
);
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
