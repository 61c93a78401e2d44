import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyScore, meanAbsoluteError } from '@modelwatch/core/metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetVersion } from '../../domain/dataset.js';
import { DatasetCatalog } from '../datasets/index.js';
import { compareRuns } from './compare-runs.js';
import { runEvaluation } from './run-evaluation.js';
import { EndpointSchema, parseSuite } from './suite-config.js';

describe('runEvaluation', () => {
  let dir: string;
  let catalog: DatasetCatalog;
  let dataset: DatasetVersion;
  const labels = ['a', 'b', 'a', 'b', 'a', 'a', 'b', 'b', 'a', 'b', 'a', 'b'];
  const groups = ['x', 'x', 'x', 'x', 'x', 'x', 'y', 'y', 'y', 'y', 'y', 'y'];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-runs-'));
    writeFileSync(
      join(dir, 'd.csv'),
      `key,g,f,y\n${labels.map((l, i) => `k${i},${groups[i]},${i},${l}`).join('\n')}\n`,
    );
    catalog = new DatasetCatalog(join(dir, 'data'));
    dataset = (await catalog.add(join(dir, 'd.csv'), { name: 'toy', kind: 'golden' })).dataset;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const suite = parseSuite(
    'task: classification\nid: key\nlabel: y\npositive: b\nslices: [g]\nminSliceSize: 2\nsensitive: g\n',
  );

  it('joins a predictions file on the id column and matches the core metrics', async () => {
    const pred = ['a', 'b', 'b', 'b', 'a', 'a', 'a', 'b', 'a', 'a', 'a', 'b'];
    // Rows written in reverse key order: the join must be by key, not by position.
    writeFileSync(
      join(dir, 'p.csv'),
      `key,prediction,score\n${[...pred.keys()]
        .reverse()
        .map((i) => `k${i},${pred[i]},${pred[i] === 'b' ? 0.8 : 0.3}`)
        .join('\n')}\n`,
    );
    const { run, examples } = await runEvaluation({
      suite,
      dataset,
      rows: catalog.rows(dataset),
      model: { name: 'm', version: '1' },
      predictions: join(dir, 'p.csv'),
      runId: 'r1',
    });
    expect(run.metrics.accuracy?.value).toBeCloseTo(accuracyScore(labels, pred), 12);
    expect(run.metrics.accuracy?.low).toBeLessThanOrEqual(run.metrics.accuracy?.value as number);
    expect(examples.map((e) => e.prediction)).toEqual(pred);
    expect(run.slices.map((s) => [s.value, s.count, s.metrics.accuracy])).toEqual([
      ['x', 6, accuracyScore(labels.slice(0, 6), pred.slice(0, 6))],
      ['y', 6, accuracyScore(labels.slice(6), pred.slice(6))],
    ]);
    expect(run.metrics.roc_auc).toBeDefined();
    // Selection rate of "b": x 3/6, y 2/6 → ratio 2/3.
    expect(run.metrics.disparate_impact?.value).toBeCloseTo(2 / 3, 12);
    expect(run.leakage?.flagged).toEqual([]);

    const other = examples.map((e, i) => (i === 0 ? { ...e, prediction: 'b' } : e));
    const cmp = compareRuns(run, examples, { ...run, runId: 'r2' }, other, {
      resamples: 200,
      confidenceLevel: 0.9,
      seed: 1,
    });
    expect(cmp.regressions.map((r) => r.id)).toEqual(['k0']);
    expect(cmp.metrics.find((m) => m.metric === 'accuracy')?.delta).toBeCloseTo(-1 / 12, 12);
  });

  it('names a missing column and a missing prediction', async () => {
    const bad = parseSuite('task: classification\nlabel: nope\n');
    await expect(
      runEvaluation({
        suite: bad,
        dataset,
        rows: catalog.rows(dataset),
        model: { name: 'm', version: '1' },
        predictions: 'x',
      }),
    ).rejects.toThrow(/label: dataset toy@[0-9a-f]{12} has no column "nope" \(columns: key, g, f, y\)/);
    writeFileSync(join(dir, 'p.csv'), 'key,prediction\nk0,a\n');
    await expect(
      runEvaluation({
        suite,
        dataset,
        rows: catalog.rows(dataset),
        model: { name: 'm', version: '1' },
        predictions: join(dir, 'p.csv'),
      }),
    ).rejects.toThrow(/has no row with key = "k1"/);
    expect(() => parseSuite('task: ranking\nlabel: y\n', 's.yaml')).toThrow(/^s\.yaml: task: .*\(got "ranking"\)/);
  });

  describe('through an endpoint', () => {
    let server: Server;
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    beforeEach(async () => {
      calls = 0;
      maxInFlight = 0;
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => {
          body += c.toString();
        });
        req.on('end', () => {
          calls++;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const { inputs } = JSON.parse(body) as { inputs: { f: number } };
          setImmediate(() => {
            inFlight--;
            // Every third call fails once with 503: the transport retries it.
            if (calls % 3 === 0) {
              res.writeHead(503).end('{}');
              return;
            }
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ out: { value: inputs.f * 2 } }));
          });
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterEach(async () => {
      await new Promise((r) => server.close(r));
    });

    it('calls with bounded concurrency, retries 503s and reports progress (regression)', async () => {
      const reg = parseSuite('task: regression\nid: key\nlabel: f\nfeatures: [f]\n');
      const progress: number[] = [];
      const endpoint = EndpointSchema.parse({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        predictionField: 'out.value',
        concurrency: 2,
        maxRetries: 5,
      });
      const { run, examples } = await runEvaluation({
        suite: reg,
        dataset,
        rows: catalog.rows(dataset),
        model: { name: 'm', version: '1' },
        endpoint,
        onProgress: (p) => progress.push(p.done),
      });
      expect(examples.map((e) => e.prediction)).toEqual(labels.map((_l, i) => i * 2));
      expect(run.metrics.mae?.value).toBeCloseTo(
        meanAbsoluteError(
          labels.map((_l, i) => i),
          labels.map((_l, i) => i * 2),
        ),
        12,
      );
      expect(examples.some((e) => (e.attempts ?? 1) > 1)).toBe(true);
      expect(maxInFlight).toBeLessThanOrEqual(2);
      expect(progress[progress.length - 1]).toBe(12);
      expect(run.metrics.p95_latency_ms?.value).toBeGreaterThan(0);
    });
  });
});
