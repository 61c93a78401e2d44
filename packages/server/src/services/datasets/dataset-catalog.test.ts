import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalRows, datasetSha256 } from './canonical-rows.js';
import { DatasetCatalog } from './dataset-catalog.js';
import { DatasetError } from './dataset-error.js';

describe('canonical rows and DatasetCatalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-datasets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises with sorted keys, one line per row, and hashes that text', () => {
    expect(
      canonicalRows([
        { b: 1, a: 'x' },
        { a: null, b: -0 },
      ]),
    ).toBe('{"a":"x","b":1}\n{"a":null,"b":0}\n');
    expect(datasetSha256([{ b: 1, a: 'x' }])).toBe(datasetSha256([{ a: 'x', b: 1 }]));
    expect(datasetSha256([{ a: 1 }, { a: 2 }])).not.toBe(datasetSha256([{ a: 2 }, { a: 1 }]));
    expect(() => canonicalRows([{ a: Number.NaN }])).toThrow(/row 1, column "a": expected a finite number/);
  });

  it('gives a CSV and its JSON-lines copy the same version; adding twice is idempotent; tampering is detected', async () => {
    const csv = join(dir, 'd.csv');
    writeFileSync(csv, 'id,x,label\n1,0.5,cat\n2,1.25,dog\n3,-2,cat\n');
    const jsonl = join(dir, 'd.jsonl');
    writeFileSync(
      jsonl,
      '{"id":1,"x":0.5,"label":"cat"}\n{"id":2,"x":1.25,"label":"dog"}\n{"id":3,"x":-2,"label":"cat"}\n',
    );
    const catalog = new DatasetCatalog(join(dir, 'data'));
    const a = await catalog.add(csv, { name: 'toy', kind: 'golden', now: 1 });
    expect(a.created).toBe(true);
    expect(a.dataset.rowCount).toBe(3);
    expect(a.dataset.version).toBe(a.dataset.sha256.slice(0, 12));
    const b = await catalog.add(jsonl, { name: 'toy', kind: 'golden', now: 2 });
    expect(b.created).toBe(false);
    expect(b.dataset.sha256).toBe(a.dataset.sha256);
    writeFileSync(csv, 'id,x,label\n1,0.5,cat\n2,1.25,dog\n3,-2,dog\n');
    const c = await catalog.add(csv, { name: 'toy', kind: 'golden', now: 3 });
    expect(c.dataset.version).not.toBe(a.dataset.version);
    expect(catalog.resolve('toy').version).toBe(c.dataset.version);
    expect(catalog.resolve(`toy@${a.dataset.version}`).rowCount).toBe(3);
    expect(catalog.rows(a.dataset)[2]).toEqual({ id: 3, x: -2, label: 'cat' });
    const rowsPath = join(catalog.root, 'toy', a.dataset.version, 'rows.jsonl');
    writeFileSync(rowsPath, readFileSync(rowsPath, 'utf8').replace('"cat"', '"dog"'));
    expect(() => catalog.rows(a.dataset)).toThrow(/no longer match/);
  });

  it('names the bad field and value', async () => {
    const catalog = new DatasetCatalog(dir);
    const csv = join(dir, 'd.csv');
    writeFileSync(csv, 'a\n1\n');
    await expect(catalog.add(csv, { name: 'toy', kind: 'gold' })).rejects.toThrow(
      /kind: expected one of golden, holdout, adversarial, edge_case, synthetic \(got "gold"\)/,
    );
    await expect(catalog.add(csv, { name: 'a/b', kind: 'golden' })).rejects.toThrow(DatasetError);
    await expect(catalog.add(join(dir, 'missing.csv'), { name: 'toy', kind: 'golden' })).rejects.toThrow(
      /file: cannot read/,
    );
    expect(() => catalog.resolve('toy@0123456789ab')).toThrow(/no dataset named|no version/);
  });
});
