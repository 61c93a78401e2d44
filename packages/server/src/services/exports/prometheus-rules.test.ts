import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { promtoolRun } from '../../../test/promtool-run.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import { BUILT_IN_ALERT_RULES } from '../alerting/built-in-rules.js';
import { ExportError } from './export-error.js';
import { promDuration } from './prom-duration.js';
import {
  type AlertingRule,
  EXPERIMENT_SIGNAL_GAUGES,
  type PrometheusRulesOptions,
  prometheusRules,
  runbookAnchor,
} from './prometheus-rules.js';
import { prometheusRulesYaml } from './prometheus-rules-yaml.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const promtool = commandPath('promtool');
const NO_PROMTOOL = 'promtool not found on PATH (Debian package `prometheus`)';

const BUILT_IN_ALERTS = [
  'ModelQualityDegraded',
  'HighInferenceLatency',
  'InputDriftDetected',
  'ModelSilent',
  'HighErrorRate',
  'CanaryRolledBack',
  'ExperimentSampleRatioMismatch',
  'ErrorBudgetBurnFast',
  'ErrorBudgetBurnMedium',
  'ErrorBudgetBurnSlow',
  'IngestQueueSaturated',
  'EvaluatorLagging',
  'NotificationFailures',
  'MetricSeriesDropped',
];

function alerts(options: PrometheusRulesOptions = {}): AlertingRule[] {
  return prometheusRules(options).groups.flatMap((g) => g.rules.filter((r): r is AlertingRule => 'alert' in r));
}

function alert(name: string, options: PrometheusRulesOptions = {}): AlertingRule {
  const found = alerts(options).find((a) => a.alert === name);
  if (found === undefined) throw new Error(`no alert ${name}`);
  return found;
}

/** Seconds of a duration written by promDuration. */
function seconds(duration: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  if (m === null) throw new Error(`not a one-unit duration: ${duration}`);
  const size = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * size;
}

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to '-'. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

async function check(file: string, yaml: string): Promise<{ exitCode: number | null; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mw-rules-'));
  try {
    await writeFile(join(dir, file), yaml);
    return await promtoolRun(promtool as string, ['check', 'rules', join(dir, file)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('promDuration', () => {
  it('writes the largest unit that divides the duration', () => {
    expect(promDuration(0)).toBe('0s');
    expect(promDuration(3 * 86_400)).toBe('3d');
    expect(promDuration(6 * 3600)).toBe('6h');
    expect(promDuration(5400)).toBe('90m');
    expect(promDuration(90)).toBe('90s');
    expect(promDuration(0.25)).toBe('250ms');
    expect(promDuration(3.0004)).toBe('3s');
  });

  it('round-trips any whole number of milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
        expect(Math.round(seconds(promDuration(ms / 1000)) * 1000)).toBe(ms);
      }),
    );
  });
});

describe('prometheusRules', () => {
  it('defines every built-in alert, each with a severity, a summary, a description and its runbook', () => {
    const all = alerts();
    expect([...new Set(all.map((a) => a.alert))].sort()).toEqual([...BUILT_IN_ALERTS].sort());
    for (const a of all) {
      expect(['page', 'ticket']).toContain(a.labels.severity);
      expect(a.annotations.summary.length).toBeGreaterThan(10);
      expect(a.annotations.description.length).toBeGreaterThan(20);
      expect(a.annotations.runbook_url).toBe(`docs/runbooks.md#${a.alert.toLowerCase()}`);
    }
  });

  it("keeps seed 000's expressions, thresholds and for durations (adapted to modelwatch's labels)", () => {
    const quality = alert('ModelQualityDegraded');
    // The engine's built-in rule (quality.accuracy_recent < 0.75 for 10 min) as it is, and seed 000's 30-min average for the other gauges.
    expect(quality.expr).toBe(
      'model_quality_score{metric="accuracy_recent"} < 0.75 or avg_over_time(model_quality_score{metric!="accuracy_recent"}[30m]) < 0.75',
    );
    expect(quality.for).toBe('10m');
    expect(quality.annotations.summary).toBe('Model quality dropped below 0.75 threshold');
    const drift = alert('InputDriftDetected');
    expect(drift.expr).toBe('model_drift_score > 0.2');
    expect(drift.for).toBe('15m');
    expect(drift.annotations.summary).toBe('Significant input drift detected');
    const latency = alert('HighInferenceLatency');
    expect(latency.expr).toBe(
      'histogram_quantile(0.95, sum by (project_id, model_id, variant, le) (rate(model_inference_latency_seconds_bucket[5m]))) > 5',
    );
    expect(latency.for).toBe('5m');
    expect(latency.annotations.summary).toBe('p95 latency exceeded 5 seconds');
  });

  it("exports an alert of the same name for every one of the engine's built-in rules", () => {
    const exported = new Set(alerts().map((a) => a.alert));
    const missing = [...new Set(BUILT_IN_ALERT_RULES.map((r) => r.name))].filter((name) => !exported.has(name));
    // ModelQualityDegraded's per-slice rule has no series of its own (slices stay out of /metrics to
    // bound cardinality, docs/METRICS.md): the whole-model rule of the same name covers the name.
    expect(missing, 'built-in alerts without an exported Prometheus rule').toEqual([]);
  });

  it("keeps the engine's threshold, for, severity and text on the experiment signals, over their gauges", () => {
    const expected = [
      ['CanaryRolledBack', 'rollout.rollbacks', 'model_rollout_rollbacks > 0', '0s', 'page'],
      [
        'ExperimentSampleRatioMismatch',
        'experiment.srm_p_value',
        'model_experiment_srm_p_value < 0.001',
        '15m',
        'ticket',
      ],
    ] as const;
    for (const [name, monitor, expr, forDuration, severity] of expected) {
      const builtIn = BUILT_IN_ALERT_RULES.find((r) => r.name === name);
      if (builtIn === undefined || builtIn.type !== 'threshold') throw new Error(`no built-in threshold rule ${name}`);
      expect(builtIn.monitor).toBe(monitor);
      expect(`${EXPERIMENT_SIGNAL_GAUGES[monitor]} ${builtIn.op} ${builtIn.threshold}`).toBe(expr);
      const a = alert(name);
      expect(a.expr).toBe(expr);
      expect(a.for).toBe(forDuration);
      expect(seconds(a.for) * 1000).toBe(builtIn.forMs ?? 0);
      expect(a.labels).toEqual({ severity });
      expect(a.labels.severity).toBe(builtIn.severity);
      expect(a.keep_firing_for).toBeUndefined();
      // The engine's {{model}} (the experiment id) and {{value}} as Prometheus templates.
      expect(a.annotations.summary).toBe(
        (builtIn.annotations?.summary ?? '')
          .replace('{{model}}', '{{ $labels.experiment }}')
          .replace('{{value}}', '{{ $value }}'),
      );
      expect(a.annotations.description).toBe(`${builtIn.annotations?.description} Project {{ $labels.project_id }}.`);
      expect(a.annotations.summary).not.toMatch(/\{\{(model|value)\}\}/);
    }
    expect(alert('ExperimentSampleRatioMismatch', { forScale: 0.01 }).for).toBe('9s');
  });

  it("keeps firing for as long as the engine's built-in rule of the same name (keep_firing_for)", () => {
    const kept = BUILT_IN_ALERT_RULES.filter((r) => r.type === 'threshold' && (r.keepFiringForMs ?? 0) > 0);
    expect(kept.map((r) => r.name).sort()).toEqual(['HighErrorRate', 'HighInferenceLatency', 'InputDriftDetected']);
    for (const r of kept) {
      const exported = alert(r.name);
      expect(exported.keep_firing_for, r.name).toBe(promDuration((r.keepFiringForMs as number) / 1000));
      expect(exported.for, r.name).toBe(promDuration((r.forMs as number) / 1000));
    }
    expect(alert('InputDriftDetected', { forScale: 0.01 }).keep_firing_for).toBe('9s');
    // The other alerts resolve as soon as their expression stops holding.
    expect(alert('ModelQualityDegraded').keep_firing_for).toBeUndefined();
  });

  it('writes the burn-rate alerts of the SRE workbook for both SLOs, with per-window ratio recording rules', () => {
    const rules = prometheusRules({ slo: { availability: 0.995, latency: 0.9 } });
    const records = rules.groups.flatMap((g) => g.rules.filter((r) => 'record' in r).map((r) => r.record));
    for (const w of ['5m', '30m', '1h', '6h', '3d']) {
      expect(records.filter((r) => r === `slo:sli_error:ratio_rate${w}`)).toHaveLength(2);
    }
    const expected = [
      ['ErrorBudgetBurnFast', 14.4, '1h', '5m', 'page'],
      ['ErrorBudgetBurnMedium', 6, '6h', '30m', 'page'],
      ['ErrorBudgetBurnSlow', 1, '3d', '6h', 'ticket'],
    ] as const;
    for (const [name, factor, long, short, severity] of expected) {
      const burns = alerts({ slo: { availability: 0.995, latency: 0.9 } }).filter((a) => a.alert === name);
      expect(burns.map((b) => b.labels.slo)).toEqual(['availability', 'latency']);
      for (const b of burns) {
        const objective = b.labels.slo === 'availability' ? 0.995 : 0.9;
        expect(b.labels).toMatchObject({ severity, long_window: long, short_window: short });
        expect(b.expr).toBe(
          `slo:sli_error:ratio_rate${long}{slo="${b.labels.slo}"} > (${factor} * (1 - ${objective}))\nand\n` +
            `slo:sli_error:ratio_rate${short}{slo="${b.labels.slo}"} > (${factor} * (1 - ${objective}))`,
        );
      }
    }
  });

  it('reads the latency SLO from the bucket at the threshold and applies the threshold to the quantile alert', () => {
    const rules = prometheusRules({ latencyThresholdMs: 500 });
    const latencySlo = rules.groups[0]?.rules.find((r) => 'record' in r && r.labels?.slo === 'latency');
    expect(latencySlo?.expr).toContain('le="0.5"');
    expect(alert('HighInferenceLatency', { latencyThresholdMs: 500 }).expr).toMatch(/\) > 0\.5$/);
    // Whole seconds match both prom-client's "5" and Prometheus 3's "5.0".
    const defaults = prometheusRules().groups[0]?.rules.find((r) => 'record' in r && r.labels?.slo === 'latency');
    expect(defaults?.expr).toContain('le=~"5|5\\\\.0"');
  });

  it('scales every for duration with forScale', () => {
    const base = alerts();
    const scaled = alerts({ forScale: 0.01 });
    expect(scaled.map((a) => seconds(a.for))).toEqual(base.map((a) => Math.round(seconds(a.for) * 10) / 1000));
    expect(alert('HighInferenceLatency', { forScale: 0.01 }).for).toBe('3s');
  });

  it('follows the server configuration for ingest and evaluator health', () => {
    expect(alert('IngestQueueSaturated', { ingestQueueSize: 1000 }).expr).toBe('modelwatch_ingest_queue_depth >= 800');
    expect(alert('EvaluatorLagging', { evaluatorIntervalSeconds: 120 }).expr).toBe(
      'modelwatch_evaluator_lag_seconds > 360\nor\nincrease(modelwatch_evaluator_run_duration_seconds_count[10m]) == 0',
    );
  });

  it('refuses bad options with an error naming the option, the expectation and the value', () => {
    const cases: [PrometheusRulesOptions, string, RegExp][] = [
      [{ latencyThresholdMs: 300 }, 'latencyThresholdMs', /bucket bound .*\(got 300\)/],
      [{ slo: { availability: 1 } }, 'slo.availability', /in \(0, 1\) \(got 1\)/],
      [{ slo: { latency: Number.NaN } }, 'slo.latency', /got NaN/],
      [{ forScale: 0 }, 'forScale', /> 0 \(got 0\)/],
      [{ latencyQuantile: 1.5 }, 'latencyQuantile', /got 1\.5/],
      [{ errorRateThreshold: -1 }, 'errorRateThreshold', /got -1/],
      [{ qualityThreshold: Number.POSITIVE_INFINITY }, 'qualityThreshold', /finite/],
      [{ ingestQueueSize: -5 }, 'ingestQueueSize', /got -5/],
      [{ modelIdFormat: 'name' as never }, 'modelIdFormat', /got "name"/],
    ];
    for (const [options, field, message] of cases) {
      const error = (() => {
        try {
          prometheusRules(options);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, field).toBeInstanceOf(ExportError);
      expect((error as ExportError).field).toBe(field);
      expect((error as ExportError).code).toBe('invalid_option');
      expect((error as ExportError).message).toMatch(message);
      expect((error as ExportError).message.startsWith(field)).toBe(true);
    }
  });

  it('writes YAML that parses back to the same rules', () => {
    const options = { forScale: 0.5, runbookUrl: 'https://example.org/runbooks.md' };
    expect(parse(prometheusRulesYaml(options))).toEqual(JSON.parse(JSON.stringify(prometheusRules(options))));
  });

  it('is what deploy/prometheus/modelwatch-rules.yaml holds (regenerate with `modelwatch export prometheus-rules --out …`)', async () => {
    const committed = await readFile(join(root, 'deploy', 'prometheus', 'modelwatch-rules.yaml'), 'utf8');
    expect(committed).toBe(prometheusRulesYaml());
  });

  it('links every alert to an existing section of docs/runbooks.md', async () => {
    const doc = await readFile(join(root, 'docs', 'runbooks.md'), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#{1,6} +(.+)$/gm)].map((m) => githubSlug((m[1] as string).replace(/`/g, ''))),
    );
    for (const a of alerts()) {
      const anchor = a.annotations.runbook_url.split('#')[1] as string;
      expect(anchor).toBe(runbookAnchor(a.alert));
      expect(anchors.has(anchor), `docs/runbooks.md has no section #${anchor} for ${a.alert}`).toBe(true);
    }
  });

  itWithSystem(
    'passes promtool check rules, with the defaults and with other options',
    promtool !== undefined,
    NO_PROMTOOL,
    async () => {
      for (const options of [
        {},
        {
          slo: { availability: 0.99, latency: 0.95 },
          latencyThresholdMs: 250,
          forScale: 0.001,
          modelIdFormat: 'model' as const,
        },
      ]) {
        const result = await check('rules.yaml', prometheusRulesYaml(options));
        expect(result.output).toMatch(/SUCCESS: 29 rules found/);
        expect(result.exitCode).toBe(0);
      }
      // promtool is a real check: a broken expression fails it.
      const broken = prometheusRulesYaml().replace('model_drift_score > 0.2', 'model_drift_score > > 0.2');
      expect((await check('broken.yaml', broken)).exitCode).not.toBe(0);
    },
  );

  itWithSystem(
    'passes the promtool unit tests in deploy/prometheus/tests (each alert fires after its for, healthy series never)',
    promtool !== undefined,
    NO_PROMTOOL,
    async () => {
      const dir = join(root, 'deploy', 'prometheus', 'tests');
      const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
      expect(files).toEqual([
        'experiment-alerts.test.yaml',
        'health-alerts.test.yaml',
        'model-alerts.test.yaml',
        'slo-burn-rate.test.yaml',
      ]);
      const result = await promtoolRun(promtool as string, ['test', 'rules', ...files], dir);
      expect(result.output).not.toContain('FAILED');
      expect(result.output.match(/SUCCESS/g)).toHaveLength(files.length);
      expect(result.exitCode).toBe(0);
    },
    120_000,
  );
});
