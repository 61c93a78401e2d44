// Benchmark: sustained ingest throughput of POST /v1/events over loopback HTTP, against the HTTP
// ceiling (a bare Fastify endpoint that reads and discards the same bodies) in the same run.
//
//   npm run build && node bench/ingest/ingest-throughput.mjs [--seconds=60] [--connections=8]
//        [--batch=500] [--ceiling-seconds=15] [--gzip] [--profile=DIR] [--server-args="..."]
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
import { benchEvent, SLOT } from './bench-events.mjs';

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
/** `--profile=DIR`: run the ingest server under `node --cpu-prof` and write its profile to DIR. */
const PROFILE = arg('profile', undefined);
/** `--server-args="--checkpoint-threshold=1GB"`: extra flags for the ingest server (experiments). */
const SERVER_ARGS = (arg('server-args', '') ?? '').split(' ').filter((a) => a !== '');
const WARMUP_S = 2;
const KEY = `mw_${randomBytes(32).toString('base64url')}`;

function makeBodies() {
  const now = Date.now();
  const buf = Buffer.from(JSON.stringify(Array.from({ length: BATCH }, (_, i) => benchEvent(i, now))));
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
    const profiling = PROFILE !== undefined && !extraArgs.includes('--bare');
    const child = fork(ENTRY, [`--db=${join(dir, 'bench.duckdb')}`, ...extraArgs], {
      execArgv: profiling ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [],
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
  let acceptedTotal = 0;
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
      if (r.status === 200) acceptedTotal += path === '/bare' ? BATCH : JSON.parse(r.body).accepted;
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
    acceptedTotal,
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
const bareBefore = await stats(bare.child);
const ceiling = await load(bare.port, '/bare', CEILING_SECONDS);
const bareAfter = await stats(bare.child);
await stopServer(bare);
const cpuOf = (a, b) => (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1e6;
const bareCpu = cpuOf(bareBefore, bareAfter);

const server = await startServer(SERVER_ARGS);
const before = await stats(server.child);
const t0 = performance.now();
const ingest = await load(server.port, '/v1/events', SECONDS);
const wall = (performance.now() - t0) / 1000;
const after = await stats(server.child);
await stopServer(server);
const cpuSeconds = cpuOf(before, after);

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
// CPU per event counts every thread of the server (DuckDB's too) over the whole run, warm-up
// included, divided by every event acknowledged; it is far less sensitive to other load than events/s.
console.log(
  `server CPU per event: ingest ${fmt((1e6 * cpuSeconds) / ingest.acceptedTotal, 1)} µs, ceiling ${fmt((1e6 * bareCpu) / ceiling.acceptedTotal, 1)} µs`,
);
const c = after.commits;
console.log(
  `commits: ${c.count} of ${fmt(c.records / Math.max(1, c.count))} events on average, ${fmt((1000 * c.seconds) / Math.max(1, c.count), 1)} ms on average (max ${fmt(1000 * c.max)} ms), ${fmt((100 * c.seconds) / wall)} % of the run`,
);
console.log(`statuses: ceiling ${JSON.stringify(ceiling.statuses)}, ingest ${JSON.stringify(ingest.statuses)}`);
console.log(`load average after: ${load1.map((x) => x.toFixed(2)).join(' ')}`);
