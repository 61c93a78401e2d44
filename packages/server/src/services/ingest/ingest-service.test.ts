import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { AppendResult } from '../../domain/query.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { DecodedBody } from './decode-ingest-body.js';
import { IngestError } from './ingest-error.js';
import { type IngestHooks, IngestService, type IngestStore } from './ingest-service.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const all = { projectId: 'p', from: 0, to: Number.MAX_SAFE_INTEGER };

function body(ids: string[], extra: Record<string, unknown> = {}): DecodedBody {
  const values = ids.map((requestId) => ({
    requestId,
    timestamp: NOW - 1000,
    model: 'm',
    version: 'v',
    latencyMs: 5,
    ...extra,
  }));
  return { values, rejected: [], bytes: JSON.stringify(values).length };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function realStore(): Promise<DuckDbStore> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-ingest-svc-'));
  const store = new DuckDbStore({ path: join(dir, 'db.duckdb'), threads: 1 });
  await store.open();
  cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return store;
}

/** The real store, with a gate that holds every append until `open()` and a log of append sizes. */
function gated(store: DuckDbStore) {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((r) => {
    release = r;
  });
  const appends: number[] = [];
  const wrapped: IngestStore = {
    appendEvents: async (p, events, at) => {
      await gate;
      appends.push(events.length);
      return store.appendEvents(p, events, at);
    },
    appendOutcomes: (p, r, at) => store.appendOutcomes(p, r, at),
    appendFeedback: (p, r, at) => store.appendFeedback(p, r, at),
    appendScores: (p, r, at) => store.appendScores(p, r, at),
  };
  return {
    store: wrapped,
    appends,
    open: () => release(),
    close: () => {
      gate = new Promise<void>((r) => {
        release = r;
      });
    },
  };
}

describe('IngestService', () => {
  it('commits concurrent requests together and acknowledges each only after the commit', async () => {
    const store = await realStore();
    const g = gated(store);
    const svc = new IngestService({ store: g.store, now: () => NOW });
    let settled = 0;
    const pending = Array.from({ length: 20 }, (_, r) =>
      svc.ingest('p', 'events', body([`a${r}`, `b${r}`])).then((x) => {
        settled++;
        return x;
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    // Nothing is acknowledged while the commit is held.
    expect(settled).toBe(0);
    expect(svc.queuedRecords).toBe(40);
    g.open();
    const results = await Promise.all(pending);
    for (const r of results) expect(r).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    // One transaction for all twenty requests.
    expect(g.appends).toEqual([40]);
    expect(await store.countEvents(all)).toBe(40);
    expect(svc.queuedRecords).toBe(0);
    await svc.close();
  });

  it('fails fast with a typed overloaded error when the queue is full, and recovers', async () => {
    const store = await realStore();
    const g = gated(store);
    const svc = new IngestService({ store: g.store, now: () => NOW, maxQueuedRecords: 5, retryAfterSeconds: 3 });
    const first = svc.ingest('p', 'events', body(['1', '2', '3']));
    const second = svc.ingest('p', 'events', body(['4', '5']));
    let error: unknown;
    try {
      await svc.ingest('p', 'events', body(['6']));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('overloaded');
    expect((error as IngestError).retryAfterSeconds).toBe(3);
    expect((error as IngestError).message).toMatch(
      /^the ingest queue is full \(5 records, \d+ bytes queued; limits 5 records, /,
    );
    g.open();
    expect((await first).accepted + (await second).accepted).toBe(5);
    expect((await svc.ingest('p', 'events', body(['6']))).accepted).toBe(1);
    expect(await store.countEvents(all)).toBe(6);
  });

  it('rejects every request of a failed commit with store_failed and stores none of it', async () => {
    const store = await realStore();
    let fail = true;
    const flaky: IngestStore = {
      appendEvents: (p, e, at) => (fail ? Promise.reject(new Error('disk full')) : store.appendEvents(p, e, at)),
      appendOutcomes: (p, r, at) => store.appendOutcomes(p, r, at),
      appendFeedback: (p, r, at) => store.appendFeedback(p, r, at),
      appendScores: (p, r, at) => store.appendScores(p, r, at),
    };
    const svc = new IngestService({ store: flaky, now: () => NOW });
    const results = await Promise.allSettled([
      svc.ingest('p', 'events', body(['x'])),
      svc.ingest('p', 'events', body(['y'])),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(((r as PromiseRejectedResult).reason as IngestError).code).toBe('store_failed');
    }
    expect(svc.queuedRecords).toBe(0);
    fail = false;
    expect(await svc.ingest('p', 'events', body(['x', 'y']))).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('retries the requests of a failed group commit one by one, so one poison request fails alone', async () => {
    const store = await realStore();
    const sizes: number[] = [];
    const picky: IngestStore = {
      appendEvents: (p, e, at) => {
        sizes.push(e.length);
        return e.some((x) => x.requestId === 'poison')
          ? Promise.reject(new Error('the store refuses this record'))
          : store.appendEvents(p, e, at);
      },
      appendOutcomes: (p, r, at) => store.appendOutcomes(p, r, at),
      appendFeedback: (p, r, at) => store.appendFeedback(p, r, at),
      appendScores: (p, r, at) => store.appendScores(p, r, at),
    };
    const svc = new IngestService({ store: picky, now: () => NOW });
    const [good, bad, other] = await Promise.allSettled([
      svc.ingest('p', 'events', body(['g1', 'g2'])),
      svc.ingest('p', 'events', body(['poison'])),
      svc.ingest('p', 'events', body(['o1'])),
    ]);
    expect(sizes).toEqual([4, 2, 1, 1]);
    expect(good).toEqual({ status: 'fulfilled', value: { accepted: 2, duplicates: 0, rejected: [] } });
    expect(other).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0, rejected: [] } });
    expect(bad.status).toBe('rejected');
    expect(((bad as PromiseRejectedResult).reason as IngestError).code).toBe('store_failed');
    expect(await store.countEvents(all)).toBe(3);
  });

  it('reports accepted, rejected, duplicates, queue depth and commits to the hooks; a throwing hook is harmless', async () => {
    const store = await realStore();
    const seen: string[] = [];
    const hooks: IngestHooks = {
      recordEvents: (p, events: readonly InferenceEvent[]) =>
        seen.push(`events ${p} ${events.map((e) => e.requestId).join(',')}`),
      recordAccepted: (k, n) => seen.push(`accepted ${k} ${n}`),
      recordRejected: (k, reason, n) => seen.push(`rejected ${k} ${reason} ${n}`),
      recordDuplicates: (k, n) => seen.push(`duplicates ${k} ${n}`),
      setQueueDepth: (n) => {
        seen.push(`depth ${n}`);
        throw new Error('observer bug');
      },
      observeCommit: (s, n) => seen.push(`commit ${n} ${s >= 0}`),
    };
    const svc = new IngestService({ store, now: () => NOW, hooks });
    await svc.ingest('p', 'events', body(['a', 'b']));
    const bad = body(['a', 'c']);
    bad.values.push(
      { requestId: 'late', timestamp: NOW + 3_600_000, model: 'm', version: 'v', latencyMs: 1 },
      { nope: 1 },
    );
    const r = await svc.ingest('p', 'events', bad);
    expect(r.accepted).toBe(1);
    expect(r.duplicates).toBe(1);
    expect(r.rejected.map((x) => [x.index, x.field])).toEqual([
      [2, 'timestamp'],
      [3, 'requestId'],
    ]);
    expect(seen).toEqual([
      'depth 2',
      'commit 2 true',
      'accepted event 2',
      'events p a,b',
      'depth 0',
      'rejected event timestamp_out_of_range 1',
      'rejected event invalid_record 1',
      'depth 2',
      'commit 2 true',
      'accepted event 1',
      'duplicates event 1',
      'events p c',
      'depth 0',
    ]);
  });

  it('redacts PII before the records reach the store unless redaction is off', async () => {
    const store = await realStore();
    const svc = new IngestService({ store, now: () => NOW });
    await svc.ingest('p', 'events', body(['r1'], { inputs: { text: 'mail jane@example.com' } }));
    expect((await store.getEvent('p', 'r1'))?.event.inputs.text).toBe('mail [EMAIL]');
    const raw = new IngestService({ store, now: () => NOW, redaction: false });
    await raw.ingest('p', 'events', body(['r2'], { inputs: { text: 'mail jane@example.com' } }));
    expect((await store.getEvent('p', 'r2'))?.event.inputs.text).toBe('mail jane@example.com');
    const emailOnly = new IngestService({ store, now: () => NOW, redaction: { types: ['email'] } });
    await emailOnly.ingest('p', 'events', body(['r3'], { inputs: { text: 'jane@example.com 10.0.0.1' } }));
    expect((await store.getEvent('p', 'r3'))?.event.inputs.text).toBe('[EMAIL] 10.0.0.1');
  });

  it('refuses new requests after close, having committed what was queued', async () => {
    const store = await realStore();
    const svc = new IngestService({ store, now: () => NOW });
    const queued = svc.ingest('p', 'events', body(['q']));
    await svc.close();
    expect((await queued).accepted).toBe(1);
    await expect(svc.ingest('p', 'events', body(['z']))).rejects.toMatchObject({ code: 'closed' });
  });

  it('validates its options', () => {
    const noStore = {} as IngestStore;
    expect(() => new IngestService({ store: noStore, maxQueuedRecords: 0 })).toThrow(
      'IngestService: maxQueuedRecords must be a positive number (got 0)',
    );
  });
});

// Keep the type import used: AppendResult documents what the gate forwards.
export type { AppendResult };

describe('IngestService rejections', () => {
  it('masks PII quoted in rejection messages', async () => {
    const store = await realStore();
    const svc = new IngestService({ store, now: () => NOW });
    const r = await svc.ingest('p', 'events', body(['x'], { latencyMs: 'call jane@example.com' }));
    expect(r.rejected).toEqual([{ index: 0, field: 'latencyMs', message: 'expected a number, got "call [EMAIL]"' }]);
  });
});
