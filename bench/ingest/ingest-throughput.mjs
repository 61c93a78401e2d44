// Benchmark: sustained ingest throughput of POST /v1/events over loopback HTTP, against the HTTP
// ceiling (a bare Fastify endpoint that reads and discards the same bodies) in the same run.
//
//   npm run build && node bench/ingest/ingest-throughput.mjs [--seconds=60] [--connections=8]
//        [--batch=500] [--ceiling-seconds=15] [--gzip]
//
// Each server runs in its own child process (packages/server/test/ingest-server-entry.mjs: the
// real routes, auth, IngestService and a DuckDB file in a temp directory). The client keeps
// `connections` keep-alive connections busy, each with one request in flight, sending pre-built
// ~1 KB events in batches of `batch` with unique request ids (a template body whose id digits are
// patched per request). Reports events/s over the measured window (after a 2 s warm-up), request
// latency p50/p99, the ceiling ratio, server CPU and RSS, and the load average before and after.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, '../../packages/server/test/ingest-server-entry.mjs');
const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (hit === undefined) return fallback;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
};
const SECONDS = Number(arg('seconds', '60'));
const CONNECTIONS = Number(arg('connections', '8'));
const BATCH = Number(arg('batch', '500'));
const CEILING_SECONDS = Number(arg('ceiling-seconds', String(Math.min(SECONDS, 15))));
const GZIP = arg('gzip', 'false') === 'true';
const WARMUP_S = 2;
const KEY = `mw_${randomBytes(32).toString('base64url')}`;
const SLOT = '0000000000';

/** One realistic event (~1 KB): features, a short prompt and answer, segment, tokens, probabilities. */
function event(i) {
  const features = {};
  for (let f = 0; f < 12; f++) features[`num_feature_${f}`] = Math.round(Math.sin(i * 7 + f) * 1e6) / 1e3;
  for (let f = 0; f < 4; f++) features[`cat_feature_${f}`] = ['alpha', 'beta', 'gamma', 'delta'][(i + f) % 4];
  features.is_returning = i % 3 === 0;
  return {
    requestId: `req-${SLOT}-${String(i).padStart(5, '0')}`,
    timestamp: 0,
    model: 'support-bot',
    version: '2026.11.1',
    variant: i % 10 === 0 ? 'canary' : 'production',
    segment: { region: ['eu', 'us', 'apac'][i % 3], tier: i % 5 === 0 ? 'gold' : 'free', channel: 'web' },
    inputs: {
      features,
      text: `Customer asks about the delivery of order ${10_000 + i}: it was due on Monday and has not arrived yet.`,
    },
    output: {
      label: ['refund', 'reship', 'wait'][i % 3],
      probabilities: { refund: 0.2, reship: 0.5, wait: 0.3 },
      score: 0.5,
      text: 'I am sorry about the delay. I have opened a ticket with the carrier and will update you soon.',
    },
    tokens: { input: 180 + (i % 40), output: 60 + (i % 20) },
    latencyMs: 200 + (i % 300),
    costUsd: 0.0012,
  };
}

/** A body template with the batch slot's offsets; `bodyFor(n)` writes batch number n into every slot. */
function template() {
  const events = Array.from({ length: BATCH }, (_, i) => event(i));
  const text = JSON.stringify(events);
  const buf = Buffer.from(text);
  const offsets = [];
  for (let at = buf.indexOf(`req-${SLOT}`); at >= 0; at = buf.indexOf(`req-${SLOT}`, at + 1)) offsets.push(at + 4);
  const tsOffsets = [];
  for (let at = buf.indexOf('"timestamp":0'); at >= 0; at = buf.indexOf('"timestamp":0', at + 1)) tsOffsets.push(at);
  return { text, offsets, bytes: buf.length };
}

function makeBodies() {
  const t = template();
  // Timestamps are set once per run (now), padded to the same width as the "0" placeholder by
  // rebuilding the template text with the real value.
  const now = String(Date.now());
  const text = t.text.replaceAll('"timestamp":0', `"timestamp":${now}`);
  const buf = Buffer.from(text);
  const offsets = [];
  for (let at = buf.indexOf(`req-${SLOT}`); at >= 0; at = buf.indexOf(`req-${SLOT}`, at + 1)) offsets.push(at + 4);
  let n = 0;
  const prefix = randomBytes(2).toString('hex');
  return {
    bytesPerEvent: buf.length / BATCH,
    next() {
      const b = Buffer.from(buf);
      const id = (prefix + String(n++).padStart(6, '0')).slice(0, SLOT.length);
      for (const o of offsets) b.write(id, o, 'latin1');
      return GZIP ? gzipSync(b, { level: 1 }) : b;
    },
  };
}

function startServer(extraArgs) {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'modelwatch-bench-ingest-'));
    const child = fork(ENTRY, [`--db=${join(dir, 'bench.duckdb')}`, ...extraArgs], {
      env: { ...process.env, MODELWATCH_TEST_KEY: KEY },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, port: JSON.parse(line).port, dir });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function stats(child) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send({ cmd: 'stats' });
  });
}

async function stopServer(s) {
  s.child.removeAllListeners('exit');
  const done = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await done;
  rmSync(s.dir, { recursive: true, force: true });
}

async function load(port, path, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const bodies = makeBodies();
  const start = performance.now();
  const warmEnd = start + WARMUP_S * 1000;
  const end = start + (WARMUP_S + seconds) * 1000;
  const latencies = [];
  let events = 0;
  let failures = 0;
  const statuses = {};
  const one = (body) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${KEY}`,
            ...(GZIP ? { 'content-encoding': 'gzip' } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ t0, t1: performance.now(), status: res.statusCode, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', () => resolve({ t0, t1: performance.now(), status: 0, body: '' }));
      req.end(body);
    });
  const worker = async () => {
    while (performance.now() < end) {
      const r = await one(bodies.next());
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.t0 < warmEnd) continue;
      latencies.push(r.t1 - r.t0);
      if (r.status === 200) {
        if (path === '/bare') events += BATCH;
        else events += JSON.parse(r.body).accepted;
      } else failures++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const measured = (performance.now() - warmEnd) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return {
    eventsPerSecond: events / measured,
    p50: q(0.5),
    p99: q(0.99),
    requests: latencies.length,
    failures,
    statuses,
    bytesPerEvent: bodies.bytesPerEvent,
  };
}

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `ingest benchmark: ${SECONDS} s (+${WARMUP_S} s warm-up), ${CONNECTIONS} connections, batches of ${BATCH}${GZIP ? ', gzip' : ''}; ${cpus().length} cores, Node ${process.version}`,
);
const load0 = loadavg();
console.log(`load average before: ${load0.map((x) => x.toFixed(2)).join(' ')}`);

const bare = await startServer(['--bare']);
const ceiling = await load(bare.port, '/bare', CEILING_SECONDS);
await stopServer(bare);

const server = await startServer([]);
const before = await stats(server.child);
const t0 = performance.now();
const ingest = await load(server.port, '/v1/events', SECONDS);
const wall = (performance.now() - t0) / 1000;
const after = await stats(server.child);
await stopServer(server);
const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;

const load1 = loadavg();
console.log(`\n| run | events/s | p50 ms | p99 ms | requests | non-200 |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
console.log(
  `| HTTP ceiling (bare Fastify, body discarded) | ${fmt(ceiling.eventsPerSecond)} | ${fmt(ceiling.p50, 1)} | ${fmt(ceiling.p99, 1)} | ${ceiling.requests} | ${ceiling.failures} |`,
);
console.log(
  `| POST /v1/events (validate, redact, DuckDB commit) | ${fmt(ingest.eventsPerSecond)} | ${fmt(ingest.p50, 1)} | ${fmt(ingest.p99, 1)} | ${ingest.requests} | ${ingest.failures} |`,
);
console.log(
  `\nevent size ${fmt(ingest.bytesPerEvent)} bytes; ingest/ceiling = ${(ingest.eventsPerSecond / ceiling.eventsPerSecond).toFixed(2)}`,
);
console.log(
  `server CPU ${fmt(cpuSeconds / wall, 2)} cores busy on average; server RSS ${fmt(after.rss / 2 ** 20)} MiB at the end`,
);
console.log(`statuses: ceiling ${JSON.stringify(ceiling.statuses)}, ingest ${JSON.stringify(ingest.statuses)}`);
console.log(`load average after: ${load1.map((x) => x.toFixed(2)).join(' ')}`);
