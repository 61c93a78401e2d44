/**
 * Security of the composed server (issue 6), against the real thing: `startServer` on a DuckDB
 * file in a temporary directory, requests through `app.inject` and one real HTTP listen.
 * Routes are enumerated from the server's own `/openapi.json` (generated from every registered
 * route), so a route added later is covered by the 401, scope and project-isolation checks.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { openStore, type ServerHandle, STORE_FILE, startServer } from '../src/services/server/index.js';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly public: boolean;
}

const B_MARKER = 'bmarker';
/** Strings of project B's data that no request below contains (requests may echo their own ids). */
const B_LEAKS = [
  `${B_MARKER} prompt`,
  `${B_MARKER}-model`,
  `reader ${B_MARKER}`,
  `ingester ${B_MARKER}`,
  `${B_MARKER}-req-2`,
  `${B_MARKER}-req-3`,
  `${B_MARKER}-variant`,
];
/**
 * GET routes an ingest key may call by design: the experiment assignment, which serving
 * applications (holding ingest keys) ask for (see experiment-routes.ts).
 */
const INGEST_MAY_READ = [/^\/v1\/experiments\/\{[^}]+\}\/assignment$/];

let dir: string;
let server: ServerHandle;
let banner = '';
let logs = '';
/** Every secret seen in this run, for the at-rest and log scans. */
const secrets: string[] = [];
const keys = {
  defaultAdmin: '',
  adminA: '',
  readA: '',
  ingestA: '',
  adminB: '',
  readB: '',
  ingestB: '',
};
let operations: Operation[] = [];

function config(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    dataDir,
    logLevel: 'trace',
    demo: { ...DEFAULT_CONFIG.demo, enabled: false },
    ...overrides,
  };
}

function captured(sink: (text: string) => void): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      sink(String(chunk));
      done();
    },
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function call(method: string, url: string, key?: string, payload?: unknown) {
  const res = await server.app.inject({
    method: method as 'GET',
    url,
    headers: key === undefined ? {} : bearer(key),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return res;
}

/** A concrete URL of an OpenAPI path: each `{param}` becomes a value of project B. */
function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, `${B_MARKER}-req-1`);
}

function event(requestId: string, text: string, model = 'secmodel') {
  return {
    requestId,
    timestamp: Date.now() - 1000,
    model,
    version: 'v1',
    inputs: { text },
    output: { text: `echo: ${text}`, label: 'ok' },
    latencyMs: 12,
  };
}

async function createKey(adminKey: string, scopes: string[], name: string): Promise<string> {
  const res = await call('POST', '/v1/admin/keys', adminKey, { scopes, name });
  expect(res.statusCode, res.body).toBe(201);
  const secret = res.json().secret as string;
  secrets.push(secret);
  return secret;
}

async function createProject(id: string): Promise<string> {
  const res = await call('POST', '/v1/admin/projects', keys.defaultAdmin, { id, name: `${id} project` });
  expect(res.statusCode, res.body).toBe(201);
  const secret = res.json().adminKey.secret as string;
  secrets.push(secret);
  return secret;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-security-'));
  server = await startServer(config(dir), {
    out: (t) => {
      banner += t;
    },
    logStream: captured((t) => {
      logs += t;
    }),
    handleSignals: false,
  });
  expect(server.initialAdminKey).toBeDefined();
  keys.defaultAdmin = server.initialAdminKey?.secret ?? '';
  secrets.push(keys.defaultAdmin);

  keys.adminA = await createProject('proj-a');
  keys.adminB = await createProject(`proj-${B_MARKER}`);
  keys.readA = await createKey(keys.adminA, ['read'], 'reader a');
  keys.ingestA = await createKey(keys.adminA, ['ingest'], 'ingester a');
  keys.readB = await createKey(keys.adminB, ['read'], `reader ${B_MARKER}`);
  keys.ingestB = await createKey(keys.adminB, ['ingest'], `ingester ${B_MARKER}`);

  // Project B's data: every string carries the marker, so a leak into A's answers is visible.
  const res = await call(
    'POST',
    '/v1/events',
    keys.ingestB,
    [1, 2, 3].map((i) => event(`${B_MARKER}-req-${i}`, `${B_MARKER} prompt ${i}`, `${B_MARKER}-model`)),
  );
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().accepted).toBe(3);
  const experiment = await call('POST', '/v1/experiments', keys.adminB, {
    id: `${B_MARKER}-req-1`,
    armField: 'version',
    variants: [
      { name: `${B_MARKER}-variant-a`, weight: 1 },
      { name: `${B_MARKER}-variant-b`, weight: 1 },
    ],
    status: 'running',
  });
  expect(experiment.statusCode, experiment.body).toBe(201);

  const doc = (await call('GET', '/openapi.json')).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const v1 = () => operations.filter((o) => o.path.startsWith('/v1/'));
const isAdmin = (o: Operation) => o.path.startsWith('/v1/admin/');
const isIngest = (o: Operation) =>
  o.method === 'POST' && ['/v1/events', '/v1/outcomes', '/v1/feedback', '/v1/scores'].includes(o.path);
const readRoutes = () => v1().filter((o) => o.method === 'GET' && !isAdmin(o));

describe('authentication (401)', () => {
  it('documents every registered route, the /v1 ones behind a key', () => {
    const paths = operations.map((o) => `${o.method} ${o.path}`);
    for (const p of [
      'GET /healthz',
      'GET /readyz',
      'POST /v1/events',
      'GET /v1/admin/keys',
      'DELETE /v1/admin/keys/{id}',
    ]) {
      expect(paths).toContain(p);
    }
    expect(v1().length).toBeGreaterThanOrEqual(9);
    expect(v1().filter((o) => o.public)).toEqual([]);
  });

  it('gives every /v1 route and /metrics a summary in /openapi.json', async () => {
    const doc = (await call('GET', '/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const undocumented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/') || path === '/metrics')
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !op.summary || op.responses?.['401'] === undefined)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(undocumented).toEqual([]);
  });

  it('answers every non-public route without a key with 401 and WWW-Authenticate', async () => {
    const protectedOps = operations.filter((o) => !o.public);
    expect(protectedOps.length).toBeGreaterThan(0);
    for (const o of protectedOps) {
      const res = await call(
        o.method,
        concrete(o.path),
        undefined,
        o.method === 'GET' || o.method === 'DELETE' ? undefined : {},
      );
      expect(res.statusCode, `${o.method} ${o.path}`).toBe(401);
      expect(res.headers['www-authenticate'], `${o.method} ${o.path}`).toBe('Bearer realm="modelwatch"');
    }
  });

  it('rejects malformed, unknown and revoked keys with 401', async () => {
    const unknown = `mw_${'A'.repeat(43)}`;
    secrets.push(unknown);
    for (const bad of ['not-a-key', 'mw_short', `${keys.readA}x`, unknown]) {
      for (const [method, url] of [
        ['GET', '/v1/admin/keys'],
        ['POST', '/v1/events'],
      ] as const) {
        const res = await call(method, url, bad, method === 'POST' ? [] : undefined);
        expect(res.statusCode, `${method} ${url} with ${bad.slice(0, 12)}`).toBe(401);
        expect(res.headers['www-authenticate']).toBeDefined();
      }
    }
    const doomed = await createKey(keys.adminA, ['ingest'], 'to be revoked');
    expect((await call('POST', '/v1/events', doomed, [event('a-doomed-1', 'hello')])).statusCode).toBe(200);
    const list = (await call('GET', '/v1/admin/keys', keys.adminA)).json().keys as { id: string; name: string }[];
    const id = list.find((k) => k.name === 'to be revoked')?.id;
    expect(id).toBeDefined();
    const revoke = await call('DELETE', `/v1/admin/keys/${id}`, keys.adminA);
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().key.revokedAt).toBeTypeOf('number');
    const after = await call('POST', '/v1/events', doomed, [event('a-doomed-2', 'hello')]);
    expect(after.statusCode).toBe(401);
  });

  it('serves health, readiness, the OpenAPI document and the dashboard without a key', async () => {
    for (const url of ['/healthz', '/readyz', '/openapi.json', '/']) {
      expect((await call('GET', url)).statusCode, url).toBe(200);
    }
  });
});

describe('scopes (403)', () => {
  it('a read key cannot ingest', async () => {
    const ingestOps = v1().filter(isIngest);
    expect(ingestOps).toHaveLength(4);
    for (const o of ingestOps) {
      const res = await call('POST', o.path, keys.readA, []);
      expect(res.statusCode, o.path).toBe(403);
      expect(res.json().message).toContain('"ingest" scope');
    }
  });

  it('an ingest key cannot read: every GET /v1 route answers 403', async () => {
    const reads = v1().filter((op) => op.method === 'GET' && !INGEST_MAY_READ.some((r) => r.test(op.path)));
    expect(reads.length).toBeGreaterThan(0);
    for (const o of reads) {
      const res = await call('GET', `${concrete(o.path)}?unitId=u1`, keys.ingestA);
      expect(res.statusCode, o.path).toBe(403);
    }
  });

  it('only admin keys reach the admin API', async () => {
    for (const o of v1().filter(isAdmin)) {
      for (const key of [keys.readA, keys.ingestA]) {
        const res = await call(
          o.method,
          concrete(o.path),
          key,
          o.method === 'POST' ? { scopes: ['read'], id: 'x' } : undefined,
        );
        expect(res.statusCode, `${o.method} ${o.path}`).toBe(403);
      }
    }
  });
});

describe('project isolation', () => {
  it('a key of project A sees nothing of project B on any GET /v1 route (project in path or query ignored)', async () => {
    const reads = v1().filter((o) => o.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    for (const o of reads) {
      for (const suffix of ['?unitId=u1', `?unitId=u1&project=proj-${B_MARKER}&projectId=proj-${B_MARKER}`]) {
        const res = await call('GET', `${concrete(o.path)}${suffix}`, keys.adminA);
        expect(res.statusCode, `${o.path}${suffix}`).toBeLessThan(500);
        for (const leak of B_LEAKS) expect(res.body, `${o.path}${suffix} leaks project B`).not.toContain(leak);
      }
    }
  });

  it('the same reads with project B’s key do see B (the check above can fail)', async () => {
    const res = await call('GET', '/v1/admin/keys', keys.adminB);
    expect(res.body).toContain(`reader ${B_MARKER}`);
    const bodies = await Promise.all(
      readRoutes().map(async (o) => (await call('GET', `${concrete(o.path)}?unitId=u1`, keys.readB)).body),
    );
    const seen = B_LEAKS.filter((leak) => bodies.some((b) => b.includes(leak)));
    expect(seen).toContain(`${B_MARKER}-variant`); // experiments
    expect(seen).toContain(`${B_MARKER}-model`); // query: models, samples
    expect(seen).toContain(`${B_MARKER} prompt`); // query: samples
  });

  it('an admin key manages its own project only', async () => {
    const bKeys = (await call('GET', '/v1/admin/keys', keys.adminB)).json().keys as { id: string }[];
    const bKeyId = bKeys[0]?.id as string;
    const revoke = await call('DELETE', `/v1/admin/keys/${bKeyId}`, keys.adminA);
    expect(revoke.statusCode).toBe(404);
    expect((await call('GET', '/v1/admin/keys', keys.adminB)).json().keys[0].revokedAt).toBeUndefined();
    const create = await call('POST', '/v1/admin/keys', keys.adminA, { scopes: ['read'], project: `proj-${B_MARKER}` });
    expect(create.statusCode).toBe(403);
    const project = await call('POST', '/v1/admin/projects', keys.adminA, { id: 'proj-c' });
    expect(project.statusCode).toBe(403);
    expect((await call('GET', '/v1/admin/projects', keys.adminA)).statusCode).toBe(403);
    expect((await call('GET', '/v1/admin/projects', keys.defaultAdmin)).json().projects).toHaveLength(3);
  });

  it('rejects bad admin input with 400 naming the field and value', async () => {
    const res = await call('POST', '/v1/admin/keys', keys.adminA, { scopes: ['root'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('scopes.0');
    expect(res.json().message).toContain('"root"');
    const p = await call('POST', '/v1/admin/projects', keys.defaultAdmin, { id: 'Bad Id' });
    expect(p.statusCode).toBe(400);
    expect(p.json().message).toContain('id');
  });
});

describe('over a real socket', () => {
  it('listens on loopback and enforces the key', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const without = await fetch(`${server.url}/v1/admin/keys`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="modelwatch"');
    const withKey = await fetch(`${server.url}/v1/admin/keys`, { headers: bearer(keys.adminA) });
    expect(withKey.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: 'ok', ingest_queue: 'ok' } });
  });
});

describe('PII', () => {
  it('redacts emails, phone numbers and card numbers before storage', async () => {
    const text = 'mail jane.doe@example.com or call +1 415 555 0134, card 4111 1111 1111 1111';
    const res = await call('POST', '/v1/events', keys.ingestA, [event('a-pii-1', text)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toBe(1);
  });
});

describe('at rest and in logs (after shutdown)', () => {
  let tables: Record<string, string>;
  let raw: Buffer;

  beforeAll(async () => {
    // Requests carrying keys, whose log lines are checked below.
    for (const key of Object.values(keys)) await call('GET', '/v1/admin/keys', key);
    await server.close();
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
    const instance = await DuckDBInstance.create(join(dir, STORE_FILE));
    const c = await instance.connect();
    const names = (
      await c.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
    )
      .getRowsJS()
      .map((r) => String(r[0]));
    tables = {};
    for (const name of names) {
      const rows = (await c.runAndReadAll(`SELECT * FROM "${name}"`)).getRowsJS();
      tables[name] = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    }
    c.closeSync();
    instance.closeSync();
    const wal = join(dir, `${STORE_FILE}.wal`);
    raw = Buffer.concat([readFileSync(join(dir, STORE_FILE)), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
  });

  it('stores keys hashed: no secret in any table or in the file, the hashes are there', async () => {
    expect(Object.keys(tables)).toContain('api_keys');
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    const { apiKeyHash } = await import('../src/services/auth/index.js');
    for (const secret of secrets) {
      for (const [name, text] of Object.entries(tables)) expect(text, `table ${name}`).not.toContain(secret);
      expect(raw.includes(secret), 'raw store file').toBe(false);
    }
    expect(tables.api_keys).toContain(apiKeyHash(keys.adminA));
    expect(tables.api_keys).toContain(apiKeyHash(keys.readB));
    // Controls: the scans see stored text (a key's name, in the tables and the raw bytes).
    expect(tables.api_keys).toContain(`ingester ${B_MARKER}`);
    expect(raw.includes(`ingester ${B_MARKER}`)).toBe(true);
  });

  it('stores the PII-bearing text redacted', () => {
    const events = tables.events ?? '';
    expect(events).toContain('a-pii-1');
    for (const pii of ['jane.doe@example.com', '415 555 0134', '4111 1111 1111 1111']) {
      expect(events).not.toContain(pii);
      expect(raw.includes(pii)).toBe(false);
    }
    expect(events).toContain('mail ');
  });

  it('audits key and project creation and revocation with the actor', async () => {
    const store = await openStore({ dataDir: dir, store: 'duckdb' });
    try {
      const audit = await store.listAudit('proj-a');
      const actions = audit.map((e) => `${e.kind}:${e.action}`);
      expect(actions).toContain('project:create');
      expect(actions.filter((a) => a === 'api_key:create').length).toBeGreaterThanOrEqual(4);
      expect(actions).toContain('api_key:revoke');
      const revoke = audit.find((e) => e.action === 'revoke');
      expect(revoke?.details).toMatchObject({ actor: { via: 'api' } });
      expect(JSON.stringify(audit)).not.toMatch(/mw_[A-Za-z0-9_-]{43}/);
    } finally {
      await store.close();
    }
  });

  it('never writes a secret to the log; prints the first admin key once, to the banner only', () => {
    expect(logs).toContain('/v1/admin/keys');
    expect(logs).toContain('incoming request');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    for (const bad of ['not-a-key', 'mw_short']) expect(logs).not.toContain(bad);
    // The banner shows the key on its own line and inside the dashboard sign-in link (in the URL
    // fragment, which browsers never send to a server): twice, both on stdout, never in the log.
    expect(banner.split(keys.defaultAdmin)).toHaveLength(3);
    expect(banner).toContain(`${server.url}/#key=${keys.defaultAdmin}`);
    expect(banner).toContain(server.url);
  });
});

describe('first start only', () => {
  it('does not create or print another admin key when the store already has keys', async () => {
    let out = '';
    const again = await startServer(config(dir), {
      out: (t) => (out += t),
      logStream: captured(() => {}),
      handleSignals: false,
    });
    try {
      expect(again.initialAdminKey).toBeUndefined();
      expect(out).not.toMatch(/mw_[A-Za-z0-9_-]{43}/);
      const res = await again.app.inject({ method: 'GET', url: '/v1/admin/keys', headers: bearer(keys.adminA) });
      expect(res.statusCode).toBe(200);
    } finally {
      await again.close();
    }
  });
});

describe('per-key rate limit', () => {
  it('limits each key separately (429 for the noisy key, the other still served)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'modelwatch-ratelimit-'));
    const limited = await startServer(config(other, { rateLimit: { perKeyPerMinute: 3 } }), {
      out: () => {},
      logStream: captured(() => {}),
      handleSignals: false,
    });
    try {
      const admin = limited.initialAdminKey?.secret as string;
      const created = await limited.app.inject({
        method: 'POST',
        url: '/v1/admin/keys',
        headers: bearer(admin),
        payload: { scopes: ['admin'] },
      });
      const second = created.json().secret as string;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await limited.app.inject({ method: 'GET', url: '/v1/admin/keys', headers: bearer(admin) })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 429, 429]); // the creation above was the first of three
      const fresh = await limited.app.inject({ method: 'GET', url: '/v1/admin/keys', headers: bearer(second) });
      expect(fresh.statusCode).toBe(200);
    } finally {
      await limited.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
