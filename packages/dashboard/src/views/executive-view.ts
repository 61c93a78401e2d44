import type {
  ExperimentRecordView,
  FeedbackRates,
  MonitorList,
  Overview,
  QualityReport,
  ScoreSummary,
  Slices,
} from '../api/api-types.js';
import { dataTable } from '../components/data-table.js';
import { el } from '../components/dom.js';
import { lineChart } from '../components/line-chart.js';
import { fill, panel } from '../components/panel.js';
import { badge, statTiles, type Tone } from '../components/stat-tiles.js';
import { formatCount, formatDelta, formatMs, formatNumber, formatPercent, formatUsd } from '../format.js';
import { bucketFor } from '../state/time-range.js';
import { fetchAlerts, fetchSloStatus, renderErrorBudget, renderSlaCompliance } from './shared-panels.js';
import { latestResults, monitorParams, queryParams, type View } from './view-context.js';

const DAY = 86_400_000;

/** Centred rolling mean over `k` points (NaN-free points only). */
export function rollingMean(values: readonly (number | null)[], k: number): (number | null)[] {
  const half = Math.floor(k / 2);
  return values.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      const v = values[j];
      if (v !== null && v !== undefined && !Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  });
}

/**
 * Executive: the five questions at a glance (healthy now? drifting? against baseline? cost?
 * experiments?) and seed 002's executive panels (accuracy, business KPI, error budget burn,
 * fairness, SLA compliance).
 */
export const executiveView: View = async (root, ctx) => {
  const span = ctx.window.to - ctx.window.from;
  const bucket = bucketFor(span);
  const previous = { from: ctx.window.from - span, to: ctx.window.from };

  const health = panel('health', 'Health now', { size: 'full' });
  const quality = panel('quality-trend', 'Quality against baseline', {
    size: 'wide',
    note: 'Accuracy of each evaluator window (labelled outcomes), its rolling mean, and the accuracy of the previous period of the same length as the baseline.',
  });
  const business = panel('business', 'Business signals (feedback)');
  const drift = panel('drift-summary', 'Is anything drifting?');
  const budget = panel('error-budget', 'Error budget burn');
  const sla = panel('sla', 'SLA compliance');
  const fairness = panel('fairness', 'Fairness overview', {
    size: 'wide',
    note: 'Accuracy and error rate per segment value; the gap is the largest minus the smallest across a segment key.',
  });
  const cost = panel('cost', 'Cost per day', { size: 'wide' });
  const experiments = panel('experiments-summary', 'Active experiments');
  root.append(...[health, quality, business, drift, budget, sla, fairness, cost, experiments].map((p) => p.root));

  const [overview, qualityNow, qualityBefore, feedback, scores, monitors, slices, slo, exps, alerts] = [
    ctx.api.get<Overview>('/v1/query/overview', queryParams(ctx, { bucket: bucket.param })),
    ctx.api.get<QualityReport>('/v1/query/quality', queryParams(ctx)),
    ctx.api.get<QualityReport>('/v1/query/quality', queryParams(ctx, previous)),
    ctx.api.get<FeedbackRates>('/v1/query/feedback', queryParams(ctx)),
    ctx.api.get<{ scores: readonly ScoreSummary[] }>('/v1/query/scores', queryParams(ctx)),
    ctx.api.get<MonitorList>('/v1/monitors', monitorParams(ctx)),
    ctx.api.get<Slices>('/v1/query/slices', queryParams(ctx, { minCount: 20, limit: 200 })),
    fetchSloStatus(ctx),
    ctx.api.get<{ experiments: readonly ExperimentRecordView[] }>('/v1/experiments'),
    fetchAlerts(ctx, 'firing'),
  ];

  const tasks: Promise<void>[] = [];
  tasks.push(
    Promise.all([overview, qualityNow, feedback, monitors, alerts]).then(([o, q, f, m, a]) =>
      fill(health, o, (ov) => {
        const t = ov.totals;
        const errorRate = t.requests === 0 ? null : t.errors / t.requests;
        const latest = m.ok ? latestResults(m.data.results) : [];
        const alerting = latest.filter((r) => r.status === 'alert').length;
        const warning = latest.filter((r) => r.status === 'warn').length;
        const firing = a.ok ? a.data.length : undefined;
        const tone: Tone =
          (firing ?? 0) > 0 || alerting > 0 ? 'alert' : warning > 0 ? 'warn' : m.ok || a.ok ? 'ok' : 'neutral';
        const verdict =
          tone === 'alert' ? 'Unhealthy' : tone === 'warn' ? 'Degraded' : tone === 'ok' ? 'Healthy' : 'Unknown';
        health.show(
          statTiles([
            {
              label: 'Status',
              value: verdict,
              tone,
              hint: m.ok
                ? `${alerting} monitors alerting, ${warning} warning${firing === undefined ? '' : `, ${firing} alerts firing`}`
                : `monitors: ${m.message}`,
            },
            {
              label: 'Requests',
              value: formatCount(t.requests),
              hint: `${formatNumber(t.requests / (span / 1000))} per second`,
            },
            {
              label: 'Error rate',
              value: formatPercent(errorRate),
              tone: errorRate === null ? 'neutral' : errorRate > 0.05 ? 'alert' : errorRate > 0.01 ? 'warn' : 'ok',
            },
            { label: 'Latency p95', value: formatMs(t.latencyP95) },
            {
              label: 'Accuracy',
              value: q.ok ? formatPercent(q.data.classification?.accuracy ?? null) : '—',
              hint: q.ok ? `${formatCount(q.data.withOutcome)} labelled` : q.message,
            },
            { label: 'Thumbs up', value: f.ok ? formatPercent(f.data.thumbsUpRate) : '—' },
            {
              label: 'Cost',
              value: formatUsd(t.costUsd),
              hint: `${formatCount(t.inputTokens + t.outputTokens)} tokens`,
            },
          ]),
        );
      }),
    ),
  );

  tasks.push(
    Promise.all([monitors, qualityNow, qualityBefore]).then(([m, q, qb]) =>
      fill(quality, m, (list) => {
        const rows = list.results.filter(
          (r) => r.monitor === 'quality.accuracy' && r.segment === undefined && r.value !== null,
        );
        const baseline = qb.ok ? (qb.data.classification?.accuracy ?? null) : null;
        const now = q.ok ? (q.data.classification?.accuracy ?? null) : null;
        if (rows.length === 0) {
          quality.show(
            statTiles([
              { label: 'Accuracy (window)', value: formatPercent(now) },
              { label: 'Baseline (previous period)', value: formatPercent(baseline) },
              { label: 'Change', value: formatDelta(now !== null && baseline !== null ? now - baseline : null, true) },
            ]),
            el('p', { class: 'muted' }, 'No accuracy from the evaluator in this window yet.'),
          );
          return;
        }
        const series = new Map<string, Map<number, number>>();
        const times = [...new Set(rows.map((r) => r.at))].sort((a, b) => a - b);
        for (const r of rows) {
          const key = `${r.model} ${r.version}`;
          if (!series.has(key)) series.set(key, new Map());
          series.get(key)?.set(r.at, r.value as number);
        }
        const lines = [...series.entries()].map(([label, byTime]) => ({
          label,
          values: times.map((t) => byTime.get(t) ?? null),
        }));
        const first = lines[0];
        quality.show(
          statTiles([
            { label: 'Accuracy (window)', value: formatPercent(now) },
            { label: 'Baseline (previous period)', value: formatPercent(baseline) },
            {
              label: 'Change',
              value: formatDelta(now !== null && baseline !== null ? now - baseline : null, true),
              tone:
                now !== null && baseline !== null
                  ? now - baseline < -0.05
                    ? 'alert'
                    : now - baseline < -0.02
                      ? 'warn'
                      : 'ok'
                  : 'neutral',
            },
          ]),
          lineChart({
            label: `Accuracy over time for ${lines.map((l) => l.label).join(', ')}`,
            x: times,
            series: [
              ...lines,
              ...(first === undefined
                ? []
                : [{ label: `${first.label} rolling mean`, values: rollingMean(first.values, 5), dashed: true }]),
              ...(baseline === null
                ? []
                : [{ label: 'baseline', values: times.map(() => baseline), dashed: true, color: '#4d5a66' }]),
            ],
            format: (y) => formatPercent(y),
            yRange: [0, 1],
          }),
        );
      }),
    ),
  );

  tasks.push(
    Promise.all([feedback, scores]).then(([f, s]) =>
      fill(business, f, (fb) => {
        business.show(
          statTiles([
            {
              label: 'Thumbs-up rate',
              value: formatPercent(fb.thumbsUpRate),
              hint: `${formatCount(fb.thumbsUp)} up, ${formatCount(fb.thumbsDown)} down`,
            },
            {
              label: 'Escalations per request',
              value: formatPercent(fb.escalationsPerEvent),
              hint: `${formatCount(fb.escalations)} escalations`,
            },
            {
              label: 'Corrections per request',
              value: formatPercent(fb.correctionsPerEvent),
              hint: `${formatCount(fb.corrections)} corrections`,
            },
          ]),
          s.ok && s.data.scores.length > 0
            ? dataTable(
                'Judge and human scores',
                [
                  { header: 'Score', cell: (x) => `${x.name} (${x.source})` },
                  { header: 'Mean', cell: (x) => formatNumber(x.mean), numeric: true },
                  { header: 'Count', cell: (x) => formatCount(x.count), numeric: true },
                ],
                s.data.scores,
              )
            : el('p', { class: 'muted' }, s.ok ? 'No scores in this window.' : `Scores not available: ${s.message}`),
        );
      }),
    ),
  );

  tasks.push(
    monitors.then((m) =>
      fill(drift, m, (list) => {
        const latest = latestResults(list.results).filter((r) => r.monitor === 'drift.share');
        if (latest.length === 0) {
          drift.empty(
            'No drift result in this window (a baseline is needed; the evaluator compares each window with it).',
          );
          return;
        }
        drift.show(
          dataTable(
            'Share of drifted columns per model version',
            [
              { header: 'Model', cell: (r) => `${r.model} ${r.version}` },
              { header: 'Drifted columns', cell: (r) => formatPercent(r.value), numeric: true },
              {
                header: 'Status',
                cell: (r) =>
                  badge(
                    r.status,
                    r.status === 'alert'
                      ? 'alert'
                      : r.status === 'warn'
                        ? 'warn'
                        : r.status === 'ok'
                          ? 'ok'
                          : 'neutral',
                  ),
              },
            ],
            latest,
          ),
        );
      }),
    ),
  );

  tasks.push(slo.then((r) => renderErrorBudget(budget, r)));
  tasks.push(slo.then((r) => renderSlaCompliance(sla, r)));

  tasks.push(
    slices.then((r) =>
      fill(fairness, r, (s) => {
        const byKey = new Map<string, (typeof s.slices)[number][]>();
        for (const x of s.slices) byKey.set(x.key, [...(byKey.get(x.key) ?? []), x]);
        if (byKey.size === 0) {
          fairness.empty('No segment has enough requests in this window.');
          return;
        }
        const gap = (xs: readonly (number | null)[]) => {
          const v = xs.filter((x): x is number => x !== null);
          return v.length < 2 ? null : Math.max(...v) - Math.min(...v);
        };
        const rows = [...byKey.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, xs]) => ({
            key,
            values: xs.sort((a, b) => (a.value < b.value ? -1 : 1)),
            accuracyGap: gap(xs.map((x) => x.accuracy)),
            errorGap: gap(xs.map((x) => x.errorRate)),
          }));
        fairness.show(
          dataTable(
            'Accuracy and error rate per segment',
            [
              { header: 'Segment', cell: (x) => x.key },
              {
                header: 'Accuracy per value',
                cell: (x) => x.values.map((v) => `${v.value} ${formatPercent(v.accuracy)}`).join(' · '),
              },
              {
                header: 'Accuracy gap',
                cell: (x) =>
                  el(
                    'span',
                    {},
                    formatDelta(x.accuracyGap, true),
                    ' ',
                    badge(
                      x.accuracyGap === null
                        ? 'n/a'
                        : x.accuracyGap > 0.1
                          ? 'alert'
                          : x.accuracyGap > 0.05
                            ? 'warn'
                            : 'ok',
                      x.accuracyGap === null
                        ? 'neutral'
                        : x.accuracyGap > 0.1
                          ? 'alert'
                          : x.accuracyGap > 0.05
                            ? 'warn'
                            : 'ok',
                    ),
                  ),
                numeric: true,
              },
              { header: 'Error-rate gap', cell: (x) => formatDelta(x.errorGap, true), numeric: true },
            ],
            rows,
          ),
        );
      }),
    ),
  );

  tasks.push(
    overview.then((r) =>
      fill(cost, r, (ov) => {
        const perDay = (ov.totals.costUsd * DAY) / span;
        const requests = ov.totals.requests;
        cost.show(
          statTiles([
            {
              label: 'Cost per day',
              value: formatUsd(perDay),
              hint: `at this window's rate; ${formatUsd(ov.totals.costUsd)} in the window`,
            },
            { label: 'Cost per request', value: formatUsd(requests === 0 ? null : ov.totals.costUsd / requests) },
            {
              label: 'Tokens per request',
              value: formatNumber(requests === 0 ? null : (ov.totals.inputTokens + ov.totals.outputTokens) / requests),
            },
          ]),
          lineChart({
            label: `Cost per ${bucket.param} bucket`,
            x: ov.buckets.map((b) => b.start),
            series: [{ label: `cost per ${bucket.param}`, values: ov.buckets.map((b) => b.costUsd) }],
            format: (y) => formatUsd(y),
            height: 160,
          }),
        );
      }),
    ),
  );

  tasks.push(
    exps.then((r) =>
      fill(experiments, r, (d) => {
        const running = d.experiments.filter((e) => e.status === 'running');
        if (running.length === 0) {
          experiments.empty(`No experiment is running (${d.experiments.length} defined).`);
          return;
        }
        experiments.show(
          el(
            'ul',
            { class: 'plain' },
            ...running.map((e) =>
              el(
                'li',
                {},
                el('a', { href: `#/experiments?experiment=${encodeURIComponent(e.id ?? '')}` }, e.id ?? '?'),
                ` — ${e.type ?? ''}, ${e.variants.map((v) => v.name).join(' vs ') ?? ''}`,
              ),
            ),
          ),
        );
      }),
    ),
  );
  await Promise.all(tasks);
};
