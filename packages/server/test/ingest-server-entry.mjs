// A minimal modelwatch ingest server for out-of-process tests and benchmarks: a DuckDB file, one
// project with one ingest key (given by its secret), the auth hook and the ingest routes. Runs
// the BUILT package (packages/server/dist; `npm run build` or `npx tsc -b packages/server`).
//
//   node packages/server/test/ingest-server-entry.mjs --db=/tmp/x.duckdb [--port=0] [--bare]
//        [--max-queued-records=N] [--rate-limit=N] [--max-event-loop-delay=MS] [--max-rss=BYTES]
//        [--checkpoint-threshold=1GB] [--discard-store]
//   env MODELWATCH_TEST_KEY=mw_...   the ingest key's secret (43 base64url characters after mw_)
//
// Prints one JSON line `{"port": N}` when listening. `--bare` serves only a POST /bare endpoint
// that reads and discards the body: the HTTP ceiling the benchmark compares against. On a
// message {cmd: 'stats'} over IPC it answers {rss, heapUsed, cpu, queued, commits}. SIGTERM closes
// gracefully.
import Fastify from 'fastify';
import { installAuth } from '../dist/http/auth.js';
import { registerIngestRoutes } from '../dist/http/routes/ingest-routes.js';
import { Authenticator, apiKeyHash } from '../dist/services/auth/index.js';
import { IngestService } from '../dist/services/ingest/index.js';
import { DuckDbStore } from '../dist/storage/duckdb/duckdb-store.js';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (hit === undefined) return fallback;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
};

const port = Number(arg('port', '0'));
const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
let store;
let ingest;
/** Commit statistics, reported over IPC with `stats`. */
const commits = { count: 0, seconds: 0, records: 0, max: 0 };

if (arg('bare', 'false') === 'true') {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 * 1024 }, (_req, _body, done) =>
    done(null, null),
  );
  app.post('/bare', async () => ({ accepted: 0, duplicates: 0, rejected: [] }));
} else {
  const secret = process.env.MODELWATCH_TEST_KEY;
  if (secret === undefined) throw new Error('ingest-server-entry: set MODELWATCH_TEST_KEY');
  store = new DuckDbStore({ path: arg('db', undefined) ?? ':memory:' });
  await store.open();
  // Experiment knob for the benchmark: DuckDB checkpoints inside a COMMIT once the WAL passes
  // checkpoint_threshold (16 MB by default), which makes some commits seconds long.
  const threshold = arg('checkpoint-threshold', undefined);
  if (threshold !== undefined) {
    if (!/^\d+(KB|MB|GB)$/.test(threshold))
      throw new Error(`--checkpoint-threshold: expected e.g. 1GB (got ${threshold})`);
    await store.withReader((c) => c.run(`SET GLOBAL checkpoint_threshold = '${threshold}'`));
  }
  await store.putProject({ id: 'acme', name: 'Acme', createdAt: 0 });
  await store.putApiKey({
    id: 'k-test',
    projectId: 'acme',
    name: 'test',
    prefix: secret.slice(0, 11),
    hash: apiKeyHash(secret),
    scopes: ['ingest'],
    createdAt: 0,
  });
  // `--discard-store`: a diagnostic for the benchmark — the ingest path (HTTP, parse, validate,
  // redact, group commit) against a store that acknowledges without writing, to separate the
  // path's own cost from the store's. Never for tests of durability.
  const discard = arg('discard-store', 'false') === 'true';
  const sink = {
    appendEvents: async (_p, records) => ({ inserted: records.length, duplicates: 0 }),
    appendOutcomes: async (_p, records) => ({ inserted: records.length, duplicates: 0 }),
    appendFeedback: async (_p, records) => ({ inserted: records.length, duplicates: 0 }),
    appendScores: async (_p, records) => ({ inserted: records.length, duplicates: 0 }),
  };
  ingest = new IngestService({
    store: discard ? sink : store,
    maxQueuedRecords: Number(arg('max-queued-records', '200000')),
    hooks: {
      observeCommit: (seconds, records) => {
        commits.count++;
        commits.seconds += seconds;
        commits.records += records;
        commits.max = Math.max(commits.max, seconds);
      },
    },
  });
  installAuth(app, new Authenticator(store));
  const rate = Number(arg('rate-limit', '0'));
  await registerIngestRoutes(app, {
    ingest,
    rateLimit: rate > 0 ? { max: rate, timeWindowMs: 1000 } : false,
    pressure: {
      maxEventLoopDelayMs: Number(arg('max-event-loop-delay', '1000')),
      maxRssBytes: Number(arg('max-rss', '0')),
    },
  });
}

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);

process.on('message', (m) => {
  if (m?.cmd === 'stats') {
    const mem = process.memoryUsage();
    process.send?.({
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      cpu: process.cpuUsage(),
      queued: ingest?.queuedRecords ?? 0,
      commits,
    });
  }
});
process.on('SIGTERM', async () => {
  await app.close();
  await ingest?.close();
  await store?.close();
  process.exit(0);
});
