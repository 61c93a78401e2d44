import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExperimentFixture, experimentFixture, FIXTURE_PROJECT as P } from './experiment-fixture.js';

const units = Array.from({ length: 4000 }, (_, i) => `unit-${i}`);

describe('ExperimentRegistry (real DuckDB file)', () => {
  let f: ExperimentFixture;
  beforeEach(async () => {
    f = await experimentFixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('keeps units where they were when weights change, and the cache follows every update', async () => {
    const r = f.services.registry;
    await r.create(P, {
      id: 'three',
      armField: 'version',
      variants: [
        { name: 'a', weight: 1 },
        { name: 'b', weight: 1 },
        { name: 'c', weight: 1 },
      ],
      status: 'running',
    });
    const before = new Map<string, string>();
    for (const u of units) before.set(u, (await r.assignment(P, 'three', u)).variant);
    // a grows to 1/2, b and c shrink to 1/4: only units of b and c may move, and only into a.
    const updated = await r.update(P, 'three', {
      variants: [
        { name: 'a', weight: 2 },
        { name: 'b', weight: 1 },
        { name: 'c', weight: 1 },
      ],
    });
    expect(updated.revision).toBe(2);
    let moved = 0;
    for (const u of units) {
      const now = (await r.assignment(P, 'three', u)).variant;
      if (now !== before.get(u)) {
        moved++;
        expect(before.get(u)).not.toBe('a');
        expect(now).toBe('a');
      }
    }
    // The minimum possible: 1/2 − 1/3 = 1/6 of the units, within sampling error (4000 units).
    expect(moved / units.length).toBeGreaterThan(1 / 6 - 0.03);
    expect(moved / units.length).toBeLessThan(1 / 6 + 0.03);

    // Stopping it serves the control to everyone, at once.
    await r.update(P, 'three', { status: 'stopped' });
    expect(await r.assignment(P, 'three', 'unit-1')).toMatchObject({ variant: 'a', reason: 'not_running' });
    const record = await r.get(P, 'three');
    expect(record.endedAt).toBe(f.now);
    const audit = await f.store.listAudit(P, { kind: 'experiment', subject: 'three' });
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('serves shadow experiments the control and names the mirrored candidate', async () => {
    const r = f.services.registry;
    await r.create(P, {
      id: 'shadow-1',
      type: 'shadow',
      variants: [
        { name: 'production', weight: 3 },
        { name: 'shadow', weight: 1 },
      ],
      status: 'running',
    });
    let mirrored = 0;
    for (const u of units.slice(0, 1000)) {
      const a = await r.assignment(P, 'shadow-1', u);
      expect(a.variant).toBe('production');
      if (a.mirrorTo === 'shadow') mirrored++;
    }
    expect(mirrored).toBeGreaterThan(200);
    expect(mirrored).toBeLessThan(300);
  });

  it('rejects bad definitions and changes with the field, the expectation and the value', async () => {
    const r = f.services.registry;
    await expect(
      r.create(P, {
        id: 'x',
        variants: [
          { name: 'control', weight: 1 },
          { name: 'b', weight: 1 },
        ],
      }),
    ).rejects.toThrow(
      'experiment.variants.1.name: with armField "variant" a variant name must be an event variant (production, control, treatment, canary, shadow); use armField "version" for other names (got "b")',
    );
    await expect(
      r.create(P, {
        id: 'x',
        variants: [
          { name: 'control', weight: 1 },
          { name: 'treatment', weight: 1 },
        ],
        primaryMetric: { metric: 'latency', type: 'mean' },
      }),
    ).rejects.toMatchObject({ code: 'invalid', field: 'experiment.primaryMetric.metric' });
    await expect(
      r.create(P, {
        id: 'x',
        variants: [
          { name: 'control', weight: 1 },
          { name: 'treatment', weight: 1 },
        ],
        primaryMetric: { metric: 'latency_ms', type: 'rank' },
        sequential: true,
      }),
    ).rejects.toThrow('sequential testing works with a mean or proportion primary metric (got type "rank")');
    await r.create(P, {
      id: 'ok',
      variants: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
    });
    await expect(
      r.create(P, {
        id: 'ok',
        variants: [
          { name: 'control', weight: 1 },
          { name: 'treatment', weight: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(r.update(P, 'ok', { seed: 'other' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(r.update(P, 'nope', { status: 'running' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(r.assignment(P, 'nope', 'u')).rejects.toMatchObject({ code: 'not_found' });
  });
});
