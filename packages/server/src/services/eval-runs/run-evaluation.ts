import { randomUUID } from 'node:crypto';
import { disparateImpact, reliabilityDiagram } from '@modelwatch/core/metrics';
import type { DatasetRow, DatasetVersion } from '../../domain/dataset.js';
import type { ChatProvider } from '../providers/index.js';
import { labelLeakage } from '../robustness/label-leakage.js';
import { robustnessSuite } from '../robustness/robustness-suite.js';
import type { EvalRun, MetricValue, RunExample, SliceMetrics } from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';
import { latencyMetrics, metricWithInterval } from './metric-interval.js';
import {
  type ModelAnswer,
  type PredictionProgress,
  predictionsFromEndpoint,
  predictionsFromFile,
} from './model-predictions.js';
import { runGeneration } from './run-generation.js';
import { RUN_METRICS, type RunData } from './run-metrics.js';
import type { EndpointSettings, Suite } from './suite-config.js';

export interface RunEvaluationInput {
  readonly suite: Suite;
  readonly dataset: DatasetVersion;
  readonly rows: readonly DatasetRow[];
  readonly model: { readonly name: string; readonly version: string };
  /** Overrides the suite's `model` section. */
  readonly predictions?: string;
  readonly endpoint?: EndpointSettings;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onProgress?: (p: PredictionProgress) => void;
  /** Generation: where the judge keeps its answers (`<dataDir>/judge-cache`); no cache when absent. */
  readonly judgeCacheDir?: string;
  /** Generation, injected for tests: the judge's chat client. */
  readonly judgeProvider?: ChatProvider;
  /** Injected for tests. */
  readonly now?: number;
  readonly runId?: string;
}

/** An evaluation run and its per-example outputs. */
export interface RunEvaluationResult {
  readonly run: EvalRun;
  readonly examples: readonly RunExample[];
}

function requireColumn(rows: readonly DatasetRow[], dataset: DatasetVersion, column: string, field: string): void {
  if (!dataset.columns.some((c) => c.name === column)) {
    throw new EvalRunError(
      'invalid',
      `${field}: dataset ${dataset.name}@${dataset.version} has no column ${JSON.stringify(column)} (columns: ${dataset.columns.map((c) => c.name).join(', ')})`,
      field,
    );
  }
  void rows;
}

/**
 * Runs an evaluation suite for one model version on one dataset version: gets the model's answers
 * (a predictions file, or an endpoint called with bounded concurrency and retries), computes every
 * metric of the task with percentile bootstrap intervals, per-slice metrics, the confusion matrix
 * and reliability diagram (binary with scores), disparate impact over the sensitive feature,
 * latency percentiles, the label-leakage check and, when configured, the robustness suite.
 * Generation suites go to `runGeneration` (text metrics, checks, judge, cost).
 * @throws {EvalRunError} `invalid` for a column the dataset lacks or labels that do not fit the task.
 */
export async function runEvaluation(input: RunEvaluationInput): Promise<RunEvaluationResult> {
  if (input.suite.task === 'generation') return runGeneration(input);
  const { dataset, rows } = input;
  // The suite schema requires a label for classification and regression.
  const suite = {
    ...input.suite,
    label: input.suite.label as string,
    task: input.suite.task as 'classification' | 'regression',
  };
  const warnings: string[] = [];
  requireColumn(rows, dataset, suite.label, 'label');
  if (suite.id !== undefined) requireColumn(rows, dataset, suite.id, 'id');
  for (const s of suite.slices) requireColumn(rows, dataset, s, 'slices');
  if (suite.sensitive !== undefined) requireColumn(rows, dataset, suite.sensitive, 'sensitive');
  const ids = rows.map((r, i) => (suite.id === undefined ? String(i) : String(r[suite.id])));
  if (new Set(ids).size !== ids.length) {
    throw new EvalRunError('invalid', `id: column ${JSON.stringify(suite.id)} must be unique per example`, 'id');
  }
  const excluded = new Set([suite.label, ...(suite.id === undefined ? [] : [suite.id])]);
  const features = suite.features ?? dataset.columns.map((c) => c.name).filter((c) => !excluded.has(c));
  for (const f of features) requireColumn(rows, dataset, f, 'features');

  const predictionsFile = input.predictions ?? (input.endpoint === undefined ? suite.model.predictions : undefined);
  const endpoint = input.endpoint ?? (predictionsFile === undefined ? suite.model.endpoint : undefined);
  let answers: ModelAnswer[];
  if (predictionsFile !== undefined) {
    answers = await predictionsFromFile(predictionsFile, ids, suite.id ?? 'id');
  } else if (endpoint !== undefined) {
    answers = await predictionsFromEndpoint(endpoint, rows, features, input.env ?? {}, input.onProgress);
  } else {
    throw new EvalRunError(
      'invalid',
      'model: give a predictions file or an endpoint (suite model section or CLI flag)',
      'model',
    );
  }

  const positive = suite.positive === undefined ? undefined : String(suite.positive);
  const examples: RunExample[] = rows.map((row, i) => {
    const a = answers[i] as ModelAnswer;
    const raw = row[suite.label];
    if (raw === null || raw === undefined) {
      throw new EvalRunError(
        'invalid',
        `label: example ${ids[i]} has no value in column ${JSON.stringify(suite.label)}`,
        'label',
      );
    }
    const label = suite.task === 'regression' ? Number(raw) : String(raw);
    if (typeof label === 'number' && !Number.isFinite(label)) {
      throw new EvalRunError(
        'invalid',
        `label: regression targets must be numbers (example ${ids[i]}: ${JSON.stringify(raw)})`,
        'label',
      );
    }
    const slices: Record<string, string> = {};
    for (const s of new Set([...suite.slices, ...(suite.sensitive === undefined ? [] : [suite.sensitive])])) {
      slices[s] = String(row[s]);
    }
    const prediction =
      a.prediction === undefined
        ? undefined
        : suite.task === 'regression'
          ? Number(a.prediction)
          : String(a.prediction);
    return {
      id: ids[i] as string,
      label,
      ...(prediction === undefined || (typeof prediction === 'number' && !Number.isFinite(prediction))
        ? {}
        : { prediction }),
      ...(a.score === undefined ? {} : { score: a.score }),
      ...(a.latencyMs === undefined ? {} : { latencyMs: a.latencyMs }),
      ...(a.attempts === undefined ? {} : { attempts: a.attempts }),
      ...(a.error === undefined ? {} : { error: a.error }),
      slices,
    };
  });
  const ok = examples.filter((e) => e.prediction !== undefined);
  const failures = examples.length - ok.length;
  if (failures > 0)
    warnings.push(`${failures} of ${examples.length} examples have no prediction (left out of the metrics)`);
  const computed = computeRunMetrics(ok, suite, positive, warnings);

  const latencies = examples.flatMap((e) => (e.latencyMs === undefined || e.error !== undefined ? [] : [e.latencyMs]));
  const metrics: Record<string, MetricValue> = {
    ...computed.metrics,
    ...latencyMetrics(latencies),
    error_rate: { value: examples.length === 0 ? 0 : failures / examples.length },
    examples: { value: examples.length },
  };
  let fairness: EvalRun['fairness'];
  if (suite.sensitive !== undefined && positive !== undefined && suite.task === 'classification' && ok.length > 0) {
    const di = disparateImpact(
      ok.map((e) => (e.prediction === positive ? 1 : 0)),
      ok.map((e) => e.slices[suite.sensitive as string] as string),
      { posLabel: 1, minGroupSize: suite.minSliceSize },
    );
    metrics.disparate_impact = { value: di.ratio };
    fairness = {
      feature: suite.sensitive,
      disparateImpact: di.ratio,
      groups: di.byGroup.map((g) => ({
        group: Object.values(g.group).map(String).join(', '),
        count: g.size,
        selectionRate: (g.metrics as Record<string, number>).selectionRate ?? Number.NaN,
      })),
    };
  }
  const wanted = suite.metrics;
  const reported =
    wanted === undefined
      ? metrics
      : Object.fromEntries(Object.entries(metrics).filter(([k]) => wanted.includes(k) || k === 'examples'));
  const leakage = labelLeakage(rows, suite.label, features, { threshold: suite.leakageThreshold, positive });
  for (const f of leakage.flagged) {
    warnings.push(
      `label leakage suspected: feature ${JSON.stringify(f.feature)} alone predicts the label with ${f.statistic} ${f.value.toFixed(3)}`,
    );
  }
  const robustness =
    suite.robustness === undefined || endpoint === undefined
      ? undefined
      : await robustnessSuite({
          settings: suite.robustness,
          rows,
          baseline: examples,
          task: suite.task,
          positive,
          predict: (perturbed) => predictionsFromEndpoint(endpoint, perturbed, features, input.env ?? {}),
          metric: (exs) =>
            computeRunMetrics(
              exs.filter((e) => e.prediction !== undefined),
              suite,
              positive,
              [],
            ).headline,
        });
  if (suite.robustness !== undefined && endpoint === undefined) {
    warnings.push('robustness: skipped (perturbations need a model endpoint, not a predictions file)');
  }
  const run: EvalRun = {
    runId: input.runId ?? `run-${randomUUID()}`,
    createdAt: input.now ?? Date.now(),
    suite: suite.name,
    task: suite.task,
    model: input.model,
    dataset: { name: dataset.name, version: dataset.version, sha256: dataset.sha256, kind: dataset.kind },
    source:
      predictionsFile !== undefined
        ? { kind: 'predictions', file: predictionsFile }
        : {
            kind: 'endpoint',
            url: (endpoint as EndpointSettings).url,
            protocol: (endpoint as EndpointSettings).protocol,
          },
    ...(computed.labels === undefined ? {} : { labels: computed.labels }),
    ...(positive === undefined ? {} : { positive }),
    metrics: reported,
    confidenceLevel: suite.bootstrap.confidenceLevel,
    slices: sliceMetrics(ok, suite, positive),
    ...(computed.confusionMatrix === undefined ? {} : { confusionMatrix: computed.confusionMatrix }),
    ...(computed.calibration === undefined ? {} : { calibration: computed.calibration }),
    ...(fairness === undefined ? {} : { fairness }),
    failures,
    ...(robustness === undefined ? {} : { robustness }),
    leakage,
    warnings,
  };
  return { run, examples };
}

/** The parallel arrays the metrics take, from the examples that have a prediction. */
export function runData(
  examples: readonly RunExample[],
  suite: Pick<Suite, 'task' | 'calibrationBins'>,
  positive: string | undefined,
): RunData {
  const labels =
    suite.task === 'classification'
      ? [...new Set(examples.flatMap((e) => [String(e.label), String(e.prediction)]))].sort()
      : undefined;
  const binary = labels !== undefined && labels.length <= 2 && positive !== undefined;
  const withScores = binary && examples.length > 0 && examples.every((e) => e.score !== undefined);
  return {
    task: suite.task,
    yTrue: examples.map((e) => e.label),
    yPred: examples.map((e) => e.prediction as string | number),
    ...(withScores
      ? {
          positive01: Float64Array.from(examples, (e) => (String(e.label) === positive ? 1 : 0)),
          score: Float64Array.from(examples, (e) => e.score as number),
        }
      : {}),
    ...(labels === undefined ? {} : { labels }),
    calibrationBins: suite.calibrationBins,
  };
}

function computeRunMetrics(
  examples: readonly RunExample[],
  suite: Suite,
  positive: string | undefined,
  warnings: string[],
): {
  metrics: Record<string, MetricValue>;
  headline: Record<string, number>;
  labels?: string[];
  confusionMatrix?: number[][];
  calibration?: EvalRun['calibration'];
} {
  const data = runData(examples, suite, positive);
  const metrics: Record<string, MetricValue> = {};
  const headline: Record<string, number> = {};
  if (examples.length === 0) return { metrics, headline };
  for (const m of RUN_METRICS) {
    if (m.task !== suite.task || (m.needsScores && data.score === undefined)) continue;
    const v = metricWithInterval(
      m.name,
      examples.length,
      (rows) => m.compute(data, rows),
      suite.bootstrap,
      (w) => warnings.push(w),
    );
    metrics[m.name] = v;
    headline[m.name] = v.value;
  }
  if (suite.task !== 'classification') return { metrics, headline };
  const labels = data.labels as string[];
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const e of examples) {
    const row = matrix[index.get(String(e.label)) as number] as number[];
    const c = index.get(String(e.prediction)) as number;
    row[c] = (row[c] as number) + 1;
  }
  let calibration: EvalRun['calibration'];
  if (data.score !== undefined && data.positive01 !== undefined) {
    try {
      calibration = reliabilityDiagram(data.positive01, data.score, { nBins: suite.calibrationBins });
    } catch (err) {
      warnings.push(`calibration: ${(err as Error).message}`);
    }
  }
  return { metrics, headline, labels, confusionMatrix: matrix, ...(calibration === undefined ? {} : { calibration }) };
}

function sliceMetrics(examples: readonly RunExample[], suite: Suite, positive: string | undefined): SliceMetrics[] {
  const data = runData(examples, suite, positive);
  const out: SliceMetrics[] = [];
  for (const column of suite.slices) {
    const groups = new Map<string, number[]>();
    examples.forEach((e, i) => {
      const v = e.slices[column] as string;
      const g = groups.get(v);
      if (g === undefined) groups.set(v, [i]);
      else g.push(i);
    });
    for (const [value, rows] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (rows.length < suite.minSliceSize) continue;
      const metrics: Record<string, number> = {};
      for (const m of RUN_METRICS) {
        if (m.task !== suite.task || (m.needsScores && data.score === undefined)) continue;
        metrics[m.name] = m.compute(data, rows);
      }
      out.push({ column, value, count: rows.length, metrics });
    }
  }
  return out;
}
