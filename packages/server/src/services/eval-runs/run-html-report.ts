import { redactPii } from '@modelwatch/core/metrics';
import { confusionMatrixSvg, reliabilitySvg } from '../eval/eval-charts.js';
import { escapeHtml, REPORT_BASE_STYLE, reportHtmlPage } from '../report-html.js';
import type { RunComparison } from './compare-runs.js';
import type { EvalRun, RunExample } from './eval-run.js';

const STYLE = `${REPORT_BASE_STYLE}caption{text-align:left;font-weight:600;padding:4px 0}
.chart{display:block;margin:8px 0}.chart .tick{font-size:11px;fill:#555}.chart .axis{font-size:12px;fill:#333}
.chart .cell{font-size:12px}.worse{color:#b00020}.better{color:#137333}.meta{color:#555}
`;

/** A number for a report cell: 4 significant digits, NaN and missing as "–". */
export function num(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString();
}

function table(caption: string, header: readonly string[], rows: readonly (readonly string[])[], id?: string): string {
  const head = `<thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => (j === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table${id === undefined ? '' : ` id="${escapeHtml(id)}"`}><caption>${escapeHtml(caption)}</caption>${head}<tbody>${body}</tbody></table>`;
}

function section(id: string, title: string, body: string, level = 'h2'): string {
  return `<section id="${escapeHtml(id)}"><${level}>${escapeHtml(title)}</${level}>${body}</section>`;
}

/**
 * One evaluation run as a self-contained HTML page (inline CSS and SVG, no scripts, no external
 * resources): headline metrics with intervals, confusion matrix, reliability diagram, per-slice
 * table, fairness, label leakage, robustness and warnings; for generation runs the check pass
 * rates, the judge's score distribution per rubric, tokens and cost, and the worst examples (texts
 * with personal data redacted, from `examples` when given). Metric cells carry `data-metric`
 * attributes so tests (and scripts) can find the numbers.
 */
export function runHtmlReport(run: EvalRun, examples: readonly RunExample[] = []): string {
  const level = Math.round(run.confidenceLevel * 100);
  const parts: string[] = [];
  parts.push(
    section(
      'summary',
      `Evaluation run: ${run.model.name} ${run.model.version}`,
      `<p class="meta">Run ${escapeHtml(run.runId)} · ${escapeHtml(run.task)} · suite ${escapeHtml(run.suite)} · dataset ${escapeHtml(`${run.dataset.name}@${run.dataset.version}`)} (${escapeHtml(run.dataset.kind)}) · ${escapeHtml(new Date(run.createdAt).toISOString())}</p>
<table id="metrics"><caption>Metrics (${level}% percentile bootstrap intervals)</caption><thead><tr><th scope="col">metric</th><th scope="col">value</th><th scope="col">interval</th></tr></thead><tbody>${Object.entries(
        run.metrics,
      )
        .map(
          ([k, v]) =>
            `<tr><th scope="row">${escapeHtml(k)}</th><td data-metric="${escapeHtml(k)}">${escapeHtml(num(v.value))}</td><td>${v.low === undefined ? '' : `${escapeHtml(num(v.low))} … ${escapeHtml(num(v.high))}`}</td></tr>`,
        )
        .join('')}</tbody></table>`,
      'h1',
    ),
  );
  if (run.generation !== undefined) parts.push(...generationSections(run, examples));
  if (run.confusionMatrix !== undefined && run.labels !== undefined) {
    parts.push(section('confusion-matrix', 'Confusion matrix', confusionMatrixSvg(run.labels, run.confusionMatrix)));
  }
  if (run.calibration !== undefined) {
    parts.push(
      section(
        'calibration',
        'Calibration',
        `<p>ECE ${escapeHtml(num(run.calibration.expectedCalibrationError))}, MCE ${escapeHtml(num(run.calibration.maximumCalibrationError))}</p>${reliabilitySvg(run.calibration, `mean predicted probability of ${run.positive ?? 'the positive class'}`)}`,
      ),
    );
  }
  if (run.slices.length > 0) {
    const names = Object.keys(run.slices[0]?.metrics ?? {});
    parts.push(
      section(
        'slices',
        'Per-slice metrics',
        table(
          'Slices',
          ['slice', 'examples', ...names],
          run.slices.map((s) => [`${s.column}=${s.value}`, String(s.count), ...names.map((n) => num(s.metrics[n]))]),
          'slice-table',
        ),
      ),
    );
  }
  if (run.fairness !== undefined) {
    parts.push(
      section(
        'fairness',
        `Fairness: ${run.fairness.feature}`,
        `<p>Disparate impact ${escapeHtml(num(run.fairness.disparateImpact))} (four-fifths rule: ≥ 0.8)</p>${table(
          'Selection rate per group',
          ['group', 'examples', 'selection rate'],
          run.fairness.groups.map((g) => [g.group, String(g.count), num(g.selectionRate)]),
        )}`,
      ),
    );
  }
  if (run.leakage !== undefined && run.leakage.features.length > 0) {
    parts.push(
      section(
        'leakage',
        'Label leakage check',
        table(
          `Single-feature predictive power (flagged at ≥ ${run.leakage.threshold})`,
          ['feature', 'statistic', 'value', 'majority baseline', 'flagged'],
          run.leakage.features.map((f) => [
            f.feature,
            f.statistic,
            num(f.value),
            num(f.baseline),
            f.flagged ? 'yes' : 'no',
          ]),
        ),
      ),
    );
  }
  if (run.robustness !== undefined) {
    parts.push(
      section(
        'robustness',
        `Robustness (seed ${run.robustness.seed}): ${run.robustness.passed ? 'passed' : 'failed'}`,
        table(
          'Perturbations',
          ['perturbation', 'columns', 'invariance', 'expected', 'metric changes'],
          run.robustness.perturbations.map((p) => [
            p.perturbation,
            p.columns.join(', '),
            num(p.invariance),
            `≥ ${p.minInvariance}`,
            Object.entries(p.metricDeltas)
              .map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${num(v)}`)
              .join(', '),
          ]),
        ) +
          (run.robustness.directional.length === 0
            ? ''
            : table(
                'Directional expectations',
                ['column', 'change', 'expected score move', 'share', 'needed'],
                run.robustness.directional.map((d) => [
                  d.column,
                  `${d.delta >= 0 ? '+' : ''}${d.delta}`,
                  d.expect,
                  num(d.share),
                  `≥ ${d.minShare}`,
                ]),
              )),
      ),
    );
  }
  if (run.warnings.length > 0) {
    parts.push(
      section('warnings', 'Warnings', `<ul>${run.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`),
    );
  }
  return reportHtmlPage(`modelwatch run ${run.runId}: ${run.model.name} ${run.model.version}`, STYLE, parts);
}

/** A model text for a report: personal data redacted, at most `max` characters. */
function shown(text: string | number | undefined, max = 300): string {
  if (text === undefined) return '–';
  const t = redactPii(String(text));
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Horizontal bars of the judge's score counts 1–5. */
function scoreBarsSvg(rubric: string, counts: Readonly<Record<string, number>>): string {
  const max = Math.max(1, ...Object.values(counts));
  const bars = ['1', '2', '3', '4', '5']
    .map((k, i) => {
      const n = counts[k] ?? 0;
      const w = Math.round((n / max) * 240);
      const y = 6 + i * 22;
      return `<text class="tick" x="0" y="${y + 13}">${k}</text><rect x="16" y="${y}" width="${w}" height="16" fill="#3b6ea5"><title>score ${k}: ${n}</title></rect><text class="tick" x="${w + 22}" y="${y + 13}">${n}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(`judge ${rubric} score distribution`)}" width="320" height="120" viewBox="0 0 320 120">${bars}</svg>`;
}

function generationSections(run: EvalRun, examples: readonly RunExample[]): string[] {
  const g = run.generation;
  if (g === undefined) return [];
  const level = Math.round(run.confidenceLevel * 100);
  const parts: string[] = [];
  if (g.checks.length > 0) {
    parts.push(
      section(
        'checks',
        'Deterministic checks',
        table(
          `Pass rates (${level}% Wilson intervals)`,
          ['check', 'type', 'passed', 'examples', 'pass rate', 'interval'],
          g.checks.map((c) => [
            c.name,
            c.type,
            String(c.passed),
            String(c.total),
            num(c.passRate),
            `${num(c.low)} … ${num(c.high)}`,
          ]),
          'check-table',
        ),
      ),
    );
  }
  if (g.judge !== undefined) {
    const j = g.judge;
    parts.push(
      section(
        'judge',
        `LLM judge: ${j.provider} ${j.model}`,
        `<p class="meta">${j.usage.inputTokens} input and ${j.usage.outputTokens} output tokens${j.costUsd === undefined ? '' : `, $${escapeHtml(num(j.costUsd))}`} · ${j.cacheHits} cached answers · pass at score ≥ ${j.passScore}</p>${j.rubrics
          .map(
            (r) =>
              `<h3>${escapeHtml(r.rubric)}</h3><p>mean <span data-judge-mean="${escapeHtml(r.rubric)}">${escapeHtml(num(r.mean.value))}</span>${r.mean.low === undefined ? '' : ` (${level}% CI ${escapeHtml(num(r.mean.low))} … ${escapeHtml(num(r.mean.high))})`} over ${r.judged} judged examples; ${r.failed} could not be judged; ${r.reasked} re-asked</p>${scoreBarsSvg(r.rubric, r.counts)}`,
          )
          .join('')}`,
      ),
    );
  }
  if (g.usage !== undefined || g.costUsd !== undefined) {
    parts.push(
      section(
        'cost',
        'Tokens and cost of the model',
        `<p>${g.usage === undefined ? '' : `${g.usage.inputTokens} input and ${g.usage.outputTokens} output tokens. `}${g.costUsd === undefined ? 'Not priced.' : `$${escapeHtml(num(g.costUsd))} in total${g.pricedAs === undefined ? '' : ` (priced as ${escapeHtml(g.pricedAs)})`}.`}</p>`,
      ),
    );
  }
  const scored = examples.filter((e) => e.prediction !== undefined);
  if (scored.length > 0) {
    const failedChecks = (e: RunExample) => Object.entries(e.checks ?? {}).filter(([, v]) => !v.pass);
    const minJudge = (e: RunExample) =>
      Math.min(6, ...Object.values(e.judge ?? {}).flatMap((v) => ('score' in v ? [v.score] : [])));
    const worst = [...scored]
      .sort(
        (a, b) =>
          failedChecks(b).length - failedChecks(a).length ||
          minJudge(a) - minJudge(b) ||
          (a.scores?.f1 ?? 1) - (b.scores?.f1 ?? 1),
      )
      .slice(0, 10);
    parts.push(
      section(
        'worst-examples',
        'Worst examples',
        table(
          'Most failed checks, then lowest judge score, then lowest F1 (personal data redacted)',
          ['id', 'output', 'reference', 'failed checks', 'judge', 'F1'],
          worst.map((e) => [
            e.id,
            shown(e.prediction),
            shown(e.label),
            failedChecks(e)
              .map(([k, v]) => `${k}: ${v.reason}`)
              .join('; '),
            Object.entries(e.judge ?? {})
              .map(([k, v]) => ('score' in v ? `${k} ${v.score}: ${shown(v.rationale, 200)}` : `${k}: ${v.reason}`))
              .join('; '),
            num(e.scores?.f1),
          ]),
          'worst-table',
        ),
      ),
    );
  }
  return parts;
}

/**
 * A comparison of two runs as a self-contained HTML page: metric deltas with paired bootstrap
 * intervals, per-slice deltas of the primary metric, and the example-level regressions.
 */
export function comparisonHtmlReport(cmp: RunComparison, primaryMetric: string): string {
  const level = Math.round(cmp.confidenceLevel * 100);
  const cls = (worse: number) => (worse > 0 ? 'worse' : worse < 0 ? 'better' : '');
  const parts = [
    section(
      'summary',
      `Comparison: ${cmp.candidate.model} ${cmp.candidate.version} vs ${cmp.baseline.version}`,
      `<p class="meta">Candidate run ${escapeHtml(cmp.candidate.runId)} · baseline run ${escapeHtml(cmp.baseline.runId)} · dataset ${escapeHtml(`${cmp.dataset.name}@${cmp.dataset.version}`)} · ${cmp.paired} paired examples · ${cmp.regressions.length} regressions, ${cmp.improvements} improvements</p>
<table id="deltas"><caption>Metric deltas (candidate − baseline, ${level}% paired bootstrap intervals)</caption><thead><tr><th scope="col">metric</th><th scope="col">baseline</th><th scope="col">candidate</th><th scope="col">delta</th><th scope="col">interval</th></tr></thead><tbody>${cmp.metrics
        .map(
          (m) =>
            `<tr><th scope="row">${escapeHtml(m.metric)}</th><td>${escapeHtml(num(m.baseline))}</td><td>${escapeHtml(num(m.candidate))}</td><td class="${cls(m.higherIsBetter ? -m.delta : m.delta)}" data-delta="${escapeHtml(m.metric)}">${escapeHtml(num(m.delta))}</td><td>${m.low === undefined ? '' : `${escapeHtml(num(m.low))} … ${escapeHtml(num(m.high))}`}</td></tr>`,
        )
        .join('')}</tbody></table>`,
      'h1',
    ),
  ];
  const slices = cmp.slices.filter((s) => s.metric === primaryMetric);
  if (slices.length > 0) {
    parts.push(
      section(
        'slices',
        `Per-slice ${primaryMetric}`,
        table(
          'Slices',
          ['slice', 'examples', 'baseline', 'candidate', 'delta'],
          slices.map((s) => [
            `${s.column}=${s.value}`,
            String(s.count),
            num(s.baseline),
            num(s.candidate),
            num(s.delta),
          ]),
          'slice-deltas',
        ),
      ),
    );
  }
  const generation = cmp.regressions.some((r) => r.reasons !== undefined);
  parts.push(
    section(
      'regressions',
      `Regressions (${cmp.regressions.length})`,
      generation
        ? table(
            'Examples where a check that passed now fails or a judge score dropped (personal data redacted)',
            ['id', 'what regressed', 'baseline output', 'candidate output', 'slices'],
            cmp.regressions.slice(0, 500).map((r) => [
              r.id,
              (r.reasons ?? []).join('; '),
              shown(r.baseline),
              shown(r.candidate),
              Object.entries(r.slices)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
            ]),
            'regression-table',
          )
        : table(
            'Examples the baseline got right and the candidate gets wrong',
            ['id', 'label', 'baseline', 'candidate', 'slices'],
            cmp.regressions.slice(0, 500).map((r) => [
              r.id,
              String(r.label),
              String(r.baseline),
              String(r.candidate),
              Object.entries(r.slices)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
            ]),
            'regression-table',
          ),
    ),
  );
  return reportHtmlPage(`modelwatch comparison ${cmp.candidate.runId} vs ${cmp.baseline.runId}`, STYLE, parts);
}
