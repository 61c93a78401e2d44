import type { EvalRun, RunExample } from './eval-run.js';
import { exampleMetrics } from './generation-example-metrics.js';
import { metricWithInterval } from './metric-interval.js';
import type { CompareOptions, ExampleChange, MetricDelta, RunComparison, SliceDelta } from './run-comparison.js';

function judgeScore(e: RunExample, rubric: string): number | undefined {
  const j = e.judge?.[rubric];
  return j !== undefined && 'score' in j ? j.score : undefined;
}

/**
 * What got worse for one example between two generation runs: every check that passed in the
 * baseline and fails in the candidate, and every rubric whose judge score dropped by at least
 * `judgeDrop`; and whether anything got better in the same terms.
 */
export function exampleChanges(
  baseline: RunExample,
  candidate: RunExample,
  judgeDrop: number,
): { readonly worse: string[]; readonly better: boolean } {
  const worse: string[] = [];
  let better = false;
  for (const [name, c] of Object.entries(candidate.checks ?? {})) {
    const b = baseline.checks?.[name];
    if (b === undefined) continue;
    if (b.pass && !c.pass) worse.push(`check ${name} passed, now fails: ${c.reason}`);
    else if (!b.pass && c.pass) better = true;
  }
  for (const rubric of Object.keys(candidate.judge ?? {})) {
    const b = judgeScore(baseline, rubric);
    const c = judgeScore(candidate, rubric);
    if (b === undefined || c === undefined) continue;
    if (b - c >= judgeDrop) worse.push(`judge ${rubric} ${b} → ${c}`);
    else if (c - b >= judgeDrop) better = true;
  }
  return { worse, better };
}

/**
 * Compares two generation runs on the same dataset version, paired by example id (examples with an
 * output in both): every metric both runs can compute (text metrics, check pass rates, judge means
 * and pass rates, cost per example) with a paired percentile bootstrap interval of the delta, the
 * same per slice, and the example-level regressions — a check that passed and now fails, or a
 * judge score that dropped by at least `judgeDrop` (default 2 points on the 1–5 scale).
 */
export function compareGenerationRuns(
  baselineRun: EvalRun,
  baselineExamples: readonly RunExample[],
  candidateRun: EvalRun,
  candidateExamples: readonly RunExample[],
  options: CompareOptions,
): RunComparison {
  const byId = new Map(baselineExamples.map((e) => [e.id, e]));
  const pairs: [RunExample, RunExample][] = [];
  for (const c of candidateExamples) {
    const b = byId.get(c.id);
    if (b !== undefined && b.prediction !== undefined && c.prediction !== undefined) pairs.push([b, c]);
  }
  const passScore = candidateRun.generation?.judge?.passScore ?? 4;
  const bFns = exampleMetrics(
    pairs.map((p) => p[0]),
    { passScore: baselineRun.generation?.judge?.passScore ?? passScore },
  );
  const cFns = exampleMetrics(
    pairs.map((p) => p[1]),
    { passScore },
  );
  const both = cFns.flatMap((c) => {
    const b = bFns.find((f) => f.name === c.name);
    return b === undefined ? [] : [{ name: c.name, higherIsBetter: c.higherIsBetter, b: b.compute, c: c.compute }];
  });
  const all = Float64Array.from({ length: pairs.length }, (_v, i) => i);
  const metrics: MetricDelta[] = both.map((m) => {
    const d = metricWithInterval(
      m.name,
      pairs.length,
      (rows) => m.c(rows) - m.b(rows),
      options,
      () => {},
    );
    return {
      metric: m.name,
      higherIsBetter: m.higherIsBetter,
      baseline: m.b(all),
      candidate: m.c(all),
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
      for (const m of both) {
        const bv = m.b(rows);
        const cv = m.c(rows);
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
  const judgeDrop = options.judgeDrop ?? 2;
  const regressions: ExampleChange[] = [];
  let improvements = 0;
  for (const [be, ce] of pairs) {
    const change = exampleChanges(be, ce, judgeDrop);
    if (change.worse.length > 0) {
      regressions.push({
        id: ce.id,
        label: ce.label,
        baseline: be.prediction,
        candidate: ce.prediction,
        slices: ce.slices,
        reasons: change.worse,
      });
    } else if (change.better) improvements++;
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
