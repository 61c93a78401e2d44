import { randomUUID } from 'node:crypto';
import { instructionFollowingAccuracy } from '@modelwatch/core/metrics';
import type { DatasetRow, DatasetVersion } from '../../domain/dataset.js';
import type { ChatProvider } from '../providers/index.js';
import type {
  CheckSummary,
  EvalRun,
  GenerationSummary,
  JudgeRubricReport,
  MetricValue,
  RunExample,
  SliceMetrics,
} from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';
import { type GenerationAnswer, generationFromEndpoint, generationFromFile } from './generation-answers.js';
import { compileChecks } from './generation-checks.js';
import { exampleMetrics } from './generation-example-metrics.js';
import { type GenerationJudgement, judgeClient, judgeGenerations } from './generation-judge.js';
import { exampleTextScores, TEXT_METRICS } from './generation-metrics.js';
import { rubricName } from './generation-suite.js';
import { latencyMetrics, metricWithInterval } from './metric-interval.js';
import type { PredictionProgress } from './model-predictions.js';
import type { EndpointSettings, Suite } from './suite-config.js';

/** Progress of a generation run: the model's calls, then the judge's. */
export type GenerationProgress = PredictionProgress & { readonly phase: 'model' | 'judge' };

export interface RunGenerationInput {
  readonly suite: Suite;
  readonly dataset: DatasetVersion;
  readonly rows: readonly DatasetRow[];
  readonly model: { readonly name: string; readonly version: string };
  readonly predictions?: string;
  readonly endpoint?: EndpointSettings;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onProgress?: (p: GenerationProgress) => void;
  /** Where the judge keeps its answers (`<dataDir>/judge-cache`); no cache when absent. */
  readonly judgeCacheDir?: string;
  /** Injected for tests: the judge's chat client (default: from the suite's judge settings). */
  readonly judgeProvider?: ChatProvider;
  readonly now?: number;
  readonly runId?: string;
}

function requireColumn(dataset: DatasetVersion, column: string, field: string): void {
  if (!dataset.columns.some((c) => c.name === column)) {
    throw new EvalRunError(
      'invalid',
      `${field}: dataset ${dataset.name}@${dataset.version} has no column ${JSON.stringify(column)} (columns: ${dataset.columns.map((c) => c.name).join(', ')})`,
      field,
    );
  }
}

function text(row: DatasetRow, column: string | undefined): string | undefined {
  if (column === undefined) return undefined;
  const v = row[column];
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * Runs a generation suite: gets the outputs (a predictions file, or an OpenAI-compatible chat
 * endpoint called with bounded concurrency, retries and progress), scores each output with the
 * text metrics against its reference (when the suite names one), runs the deterministic checks
 * and the LLM judge, and aggregates: text metrics with percentile bootstrap intervals, check pass
 * rates with Wilson intervals, the judge's mean score per rubric with a bootstrap interval, its
 * pass and failure rates, tokens and cost of the model and the judge, latency, per-slice metrics.
 * @throws {EvalRunError} `invalid` for a missing column, a bad check or a rubric without its inputs.
 */
export async function runGeneration(input: RunGenerationInput): Promise<{ run: EvalRun; examples: RunExample[] }> {
  const { suite, dataset, rows } = input;
  const warnings: string[] = [];
  for (const [field, column] of [
    ['id', suite.id],
    ['reference', suite.reference],
    ['input', suite.input],
    ['context', suite.context],
  ] as const) {
    if (column !== undefined) requireColumn(dataset, column, field);
  }
  for (const s of suite.slices) requireColumn(dataset, s, 'slices');
  const textNames = TEXT_METRICS.map((m) => m.name);
  for (const m of suite.metrics ?? []) {
    if (!textNames.includes(m)) {
      throw new EvalRunError(
        'invalid',
        `metrics: ${JSON.stringify(m)} is not a text metric of generation runs (expected ${textNames.join(', ')}; checks and judge metrics follow from checks: and judge:)`,
        'metrics',
      );
    }
  }
  if (suite.metrics !== undefined && suite.reference === undefined) {
    throw new EvalRunError('invalid', 'metrics: text metrics need a reference column (set reference:)', 'metrics');
  }
  const checks = compileChecks(suite.checks);
  const ids = rows.map((r, i) => (suite.id === undefined ? String(i) : String(r[suite.id])));
  if (new Set(ids).size !== ids.length) {
    throw new EvalRunError('invalid', `id: column ${JSON.stringify(suite.id)} must be unique per example`, 'id');
  }
  // A judge without credentials fails before any model call is paid for.
  const judgeProvider =
    suite.judge === undefined ? undefined : (input.judgeProvider ?? judgeClient(suite.judge, input.env ?? {}));

  const predictionsFile = input.predictions ?? (input.endpoint === undefined ? suite.model.predictions : undefined);
  const endpoint = input.endpoint ?? (predictionsFile === undefined ? suite.model.endpoint : undefined);
  const progress = (phase: GenerationProgress['phase']) => (p: PredictionProgress) =>
    input.onProgress?.({ ...p, phase });
  let answers: readonly GenerationAnswer[];
  let pricedAs: string | undefined;
  if (predictionsFile !== undefined) {
    answers = (await generationFromFile(predictionsFile, ids, suite.id ?? 'id')).answers;
  } else if (endpoint !== undefined) {
    const excluded = new Set([suite.reference, suite.id, suite.context]);
    const features = suite.features ?? dataset.columns.map((c) => c.name).filter((c) => !excluded.has(c));
    const got = await generationFromEndpoint(
      endpoint,
      rows,
      { ...(suite.input === undefined ? {} : { column: suite.input }), features },
      input.env ?? {},
      progress('model'),
    );
    answers = got.answers;
    pricedAs = got.pricedAs;
  } else {
    throw new EvalRunError(
      'invalid',
      'model: give a predictions file or an endpoint (suite model section or CLI flag)',
      'model',
    );
  }

  let examples: RunExample[] = rows.map((row, i) => {
    const a = answers[i] as GenerationAnswer;
    const reference = text(row, suite.reference);
    if (suite.reference !== undefined && reference === undefined) {
      throw new EvalRunError(
        'invalid',
        `reference: example ${ids[i]} has no value in column ${JSON.stringify(suite.reference)}`,
        'reference',
      );
    }
    const slices: Record<string, string> = {};
    for (const s of suite.slices) slices[s] = String(row[s]);
    const sent = a.sent ?? text(row, suite.input);
    const out = a.output;
    return {
      id: ids[i] as string,
      label: reference ?? '',
      ...(out === undefined ? {} : { prediction: out }),
      ...(sent === undefined ? {} : { input: sent }),
      ...(out === undefined || reference === undefined ? {} : { scores: exampleTextScores([reference], out) }),
      ...(out === undefined || checks.length === 0
        ? {}
        : { checks: Object.fromEntries(checks.map((c) => [c.name, c.run(out)])) }),
      ...(a.usage === undefined ? {} : { usage: a.usage }),
      ...(a.costUsd === undefined ? {} : { costUsd: a.costUsd }),
      ...(a.latencyMs === undefined ? {} : { latencyMs: a.latencyMs }),
      ...(a.attempts === undefined ? {} : { attempts: a.attempts }),
      ...(a.error === undefined ? {} : { error: a.error }),
      slices,
    };
  });
  const okIndex = examples.flatMap((e, i) => (e.prediction === undefined ? [] : [i]));
  const failures = examples.length - okIndex.length;
  if (failures > 0) {
    warnings.push(`${failures} of ${examples.length} examples have no output (left out of the metrics)`);
  }

  let judgement: GenerationJudgement | undefined;
  if (suite.judge !== undefined && judgeProvider !== undefined && okIndex.length > 0) {
    const items = okIndex.map((i) => {
      const row = rows[i] as DatasetRow;
      const e = examples[i] as RunExample;
      const context = text(row, suite.context);
      return {
        prompt: e.input ?? '',
        response: String(e.prediction),
        ...(suite.reference === undefined ? {} : { reference: String(e.label) }),
        ...(context === undefined ? {} : { context }),
      };
    });
    judgement = await judgeGenerations(
      items,
      suite.judge,
      judgeProvider,
      { reference: suite.reference !== undefined, context: suite.context !== undefined },
      input.judgeCacheDir,
      (p) => input.onProgress?.({ ...p, phase: 'judge' }),
    );
    const byExample = new Map(okIndex.map((exampleIndex, item) => [exampleIndex, judgement?.verdicts[item]]));
    examples = examples.map((e, i) => {
      const v = byExample.get(i);
      return v === undefined ? e : { ...e, judge: v };
    });
  }

  const ok = okIndex.map((i) => examples[i] as RunExample);
  const passScore = suite.judge?.passScore ?? 4;
  const fns = exampleMetrics(ok, { passScore, ...(suite.metrics === undefined ? {} : { textNames: suite.metrics }) });
  const metrics: Record<string, MetricValue> = {};
  for (const f of fns) {
    if (f.name.startsWith('check.') || f.name.endsWith('.pass_rate') || f.name === 'cost_usd_per_example') continue;
    if (f.name.startsWith('judge.')) {
      // The judge's mean over the examples it scored.
      const judged = ok.flatMap((e, i) => {
        const j = e.judge?.[f.name.slice('judge.'.length, -'.mean'.length)];
        return j !== undefined && 'score' in j ? [i] : [];
      });
      metrics[f.name] =
        judged.length === 0
          ? { value: Number.NaN }
          : metricWithInterval(
              f.name,
              judged.length,
              (rows) => f.compute(Array.from(rows, (r) => judged[r] as number)),
              suite.bootstrap,
              (w) => warnings.push(w),
            );
      continue;
    }
    metrics[f.name] = metricWithInterval(f.name, ok.length, f.compute, suite.bootstrap, (w) => warnings.push(w));
  }

  const level = suite.bootstrap.confidenceLevel;
  const checkSummaries: CheckSummary[] = checks.map((c) => {
    const passes = ok.map((e) => e.checks?.[c.name]?.pass === true);
    const passed = passes.filter(Boolean).length;
    const rate = passes.length === 0 ? undefined : instructionFollowingAccuracy(passes, { confidenceLevel: level });
    const summary = {
      name: c.name,
      type: c.type,
      passed,
      total: passes.length,
      passRate: rate?.rate ?? Number.NaN,
      low: rate?.confidenceInterval[0] ?? Number.NaN,
      high: rate?.confidenceInterval[1] ?? Number.NaN,
    };
    metrics[`check.${c.name}.pass_rate`] =
      rate === undefined ? { value: Number.NaN } : { value: rate.rate, low: summary.low, high: summary.high };
    return summary;
  });

  let judgeSummary: GenerationSummary['judge'];
  if (suite.judge !== undefined) {
    const rubrics: JudgeRubricReport[] = suite.judge.rubrics.map((r) => {
      const name = rubricName(r);
      const verdicts = ok.flatMap((e) => (e.judge?.[name] === undefined ? [] : [e.judge[name]]));
      const scores = verdicts.flatMap((v) => ('score' in v ? [v.score] : []));
      const counts: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      for (const s of scores) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
      const failed = verdicts.length - scores.length;
      if (scores.length > 0) {
        const pass = instructionFollowingAccuracy(
          scores.map((s) => s >= passScore),
          { confidenceLevel: level },
        );
        metrics[`judge.${name}.pass_rate`] = {
          value: pass.rate,
          low: pass.confidenceInterval[0],
          high: pass.confidenceInterval[1],
        };
      } else metrics[`judge.${name}.pass_rate`] = { value: Number.NaN };
      metrics[`judge.${name}.failure_rate`] = { value: verdicts.length === 0 ? Number.NaN : failed / verdicts.length };
      if (failed > 0) warnings.push(`judge ${name}: ${failed} of ${verdicts.length} examples could not be judged`);
      return {
        rubric: name,
        judged: scores.length,
        failed,
        mean: metrics[`judge.${name}.mean`] ?? { value: Number.NaN },
        counts,
        reasked: verdicts.filter((v) => v.asks > 1).length,
      };
    });
    judgeSummary = {
      provider: judgement?.provider ?? suite.judge.provider,
      model: suite.judge.model,
      passScore,
      rubrics,
      cacheHits: judgement?.cacheHits ?? 0,
      usage: judgement?.usage ?? { inputTokens: 0, outputTokens: 0 },
      ...(judgement?.costUsd === undefined ? {} : { costUsd: judgement.costUsd }),
    };
    if (judgement?.costUsd !== undefined) metrics.judge_cost_usd = { value: judgement.costUsd };
  }

  // Tokens and cost of the model under test, over the examples that have an output.
  const withUsage = ok.filter((e) => e.usage !== undefined);
  const usage =
    withUsage.length === 0
      ? undefined
      : withUsage.reduce(
          (u, e) => ({
            inputTokens: u.inputTokens + (e.usage?.inputTokens ?? 0),
            outputTokens: u.outputTokens + (e.usage?.outputTokens ?? 0),
          }),
          { inputTokens: 0, outputTokens: 0 },
        );
  if (usage !== undefined && withUsage.length === ok.length) {
    metrics.input_tokens_per_example = { value: usage.inputTokens / ok.length };
    metrics.output_tokens_per_example = { value: usage.outputTokens / ok.length };
  }
  const priced = ok.length > 0 && ok.every((e) => e.costUsd !== undefined);
  const cost = priced ? ok.reduce((s, e) => s + (e.costUsd as number), 0) : undefined;
  if (cost !== undefined) {
    metrics.cost_usd = { value: cost };
    const perExample = fns.find((f) => f.name === 'cost_usd_per_example');
    if (perExample !== undefined) {
      metrics.cost_usd_per_example = metricWithInterval(
        'cost_usd_per_example',
        ok.length,
        perExample.compute,
        suite.bootstrap,
        (w) => warnings.push(w),
      );
    }
  } else if (endpoint !== undefined && endpoint.protocol === 'openai-chat' && pricedAs === undefined) {
    warnings.push(
      `cost: model ${JSON.stringify(endpoint.model)} has no price in the built-in table (set model.endpoint.price)`,
    );
  }
  const latencies = examples.flatMap((e) => (e.latencyMs === undefined || e.error !== undefined ? [] : [e.latencyMs]));
  Object.assign(metrics, latencyMetrics(latencies), {
    error_rate: { value: examples.length === 0 ? 0 : failures / examples.length },
    examples: { value: examples.length },
  });
  if (suite.reference === undefined) warnings.push('no reference column: text metrics (BLEU, ROUGE, …) not computed');

  const slices: SliceMetrics[] = [];
  for (const column of suite.slices) {
    const groups = new Map<string, number[]>();
    ok.forEach((e, i) => {
      const v = e.slices[column] as string;
      const g = groups.get(v);
      if (g === undefined) groups.set(v, [i]);
      else g.push(i);
    });
    for (const [value, idx] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (idx.length < suite.minSliceSize) continue;
      slices.push({
        column,
        value,
        count: idx.length,
        metrics: Object.fromEntries(fns.map((f) => [f.name, f.compute(idx)])),
      });
    }
  }

  const generation: GenerationSummary = {
    ...(suite.reference === undefined ? {} : { reference: suite.reference }),
    checks: checkSummaries,
    ...(judgeSummary === undefined ? {} : { judge: judgeSummary }),
    ...(usage === undefined ? {} : { usage }),
    ...(cost === undefined ? {} : { costUsd: cost }),
    ...(pricedAs === undefined ? {} : { pricedAs }),
  };
  const run: EvalRun = {
    runId: input.runId ?? `run-${randomUUID()}`,
    createdAt: input.now ?? Date.now(),
    suite: suite.name,
    task: 'generation',
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
    metrics,
    confidenceLevel: level,
    slices,
    failures,
    generation,
    warnings,
  };
  return { run, examples };
}
