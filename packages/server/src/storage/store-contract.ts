import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../domain/api-key.js';
import type { Feedback } from '../domain/feedback.js';
import { type InferenceEvent, type InferenceEventInput, InferenceEventSchema } from '../domain/inference-event.js';
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
      expect(await store.appendEvents('p1', [e], T0 + 5000)).toEqual({ inserted: 1, duplicates: 0 });
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
      expect(r).toEqual({ inserted: 2, duplicates: 1 });
      expect((await store.getEvent('p1', 'a'))?.event.latencyMs).toBe(1);
      expect(await store.countEvents(window('p1'))).toBe(2);
    });

    it('drops request ids stored by an earlier call, and after close and reopen', async () => {
      await store.appendEvents('p1', [testEvent('a', { latencyMs: 1 }), testEvent('b')], T0);
      expect(await store.appendEvents('p1', [testEvent('a', { latencyMs: 9 }), testEvent('c')], T0 + 1)).toEqual({
        inserted: 1,
        duplicates: 1,
      });
      await reopen();
      expect(
        await store.appendEvents('p1', [testEvent('a'), testEvent('b'), testEvent('c'), testEvent('d')], T0 + 2),
      ).toEqual({ inserted: 1, duplicates: 3 });
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
      expect(await store.appendEvents('p2', [testEvent('x', { latencyMs: 2 })], T0)).toEqual({
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
      expect(await store.appendEvents('p1', events, T0)).toEqual({ inserted: 50_000, duplicates: 0 });
      expect(await store.appendEvents('p1', events, T0)).toEqual({ inserted: 0, duplicates: 50_000 });
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
  });
}
