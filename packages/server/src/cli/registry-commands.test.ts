import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_MISSING, launchChromium, screenshotLuminance } from '../../test/chromium.js';
import { itWithSystem } from '../../test/system.js';
import type { GateReport } from '../domain/gate.js';
import { GaussianNaiveBayes } from '../services/demo/index.js';
import type { EvalRun } from '../services/eval-runs/index.js';
import { num } from '../services/eval-runs/run-html-report.js';
import { buildProgram } from './program.js';

// Palmer penguins (Gorman, Williams & Fraser 2014), as shipped by the vega-datasets npm package.
// The task: predict a penguin's sex from its measurements. v1 is a Gaussian naive Bayes per
// species on all four measurements; v2 a single Gaussian naive Bayes on body mass only — a
// plausible but worse retrain that must fail the gates.
const PENGUINS = new URL('../../../../node_modules/vega-datasets/data/penguins.json', import.meta.url);
const FEATURES = ['beak_length_mm', 'beak_depth_mm', 'flipper_length_mm', 'body_mass_g'] as const;

interface Penguin {
  readonly id: number;
  readonly species: string;
  readonly island: string;
  readonly beak_length_mm: number;
  readonly beak_depth_mm: number;
  readonly flipper_length_mm: number;
  readonly body_mass_g: number;
  readonly sex: string;
}

function loadPenguins(): Penguin[] {
  const raw = JSON.parse(readFileSync(PENGUINS, 'utf8')) as Record<string, unknown>[];
  return raw
    .filter((r) => (r.Sex === 'MALE' || r.Sex === 'FEMALE') && typeof r['Body Mass (g)'] === 'number')
    .map((r, id) => ({
      id,
      species: r.Species as string,
      island: r.Island as string,
      beak_length_mm: r['Beak Length (mm)'] as number,
      beak_depth_mm: r['Beak Depth (mm)'] as number,
      flipper_length_mm: r['Flipper Length (mm)'] as number,
      body_mass_g: r['Body Mass (g)'] as number,
      sex: r.Sex as string,
    }));
}

type Predict = (inputs: Record<string, unknown>) => { prediction: string; score: number };

function perSpeciesModel(train: readonly Penguin[]): Predict {
  const models = new Map<string, GaussianNaiveBayes>();
  for (const s of new Set(train.map((p) => p.species))) {
    const rows = train.filter((p) => p.species === s);
    models.set(
      s,
      GaussianNaiveBayes.fit(
        rows.map((p) => FEATURES.map((f) => p[f])),
        rows.map((p) => p.sex),
      ),
    );
  }
  return (inputs) => {
    const m = models.get(String(inputs.species)) as GaussianNaiveBayes;
    const proba = m.predictProba(FEATURES.map((f) => Number(inputs[f])));
    const score = proba[m.classes.indexOf('MALE')] as number;
    return { prediction: score >= 0.5 ? 'MALE' : 'FEMALE', score };
  };
}

function massOnlyModel(train: readonly Penguin[]): Predict {
  const m = GaussianNaiveBayes.fit(
    train.map((p) => [p.body_mass_g]),
    train.map((p) => p.sex),
  );
  return (inputs) => {
    const score = m.predictProba([Number(inputs.body_mass_g)])[m.classes.indexOf('MALE')] as number;
    return { prediction: score >= 0.5 ? 'MALE' : 'FEMALE', score };
  };
}

/** A generic JSON model server: POST /<version>/ with { inputs } answers { prediction, score }. */
function modelServer(models: Readonly<Record<string, Predict>>): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const version = (req.url ?? '').split('/')[1] ?? '';
      const model = models[version];
      if (req.method !== 'POST' || model === undefined) {
        res.writeHead(404).end();
        return;
      }
      const { inputs } = JSON.parse(body) as { inputs: Record<string, unknown> };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(model(inputs)));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface CliResult {
  readonly out: string;
  readonly exitCode: number;
  readonly stderr: string;
}

/** Runs `modelwatch …` in process; exits become exit codes (commander's exitOverride). */
async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let stderr = '';
  const program = buildProgram((t) => {
    out += t;
  });
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap((s) => all(s as Command))];
  for (const c of all(program)) {
    c.exitOverride();
    c.configureOutput({ writeErr: (t) => (stderr += t), writeOut: (t) => (out += t) });
  }
  try {
    await program.parseAsync(['node', 'modelwatch', ...args]);
    return { out, exitCode: 0, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { out, exitCode: err.exitCode, stderr: stderr + err.message };
    return { out, exitCode: 1, stderr: stderr + (err as Error).message };
  }
}

const SUITE = `
name: penguin-sex
task: classification
id: id
label: sex
positive: MALE
features: [species, island, beak_length_mm, beak_depth_mm, flipper_length_mm, body_mass_g]
slices: [species, island]
minSliceSize: 20
sensitive: island
bootstrap: { resamples: 500, seed: 7 }
model:
  endpoint:
    url: MODEL_URL
    scoreField: score
    concurrency: 8
`;

const GATES = `gates:
  - f1_macro >= 0.8
  - p95_latency_ms <= 5000
  - name: fairness across islands
    condition: disparate_impact >= 0.7
  - no slice with at least 20 examples regresses by more than 5 points against production
`;

/** A minimal XML well-formedness check: one root, balanced tags, quoted attributes, no stray '<' or '&'. */
function xmlElements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let roots = 0;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length) {
    token.lastIndex = at;
    m = token.exec(body);
    if (m === null) throw new Error(`malformed XML at ${at}: ${body.slice(at, at + 40)}`);
    at = token.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`unescaped & in ${m[5]}`);
      if (stack.length === 0 && m[5].trim() !== '') throw new Error('text outside the root element');
      continue;
    }
    const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (close === '/') {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
      continue;
    }
    if (stack.length === 0) roots++;
    const attributes: Record<string, string> = {};
    for (const a of attrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) attributes[a[1] as string] = a[2] as string;
    elements.push({ name, attributes });
    if (selfClose !== '/') stack.push(name);
  }
  if (stack.length > 0 || roots !== 1) throw new Error(`unclosed ${stack.join(', ')} or ${roots} roots`);
  return elements;
}

describe('registry, datasets, runs and gates end to end (penguins from vega-datasets, real DuckDB file)', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const common = () => ['--data-dir', join(dir, 'data')];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-registry-e2e-'));
    const penguins = loadPenguins();
    // Every third penguin is held out for evaluation.
    const test = penguins.filter((p) => p.id % 3 === 0);
    const train = penguins.filter((p) => p.id % 3 !== 0);
    const header = ['id', 'species', 'island', ...FEATURES, 'sex'];
    writeFileSync(
      join(dir, 'holdout.csv'),
      `${header.join(',')}\n${test.map((p) => header.map((h) => String(p[h as keyof Penguin])).join(',')).join('\n')}\n`,
    );
    writeFileSync(join(dir, 'v1.json'), JSON.stringify({ kind: 'per-species gaussian nb', trainRows: train.length }));
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ kind: 'body-mass gaussian nb', trainRows: train.length }));
    writeFileSync(join(dir, 'gates.yaml'), GATES);
    server = await modelServer({ v1: perSpeciesModel(train), v2: massOnlyModel(train) });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(join(dir, 'suite.yaml'), SUITE.replace('MODEL_URL', `${url}/v1`));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  let datasetRef = '';
  let runV1: EvalRun;
  let runV2: EvalRun;

  it('adds the holdout set as a content-addressed dataset version and registers two versions with lineage', async () => {
    const added = await cli([
      'datasets',
      'add',
      join(dir, 'holdout.csv'),
      '--name',
      'penguins',
      '--kind',
      'holdout',
      '--json',
      ...common(),
    ]);
    expect(added.exitCode, added.stderr).toBe(0);
    const ds = JSON.parse(added.out) as { name: string; version: string; rowCount: number };
    expect(ds.rowCount).toBe(111);
    datasetRef = `${ds.name}@${ds.version}`;
    const again = await cli([
      'datasets',
      'add',
      join(dir, 'holdout.csv'),
      '--name',
      'penguins',
      '--kind',
      'holdout',
      ...common(),
    ]);
    expect(again.out).toContain(`unchanged: ${datasetRef}`);

    const r1 = await cli([
      'models',
      'register',
      'penguin-sex',
      'v1',
      '--artifact',
      join(dir, 'v1.json'),
      '--training-data',
      'penguins-train',
      '--metadata',
      'algorithm=gnb-per-species',
      ...common(),
    ]);
    expect(r1.exitCode, r1.stderr).toBe(0);
    const r2 = await cli([
      'models',
      'register',
      'penguin-sex',
      'v2',
      '--artifact',
      join(dir, 'v2.json'),
      '--parent',
      'v1',
      '--training-data',
      'penguins-train',
      ...common(),
    ]);
    expect(r2.exitCode, r2.stderr).toBe(0);
    const list = await cli(['models', 'list', 'penguin-sex', '--json', ...common()]);
    const versions = JSON.parse(list.out) as { version: string; stage: string; lineage: { parentVersion?: string } }[];
    expect(versions.map((v) => [v.version, v.stage, v.lineage.parentVersion ?? null])).toEqual([
      ['v1', 'none', null],
      ['v2', 'none', 'v1'],
    ]);
  });

  it('evaluates both versions through their HTTP endpoints and persists per-example outputs', async () => {
    const a = await cli([
      'runs',
      'create',
      '--suite',
      join(dir, 'suite.yaml'),
      '--model',
      'penguin-sex',
      '--model-version',
      'v1',
      '--dataset',
      datasetRef,
      '--run-id',
      'run-v1',
      '--json',
      ...common(),
    ]);
    expect(a.exitCode, a.stderr).toBe(0);
    runV1 = JSON.parse(a.out) as EvalRun;
    const b = await cli([
      'runs',
      'create',
      '--suite',
      join(dir, 'suite.yaml'),
      '--model',
      'penguin-sex',
      '--model-version',
      'v2',
      '--dataset',
      datasetRef,
      '--endpoint',
      `${url}/v2`,
      '--run-id',
      'run-v2',
      '--json',
      ...common(),
    ]);
    expect(b.exitCode, b.stderr).toBe(0);
    runV2 = JSON.parse(b.out) as EvalRun;
    const f1 = (r: EvalRun) => r.metrics.f1_macro?.value as number;
    expect(runV1.source).toEqual({ kind: 'endpoint', url: `${url}/v1`, protocol: 'json' });
    expect(runV2.source).toEqual({ kind: 'endpoint', url: `${url}/v2`, protocol: 'json' });
    // Measured on this data: the per-species model is far better than body mass alone.
    expect(f1(runV1)).toBeGreaterThan(0.85);
    expect(f1(runV2)).toBeLessThan(0.8);
    expect(runV1.metrics.examples?.value).toBe(111);
    expect(runV1.failures).toBe(0);
    const ci = runV1.metrics.f1_macro;
    expect(ci?.low).toBeLessThanOrEqual(f1(runV1));
    expect(ci?.high).toBeGreaterThanOrEqual(f1(runV1));
    // The confusion matrix adds up to the examples and its diagonal is the accuracy.
    const cm = runV1.confusionMatrix as number[][];
    const total = cm.flat().reduce((s, x) => s + x, 0);
    expect(total).toBe(111);
    expect((cm[0]?.[0] as number) + (cm[1]?.[1] as number)).toBe(
      Math.round((runV1.metrics.accuracy?.value as number) * 111),
    );
    expect(runV1.slices.map((s) => `${s.column}=${s.value}`)).toContain('species=Adelie');
    expect(runV1.calibration?.bins.length).toBeGreaterThan(2);
    const examples = readFileSync(join(dir, 'data', 'runs', 'run-v1', 'examples.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(examples).toHaveLength(111);
    expect(JSON.parse(examples[0] as string)).toMatchObject({
      id: '0',
      label: expect.any(String),
      prediction: expect.any(String),
    });

    const cmp = await cli([
      'runs',
      'compare',
      'run-v1',
      'run-v2',
      '--json',
      '--html',
      join(dir, 'compare.html'),
      ...common(),
    ]);
    expect(cmp.exitCode, cmp.stderr).toBe(0);
    const comparison = JSON.parse(cmp.out) as {
      metrics: { metric: string; delta: number; low: number; high: number }[];
      regressions: unknown[];
    };
    const d = comparison.metrics.find((m) => m.metric === 'f1_macro');
    expect(d?.delta).toBeCloseTo(f1(runV2) - f1(runV1), 12);
    expect(d?.high).toBeLessThan(0);
    expect(comparison.regressions.length).toBeGreaterThan(0);
  });

  it('gates: v1 passes (exit 0), is promoted; v2 fails (exit 1) with Markdown and JUnit and cannot be promoted', async () => {
    const pass = await cli([
      'gate',
      '--run',
      'run-v1',
      '--gates',
      join(dir, 'gates.yaml'),
      '--junit',
      join(dir, 'v1.xml'),
      '--json',
      join(dir, 'v1-gate.json'),
      ...common(),
    ]);
    expect(pass.exitCode, pass.stderr).toBe(0);
    expect(pass.out).toContain('✅ Gates passed');
    const report1 = JSON.parse(readFileSync(join(dir, 'v1-gate.json'), 'utf8')) as GateReport;
    expect(report1.conditions.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'skipped']);
    const promoted = await cli(['models', 'promote', 'penguin-sex', 'v1', '--reason', 'gates passed', ...common()]);
    expect(promoted.exitCode, promoted.stderr).toBe(0);

    const fail = await cli([
      'gate',
      '--run',
      'run-v2',
      '--gates',
      join(dir, 'gates.yaml'),
      '--markdown',
      join(dir, 'v2.md'),
      '--junit',
      join(dir, 'v2.xml'),
      '--json',
      join(dir, 'v2-gate.json'),
      ...common(),
    ]);
    expect(fail.exitCode).toBe(1);
    expect(fail.stderr).toContain('f1_macro >= 0.8');
    const md = readFileSync(join(dir, 'v2.md'), 'utf8');
    expect(md).toContain('❌ Gates failed: penguin-sex v2');
    expect(md).toMatch(/\| ❌ \| f1_macro >= 0\.8 \| f1_macro = 0\.\d+, needs >= 0\.8 \|/);
    expect(md).toContain('regressed in accuracy by more than 0.05');
    const report2 = JSON.parse(readFileSync(join(dir, 'v2-gate.json'), 'utf8')) as GateReport;
    expect(report2.baselineRunId).toBe('run-v1');
    const failed = report2.conditions.filter((c) => c.status === 'failed').map((c) => c.condition);
    expect(failed).toContain('f1_macro >= 0.8');
    expect(failed).toContain('no slice with at least 20 examples regresses by more than 5 points against production');

    const xml = readFileSync(join(dir, 'v2.xml'), 'utf8');
    const elements = xmlElements(xml);
    expect(elements[0]?.name).toBe('testsuites');
    const suite = elements.find((e) => e.name === 'testsuite');
    expect(suite?.attributes).toMatchObject({ tests: '4', failures: String(failed.length), errors: '0', skipped: '0' });
    expect(elements.filter((e) => e.name === 'testcase')).toHaveLength(4);
    expect(elements.filter((e) => e.name === 'failure')).toHaveLength(failed.length);
    expect(
      elements.find((e) => e.name === 'testcase' && e.attributes.name === 'fairness across islands'),
    ).toBeDefined();
    const passXml = xmlElements(readFileSync(join(dir, 'v1.xml'), 'utf8'));
    expect(passXml.filter((e) => e.name === 'failure')).toHaveLength(0);
    expect(passXml.filter((e) => e.name === 'skipped')).toHaveLength(1);

    const refused = await cli(['models', 'promote', 'penguin-sex', 'v2', ...common()]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('cannot be promoted to production');
    const list = JSON.parse((await cli(['models', 'list', 'penguin-sex', '--json', ...common()])).out) as {
      version: string;
      stage: string;
      gate?: { passed: boolean };
    }[];
    expect(list.map((v) => [v.version, v.stage, v.gate?.passed])).toEqual([
      ['v1', 'production', true],
      ['v2', 'none', false],
    ]);
  });

  itWithSystem(
    'the run report renders in Chromium with the run’s numbers, and the screenshot is not blank',
    CHROMIUM !== undefined,
    CHROMIUM_MISSING,
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        await page.goto(`file://${join(dir, 'data', 'runs', 'run-v1', 'report.html')}`);
        for (const metric of ['accuracy', 'f1_macro', 'roc_auc', 'disparate_impact']) {
          const text = await page.locator(`[data-metric="${metric}"]`).textContent();
          expect(text).toBe(num(runV1.metrics[metric]?.value));
        }
        expect(await page.locator('#slice-table tbody tr').count()).toBe(runV1.slices.length);
        expect(await page.locator('#confusion-matrix svg').count()).toBe(1);
        expect(await page.locator('#calibration svg').count()).toBe(1);
        const shot = await page.screenshot({ fullPage: true });
        const { variance } = await screenshotLuminance(browser, shot);
        expect(variance).toBeGreaterThan(100);
        const cmp = await browser.newPage();
        await cmp.goto(`file://${join(dir, 'compare.html')}`);
        expect(Number(await cmp.locator('[data-delta="f1_macro"]').textContent())).toBeLessThan(0);
        expect(await cmp.locator('#regression-table tbody tr').count()).toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
