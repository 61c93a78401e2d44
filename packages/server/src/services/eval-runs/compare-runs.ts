import { compareGenerationRuns } from './compare-generation.js';
import type { EvalRun, RunExample } from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';
import { metricWithInterval } from './metric-interval.js';
import type { CompareOptions, ExampleChange, MetricDelta, RunComparison, SliceDelta } from './run-comparison.js';
import { runData } from './run-evaluation.js';
import { RUN_METRICS, type RunMetric } from './run-metrics.js';

export type { CompareOptions, ExampleChange, MetricDelta, RunComparison, SliceDelta } from './run-comparison.js';

function correct(e: RunExample): boolean {
  return e.prediction !== undefined && String(e.prediction) === String(e.label);
}

/**
 * Compares a candidate run with a baseline run on the same dataset version, paired by example id:
 * every metric's delta with a paired percentile bootstrap interval (the same resampled examples
 * for both runs), per-slice deltas, and the examples that regressed.
 * @throws {EvalRunError} `invalid` when the runs are on different dataset versions or tasks.
 */
export function compareRuns(
  baselineRun: EvalRun,
  baselineExamples: readonly RunExample[],
  candidateRun: EvalRun,
  candidateExamples: readonly RunExample[],
  options: CompareOptions,
): RunComparison {
  if (baselineRun.dataset.sha256 !== candidateRun.dataset.sha256) {
    throw new EvalRunError(
      'invalid',
      `compare: the runs are on different datasets (${baselineRun.dataset.name}@${baselineRun.dataset.version} vs ${candidateRun.dataset.name}@${candidateRun.dataset.version}); compare runs on the same dataset version`,
      'dataset',
    );
  }
  if (baselineRun.task !== candidateRun.task) {
    throw new EvalRunError('invalid', `compare: tasks differ (${baselineRun.task} vs ${candidateRun.task})`, 'task');
  }
  const task = candidateRun.task;
  if (task === 'generation') {
    return compareGenerationRuns(baselineRun, baselineExamples, candidateRun, candidateExamples, options);
  }
  const byId = new Map(baselineExamples.map((e) => [e.id, e]));
  const pairs: [RunExample, RunExample][] = [];
  for (const c of candidateExamples) {
    const b = byId.get(c.id);
    if (b !== undefined && b.prediction !== undefined && c.prediction !== undefined) pairs.push([b, c]);
  }
  const positive = candidateRun.positive;
  const settings = { task, calibrationBins: options.calibrationBins ?? 10 };
  const bData = runData(
    pairs.map((p) => p[0]),
    settings,
    positive,
  );
  const cData = runData(
    pairs.map((p) => p[1]),
    settings,
    positive,
  );
  // Macro averages over the union of both runs' classes.
  const labels = [...new Set([...(bData.labels ?? []), ...(cData.labels ?? [])])].sort();
  const b = labels.length > 0 ? { ...bData, labels } : bData;
  const c = labels.length > 0 ? { ...cData, labels } : cData;
  const usable = (m: RunMetric) =>
    m.task === task && (!m.needsScores || (b.score !== undefined && c.score !== undefined));
  const warnings: string[] = [];
  const metrics: MetricDelta[] = RUN_METRICS.filter(usable).map((m) => {
    const d = metricWithInterval(
      m.name,
      pairs.length,
      (rows) => m.compute(c, rows) - m.compute(b, rows),
      options,
      (w) => warnings.push(w),
    );
    const all = Float64Array.from({ length: pairs.length }, (_v, i) => i);
    return {
      metric: m.name,
      higherIsBetter: m.higherIsBetter,
      baseline: m.compute(b, all),
      candidate: m.compute(c, all),
      delta: d.value,
      ...(d.low === undefined ? {} : { low: d.low, high: d.high }),
    };
  });
  const columns = options.sliceColumns ?? Object.keys(pairs[0]?.[1].slices ?? {});
  const minSlice = options.minSliceSize ?? 1;
  const slices: SliceDelta[] = [];
  for (const column of columns) {
    const groups = new Map<string, number[]>();
    pairs.forEach(([, cand], i) => {
      const v = cand.slices[column];
      if (v === undefined) return;
      const g = groups.get(v);
      if (g === undefined) groups.set(v, [i]);
      else g.push(i);
    });
    for (const [value, rows] of [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (rows.length < minSlice) continue;
      for (const m of RUN_METRICS.filter(usable)) {
        const bv = m.compute(b, rows);
        const cv = m.compute(c, rows);
        const delta = cv - bv;
        slices.push({
          column,
          value,
          count: rows.length,
          metric: m.name,
          baseline: bv,
          candidate: cv,
          delta,
          regression: m.higherIsBetter ? -delta : delta,
        });
      }
    }
  }
  const tolerance = options.errorTolerance ?? 0;
  const regressions: ExampleChange[] = [];
  let improvements = 0;
  for (const [be, ce] of pairs) {
    if (task === 'classification') {
      const was = correct(be);
      const now = correct(ce);
      if (was && !now) {
        regressions.push({
          id: ce.id,
          label: ce.label,
          baseline: be.prediction,
          candidate: ce.prediction,
          slices: ce.slices,
        });
      } else if (!was && now) improvements++;
    } else {
      const before = Math.abs(Number(be.prediction) - Number(be.label));
      const after = Math.abs(Number(ce.prediction) - Number(ce.label));
      if (after - before > tolerance) {
        regressions.push({
          id: ce.id,
          label: ce.label,
          baseline: be.prediction,
          candidate: ce.prediction,
          slices: ce.slices,
          baselineError: before,
          candidateError: after,
        });
      } else if (before - after > tolerance) improvements++;
    }
  }
  return {
    baseline: { runId: baselineRun.runId, model: baselineRun.model.name, version: baselineRun.model.version },
    candidate: { runId: candidateRun.runId, model: candidateRun.model.name, version: candidateRun.model.version },
    dataset: { name: candidateRun.dataset.name, version: candidateRun.dataset.version },
    paired: pairs.length,
    confidenceLevel: options.confidenceLevel,
    metrics,
    slices,
    regressions,
    improvements,
  };
}
