import type {
  ErrorTypeCount,
  ExperimentRecordView,
  ModelVersionSummary,
  MonitorList,
  Overview,
  QualityReport,
} from '../api/api-types.js';
import { barList } from '../components/bar-list.js';
import { dataTable } from '../components/data-table.js';
import { el } from '../components/dom.js';
import { lineChart } from '../components/line-chart.js';
import { fill, panel } from '../components/panel.js';
import { badge, statTiles, type Tone } from '../components/stat-tiles.js';
import { formatCount, formatDelta, formatMs, formatPercent, formatTime } from '../format.js';
import { DRIFT_FEATURE_PREFIX } from '../state/drift-grid.js';
import { bucketFor } from '../state/time-range.js';
import { fetchAlerts, renderAlerts } from './shared-panels.js';
import { latestResults, monitorParams, queryParams, type View } from './view-context.js';

const STATUS_TONE: Readonly<Record<string, Tone>> = { ok: 'ok', warn: 'warn', alert: 'alert', skipped: 'neutral' };

/** On-call: seed 002's panels (p95 latency, error rate, model health, feature missing rate, active canary delta) and the firing alerts. */
export const oncallView: View = async (root, ctx) => {
  const bucket = bucketFor(ctx.window.to - ctx.window.from);
  const alertsPanel = panel('firing-alerts', 'Firing alerts', { size: 'full' });
  const latency = panel('latency', 'Latency p50 / p95 / p99', { size: 'wide' });
  const errors = panel('errors', 'Error rate by type');
  const errorTrend = panel('error-trend', 'Error rate over time', { size: 'wide' });
  const health = panel('model-health', 'Model health', { size: 'wide' });
  const missing = panel('missing-rate', 'Feature missing rate', {
    note: 'Share of events without the feature in the latest evaluator window.',
  });
  const canary = panel('canary', 'Active canary', { size: 'wide' });
  root.append(...[alertsPanel, latency, errorTrend, errors, health, missing, canary].map((p) => p.root));

  const overview = ctx.api.get<Overview>('/v1/query/overview', queryParams(ctx, { bucket: bucket.param }));
  const errorTypes = ctx.api.get<{ errors: readonly ErrorTypeCount[] }>('/v1/query/errors', queryParams(ctx));
  const models = ctx.api.get<{ models: readonly ModelVersionSummary[] }>('/v1/query/models', queryParams(ctx));
  const monitors = ctx.api.get<MonitorList>('/v1/monitors', monitorParams(ctx));
  const alerts = fetchAlerts(ctx, 'firing');
  // The canary against production over the same window and filters (variant replaced).
  const variantTotals = (variant: string) =>
    ctx.api.get<Overview>('/v1/query/overview', queryParams(ctx, { bucket: bucket.param, variant }));
  const canaryOverview = variantTotals('canary');
  const stableOverview = variantTotals('production');
  const canaryQuality = ctx.api.get<QualityReport>('/v1/query/quality', queryParams(ctx, { variant: 'canary' }));
  const stableQuality = ctx.api.get<QualityReport>('/v1/query/quality', queryParams(ctx, { variant: 'production' }));
  const experiments = ctx.api.get<{ experiments: readonly ExperimentRecordView[] }>('/v1/experiments');

  const tasks: Promise<void>[] = [];
  tasks.push(alerts.then((r) => renderAlerts(alertsPanel, r, ctx.now)));
  tasks.push(
    overview.then((r) =>
      fill(latency, r, (ov) => {
        if (ov.buckets.length === 0) return latency.empty('No requests in this window.');
        const x = ov.buckets.map((b) => b.start);
        latency.show(
          statTiles([
            { label: 'p50', value: formatMs(ov.totals.latencyP50) },
            { label: 'p95', value: formatMs(ov.totals.latencyP95) },
            { label: 'p99', value: formatMs(ov.totals.latencyP99) },
          ]),
          lineChart({
            label: `Latency percentiles per ${bucket.param}: p95 over the window ${formatMs(ov.totals.latencyP95)}`,
            x,
            series: [
              { label: 'p50', values: ov.buckets.map((b) => b.latencyP50) },
              { label: 'p95', values: ov.buckets.map((b) => b.latencyP95) },
              { label: 'p99', values: ov.buckets.map((b) => b.latencyP99) },
            ],
            format: formatMs,
          }),
          el(
            'p',
            { class: 'muted' },
            `Percentiles ${ov.method === 'rollup' ? 'from per-minute rollups (±1 %)' : 'exact'}.`,
          ),
        );
      }),
    ),
  );
  tasks.push(
    overview.then((r) =>
      fill(errorTrend, r, (ov) => {
        if (ov.buckets.length === 0) return errorTrend.empty('No requests in this window.');
        const rate = ov.totals.requests === 0 ? null : ov.totals.errors / ov.totals.requests;
        errorTrend.show(
          statTiles([
            {
              label: 'Error rate',
              value: formatPercent(rate),
              tone: rate === null ? 'neutral' : rate > 0.05 ? 'alert' : rate > 0.01 ? 'warn' : 'ok',
            },
            { label: 'Errors', value: formatCount(ov.totals.errors) },
            { label: 'Requests', value: formatCount(ov.totals.requests) },
          ]),
          lineChart({
            label: `Error rate per ${bucket.param}`,
            x: ov.buckets.map((b) => b.start),
            series: [
              {
                label: 'error rate',
                values: ov.buckets.map((b) => (b.requests === 0 ? null : b.errors / b.requests)),
                color: '#cf222e',
              },
            ],
            format: (y) => formatPercent(y),
            height: 160,
          }),
        );
      }),
    ),
  );
  tasks.push(
    errorTypes.then((r) =>
      fill(errors, r, (d) => {
        if (d.errors.length === 0)
          return errors.show(el('p', { class: 'all-clear' }, badge('ok', 'ok'), ' No failed request in this window.'));
        errors.show(
          barList(
            'Failed requests per error type',
            d.errors.map((e) => ({
              label: e.errorType,
              value: e.count,
              text: `${formatCount(e.count)} (${formatPercent(e.share)})`,
              tone: 'alert' as const,
            })),
          ),
        );
      }),
    ),
  );
  tasks.push(
    Promise.all([models, monitors]).then(([r, m]) =>
      fill(health, r, (d) => {
        if (d.models.length === 0) return health.empty('No traffic in this window.');
        const latest = m.ok ? latestResults(m.data.results) : [];
        const worst = (model: string, version: string): string => {
          const mine = latest.filter((x) => x.model === model && x.version === version);
          const order = ['alert', 'warn', 'ok', 'skipped'];
          for (const s of order) if (mine.some((x) => x.status === s)) return s;
          return 'unknown';
        };
        const flagged = (model: string, version: string) =>
          latest
            .filter((x) => x.model === model && x.version === version && (x.status === 'alert' || x.status === 'warn'))
            .map((x) => x.monitor)
            .slice(0, 4)
            .join(', ');
        health.show(
          dataTable(
            'Model versions serving in this window',
            [
              { header: 'Model', cell: (x) => x.model },
              { header: 'Version', cell: (x) => x.version },
              { header: 'Variant', cell: (x) => x.variant },
              { header: 'Requests', cell: (x) => formatCount(x.requests), numeric: true },
              {
                header: 'Error rate',
                cell: (x) => formatPercent(x.requests === 0 ? null : x.errors / x.requests),
                numeric: true,
              },
              { header: 'Last seen', cell: (x) => formatTime(x.lastSeen, ctx.now) },
              {
                header: 'Monitors',
                cell: (x) => {
                  const s = m.ok ? worst(x.model, x.version) : 'unknown';
                  return el('span', {}, badge(s, STATUS_TONE[s] ?? 'neutral'), ' ', flagged(x.model, x.version));
                },
              },
            ],
            d.models,
          ),
          m.ok ? el('span') : el('p', { class: 'unavailable' }, `Monitor status not available: ${m.message}`),
        );
      }),
    ),
  );
  tasks.push(
    monitors.then((m) =>
      fill(missing, m, (d) => {
        const rows = latestResults(d.results).filter(
          (r) => r.monitor.startsWith(DRIFT_FEATURE_PREFIX) && typeof r.details.missingRate === 'number',
        );
        if (rows.length === 0)
          return missing.empty('No drift evaluation (which measures missing values) in this window.');
        const multi = new Set(rows.map((r) => `${r.model} ${r.version}`)).size > 1;
        missing.show(
          barList(
            'Missing rate per feature',
            rows
              .map((r) => ({
                label: `${r.monitor.slice(DRIFT_FEATURE_PREFIX.length)}${multi ? ` (${r.model} ${r.version})` : ''}`,
                value: r.details.missingRate as number,
              }))
              .sort((a, b) => b.value - a.value)
              .map((b) => ({
                ...b,
                text: formatPercent(b.value),
                tone: b.value > 0.05 ? ('warn' as const) : ('neutral' as const),
              })),
          ),
        );
      }),
    ),
  );
  tasks.push(
    Promise.all([canaryOverview, stableOverview, canaryQuality, stableQuality, experiments]).then(
      ([c, s, cq, sq, ex]) =>
        fill(canary, c, (co) => {
          const running = ex.ok ? ex.data.experiments.filter((e) => e.type === 'canary' && e.status === 'running') : [];
          if (co.totals.requests === 0 && running.length === 0) {
            return canary.empty('No canary traffic in this window.');
          }
          const so = s.ok ? s.data.totals : undefined;
          const rate = (t?: Overview['totals']) => (t === undefined || t.requests === 0 ? null : t.errors / t.requests);
          const acc = (q: typeof cq) => (q.ok ? (q.data.classification?.accuracy ?? null) : null);
          const d = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
          const errDelta = d(rate(co.totals), rate(so));
          const accDelta = d(acc(cq), acc(sq));
          const p95Delta = d(co.totals.latencyP95, so?.latencyP95 ?? null);
          const share = so === undefined ? null : co.totals.requests / (co.totals.requests + so.requests);
          canary.show(
            statTiles([
              {
                label: 'Canary share of traffic',
                value: formatPercent(share),
                hint: `${formatCount(co.totals.requests)} canary requests`,
              },
              {
                label: 'Error rate delta',
                value: formatDelta(errDelta, true),
                hint: `canary ${formatPercent(rate(co.totals))} vs production ${formatPercent(rate(so))}`,
                tone: errDelta === null ? 'neutral' : errDelta > 0.01 ? 'alert' : errDelta > 0.002 ? 'warn' : 'ok',
              },
              {
                label: 'p95 latency delta',
                value: p95Delta === null ? '—' : `${p95Delta >= 0 ? '+' : '−'}${formatMs(Math.abs(p95Delta))}`,
                hint: `canary ${formatMs(co.totals.latencyP95)} vs production ${formatMs(so?.latencyP95)}`,
              },
              {
                label: 'Accuracy delta',
                value: formatDelta(accDelta, true),
                hint: `canary ${formatPercent(acc(cq))} vs production ${formatPercent(acc(sq))}`,
                tone: accDelta === null ? 'neutral' : accDelta < -0.05 ? 'alert' : accDelta < -0.02 ? 'warn' : 'ok',
              },
            ]),
            running.length === 0
              ? el(
                  'p',
                  { class: 'muted' },
                  ex.ok
                    ? 'No canary rollout is defined; deltas are canary vs production traffic.'
                    : `Experiments not available: ${ex.message}`,
                )
              : el(
                  'p',
                  {},
                  'Rollout: ',
                  ...running.map((e) =>
                    el('a', { href: `#/experiments?experiment=${encodeURIComponent(e.id ?? '')}` }, e.id ?? ''),
                  ),
                  ' (state and steps in Experiments).',
                ),
          );
        }),
    ),
  );
  await Promise.all(tasks);
};
