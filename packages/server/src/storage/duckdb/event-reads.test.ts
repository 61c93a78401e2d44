import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { testEvent } from '../store-contract.js';
import { DuckDbStore } from './duckdb-store.js';

// The reads that narrow their scan (samples read the end of the window first, outcomes and
// scores are ranked only for the window's requests) against a plain JavaScript reference over
// the same events: traffic over 30 hours, so the samples must widen past their first hour.
const T0 = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;
const ERROR_TYPES = ['timeout', 'upstream', 'context_overflow'] as const;

/** A deterministic pseudo-random stream (mulberry32), so the fixture is the same every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(9);
const events: InferenceEvent[] = Array.from({ length: 1500 }, (_, i) => {
  // Errors are rare in the last hours, so an errors sample has to widen its scan.
  const timestamp = T0 + Math.floor(random() * 30 * HOUR);
  const late = timestamp > T0 + 27 * HOUR;
  const failed = random() < (late ? 0.002 : 0.08);
  return testEvent(`r-${i}`, {
    timestamp,
    output: { label: random() < 0.5 ? 'yes' : 'no', score: random() },
    ...(failed ? { status: 'error', errorType: ERROR_TYPES[i % 3] } : {}),
  });
});
const labelled = events.filter((_, i) => i % 3 === 0);
const newestFirst = (a: InferenceEvent, b: InferenceEvent) =>
  b.timestamp - a.timestamp || (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0);

describe('DuckDB event reads (narrowed scans agree with a full scan)', () => {
  let dir: string;
  let store: DuckDbStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-event-reads-'));
    store = new DuckDbStore({ path: join(dir, 'store.duckdb'), threads: 2 });
    await store.open();
    await store.appendEvents('p1', events, T0);
    // An outcome for every third event; the first outcome of some is corrected later (latest wins).
    await store.appendOutcomes(
      'p1',
      labelled.map((e) => ({ requestId: e.requestId, timestamp: e.timestamp + 1, label: 'stale' })),
      T0,
    );
    await store.appendOutcomes(
      'p1',
      labelled.map((e, i) => ({ requestId: e.requestId, timestamp: e.timestamp + 2, label: i % 4 ? 'yes' : 'no' })),
      T0,
    );
    await store.appendScores(
      'p1',
      labelled.map((e, i) => ({
        requestId: e.requestId,
        name: 'helpfulness',
        source: 'judge',
        value: (i * 7919) % 1000,
        timestamp: e.timestamp,
      })),
      T0,
    );
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const windowArb = fc
    .tuple(fc.integer({ min: 0, max: 31 * 60 }), fc.integer({ min: 0, max: 31 * 60 }))
    .map(([a, b]) => ({ projectId: 'p1', from: T0 + Math.min(a, b) * 60_000, to: T0 + Math.max(a, b) * 60_000 }));
  const inWindow = (w: { from: number; to: number }) => (e: InferenceEvent) =>
    e.timestamp >= w.from && e.timestamp < w.to;

  it('recent and errors samples are the newest of the whole window, however far back they lie', async () => {
    await fc.assert(
      fc.asyncProperty(
        windowArb,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('recent', 'errors'),
        async (w, limit, kind) => {
          const got = await store.sampleEvents(w, { kind, limit });
          const want = events
            .filter(inWindow(w))
            .filter((e) => kind === 'recent' || e.status === 'error')
            .sort(newestFirst)
            .slice(0, limit)
            .map((e) => e.requestId);
          expect(got.map((s) => s.event.requestId)).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts errors by type with their share of the window', async () => {
    await fc.assert(
      fc.asyncProperty(windowArb, async (w) => {
        const inside = events.filter(inWindow(w));
        const want = new Map<string, number>();
        for (const e of inside)
          if (e.status === 'error') want.set(e.errorType ?? 'other', (want.get(e.errorType ?? 'other') ?? 0) + 1);
        const got = await store.errorsByType(w);
        expect(new Map(got.map((g) => [g.errorType, g.count]))).toEqual(want);
        for (const g of got) expect(g.share).toBeCloseTo(g.count / inside.length, 12);
        expect(got.map((g) => g.count)).toEqual([...got.map((g) => g.count)].sort((a, b) => b - a));
      }),
      { numRuns: 15 },
    );
  });

  it('quality pairs: the newest `limit` pairs with the latest outcome, withOutcome counting them all', async () => {
    const truth = new Map(labelled.map((e, i) => [e.requestId, i % 4 ? 'yes' : 'no']));
    await fc.assert(
      fc.asyncProperty(windowArb, fc.integer({ min: 1, max: 400 }), async (w, limit) => {
        const paired = events.filter(inWindow(w)).filter((e) => truth.has(e.requestId));
        const newest = [...paired].sort(newestFirst).slice(0, limit);
        const got = await store.qualityPairs(w, limit);
        expect(got.events).toBe(events.filter(inWindow(w)).length);
        expect(got.withOutcome).toBe(paired.length);
        expect(got.labels.actual).not.toContain('stale');
        const pairs = got.labels.predicted.map((p, i) => `${p}/${got.labels.actual[i]}`).sort();
        expect(pairs).toEqual(newest.map((e) => `${e.output?.label}/${truth.get(e.requestId)}`).sort());
      }),
      { numRuns: 15 },
    );
  });

  it('lowest-score samples rank the latest score among the window’s requests only', async () => {
    const score = new Map(labelled.map((e, i) => [e.requestId, (i * 7919) % 1000]));
    const w = { projectId: 'p1', from: T0 + 5 * HOUR, to: T0 + 9 * HOUR };
    const got = await store.sampleEvents(w, { kind: 'lowest_score', scoreName: 'helpfulness', limit: 5 });
    const want = events
      .filter(inWindow(w))
      .filter((e) => score.has(e.requestId))
      .sort((a, b) => (score.get(a.requestId) ?? 0) - (score.get(b.requestId) ?? 0) || b.timestamp - a.timestamp)
      .slice(0, 5);
    expect(got.map((s) => s.event.requestId)).toEqual(want.map((e) => e.requestId));
    expect(got.map((s) => s.score)).toEqual(want.map((e) => score.get(e.requestId)));
  });

  it('prediction distribution: label counts and the score histogram of the window, from one grouped scan', async () => {
    await fc.assert(
      fc.asyncProperty(windowArb, fc.integer({ min: 1, max: 30 }), async (w, bins) => {
        const inside = events.filter(inWindow(w));
        const got = await store.predictionDistribution(w, bins);
        const labels = new Map<string, number>();
        for (const e of inside) labels.set(e.output?.label ?? '', (labels.get(e.output?.label ?? '') ?? 0) + 1);
        expect(new Map(got.labels.map((l) => [l.label, l.count]))).toEqual(labels);
        const scores = inside.map((e) => e.output?.score ?? Number.NaN);
        expect(got.scores.count).toBe(scores.length);
        expect(got.values).toEqual({ edges: [], counts: [], count: 0 });
        if (scores.length === 0) return;
        const lo = Math.min(...scores);
        const hi = Math.max(...scores);
        const k = hi === lo ? 1 : bins;
        const want = new Array<number>(k).fill(0);
        for (const x of scores) {
          const i = hi === lo ? 0 : Math.min(Math.floor(((x - lo) / (hi - lo)) * k), k - 1);
          want[i] = (want[i] ?? 0) + 1;
        }
        expect(got.scores.counts).toEqual(want);
        expect(got.scores.edges[0]).toBe(lo);
        expect(got.scores.edges[k]).toBe(hi);
      }),
      { numRuns: 15 },
    );
  });
});
