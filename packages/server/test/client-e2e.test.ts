/**
 * The client SDK (`@modelwatch/client`, built: packages/client/dist) against the real server
 * (issues 5 and 6): `startServer` on a DuckDB file in a temporary directory, demo traffic off,
 * keys made through the admin API, every request over real HTTP. Covers bulk logging with gzip
 * (counts, joins and PII redaction read back through the query API and from the file at rest),
 * records the server rejects, `wrap`, cached experiment assignments equal to core `assignVariant`,
 * retries through 503s and a server restart (each event stored exactly once), and flush on exit
 * of a child process. No timed assertions: waits poll with generous deadlines.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  type FeedbackInput,
  type InferenceEventInput,
  ModelwatchClient,
  type ModelwatchClientError,
  type ModelwatchClientOptions,
  type OutcomeInput,
  type ScoreInput,
} from '@modelwatch/client';
import { assignmentExperiment, assignVariant } from '@modelwatch/core/experiments';
import { redactPii } from '@modelwatch/core/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { type ServerHandle, STORE_FILE, startServer } from '../src/services/server/index.js';
import { freePort } from './free-port.js';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/index.js', import.meta.url));

function serverConfig(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    dataDir,
    logLevel: 'warn',
    demo: { ...DEFAULT_CONFIG.demo, enabled: false },
    ...overrides,
  };
}

const quiet = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function start(config: ServerConfig): Promise<ServerHandle> {
  return startServer(config, { out: () => undefined, logStream: quiet(), handleSignals: false });
}

async function api(
  baseUrl: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

async function createKey(baseUrl: string, adminKey: string, scopes: string[], name: string): Promise<string> {
  const res = await api(baseUrl, adminKey, 'POST', '/v1/admin/keys', { scopes, name });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return (res.json as { secret: string }).secret;
}

/** Resolves once `condition()` holds; rejects after `limitMs` (bounds a hung test, asserts no time). */
async function until(condition: () => boolean, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`until: condition still false after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What went over the wire: one entry per request the client made (ingest and assignment). */
interface Wire {
  readonly requests: { url: string; status: number | 'network'; gzip: boolean }[];
}

/** `fetch` that records each request's URL, gzip header and status (or network failure). */
function recordingFetch(wire: Wire): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const gzip = headers['content-encoding'] === 'gzip';
    try {
      const res = await fetch(input, init);
      wire.requests.push({ url, status: res.status, gzip });
      return res;
    } catch (err) {
      wire.requests.push({ url, status: 'network', gzip });
      throw err;
    }
  };
}

/** The records of a synthetic workload, and what the server should report about them. */
interface Workload {
  readonly events: InferenceEventInput[];
  readonly outcomes: OutcomeInput[];
  readonly feedback: FeedbackInput[];
  readonly scores: ScoreInput[];
}

const REGIONS = ['eu', 'us', 'apac'] as const;
const PHONE = '415 555 0134';

/**
 * `n` events of two models (a chat model whose texts carry emails and a phone number, and a
 * classifier with features), some failed; outcomes, feedback (thumbs, corrections with PII,
 * escalations) and judge and human scores for subsets of them.
 */
function workload(prefix: string, n: number): Workload {
  const w: Workload = { events: [], outcomes: [], feedback: [], scores: [] };
  for (let i = 0; i < n; i++) {
    const requestId = `${prefix}-${i}`;
    const failed = i % 40 === 7;
    const base = {
      requestId,
      version: i % 3 === 0 ? 'v2' : 'v1',
      segment: { region: REGIONS[i % 3] as string },
      latencyMs: 5 + ((i * 7919) % 1000) / 10,
      ...(failed
        ? { status: 'error' as const, errorType: i % 80 === 7 ? ('timeout' as const) : ('upstream' as const) }
        : {}),
    };
    if (i % 2 === 0) {
      w.events.push({
        ...base,
        model: 'chat',
        inputs: { text: `ticket ${i}: reach me at user${i}@example.com or ${PHONE}` },
        ...(failed ? {} : { output: { text: `We will write to user${i}@example.com shortly.` } }),
        tokens: { input: 20 + (i % 50), output: 5 + (i % 7) },
        costUsd: 0.0001 * (1 + (i % 5)),
      });
    } else {
      w.events.push({
        ...base,
        model: 'clf',
        inputs: { features: { age: 20 + (i % 50), plan: i % 3 === 0 ? 'pro' : 'free' } },
        ...(failed ? {} : { output: { label: i % 3 === 0 ? 'churn' : 'stay', score: (i % 100) / 100 } }),
      });
    }
    if (i % 4 === 0) w.outcomes.push({ requestId, label: i % 8 === 0 ? 'churn' : 'stay' });
    if (i % 5 === 0) w.feedback.push({ requestId, kind: 'thumbs', value: i % 10 === 0 ? 'up' : 'down' });
    if (i % 25 === 0)
      w.feedback.push({ requestId, kind: 'correction', correction: `Please use user${i}@example.net instead` });
    if (i % 100 === 0) w.feedback.push({ requestId, kind: 'escalation', comment: `call back on ${PHONE}` });
    if (i % 2 === 0)
      w.scores.push({
        requestId,
        name: 'faithfulness',
        value: (i % 101) / 100,
        source: 'judge',
        scorer: 'judge-1',
        rationale: `the answer quotes user${i}@example.com`,
      });
    if (i % 8 === 0) w.scores.push({ requestId, name: 'helpfulness', value: i % 5, source: 'human' });
  }
  return w;
}

/** numpy's default (linear) quantile, what DuckDB's quantile_cont computes. */
function quantileLinear(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function expectClose(actual: number, expected: number, rel: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    rel * Math.max(Math.abs(expected), Number.MIN_VALUE),
  );
}

/** Every row of every table of a closed store, as JSON text, and the raw file bytes. */
async function storeAtRest(dir: string): Promise<{ tables: Record<string, string>; raw: Buffer }> {
  const instance = await DuckDBInstance.create(join(dir, STORE_FILE));
  const c = await instance.connect();
  try {
    const names = (
      await c.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
    )
      .getRowsJS()
      .map((r) => String(r[0]));
    const tables: Record<string, string> = {};
    for (const name of names) {
      const rows = (await c.runAndReadAll(`SELECT * FROM "${name}"`)).getRowsJS();
      tables[name] = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    }
    return { tables, raw: readFileSync(join(dir, STORE_FILE)) };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** request_id → rows in `events` of a closed store. */
async function storedEventIds(dir: string): Promise<Map<string, number>> {
  const instance = await DuckDBInstance.create(join(dir, STORE_FILE));
  const c = await instance.connect();
  try {
    const rows = (await c.runAndReadAll('SELECT request_id, count(*) FROM events GROUP BY request_id')).getRowsJS();
    return new Map(rows.map((r) => [String(r[0]), Number(r[1])]));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

interface OverviewJson {
  method: 'exact' | 'rollup';
  totals: {
    requests: number;
    errors: number;
    latencyP50: number;
    latencyP95: number;
    latencyP99: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
  };
}

interface EventDetailJson {
  event: {
    requestId: string;
    model: string;
    latencyMs: number;
    status: string;
    errorType?: string;
    segment: Record<string, string>;
    inputs: { text?: string; features?: Record<string, unknown> };
    output: { text?: string; label?: string; score?: number };
    tokens?: { input?: number; output?: number };
  };
  outcome?: { label?: string };
  feedback: { kind: string; value?: string; correction?: string; comment?: string }[];
  scores: { name: string; source: string; value: number; rationale?: string }[];
}

describe('client SDK against the real server', () => {
  let dir: string;
  let server: ServerHandle;
  let ingestKey = '';
  let readKey = '';
  let adminKey = '';
  const startedAt = Date.now();
  const window = () => `from=${startedAt - 60_123}&to=${Date.now() + 60_321}`;
  const read = async <T>(path: string): Promise<{ status: number; json: T }> =>
    (await api(server.url, readKey, 'GET', path)) as { status: number; json: T };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-client-e2e-'));
    server = await start(serverConfig(dir));
    adminKey = server.initialAdminKey?.secret ?? '';
    expect(adminKey).not.toBe('');
    ingestKey = await createKey(server.url, adminKey, ['ingest'], 'client e2e ingest');
    readKey = await createKey(server.url, adminKey, ['read'], 'client e2e read');
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const N = 20_000;
  const w = workload('bulk', N);

  it('logs 20 000 events with outcomes, feedback and scores (gzip, batches of 500): exact counts come back', async () => {
    const wire: Wire = { requests: [] };
    const errors: ModelwatchClientError[] = [];
    const client = new ModelwatchClient({
      baseUrl: server.url,
      apiKey: ingestKey,
      batchSize: 500,
      gzip: true,
      maxQueue: 100_000,
      flushOnExit: false,
      fetch: recordingFetch(wire),
      onError: (e) => errors.push(e),
    });
    // Interleaved as an application would send them: each event, then what refers to it.
    const byRequest = new Map<string, { o: OutcomeInput[]; f: FeedbackInput[]; s: ScoreInput[] }>();
    const slot = (id: string) => {
      const existing = byRequest.get(id);
      if (existing !== undefined) return existing;
      const created = { o: [] as OutcomeInput[], f: [] as FeedbackInput[], s: [] as ScoreInput[] };
      byRequest.set(id, created);
      return created;
    };
    for (const o of w.outcomes) slot(o.requestId).o.push(o);
    for (const f of w.feedback) slot(f.requestId).f.push(f);
    for (const s of w.scores) slot(s.requestId).s.push(s);
    for (const e of w.events) {
      expect(client.log(e)).toBe(e.requestId);
      const related = byRequest.get(e.requestId as string);
      for (const o of related?.o ?? []) client.logOutcome(o);
      for (const f of related?.f ?? []) client.logFeedback(f);
      for (const s of related?.s ?? []) client.logScore(s);
    }
    await client.close();

    const total = w.events.length + w.outcomes.length + w.feedback.length + w.scores.length;
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(client.stats()).toEqual({
      queued: 0,
      inFlight: 0,
      sent: total,
      dropped: 0,
      failed: 0,
      retries: client.stats().retries,
      rejected: 0,
    });
    const ingestRequests = wire.requests.filter((r) => !r.url.includes('/assignment'));
    expect(ingestRequests.length).toBeGreaterThanOrEqual(Math.ceil(N / 500));
    expect(ingestRequests.every((r) => r.gzip)).toBe(true);
    // Every answer was 200, except 503s the client retried (under-pressure on a loaded machine).
    expect(ingestRequests.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    expect(ingestRequests.filter((r) => r.status === 503).length).toBe(client.stats().retries);

    // Overview: traffic, errors, tokens, cost and latency percentiles of the window.
    const overview = await read<OverviewJson>(`/v1/query/overview?bucket=1h&${window()}`);
    expect(overview.status).toBe(200);
    const t = overview.json.totals;
    expect(t.requests).toBe(N);
    expect(t.errors).toBe(w.events.filter((e) => e.status === 'error').length);
    expect(t.inputTokens).toBe(w.events.reduce((a, e) => a + (e.tokens?.input ?? 0), 0));
    expect(t.outputTokens).toBe(w.events.reduce((a, e) => a + (e.tokens?.output ?? 0), 0));
    expectClose(
      t.costUsd,
      w.events.reduce((a, e) => a + (e.costUsd ?? 0), 0),
      1e-9,
      'costUsd',
    );
    const latencies = w.events.map((e) => e.latencyMs).sort((a, b) => a - b);
    // 'exact' is quantile_cont over the raw events; 'rollup' a sketch within 1 % relative error.
    const rel = overview.json.method === 'exact' ? 1e-9 : 0.01;
    expectClose(t.latencyP50, quantileLinear(latencies, 0.5), rel, 'p50');
    expectClose(t.latencyP95, quantileLinear(latencies, 0.95), rel, 'p95');
    expectClose(t.latencyP99, quantileLinear(latencies, 0.99), rel, 'p99');

    // Per model, through the filter.
    const chat = await read<OverviewJson>(`/v1/query/overview?bucket=1h&model=chat&${window()}`);
    expect(chat.json.totals.requests).toBe(w.events.filter((e) => e.model === 'chat').length);

    // Feedback rates over the window's events.
    const fb = await read<Record<string, number>>(`/v1/query/feedback?${window()}`);
    expect(fb.status).toBe(200);
    const thumbs = w.feedback.filter((f) => f.kind === 'thumbs');
    const up = thumbs.filter((f) => f.kind === 'thumbs' && f.value === 'up').length;
    expect(fb.json).toMatchObject({
      events: N,
      thumbsUp: up,
      thumbsDown: thumbs.length - up,
      corrections: w.feedback.filter((f) => f.kind === 'correction').length,
      escalations: w.feedback.filter((f) => f.kind === 'escalation').length,
    });
    expectClose(fb.json.thumbsUpRate as number, up / thumbs.length, 1e-12, 'thumbsUpRate');

    // Scores per (name, source).
    const sc = await read<{
      scores: { name: string; source: string; count: number; mean: number; min: number; max: number }[];
    }>(`/v1/query/scores?${window()}`);
    expect(sc.status).toBe(200);
    const groups = new Map<string, number[]>();
    for (const s of w.scores) {
      const k = `${s.name}/${s.source}`;
      groups.set(k, [...(groups.get(k) ?? []), s.value]);
    }
    expect(sc.json.scores.map((s) => `${s.name}/${s.source}`).sort()).toEqual([...groups.keys()].sort());
    for (const s of sc.json.scores) {
      const values = groups.get(`${s.name}/${s.source}`) ?? [];
      expect(s.count).toBe(values.length);
      expectClose(s.mean, values.reduce((a, v) => a + v, 0) / values.length, 1e-9, `${s.name} mean`);
      expect(s.min).toBe(Math.min(...values));
      expect(s.max).toBe(Math.max(...values));
    }
  });

  it('joins outcome, feedback and scores to an event by request id, with PII redacted in stored text', async () => {
    for (const i of [0, 1, 7, 25, 100, 19_998, 19_999]) {
      const sent = w.events[i] as InferenceEventInput;
      const res = await read<EventDetailJson>(`/v1/query/event/${sent.requestId}`);
      expect(res.status, `bulk-${i}`).toBe(200);
      const { event, outcome, feedback, scores } = res.json;
      expect(event).toMatchObject({
        requestId: sent.requestId,
        model: sent.model,
        latencyMs: sent.latencyMs,
        status: sent.status ?? 'ok',
        segment: sent.segment,
      });
      expect(event.errorType).toBe(sent.errorType);
      if (sent.inputs?.text !== undefined) {
        expect(event.inputs.text).toBe(redactPii(sent.inputs.text));
        expect(event.inputs.text).toContain('[EMAIL]');
        expect(event.inputs.text).toContain('[PHONE]');
        expect(event.inputs.text).not.toContain('@example.com');
        expect(event.inputs.text).not.toContain(PHONE);
        expect(event.tokens).toEqual(sent.tokens);
      } else {
        expect(event.inputs.features).toEqual(sent.inputs?.features);
      }
      if (sent.output?.text !== undefined) expect(event.output.text).toBe(redactPii(sent.output.text));
      if (sent.output?.label !== undefined) expect(event.output.label).toBe(sent.output.label);

      const wantOutcome = w.outcomes.find((o) => o.requestId === sent.requestId);
      expect(outcome?.label).toBe(wantOutcome?.label);
      const wantFeedback = w.feedback.filter((f) => f.requestId === sent.requestId);
      expect(feedback.map((f) => f.kind).sort()).toEqual(wantFeedback.map((f) => f.kind).sort());
      for (const f of feedback) {
        if (f.kind === 'correction') {
          expect(f.correction).toBe(`Please use [EMAIL] instead`);
        }
        if (f.kind === 'escalation') expect(f.comment).toBe('call back on [PHONE]');
      }
      const wantScores = w.scores.filter((s) => s.requestId === sent.requestId);
      expect(scores.map((s) => `${s.name}/${s.source}=${s.value}`).sort()).toEqual(
        wantScores.map((s) => `${s.name}/${s.source}=${s.value}`).sort(),
      );
      for (const s of scores) if (s.rationale !== undefined) expect(s.rationale).toBe('the answer quotes [EMAIL]');
    }
    expect((await read(`/v1/query/event/bulk-${N}`)).status).toBe(404);
  });

  it('reports records the server rejects in stats().rejected with the server’s field names; stores the rest', async () => {
    const errors: ModelwatchClientError[] = [];
    const client = new ModelwatchClient({
      baseUrl: server.url,
      apiKey: ingestKey,
      flushOnExit: false,
      onError: (e) => errors.push(e),
    });
    const bad: Record<string, { event: Record<string, unknown>; field: string }> = {
      'rej-negative-latency': { event: { latencyMs: -1 }, field: 'latencyMs' },
      'rej-future': { event: { latencyMs: 3, timestamp: Date.now() + 86_400_000 }, field: 'timestamp' },
      'rej-error-without-type': { event: { latencyMs: 3, status: 'error' }, field: 'errorType' },
    };
    const logged: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = `rej-ok-${i}`;
      logged.push(client.log({ requestId: id, model: 'rej', version: '1', latencyMs: i }));
      if (i % 3 === 1) {
        const [badId, spec] = Object.entries(bad)[(i - 1) / 3] as [string, (typeof bad)[string]];
        logged.push(
          client.log({ requestId: badId, model: 'rej', version: '1', ...spec.event } as unknown as InferenceEventInput),
        );
      }
    }
    await client.close();
    const stats = client.stats();
    expect(stats).toMatchObject({ sent: 10, rejected: 3, failed: 0, dropped: 0, queued: 0, inFlight: 0 });
    expect(stats.sent + stats.dropped + stats.failed + stats.rejected).toBe(logged.length);
    expect(errors).toHaveLength(1);
    const err = errors[0] as ModelwatchClientError;
    expect(err.code).toBe('rejected');
    const rejections = [...(err.rejections ?? [])].sort((a, b) => a.requestId.localeCompare(b.requestId));
    expect(rejections.map((r) => [r.requestId, r.field])).toEqual(
      Object.entries(bad)
        .map(([id, spec]) => [id, spec.field])
        .sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
    );
    for (const r of rejections) expect(r.message.length).toBeGreaterThan(0);
    for (const id of logged) {
      const res = await read(`/v1/query/event/${id}`);
      expect(res.status, id).toBe(id in bad ? 404 : 200);
    }
  });

  it('wrap(fn) logs each call with its latency and status; errors are rethrown and classified', async () => {
    let clock = 1000; // the client's monotonic clock: the fake model advances it, so latencies are exact
    const client = new ModelwatchClient({
      baseUrl: server.url,
      apiKey: ingestKey,
      flushOnExit: false,
      monotonicNow: () => clock,
    });
    class RateLimited extends Error {}
    const model = async (prompt: string, cost: number) => {
      clock += cost;
      await Promise.resolve();
      if (prompt.startsWith('slow')) throw Object.assign(new Error('model call timed out'), { name: 'TimeoutError' });
      if (prompt.startsWith('busy')) throw new RateLimited('429 from the provider');
      if (prompt.startsWith('bad')) throw new Error('boom');
      return { text: `echo ${prompt} to ops@example.com`, usage: { input: prompt.length, output: 4 } };
    };
    const wrapped = client.wrap(model, {
      event: (prompt) => ({ requestId: `wrap-${prompt}`, model: 'wrapped', version: '1', inputs: { text: prompt } }),
      output: (r) => ({ text: r.text }),
      tokens: (r) => ({ input: r.usage.input, output: r.usage.output }),
      classifyError: (e) =>
        e instanceof RateLimited
          ? 'rate_limited'
          : e instanceof Error && e.name === 'TimeoutError'
            ? 'timeout'
            : 'internal',
    });
    const plan: { prompt: string; cost: number; status: 'ok' | 'error'; errorType?: string }[] = [];
    for (let i = 0; i < 12; i++) plan.push({ prompt: `ok${i}`, cost: 10 + i, status: 'ok' });
    for (let i = 0; i < 5; i++)
      plan.push({ prompt: `slow${i}`, cost: 1000 + i, status: 'error', errorType: 'timeout' });
    for (let i = 0; i < 3; i++) plan.push({ prompt: `busy${i}`, cost: 2, status: 'error', errorType: 'rate_limited' });
    for (let i = 0; i < 2; i++) plan.push({ prompt: `bad${i}`, cost: 7, status: 'error', errorType: 'internal' });
    for (const p of plan) {
      const call = wrapped(p.prompt, p.cost);
      if (p.status === 'ok') expect((await call).text).toBe(`echo ${p.prompt} to ops@example.com`);
      else await expect(call).rejects.toThrow(p.errorType === 'internal' ? 'boom' : /timed out|429/);
    }
    await client.close();
    expect(client.stats()).toMatchObject({ sent: plan.length, failed: 0, rejected: 0, dropped: 0 });

    for (const p of plan) {
      const res = await read<EventDetailJson>(`/v1/query/event/wrap-${p.prompt}`);
      expect(res.status).toBe(200);
      expect(res.json.event).toMatchObject({ model: 'wrapped', status: p.status, latencyMs: p.cost });
      expect(res.json.event.errorType).toBe(p.errorType);
      if (p.status === 'ok') {
        expect(res.json.event.output.text).toBe(`echo ${p.prompt} to [EMAIL]`);
        expect(res.json.event.tokens).toEqual({ input: p.prompt.length, output: 4 });
      }
    }
    const errs = await read<{ errors: { errorType: string; count: number }[] }>(
      `/v1/query/errors?model=wrapped&${window()}`,
    );
    expect(Object.fromEntries(errs.json.errors.map((e) => [e.errorType, e.count]))).toEqual({
      timeout: 5,
      rate_limited: 3,
      internal: 2,
    });
    const ov = await read<OverviewJson>(`/v1/query/overview?bucket=1h&model=wrapped&${window()}`);
    expect(ov.json.totals).toMatchObject({ requests: plan.length, errors: 10 });
  });

  it('getAssignment equals core assignVariant for 1 000 units, and is cached', async () => {
    const definition = {
      id: 'e2e-ab',
      variants: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 3 },
      ],
      coverage: 0.9,
      status: 'running',
    };
    const created = await api(server.url, adminKey, 'POST', '/v1/experiments', definition);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const layout = assignmentExperiment({
      key: definition.id,
      variants: definition.variants.map((v) => v.name),
      weights: definition.variants.map((v) => v.weight),
      coverage: definition.coverage,
    });

    const wire: Wire = { requests: [] };
    const client = new ModelwatchClient({
      baseUrl: server.url,
      apiKey: ingestKey, // a serving application's key: the assignment takes the ingest scope
      flushOnExit: false,
      fetch: recordingFetch(wire),
    });
    const units = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const first = [];
    for (let i = 0; i < units.length; i += 50) {
      first.push(...(await Promise.all(units.slice(i, i + 50).map((u) => client.getAssignment(definition.id, u)))));
    }
    expect(wire.requests).toHaveLength(1000);
    expect(wire.requests.every((r) => r.status === 200)).toBe(true);
    const variants = new Map<string, number>();
    for (const [i, unit] of units.entries()) {
      const want = assignVariant(unit, layout);
      expect(first[i]).toEqual({
        experimentId: definition.id,
        unitId: unit,
        variant: want.variant,
        bucket: want.bucket,
        inExperiment: want.inExperiment,
        reason: want.reason,
      });
      const key = want.inExperiment ? want.variant : 'outside';
      variants.set(key, (variants.get(key) ?? 0) + 1);
    }
    // Both arms and the uncovered 10 % occur, so the comparison above covers every branch.
    expect([...variants.keys()].sort()).toEqual(['control', 'outside', 'treatment']);

    // Cached: the same answers again without a request.
    const second = await Promise.all(units.map((u) => client.getAssignment(definition.id, u)));
    expect(second).toEqual(first);
    expect(wire.requests).toHaveLength(1000);
    await client.close();
  });

  it('flushes on exit: a child process logs events and ends normally; the server has them all', async () => {
    const childDir = mkdtempSync(join(tmpdir(), 'modelwatch-client-child-'));
    try {
      const script = join(childDir, 'child.mjs');
      writeFileSync(
        script,
        `import { ModelwatchClient } from ${JSON.stringify(pathToFileURL(CLIENT_DIST).href)};
const [baseUrl, apiKey, count] = process.argv.slice(2);
const client = new ModelwatchClient({ baseUrl, apiKey, batchSize: 500, flushIntervalMs: 600000 });
for (let i = 0; i < Number(count); i++)
  client.log({ requestId: 'child-' + i, model: 'child', version: '1', latencyMs: i % 97, inputs: { text: 'mail child' + i + '@example.org' } });
process.on('exit', () => process.stdout.write(JSON.stringify(client.stats())));
`,
      );
      const count = 1234; // two full batches go at once; the last 234 only by the flush on exit
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [script, server.url, ingestKey, String(count)], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ sent: count, queued: 0, inFlight: 0, failed: 0, dropped: 0 });
      const ov = await read<OverviewJson>(`/v1/query/overview?bucket=1h&model=child&${window()}`);
      expect(ov.json.totals.requests).toBe(count);
      const last = await read<EventDetailJson>(`/v1/query/event/child-${count - 1}`);
      expect(last.status).toBe(200);
      expect(last.json.event.inputs.text).toBe('mail [EMAIL]');
    } finally {
      rmSync(childDir, { recursive: true, force: true });
    }
  });

  it('at rest, after shutdown: every event once, and no email or phone number in any table or the file', async () => {
    await server.close();
    const ids = await storedEventIds(dir);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
    for (const e of w.events) expect(ids.get(e.requestId as string), e.requestId).toBe(1);
    const { tables, raw } = await storeAtRest(dir);
    // Control: stored text is visible to the scan (a redacted text of the bulk run).
    expect(tables.events).toContain('ticket 1234: reach me at [EMAIL] or [PHONE]');
    for (const [name, text] of Object.entries(tables)) {
      expect(text, name).not.toMatch(/@example\.(com|net|org)/);
      expect(text, name).not.toContain(PHONE);
    }
    expect(raw.includes('@example.com')).toBe(false);
    expect(raw.includes(PHONE)).toBe(false);
  });
});

describe('retries are safe end to end (503 under a burst, a server restart)', () => {
  let dir: string;
  let server: ServerHandle;
  let config: ServerConfig;
  let ingestKey = '';
  let readKey = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-client-retry-'));
    // A tiny ingest queue: one batch at a time is admitted, concurrent ones get 503 + Retry-After.
    config = serverConfig(dir, {
      port: await freePort(),
      ingest: { ...DEFAULT_CONFIG.ingest, queueSize: 100 },
    });
    server = await start(config);
    const admin = server.initialAdminKey?.secret ?? '';
    ingestKey = await createKey(server.url, admin, ['ingest'], 'retry ingest');
    readKey = await createKey(server.url, admin, ['read'], 'retry read');
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every logged event exactly once; stats add up (sent + dropped + failed + rejected = logged)', async () => {
    const wire: Wire = { requests: [] };
    const errors: ModelwatchClientError[] = [];
    const options: ModelwatchClientOptions = {
      baseUrl: server.url,
      apiKey: ingestKey,
      batchSize: 500,
      gzip: true,
      maxConcurrency: 4,
      maxQueue: 100_000,
      maxAttempts: 1000,
      backoff: { baseMs: 20, capMs: 200 },
      flushOnExit: false,
      fetch: recordingFetch(wire),
      onError: (e) => errors.push(e),
    };
    const client = new ModelwatchClient(options);
    const logged: string[] = [];
    let next = 0;
    const logMore = (n: number) => {
      for (let i = 0; i < n; i++, next++) {
        logged.push(
          client.log({
            requestId: `retry-${next}`,
            model: 'retry',
            version: '1',
            latencyMs: next % 250,
            inputs: { text: `burst ${next}` },
          }),
        );
      }
    };
    const statusCount = (s: number | 'network') => wire.requests.filter((r) => r.status === s).length;

    // 1. Bursts of concurrent batches against the tiny queue until the server has answered 503.
    for (let round = 0; round < 20 && statusCount(503) === 0; round++) {
      logMore(2000);
      await client.flush();
    }
    expect(statusCount(503)).toBeGreaterThan(0);

    // 2. The application logs some ids again (its own retry): acknowledged, not stored twice.
    for (let i = 0; i < 500; i++)
      logged.push(client.log({ requestId: `retry-${i}`, model: 'retry', version: '1', latencyMs: i % 250 }));

    // 3. A restart mid-stream on the same data dir and port: batches in flight, then refused
    //    connections while the server is down, then the rest after it is back.
    logMore(1500);
    await server.close();
    logMore(1500);
    const flushed = client.flush();
    await until(() => statusCount('network') > 0);
    server = await start(config);
    expect(server.initialAdminKey).toBeUndefined(); // the same store: keys and data survived
    await flushed;
    await client.close();

    const stats = client.stats();
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(stats).toMatchObject({ queued: 0, inFlight: 0, dropped: 0, failed: 0, rejected: 0 });
    expect(stats.sent + stats.dropped + stats.failed + stats.rejected).toBe(logged.length);
    expect(stats.retries).toBe(wire.requests.filter((r) => r.status !== 200).length);
    expect(stats.retries).toBeGreaterThan(0);
    expect(wire.requests.filter((r) => r.status !== 200 && r.status !== 503 && r.status !== 'network')).toEqual([]);

    const unique = new Set(logged);
    expect(unique.size).toBe(next);
    const overview = await api(
      server.url,
      readKey,
      'GET',
      `/v1/query/overview?bucket=1h&model=retry&from=${Date.now() - 3_600_123}&to=${Date.now() + 60_321}`,
    );
    expect((overview.json as OverviewJson).totals.requests).toBe(unique.size);

    await server.close();
    const ids = await storedEventIds(dir);
    expect(ids.size).toBe(unique.size);
    for (const id of unique) expect(ids.get(id), id).toBe(1);
  });
});
