import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../domain/api-key.js';
import type { Feedback } from '../domain/feedback.js';
import { type InferenceEvent, type InferenceEventInput, InferenceEventSchema } from '../domain/inference-event.js';
import type { MonitorResult } from '../domain/monitor.js';
import type { EventFilter } from '../domain/query.js';
import type { Store } from './store.js';

/**
 * A place a store lives (a file, a database): `create` makes a new, unopened `Store` object for
 * it (calling it again after `close()` reopens the same data); `dispose` removes it.
 */
export interface StoreFixture {
  create(): Store;
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

/** A validated event with defaults; `overrides` are wire fields. */
export function testEvent(requestId: string, overrides: Partial<InferenceEventInput> = {}): InferenceEvent {
  return InferenceEventSchema.parse({
    requestId,
    timestamp: T0,
    model: 'ranker',
    version: 'v1',
    latencyMs: 12.5,
    ...overrides,
  });
}

/** An event with every optional field set. */
export function fullEvent(requestId: string): InferenceEvent {
  return testEvent(requestId, {
    timestamp: T0 + 1234,
    variant: 'canary',
    experiment: 'exp-1',
    unitId: 'user-7',
    segment: { region: 'eu', tier: 'gold' },
    inputs: { features: { age: 41, country: 'FR', vip: true, missing: null }, text: 'hello world' },
    output: { label: 'spam', probabilities: { spam: 0.75, ham: 0.25 }, score: 0.75, value: 3.5, text: 'it is spam' },
    tokens: { input: 120, output: 30 },
    costUsd: 0.00042,
    status: 'error',
    errorType: 'timeout',
    embedding: [0.5, -1.25, 2],
  });
}

function apiKey(id: string, projectId: string, hashDigit: string, extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id,
    projectId,
    name: `key ${id}`,
    prefix: `mw_${id}`,
    hash: hashDigit.repeat(64),
    scopes: ['ingest', 'read'],
    createdAt: T0,
    ...extra,
  };
}

const window = (projectId: string) => ({ projectId, from: 0, to: Number.MAX_SAFE_INTEGER });

/**
 * The contract every `Store` implementation passes (DuckDB, ClickHouse): the write semantics of
 * store.ts (durability across reopen, idempotent events, last write wins), project isolation,
 * documents, audit order and API keys.
 */
export function describeStoreContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    const reopen = async (): Promise<Store> => {
      await store.close();
      store = fixture.create();
      await store.open();
      return store;
    };

    beforeEach(async () => {
      fixture = await makeFixture();
      store = fixture.create();
      await store.open();
    });
    afterEach(async () => {
      await store.close();
      await fixture.dispose();
    });

    it('reads back an event with every field, and its joined records', async () => {
      const e = fullEvent('r-1');
      expect(await store.appendEvents('p1', [e], T0 + 5000)).toMatchObject({ inserted: 1, duplicates: 0 });
      const detail = await store.getEvent('p1', 'r-1');
      expect(detail?.event).toEqual({ ...e, projectId: 'p1', receivedAt: T0 + 5000 });
      expect(detail?.outcome).toBeUndefined();
      expect(detail?.feedback).toEqual([]);
      expect(detail?.scores).toEqual([]);
      expect(await store.getEvent('p1', 'nope')).toBeUndefined();
    });

    it('keeps unicode text, quotes and backslashes intact', async () => {
      const text = 'naïve café — 日本語 🙂 it\'s "quoted" \\ back\\slash \' OR 1=1 --';
      const e = testEvent("r-'unicode'", {
        inputs: { text, features: { 'clé ü': 'värde 🙂' } },
        output: { text, label: 'ünï' },
        segment: { region: 'zürich' },
      });
      await store.appendEvents('p1', [e], T0);
      const back = await store.getEvent('p1', "r-'unicode'");
      expect(back?.event.inputs.text).toBe(text);
      expect(back?.event.output).toEqual(e.output);
      expect(back?.event.inputs.features).toEqual({ 'clé ü': 'värde 🙂' });
      expect(back?.event.segment).toEqual({ region: 'zürich' });
    });

    it('drops duplicate request ids within one call (the first wins)', async () => {
      const r = await store.appendEvents(
        'p1',
        [testEvent('a', { latencyMs: 1 }), testEvent('b'), testEvent('a', { latencyMs: 2 })],
        T0,
      );
      expect(r).toMatchObject({ inserted: 2, duplicates: 1 });
      if (r.duplicateIndexes !== undefined) expect(r.duplicateIndexes).toEqual([2]);
      expect((await store.getEvent('p1', 'a'))?.event.latencyMs).toBe(1);
      expect(await store.countEvents(window('p1'))).toBe(2);
    });

    it('drops request ids stored by an earlier call, and after close and reopen', async () => {
      await store.appendEvents('p1', [testEvent('a', { latencyMs: 1 }), testEvent('b')], T0);
      expect(await store.appendEvents('p1', [testEvent('a', { latencyMs: 9 }), testEvent('c')], T0 + 1)).toMatchObject({
        inserted: 1,
        duplicates: 1,
      });
      await reopen();
      expect(
        await store.appendEvents('p1', [testEvent('a'), testEvent('b'), testEvent('c'), testEvent('d')], T0 + 2),
      ).toMatchObject({ inserted: 1, duplicates: 3 });
      expect((await store.getEvent('p1', 'a'))?.event.latencyMs).toBe(1);
      expect(await store.countEvents(window('p1'))).toBe(4);
    });

    it('counts stored events as the number of distinct request ids, whatever the batching (property)', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }), { minLength: 1, maxLength: 5 }),
          async (batches) => {
            const project = `prop-${run++}`;
            let inserted = 0;
            let duplicates = 0;
            for (const batch of batches) {
              const r = await store.appendEvents(
                project,
                batch.map((i) => testEvent(`id-${i}`)),
                T0,
              );
              inserted += r.inserted;
              duplicates += r.duplicates;
            }
            const distinct = new Set(batches.flat()).size;
            expect(inserted).toBe(distinct);
            expect(duplicates).toBe(batches.flat().length - distinct);
            expect(await store.countEvents(window(project))).toBe(distinct);
          },
        ),
        { numRuns: 15 },
      );
    });

    it('isolates projects: the same request id is two events, and every read sees one project', async () => {
      await store.appendEvents('p1', [testEvent('x', { latencyMs: 1 })], T0);
      expect(await store.appendEvents('p2', [testEvent('x', { latencyMs: 2 })], T0)).toMatchObject({
        inserted: 1,
        duplicates: 0,
      });
      await store.appendOutcomes('p2', [{ requestId: 'x', timestamp: T0, label: 'yes' }], T0);
      await store.appendScores('p2', [{ requestId: 'x', timestamp: T0, name: 'q', value: 1, source: 'judge' }], T0);
      await store.appendFeedback('p2', [{ kind: 'escalation', requestId: 'x', timestamp: T0 }], T0);
      const one = await store.getEvent('p1', 'x');
      expect(one?.event.latencyMs).toBe(1);
      expect(one?.outcome).toBeUndefined();
      expect(one?.scores).toEqual([]);
      expect(one?.feedback).toEqual([]);
      expect((await store.getEvent('p2', 'x'))?.event.latencyMs).toBe(2);
      expect(await store.countEvents(window('p1'))).toBe(1);
      expect(await store.countEvents(window('p3'))).toBe(0);
    });

    it('filters counts by the half-open window and by model, version, variant, experiment and segment', async () => {
      await store.appendEvents(
        'p1',
        [
          testEvent('a', { timestamp: T0, segment: { region: 'eu' } }),
          testEvent('b', { timestamp: T0 + 10, version: 'v2', segment: { region: 'us' } }),
          testEvent('c', {
            timestamp: T0 + 20,
            variant: 'canary',
            experiment: 'e1',
            segment: { region: 'eu', tier: 'x' },
          }),
        ],
        T0,
      );
      const base = { projectId: 'p1', from: T0, to: T0 + 20 };
      expect(await store.countEvents(base)).toBe(2);
      expect(await store.countEvents({ ...base, to: T0 + 21 })).toBe(3);
      expect(await store.countEvents({ ...base, from: T0 + 1, to: T0 + 21 })).toBe(2);
      expect(await store.countEvents({ ...base, to: T0 + 21, version: 'v2' })).toBe(1);
      expect(await store.countEvents({ ...base, to: T0 + 21, variant: 'canary', experiment: 'e1' })).toBe(1);
      expect(await store.countEvents({ ...base, to: T0 + 21, segment: { region: 'eu' } })).toBe(2);
      expect(await store.countEvents({ ...base, to: T0 + 21, segment: { region: 'eu', tier: 'x' } })).toBe(1);
      expect(await store.countEvents({ ...base, to: T0 + 21, segment: { nokey: 'eu' } })).toBe(0);
    });

    it('keeps the last outcome, feedback and score per key, also across reopen', async () => {
      await store.appendEvents('p1', [testEvent('r')], T0);
      await store.appendOutcomes('p1', [{ requestId: 'r', timestamp: T0, label: 'a' }], T0 + 1);
      await store.appendOutcomes(
        'p1',
        [
          { requestId: 'r', timestamp: T0, label: 'b' },
          { requestId: 'r', timestamp: T0 - 5, label: 'c' },
        ],
        T0 + 2,
      );
      const up: Feedback = { kind: 'thumbs', requestId: 'r', timestamp: T0, value: 'up' };
      const down: Feedback = { kind: 'thumbs', requestId: 'r', timestamp: T0, value: 'down', comment: 'changed mind' };
      await store.appendFeedback('p1', [up], T0);
      await store.appendFeedback(
        'p1',
        [down, { kind: 'correction', requestId: 'r', timestamp: T0, correction: 'the right answer' }],
        T0,
      );
      await store.appendScores(
        'p1',
        [
          { requestId: 'r', timestamp: T0, name: 'faithfulness', value: 0.2, source: 'judge' },
          { requestId: 'r', timestamp: T0, name: 'faithfulness', value: 0.9, source: 'human' },
        ],
        T0,
      );
      await store.appendScores(
        'p1',
        [{ requestId: 'r', timestamp: T0, name: 'faithfulness', value: 0.4, source: 'judge', rationale: 'ok' }],
        T0,
      );
      for (const reopened of [false, true]) {
        if (reopened) await reopen();
        const d = await store.getEvent('p1', 'r');
        expect(d?.outcome?.label).toBe('c');
        expect(d?.feedback.map((f) => (f.kind === 'thumbs' ? f.value : f.kind))).toEqual(['down', 'correction']);
        expect(d?.feedback[0]?.comment).toBe('changed mind');
        expect(d?.scores.map((x) => [x.name, x.source, x.value])).toEqual([
          ['faithfulness', 'human', 0.9],
          ['faithfulness', 'judge', 0.4],
        ]);
        expect(d?.scores[1]?.rationale).toBe('ok');
      }
    });

    it('stores a large batch (50 000 events) in one call, and deduplicates its retry', async () => {
      const events = Array.from({ length: 50_000 }, (_, i) =>
        testEvent(`big-${i}`, {
          timestamp: T0 + i,
          inputs: { text: `prompt ${i}` },
          segment: { shard: String(i % 7) },
        }),
      );
      expect(await store.appendEvents('p1', events, T0)).toMatchObject({ inserted: 50_000, duplicates: 0 });
      expect(await store.appendEvents('p1', events, T0)).toMatchObject({ inserted: 0, duplicates: 50_000 });
      expect(await store.countEvents(window('p1'))).toBe(50_000);
      expect(await store.countEvents({ ...window('p1'), segment: { shard: '3' } })).toBe(
        events.filter((_, i) => i % 7 === 3).length,
      );
      expect((await store.getEvent('p1', 'big-49999'))?.event.inputs.text).toBe('prompt 49999');
    });

    it('puts, replaces, lists and deletes documents per project and kind', async () => {
      await store.putDocument('p1', 'baseline', 'b1', { columns: ['a'], n: 1 });
      await store.putDocument('p1', 'baseline', 'b0', { n: 0 });
      await store.putDocument('p1', 'slo', 'b1', { other: true });
      await store.putDocument('p2', 'baseline', 'b1', { n: 'p2' });
      await store.putDocument('p1', 'baseline', 'b1', { columns: ['a', 'ü'], n: 2 });
      expect(await store.getDocument('p1', 'baseline', 'b1')).toEqual({ columns: ['a', 'ü'], n: 2 });
      expect(await store.getDocument('p2', 'baseline', 'b1')).toEqual({ n: 'p2' });
      expect(await store.listDocuments('p1', 'baseline')).toEqual([
        { id: 'b0', document: { n: 0 } },
        { id: 'b1', document: { columns: ['a', 'ü'], n: 2 } },
      ]);
      await store.deleteDocument('p1', 'baseline', 'b1');
      expect(await store.getDocument('p1', 'baseline', 'b1')).toBeUndefined();
      expect(await store.getDocument('p1', 'slo', 'b1')).toEqual({ other: true });
      await reopen();
      expect(await store.listDocuments('p1', 'baseline')).toEqual([{ id: 'b0', document: { n: 0 } }]);
      expect(await store.getDocument('p2', 'baseline', 'b1')).toEqual({ n: 'p2' });
    });

    it('lists the audit log in order, filtered, and the most recent entries with a limit', async () => {
      const entry = (at: number, subject: string, action: string) => ({
        projectId: 'p1',
        at,
        kind: 'rollout',
        subject,
        action,
        details: { at, why: 'p < 0.05' },
      });
      await store.appendAudit(entry(T0 + 2, 'r1', 'promote'));
      await store.appendAudit(entry(T0, 'r1', 'start'));
      await store.appendAudit(entry(T0 + 2, 'r2', 'start'));
      await store.appendAudit({ ...entry(T0 + 3, 'k1', 'create'), kind: 'api_key' });
      await store.appendAudit({ ...entry(T0 + 1, 'r1', 'other-project'), projectId: 'p2' });
      await reopen();
      const all = await store.listAudit('p1');
      expect(all.map((e) => e.action)).toEqual(['start', 'promote', 'start', 'create']);
      expect(all[0]?.details).toEqual({ at: T0, why: 'p < 0.05' });
      expect((await store.listAudit('p1', { kind: 'rollout', subject: 'r1' })).map((e) => e.action)).toEqual([
        'start',
        'promote',
      ]);
      expect((await store.listAudit('p1', { limit: 2 })).map((e) => e.subject)).toEqual(['r2', 'k1']);
      expect((await store.listAudit('p2')).map((e) => e.action)).toEqual(['other-project']);
    });

    it('stores projects and API keys, and finds a key by its hash', async () => {
      await store.putProject({ id: 'p2', name: 'Two', createdAt: T0 });
      await store.putProject({ id: 'p1', name: 'One', createdAt: T0 });
      await store.putProject({ id: 'p1', name: 'One renamed', createdAt: T0 });
      await store.putApiKey(apiKey('k1', 'p1', 'a'));
      await store.putApiKey(apiKey('k2', 'p2', 'b', { scopes: ['admin'] }));
      await store.putApiKey(apiKey('k3', 'p1', 'c', { revokedAt: T0 + 9 }));
      await reopen();
      expect(await store.listProjects()).toEqual([
        { id: 'p1', name: 'One renamed', createdAt: T0 },
        { id: 'p2', name: 'Two', createdAt: T0 },
      ]);
      expect(await store.findApiKeyByHash('a'.repeat(64))).toEqual(apiKey('k1', 'p1', 'a'));
      expect(await store.findApiKeyByHash('c'.repeat(64))).toEqual(apiKey('k3', 'p1', 'c', { revokedAt: T0 + 9 }));
      expect(await store.findApiKeyByHash('d'.repeat(64))).toBeUndefined();
      expect((await store.listApiKeys('p1')).map((k) => k.id)).toEqual(['k1', 'k3']);
      expect((await store.listApiKeys('p2')).map((k) => k.scopes)).toEqual([['admin']]);
      await store.putApiKey(apiKey('k1', 'p1', 'a', { revokedAt: T0 + 100 }));
      expect((await store.findApiKeyByHash('a'.repeat(64)))?.revokedAt).toBe(T0 + 100);
    });

    it('grants a lease to one holder at a time and renews it for its holder', async () => {
      expect(await store.acquireLease('evaluator', 'proc-a', 60_000)).toBe(true);
      expect(await store.acquireLease('evaluator', 'proc-b', 60_000)).toBe(false);
      expect(await store.acquireLease('evaluator', 'proc-a', 60_000)).toBe(true);
      expect(await store.acquireLease('other', 'proc-b', 60_000)).toBe(true);
      await expect(store.acquireLease('x', 'proc-a', 0)).rejects.toThrow('ttlMs must be an integer');
    });

    it('keeps everything across close and reopen, and close is idempotent', async () => {
      await store.appendEvents('p1', [fullEvent('r-1'), testEvent('r-2')], T0);
      await store.appendOutcomes('p1', [{ requestId: 'r-1', timestamp: T0, value: 4.5 }], T0);
      const before = await store.getEvent('p1', 'r-1');
      await store.close();
      await store.close();
      store = fixture.create();
      await store.open();
      expect(await store.getEvent('p1', 'r-1')).toEqual(before);
      expect(await store.countEvents(window('p1'))).toBe(2);
    });

    describe('monitor results', () => {
      const result = (at: number, monitor: string, extra: Partial<MonitorResult> = {}): MonitorResult => ({
        projectId: 'p1',
        model: 'ranker',
        version: 'v1',
        monitor,
        at,
        value: 0.25,
        status: 'ok',
        details: { from: at - 900_000, nested: { list: [1, 'two', null] } },
        ...extra,
      });
      const all = { from: 0, to: Number.MAX_SAFE_INTEGER, limit: 100_000 };

      it('keeps every appended result as history, durable across reopen, per project', async () => {
        const rows = [
          result(T0, 'sli.error_rate'),
          result(T0, 'drift.share', { value: null, status: 'skipped', details: { reason: 'no baseline' } }),
          result(T0, 'sli.error_rate', { segment: 'region=eu', value: 0.5, status: 'alert' }),
          result(T0 + 60_000, 'sli.error_rate', { value: 0.0625, status: 'warn' }),
          result(T0 + 60_000, 'quality.accuracy', { projectId: 'p2', value: 0.875 }),
        ];
        await store.appendMonitorResults(rows);
        await store.appendMonitorResults([]);
        await reopen();
        const sorted = (xs: readonly MonitorResult[]) =>
          [...xs].sort(
            (a, b) =>
              a.at - b.at ||
              (a.monitor < b.monitor ? -1 : a.monitor > b.monitor ? 1 : 0) ||
              (a.segment ?? '').localeCompare(b.segment ?? ''),
          );
        expect(await store.listMonitorResults('p1', all)).toEqual(sorted(rows.filter((r) => r.projectId === 'p1')));
        expect(await store.listMonitorResults('p2', all)).toEqual([rows[4]]);
        expect(await store.listMonitorResults('p3', all)).toEqual([]);
        // The same monitor again at the same time is another history row, not a replacement.
        await store.appendMonitorResults([result(T0, 'sli.error_rate')]);
        expect(await store.listMonitorResults('p1', { ...all, monitor: 'sli.error_rate', segment: '' })).toHaveLength(
          3,
        );
      });

      it('filters by window [from, to), model, version, monitor or prefix, segment, and keeps the most recent limit', async () => {
        await store.appendMonitorResults([
          result(T0, 'sli.requests'),
          result(T0, 'drift.feature.age', { version: 'v2' }),
          result(T0 + 1, 'drift.share', { model: 'other' }),
          result(T0 + 2, 'sli.requests', { segment: 'tier=gold' }),
          result(T0 + 3, 'sli.requests'),
        ]);
        const pick = async (q: Partial<Parameters<Store['listMonitorResults']>[1]>) =>
          (await store.listMonitorResults('p1', { ...all, ...q })).map(
            (r) => `${r.at - T0}:${r.model}:${r.version}:${r.monitor}:${r.segment ?? ''}`,
          );
        expect(await pick({ from: T0 + 1, to: T0 + 3 })).toEqual([
          '1:other:v1:drift.share:',
          '2:ranker:v1:sli.requests:tier=gold',
        ]);
        expect(await pick({ model: 'other' })).toEqual(['1:other:v1:drift.share:']);
        expect(await pick({ version: 'v2' })).toEqual(['0:ranker:v2:drift.feature.age:']);
        expect(await pick({ monitor: 'drift.*' })).toEqual([
          '0:ranker:v2:drift.feature.age:',
          '1:other:v1:drift.share:',
        ]);
        expect(await pick({ monitor: 'sli.requests', segment: '' })).toEqual([
          '0:ranker:v1:sli.requests:',
          '3:ranker:v1:sli.requests:',
        ]);
        expect(await pick({ segment: 'tier=gold' })).toEqual(['2:ranker:v1:sli.requests:tier=gold']);
        expect(await pick({ limit: 2 })).toEqual(['2:ranker:v1:sli.requests:tier=gold', '3:ranker:v1:sli.requests:']);
        // Values are bound, not spliced: quotes and wildcards are plain characters.
        expect(await pick({ monitor: "x' OR '1'='1" })).toEqual([]);
        expect(await pick({ monitor: '%*' })).toEqual([]);
      });

      it('rejects malformed results and queries naming the field, storing nothing', async () => {
        await expect(
          store.appendMonitorResults([result(T0, 'a'), result(T0, 'b', { value: Number.NaN })]),
        ).rejects.toThrow('results[1].value must be a finite number (got NaN)');
        await expect(store.appendMonitorResults([result(T0, 'a', { status: 'bad' as never })])).rejects.toThrow(
          'results[0].status must be one of ok, warn, alert, skipped (got "bad")',
        );
        await expect(store.appendMonitorResults([result(T0, 'a', { status: 'skipped' })])).rejects.toThrow(
          'results[0].value must be null for a skipped monitor (got 0.25)',
        );
        expect(await store.listMonitorResults('p1', all)).toEqual([]);
        await expect(store.listMonitorResults('p1', { ...all, limit: 0 })).rejects.toThrow('limit must be an integer');
        await expect(store.listMonitorResults('p1', { ...all, from: 2, to: 1 })).rejects.toThrow('from must be ≤ to');
      });
    });

    describe('reads', () => {
      const MIN = 60_000;
      const START = Math.floor(T0 / 3_600_000) * 3_600_000;
      /** Seeded uniform in [0, 1) (mulberry32). */
      const rng = (seed: number) => () => {
        seed = (seed + 0x6d2b79f5) >>> 0;
        let t = seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      /** 600 events over 5 minutes, log-normal-ish latencies, 10 % errors, labels, segments. */
      const traffic = (prefix = 'e', seed = 7): InferenceEvent[] => {
        const u = rng(seed);
        return Array.from({ length: 600 }, (_, i) => {
          const error = i % 10 === 3;
          return testEvent(`${prefix}-${i}`, {
            timestamp: START + Math.floor((i / 600) * 5 * MIN),
            version: i % 3 === 0 ? 'v2' : 'v1',
            variant: i % 3 === 0 ? 'canary' : 'production',
            segment: { region: ['eu', 'us'][i % 2] as string, tier: i % 4 === 0 ? 'pro' : 'free' },
            inputs: { text: 'x'.repeat(1 + (i % 50)), features: { a: i, b: i % 2 === 0 ? 'even' : 'odd' } },
            output: { label: i % 5 === 0 ? 'yes' : 'no', score: (i % 100) / 100, value: i / 10 },
            tokens: { input: 10 + (i % 7), output: i % 5 },
            latencyMs: Math.exp(3 + 1.5 * u()) * (i % 2 === 0 ? 1 : 2),
            costUsd: 0.001 * (i % 3),
            status: error ? 'error' : 'ok',
            ...(error ? { errorType: i % 20 === 3 ? 'timeout' : 'upstream' } : {}),
          });
        });
      };
      const f = (extra: Partial<EventFilter> = {}): EventFilter => ({
        projectId: 'p1',
        from: START,
        to: START + 10 * MIN,
        ...extra,
      });
      const rank = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] as number;
      const interpolated = (sorted: number[], q: number) => {
        const h = q * (sorted.length - 1);
        const lo = Math.floor(h);
        const a = sorted[lo] as number;
        const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
        return a + (h - lo) * (b - a);
      };
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

      it('computes the overview from rollups (1 % percentiles) and exactly from raw events', async () => {
        const events = traffic();
        await store.appendEvents('p1', events.slice(0, 250), T0);
        await store.appendEvents('p1', events.slice(250), T0);
        const rolled = await store.overview(f(), 2 * MIN);
        const exact = await store.overview(f({ from: START + 1 }), 2 * MIN);
        expect(rolled.method).toBe('rollup');
        expect(exact.method).toBe('exact');
        const inBucket = (b: number, from = START) =>
          events.filter((e) => e.timestamp >= from && Math.floor(e.timestamp / (2 * MIN)) * 2 * MIN === b);
        expect(rolled.buckets.map((b) => b.start)).toEqual([START, START + 2 * MIN, START + 4 * MIN]);
        for (const b of rolled.buckets) {
          const mine = inBucket(b.start);
          const lat = mine.map((e) => e.latencyMs).sort((x, y) => x - y);
          expect(b.requests).toBe(mine.length);
          expect(b.errors).toBe(mine.filter((e) => e.status === 'error').length);
          expect(b.inputTokens).toBe(mine.reduce((s, e) => s + (e.tokens?.input ?? 0), 0));
          expect(
            rel(
              b.costUsd,
              mine.reduce((s, e) => s + (e.costUsd ?? 0), 0),
            ),
          ).toBeLessThan(1e-9);
          for (const [q, v] of [
            [0.5, b.latencyP50],
            [0.95, b.latencyP95],
            [0.99, b.latencyP99],
          ] as const) {
            expect(rel(v, rank(lat, q))).toBeLessThanOrEqual(0.01 + 1e-12);
          }
        }
        for (const b of exact.buckets) {
          const lat = inBucket(b.start, START + 1)
            .map((e) => e.latencyMs)
            .sort((x, y) => x - y);
          expect(b.requests).toBe(lat.length);
          expect(rel(b.latencyP95, interpolated(lat, 0.95))).toBeLessThan(1e-9);
        }
        const all = events.map((e) => e.latencyMs).sort((x, y) => x - y);
        expect(rolled.totals.requests).toBe(600);
        expect(rel(rolled.totals.latencyP99, rank(all, 0.99))).toBeLessThanOrEqual(0.01 + 1e-12);
        const canary = await store.overview(f({ variant: 'canary' }), 10 * MIN);
        expect(canary.totals.requests).toBe(200);
        const eu = await store.overview(f({ segment: { region: 'eu' } }), 10 * MIN);
        expect(eu.method).toBe('exact');
        expect(eu.totals.requests).toBe(300);
        const empty = await store.overview(f({ projectId: 'nobody' }), MIN);
        expect(empty.buckets).toEqual([]);
        expect(empty.totals.requests).toBe(0);
      });

      it('reads errors, models, distributions and samples of the window', async () => {
        const events = traffic();
        await store.appendEvents('p1', events, T0);
        const errors = await store.errorsByType(f());
        expect(errors).toEqual([
          // Equal counts: ordered by error type.
          { errorType: 'timeout', count: 30, share: 30 / 600 },
          { errorType: 'upstream', count: 30, share: 30 / 600 },
        ]);
        const models = await store.listModels(f());
        expect(models.map((m) => [m.version, m.variant, m.requests])).toEqual([
          ['v1', 'production', 400],
          ['v2', 'canary', 200],
        ]);
        expect(models[1]?.firstSeen).toBe(START);
        const lengths = await store.inputLengthHistogram(f(), 7);
        expect(lengths.count).toBe(600);
        expect(lengths.edges[0]).toBe(1);
        expect(lengths.edges[7]).toBe(50);
        expect(lengths.counts.reduce((s, x) => s + x, 0)).toBe(600);
        expect(lengths.counts[0]).toBe(events.filter((e) => (e.inputs.text?.length ?? 0) < 1 + 49 / 7).length);
        const pred = await store.predictionDistribution(f(), 10);
        expect(pred.labels).toEqual([
          { label: 'no', count: 480 },
          { label: 'yes', count: 120 },
        ]);
        expect(pred.scores.counts).toEqual(new Array(10).fill(60));
        const errs = await store.sampleEvents(f(), { kind: 'errors', limit: 5 });
        expect(errs).toHaveLength(5);
        expect(errs.every((s) => s.event.status === 'error')).toBe(true);
        const ts = errs.map((s) => s.event.timestamp);
        expect([...ts].sort((a, b) => b - a)).toEqual(ts);
        const canary = await store.sampleEvents(f({ variant: 'canary' }), { kind: 'recent', limit: 1000 });
        expect(canary).toHaveLength(200);
        const chunks: number[] = [];
        const seenA: unknown[] = [];
        for await (const chunk of store.scanFeatures(f({ version: 'v2' }), 64)) {
          chunks.push(chunk.length);
          for (const row of chunk) seenA.push(row.a);
        }
        expect(chunks).toEqual([64, 64, 64, 8]);
        expect(seenA).toEqual(events.filter((e) => e.version === 'v2').map((e) => e.inputs.features?.a));
      });

      it('joins outcomes, feedback and scores to the events of the window (latest per key)', async () => {
        await store.appendEvents('p1', traffic(), T0);
        await store.appendEvents('p1', [testEvent('outside', { timestamp: START + 20 * MIN })], T0);
        await store.appendOutcomes(
          'p1',
          [
            { requestId: 'e-0', timestamp: T0, label: 'no' },
            { requestId: 'e-1', timestamp: T0, label: 'no' },
            { requestId: 'e-5', timestamp: T0, label: 'no' },
            { requestId: 'outside', timestamp: T0, label: 'no' },
          ],
          T0,
        );
        await store.appendOutcomes('p1', [{ requestId: 'e-0', timestamp: T0, label: 'yes' }], T0);
        const pairs = await store.qualityPairs(f(), 1000);
        expect(pairs.withOutcome).toBe(3);
        expect(pairs.events).toBe(600);
        // A limit below the pairs returns the newest ones but still counts every pair.
        const newest = await store.qualityPairs(f(), 2);
        expect(newest.labels.predicted).toHaveLength(2);
        expect(newest.withOutcome).toBe(3);
        const byPred = pairs.labels.predicted.map((p, i) => [p, pairs.labels.actual[i]]).sort();
        expect(byPred).toEqual([
          ['no', 'no'],
          ['yes', 'no'],
          ['yes', 'yes'],
        ]);
        await store.appendFeedback(
          'p1',
          [
            { kind: 'thumbs', requestId: 'e-0', timestamp: T0, value: 'up' },
            { kind: 'thumbs', requestId: 'e-1', timestamp: T0, value: 'up' },
            { kind: 'correction', requestId: 'e-1', timestamp: T0, correction: 'c' },
            { kind: 'escalation', requestId: 'outside', timestamp: T0 },
          ],
          T0,
        );
        await store.appendFeedback('p1', [{ kind: 'thumbs', requestId: 'e-1', timestamp: T0, value: 'down' }], T0);
        const fb = await store.feedbackRates(f());
        expect(fb).toMatchObject({ events: 600, thumbsUp: 1, thumbsDown: 1, corrections: 1, escalations: 0 });
        expect(fb.thumbsUpRate).toBe(0.5);
        expect(fb.correctionsPerEvent).toBe(1 / 600);
        await store.appendScores(
          'p1',
          [
            { requestId: 'e-0', timestamp: T0, name: 'faith', value: 0.9, source: 'judge' },
            { requestId: 'e-1', timestamp: T0, name: 'faith', value: 0.1, source: 'judge' },
            { requestId: 'e-2', timestamp: T0, name: 'faith', value: 0.5, source: 'judge' },
            { requestId: 'e-2', timestamp: T0, name: 'faith', value: 1, source: 'human' },
          ],
          T0,
        );
        await store.appendScores(
          'p1',
          [{ requestId: 'e-1', timestamp: T0, name: 'faith', value: 0.3, source: 'judge' }],
          T0,
        );
        const scores = await store.scoreSummaries(f());
        expect(scores.map((s) => [s.name, s.source, s.count, s.min, s.max])).toEqual([
          ['faith', 'human', 1, 1, 1],
          ['faith', 'judge', 3, 0.3, 0.9],
        ]);
        expect(rel(scores[1]?.mean ?? 0, (0.9 + 0.3 + 0.5) / 3)).toBeLessThan(1e-12);
        const lowest = await store.sampleEvents(f(), { kind: 'lowest_score', scoreName: 'faith', limit: 2 });
        expect(lowest.map((s) => [s.event.requestId, s.score])).toEqual([
          ['e-1', 0.3],
          ['e-2', 0.5],
        ]);
      });

      it('reports slices per segment value against the whole window, above a minimum count', async () => {
        const events = traffic();
        await store.appendEvents('p1', events, T0);
        const { window, slices } = await store.sliceStats(f(), 160);
        expect(window.requests).toBe(600);
        expect(window.errorRate).toBeCloseTo(0.1, 12);
        // tier=pro has 150 events (< 160), so it is left out.
        expect(slices.map((s) => [s.key, s.value, s.requests])).toEqual([
          ['region', 'eu', 300],
          ['region', 'us', 300],
          ['tier', 'free', 450],
        ]);
        const us = events.filter((e) => e.segment.region === 'us');
        expect(slices[1]?.errorRate).toBeCloseTo(us.filter((e) => e.status === 'error').length / 300, 12);
        const lat = us.map((e) => e.latencyMs).sort((a, b) => a - b);
        expect(rel(slices[1]?.latencyP95 ?? 0, interpolated(lat, 0.95))).toBeLessThan(1e-9);
        expect(Number.isNaN(slices[0]?.accuracy)).toBe(true);
      });

      it('keeps every read inside its project', async () => {
        await store.appendEvents('p1', traffic('e', 1), T0);
        await store.appendOutcomes('p1', [{ requestId: 'e-0', timestamp: T0, label: 'yes' }], T0);
        await store.appendScores('p1', [{ requestId: 'e-0', timestamp: T0, name: 's', value: 1, source: 'judge' }], T0);
        const readAll = async () => ({
          overview: await store.overview(f(), MIN),
          exact: await store.overview(f({ from: START + 1 }), MIN),
          errors: await store.errorsByType(f()),
          models: await store.listModels(f()),
          feedback: await store.feedbackRates(f()),
          scores: await store.scoreSummaries(f()),
          lengths: await store.inputLengthHistogram(f(), 5),
          predictions: await store.predictionDistribution(f(), 5),
          quality: await store.qualityPairs(f(), 100),
          slices: await store.sliceStats(f(), 1),
          samples: await store.sampleEvents(f(), { kind: 'recent', limit: 3 }),
          lowest: await store.sampleEvents(f(), { kind: 'lowest_score', scoreName: 's', limit: 3 }),
        });
        const before = await readAll();
        const other = traffic('e', 2).map((e) => ({ ...e, latencyMs: e.latencyMs * 3, model: 'other' }));
        await store.appendEvents('p2', other, T0);
        await store.appendOutcomes('p2', [{ requestId: 'e-0', timestamp: T0, label: 'no' }], T0 + 1);
        await store.appendScores('p2', [{ requestId: 'e-0', timestamp: T0, name: 's', value: 0, source: 'judge' }], T0);
        await store.appendFeedback('p2', [{ kind: 'escalation', requestId: 'e-0', timestamp: T0 }], T0);
        expect(await readAll()).toEqual(before);
      });

      it('rolls old events up into hourly aggregates that the overview still reads', async () => {
        const events = traffic();
        const later = traffic('late').map((e) => ({ ...e, timestamp: e.timestamp + 3_600_000 }));
        await store.appendEvents('p1', events, T0);
        await store.appendEvents('p1', later, T0);
        await store.appendEvents('p2', events, T0);
        const hours = f({ to: START + 2 * 3_600_000 });
        const before = await store.overview(hours, 3_600_000);
        const r = await store.deleteEventsBefore('p1', START + 3_600_000 + 5 * MIN);
        expect(r).toEqual({ cutoff: START + 3_600_000, deletedEvents: 600 });
        expect(await store.countEvents(hours)).toBe(600);
        expect(await store.countEvents(f({ projectId: 'p2' }))).toBe(600);
        const after = await store.overview(hours, 3_600_000);
        expect(after).toEqual(before);
        await reopen();
        expect(await store.overview(hours, 3_600_000)).toEqual(before);
        const all = await store.deleteEventsBefore(undefined, START + 3 * 3_600_000);
        expect(all.deletedEvents).toBe(1200);
        expect((await store.overview(hours, 3_600_000)).totals).toEqual(before.totals);
      });
    });
  });
}
