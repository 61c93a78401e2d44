import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachedGateResult } from '../../domain/registry.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { ModelRegistry, projectRegistries } from './model-registry.js';
import { RegistryError } from './registry-error.js';

const SHA = 'a'.repeat(64);
const failedGate: AttachedGateResult = {
  passed: false,
  runId: 'run-2',
  gates: 'gates.yaml',
  evaluatedAt: 5,
  conditions: [
    { condition: 'f1_macro >= 0.85', passed: false, detail: 'f1_macro = 0.61' },
    { condition: 'accuracy >= 0.5', passed: true, detail: 'accuracy = 0.62' },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RegistryError) return err;
    throw err;
  }
  throw new Error('expected a RegistryError');
}

describe('ModelRegistry (real DuckDB file)', () => {
  let dir: string;
  let store: DuckDbStore;
  let clock: number;
  let registry: ModelRegistry;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-registry-'));
    store = new DuckDbStore({ path: join(dir, 'store.duckdb'), threads: 1 });
    await store.open();
    clock = 1000;
    registry = new ModelRegistry(store, 'p1', { now: () => clock++ });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = (version: string, extra: Record<string, unknown> = {}) =>
    registry.register(
      { model: 'penguin-sex', version, artifactUri: `file:///m/${version}.json`, artifactSha256: SHA, ...extra },
      'alice',
    );

  it('registers versions in stage none with lineage, and refuses duplicates and unknown parents', async () => {
    const v1 = await register('1', { lineage: { trainingData: 'penguins@abc' }, metadata: { algo: 'gnb' } });
    expect(v1.stage).toBe('none');
    expect(v1.lineage.trainingData).toBe('penguins@abc');
    const v2 = await register('2', { lineage: { parentVersion: '1' } });
    expect(v2.lineage.parentVersion).toBe('1');
    expect((await rejection(register('2'))).code).toBe('conflict');
    const orphan = await rejection(register('3', { lineage: { parentVersion: '9' } }));
    expect(orphan.code).toBe('not_found');
    expect(orphan.field).toBe('lineage.parentVersion');
    const summary = await registry.listModels();
    expect(summary).toEqual([expect.objectContaining({ model: 'penguin-sex', versions: 2, latest: '2', staging: [] })]);
  });

  it('names the field, the expectation and the value of bad input', async () => {
    const bad = await rejection(
      registry.register({ model: 'm', version: '1', artifactUri: 'x', artifactSha256: 'xyz' }, 'alice'),
    );
    expect(bad.code).toBe('invalid');
    expect(bad.field).toBe('artifactSha256');
    expect(bad.message).toContain('SHA-256');
    expect(bad.message).toContain('"xyz"');
    await register('1');
    const stage = await rejection(registry.transition('penguin-sex', '1', { stage: 'live' }, 'bob'));
    expect(stage.field).toBe('stage');
    expect(stage.message).toContain('"live"');
  });

  it('keeps exactly one production version: promoting archives the previous one, audited with who and why', async () => {
    await register('1');
    await register('2');
    await registry.transition('penguin-sex', '1', { stage: 'staging', reason: 'canary' }, 'bob');
    await registry.transition('penguin-sex', '1', { stage: 'production', reason: 'good eval' }, 'bob');
    const result = await registry.transition('penguin-sex', '2', { stage: 'production', reason: 'better' }, 'carol');
    expect(result.version.stage).toBe('production');
    expect(result.archived?.version).toBe('1');
    const versions = await registry.listVersions('penguin-sex');
    expect(versions.filter((v) => v.stage === 'production').map((v) => v.version)).toEqual(['2']);
    expect((await registry.getVersion('penguin-sex', '1')).stage).toBe('archived');
    expect((await registry.production('penguin-sex'))?.version).toBe('2');

    const h1 = await registry.history('penguin-sex', '1');
    expect(h1.map((e) => e.action)).toEqual(['register', 'transition', 'transition', 'transition']);
    expect(h1[3]?.details).toMatchObject({ who: 'carol', from: 'production', to: 'archived', replacedBy: '2' });
    expect(h1[2]?.details).toMatchObject({
      who: 'bob',
      from: 'staging',
      to: 'production',
      why: 'good eval',
      gate: 'none',
    });
    const again = await rejection(registry.transition('penguin-sex', '2', { stage: 'production' }, 'carol'));
    expect(again.code).toBe('conflict');
  });

  it('refuses production while the attached gate failed, unless overridden (recorded)', async () => {
    await register('1');
    await registry.attachGateResult('penguin-sex', '1', failedGate, 'ci');
    const refused = await rejection(registry.transition('penguin-sex', '1', { stage: 'production' }, 'bob'));
    expect(refused.code).toBe('gate_failed');
    expect(refused.message).toContain('f1_macro >= 0.85');
    expect(refused.message).not.toContain('accuracy >= 0.5');
    expect((await registry.getVersion('penguin-sex', '1')).stage).toBe('none');
    // Staging is allowed: gates guard production only.
    await registry.transition('penguin-sex', '1', { stage: 'staging' }, 'bob');
    const overridden = await registry.transition(
      'penguin-sex',
      '1',
      { stage: 'production', overrideReason: 'hotfix approved by on-call' },
      'bob',
    );
    expect(overridden.version.stage).toBe('production');
    const history = await registry.history('penguin-sex', '1');
    const promotion = history[history.length - 1];
    expect(promotion?.details).toMatchObject({
      gate: 'failed',
      gateOverride: { reason: 'hotfix approved by on-call', runId: 'run-2' },
    });
    expect(history.some((e) => e.action === 'gate' && (e.details as { passed: boolean }).passed === false)).toBe(true);
  });

  it('allows production once a passing gate result replaces the failed one', async () => {
    await register('1');
    await registry.attachGateResult('penguin-sex', '1', failedGate, 'ci');
    await registry.attachGateResult(
      'penguin-sex',
      '1',
      { ...failedGate, passed: true, conditions: [{ condition: 'f1_macro >= 0.85', passed: true, detail: '0.9' }] },
      'ci',
    );
    const r = await registry.transition('penguin-sex', '1', { stage: 'production' }, 'bob');
    expect(r.version.gate?.passed).toBe(true);
  });

  it('isolates projects and serialises concurrent promotions of one model', async () => {
    const of = projectRegistries(store);
    const a = of('p1');
    const b = of('p2');
    for (const v of ['1', '2', '3', '4']) {
      await a.register({ model: 'm', version: v, artifactUri: 'u', artifactSha256: SHA }, 'x');
    }
    expect((await rejection(b.listVersions('m'))).code).toBe('not_found');
    await Promise.all(['1', '2', '3', '4'].map((v) => a.transition('m', v, { stage: 'production' }, 'x')));
    const stages = (await a.listVersions('m')).map((v) => v.stage);
    expect(stages.filter((s) => s === 'production')).toHaveLength(1);
    expect(stages.filter((s) => s === 'archived')).toHaveLength(3);
  });
});
