import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseExposition } from '../../../test/prometheus-text.js';
import { promtoolRun } from '../../../test/promtool-run.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import { ExportError } from './export-error.js';
import { type GrafanaPanel, grafanaDashboard } from './grafana-dashboard.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const promtool = commandPath('promtool');

/** Names Prometheus itself provides (not the exporter): the alerts of its rules. */
const PROMETHEUS_BUILT_INS = new Set(['ALERTS']);

/** Keywords, and aggregation operators (which may be followed by `by (…)` rather than `(`). */
const KEYWORDS = new Set([
  ...['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset'],
  ...['inf', 'nan', 'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values'],
  ...['bottomk', 'topk', 'quantile'],
]);

/**
 * The metric names a PromQL expression reads: identifiers outside strings, label matchers, range
 * brackets and grouping lists that are not function calls, keywords or Grafana variables.
 */
function metricNames(expr: string): Set<string> {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '$1')
    .replace(/\$\{?\w+\}?/g, '0');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)) {
    const name = m[1] as string;
    if (!KEYWORDS.has(name)) names.add(name);
  }
  return names;
}

/** Every sample name the exporter writes once fed events of every kind and each health setter. */
async function exportedNames(): Promise<Set<string>> {
  const metrics = new TelemetryMetrics({ processMetrics: false });
  const base: InferenceEvent = {
    requestId: 'r',
    timestamp: 0,
    model: 'chat',
    version: 'v1',
    variant: 'production',
    segment: {},
    inputs: {},
    output: {},
    latencyMs: 120,
    status: 'ok',
    tokens: { input: 10, output: 20 },
    costUsd: 0.001,
  };
  metrics.recordEvents('acme', [base, { ...base, status: 'error', errorType: 'timeout' }]);
  metrics.setQualityScore('acme', 'chat:v1', 'accuracy', 0.9);
  metrics.setDriftScore('acme', 'chat:v1', 'age', 0.1);
  metrics.recordAccepted('event', 2);
  metrics.recordRejected('event', 'invalid', 1);
  metrics.recordDuplicates('event', 1);
  metrics.setQueueDepth(3);
  metrics.observeCommit(0.01, 2);
  metrics.setEvaluatorLag(4);
  metrics.observeEvaluatorRun(1.5);
  metrics.setStoreSizeBytes(1024);
  return new Set(parseExposition(await metrics.metrics()).map((s) => s.name));
}

function queryPanels(panels: readonly GrafanaPanel[]): GrafanaPanel[] {
  return panels.filter((p) => p.type !== 'row');
}

/** Each expression with Grafana's variables replaced by values, as Grafana sends it. */
function concrete(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '5m')
    .replaceAll('$project_id', '.*')
    .replaceAll('$model_id', '.*')
    .replaceAll('$slo_availability', '0.999')
    .replaceAll('$slo_latency', '0.99');
}

describe('grafanaDashboard', () => {
  const dashboard = grafanaDashboard();
  const panels = queryPanels(dashboard.panels);

  it('is a Grafana dashboard with a Prometheus data-source input and project/model variables', () => {
    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ type: 'datasource', pluginId: 'prometheus' })]);
    const variables = dashboard.templating.list;
    expect(variables.map((v) => v.name)).toEqual([
      'datasource',
      'project_id',
      'model_id',
      'slo_availability',
      'slo_latency',
    ]);
    expect(variables[0]).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(variables[1]).toMatchObject({
      type: 'query',
      definition: 'label_values(model_inference_requests_total, project_id)',
    });
    expect(variables[3]).toMatchObject({ type: 'constant', query: '0.999' });
    for (const p of panels) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS placeholder
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets?.length).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.datasource).toEqual(p.datasource);
    }
  });

  it('has the executive, on-call and debug rows with the panels seed 002 names', () => {
    const rows = dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['Executive', 'On-call', 'Debug']);
    const titles = panels.map((p) => p.title);
    for (const t of [
      'Requests per second',
      'Availability (1 h) vs SLO',
      'Error budget remaining (30 d)',
      'Cost per day (USD)',
      'Quality score',
    ]) {
      expect(titles).toContain(t);
    }
    for (const t of [
      'Errors per second by type',
      'Latency p50 / p95 / p99',
      'Availability burn rate',
      'Firing alerts',
      'Drift score (worst feature)',
    ]) {
      expect(titles).toContain(t);
    }
    for (const t of [
      'Drift score per feature',
      'Tokens per second',
      'Ingest queue depth',
      'Ingested and rejected records per second',
      'Evaluator lag and run time',
    ]) {
      expect(titles).toContain(t);
    }
  });

  it('has unique panel ids and non-overlapping panels inside the 24-column grid', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const boxes = dashboard.panels.map((p) => p.gridPos);
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(24);
      expect(b.w).toBeGreaterThan(0);
      expect(b.h).toBeGreaterThan(0);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as (typeof boxes)[number];
        const b = boxes[j] as (typeof boxes)[number];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `panels ${dashboard.panels[i]?.title} and ${dashboard.panels[j]?.title} overlap`).toBe(false);
      }
    }
  });

  it('queries only metric names the exporter exposes (plus Prometheus ALERTS)', async () => {
    const exposed = await exportedNames();
    // The name extraction is a real check: it finds the names of a known expression.
    expect(
      metricNames(
        'sum by (model_id, le) (rate(model_inference_latency_seconds_bucket{a="b"}[$__rate_interval])) / on(x) foo',
      ),
    ).toEqual(new Set(['model_inference_latency_seconds_bucket', 'foo']));
    const used = new Set<string>();
    for (const p of panels) for (const t of p.targets ?? []) for (const n of metricNames(t.expr)) used.add(n);
    expect(used.size).toBeGreaterThan(10);
    const unknown = [...used].filter((n) => !exposed.has(n) && !PROMETHEUS_BUILT_INS.has(n));
    expect(unknown).toEqual([]);
  });

  it('filters every model-family query by the project_id and model_id variables', () => {
    for (const p of panels) {
      for (const t of p.targets ?? []) {
        if (!/\bmodel_(inference|quality|drift)/.test(t.expr)) continue;
        for (const selector of t.expr.match(/\bmodel_[a-z_]+\{[^}]*\}/g) ?? []) {
          expect(selector, p.title).toContain('project_id=~"$project_id",model_id=~"$model_id"');
        }
      }
    }
  });

  it('is what deploy/grafana/modelwatch-dashboard.json holds (regenerate with `modelwatch export grafana-dashboard --out …`)', async () => {
    const committed = await readFile(join(root, 'deploy', 'grafana', 'modelwatch-dashboard.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(dashboard, null, 2)}\n`);
  });

  it('follows the options and refuses bad ones naming the option', () => {
    const custom = grafanaDashboard({ slo: { availability: 0.99 }, latencyThresholdMs: 500 });
    expect(custom.templating.list[3]).toMatchObject({ query: '0.99' });
    const latencyBurn = queryPanels(custom.panels).find((p) => p.title.startsWith('Latency burn rate'));
    expect(latencyBurn?.targets?.[0]?.expr).toContain('le="0.5"');
    expect(() => grafanaDashboard({ latencyThresholdMs: 123 })).toThrow(ExportError);
    expect(() => grafanaDashboard({ latencyThresholdMs: 123 })).toThrow(/^latencyThresholdMs: .*\(got 123\)/);
    expect(() => grafanaDashboard({ slo: { latency: 2 } })).toThrow(
      /^slo\.latency: expected an objective in \(0, 1\) \(got 2\)/,
    );
  });

  itWithSystem(
    'every panel query is valid PromQL (promtool check rules on a throwaway rule file)',
    promtool !== undefined,
    'promtool not found on PATH (Debian package `prometheus`)',
    async () => {
      const rules = panels.flatMap((p) =>
        (p.targets ?? []).map((t) => ({
          record: `dashboard:panel_${p.id}:${t.refId.toLowerCase()}`,
          expr: concrete(t.expr),
        })),
      );
      const dir = await mkdtemp(join(tmpdir(), 'mw-dashboard-'));
      try {
        const file = join(dir, 'panels.yaml');
        await writeFile(file, stringify({ groups: [{ name: 'dashboard', rules }] }, { lineWidth: 0 }));
        const result = await promtoolRun(promtool as string, ['check', 'rules', file]);
        expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
        expect(result.exitCode).toBe(0);
        // A syntax error is caught the same way.
        await writeFile(
          file,
          stringify({ groups: [{ name: 'bad', rules: [{ record: 'x:y', expr: 'sum by (a (b)' }] }] }),
        );
        expect((await promtoolRun(promtool as string, ['check', 'rules', file])).exitCode).not.toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
