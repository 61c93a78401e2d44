import type {
  Distributions,
  EventDetail,
  EventSample,
  FeatureDistribution,
  Histogram,
  MonitorList,
  OodSamples,
  QualityDetail,
  ScoreSummary,
  Slices,
} from '../api/api-types.js';
import { barList } from '../components/bar-list.js';
import { type Column, dataTable } from '../components/data-table.js';
import { distributionCompare } from '../components/distribution-compare.js';
import { el } from '../components/dom.js';
import { driftHeatmap } from '../components/drift-heatmap.js';
import { lineChart } from '../components/line-chart.js';
import { fill, type Panel, panel } from '../components/panel.js';
import { badge, statTiles } from '../components/stat-tiles.js';
import { formatCount, formatDelta, formatMs, formatNumber, formatPercent, formatTime } from '../format.js';
import { DRIFT_FEATURE_PREFIX, driftGrid } from '../state/drift-grid.js';
import { latestResults, monitorParams, queryParams, type View, type ViewContext } from './view-context.js';

/** Columns of the drift heat-map. */
const HEATMAP_COLUMNS = 30;

function histogramBars(label: string, h: Histogram, format: (x: number) => string): HTMLElement {
  return barList(
    label,
    h.counts.map((c, i) => ({
      label: `${format(h.edges[i] as number)}–${format(h.edges[i + 1] as number)}`,
      value: c,
      text: formatCount(c),
    })),
  );
}

/**
 * Debug: confusion matrix, reliability diagram, per-feature drift against the baseline, the drift
 * heat-map (features × time), prediction and input distributions, the lowest-scored and failed
 * samples with drill-down to the event, and a slice explorer.
 */
export const debugView: View = async (root, ctx) => {
  const heatmap = panel('drift-heatmap', 'Drift heat-map (features × time)', {
    size: 'full',
    note: 'Each feature against the model version’s baseline, per evaluator window: the decision of the column’s drift test (Evidently’s choice of test).',
  });
  const confusion = panel('confusion', 'Confusion matrix', { size: 'wide' });
  const reliability = panel('reliability', 'Reliability diagram');
  const features = panel('feature-drift', 'Input distributions against baseline', {
    size: 'wide',
    note: 'Latest evaluator window, per feature: the drift test chosen for the column, its statistic against the threshold, PSI and missing values.',
  });
  const histogram = panel('feature-histogram', 'Feature distribution against baseline', {
    size: 'wide',
    note: 'One feature of the window’s most recent events (up to 5 000) next to the version’s baseline profile; the most drifted feature first.',
  });
  const predictions = panel('predictions', 'Prediction distribution');
  const inputs = panel('input-length', 'Input length distribution');
  const lowest = panel('lowest-scored', 'Lowest-scored samples', { size: 'wide' });
  const failed = panel('failed-samples', 'Recent failed requests');
  const ood = panel('ood-samples', 'Recent out-of-distribution samples', {
    size: 'wide',
    note: 'The window’s most recent events (up to 5 000) scored against their version’s baseline: baseline IQRs outside its 0.5–99.5 % range, or a category it never saw (docs/MONITORING.md).',
  });
  const slicesPanel = panel('slices', 'Slice explorer', {
    size: 'full',
    note: 'Segment slices ranked by how much worse they are than the whole window (error rate, accuracy, p95 latency). Choose one to filter every view by it.',
  });
  root.append(
    ...[
      heatmap,
      confusion,
      reliability,
      features,
      histogram,
      predictions,
      inputs,
      lowest,
      failed,
      ood,
      slicesPanel,
    ].map((p) => p.root),
  );

  const drift = ctx.api.get<MonitorList>('/v1/monitors', monitorParams(ctx, `${DRIFT_FEATURE_PREFIX}*`));
  const detail = ctx.api.get<QualityDetail>('/v1/dashboard/quality-detail', queryParams(ctx));
  const dist = ctx.api.get<Distributions>('/v1/query/distributions', queryParams(ctx, { bins: 12 }));
  const scores = ctx.api.get<{ scores: readonly ScoreSummary[] }>('/v1/query/scores', queryParams(ctx));
  const errors = ctx.api.get<{ samples: readonly EventSample[] }>(
    '/v1/query/samples',
    queryParams(ctx, { kind: 'errors', limit: 10 }),
  );
  const slices = ctx.api.get<Slices>('/v1/query/slices', queryParams(ctx, { minCount: 50, limit: 25 }));
  const oodSamples = ctx.api.get<OodSamples>('/v1/query/samples', queryParams(ctx, { kind: 'ood', limit: 10 }));

  const tasks: Promise<void>[] = [];
  tasks.push(
    drift.then((r) =>
      fill(heatmap, r, (d) => {
        const grid = driftGrid(d.results, ctx.window, HEATMAP_COLUMNS);
        if (grid.features.length === 0) {
          return heatmap.empty(
            'No feature drift result in this window (the evaluator needs a baseline for the model version).',
          );
        }
        heatmap.show(
          driftHeatmap(
            grid,
            `Drift per feature (rows) and time (columns) from ${formatTime(ctx.window.from)} to ${formatTime(ctx.window.to)}`,
          ),
        );
      }),
    ),
  );
  tasks.push(
    drift.then((r) =>
      fill(features, r, (d) => {
        const latest = latestResults(d.results).filter((x) => x.monitor.startsWith(DRIFT_FEATURE_PREFIX));
        if (latest.length === 0) return features.empty('No feature drift result in this window.');
        const n = (x: unknown) => (typeof x === 'number' ? x : null);
        features.show(
          dataTable(
            'Per-feature drift against the baseline',
            [
              { header: 'Feature', cell: (x) => x.monitor.slice(DRIFT_FEATURE_PREFIX.length) },
              { header: 'Model', cell: (x) => `${x.model} ${x.version}` },
              { header: 'Test', cell: (x) => String(x.details.method ?? '—') },
              { header: 'Statistic', cell: (x) => formatNumber(n(x.details.statistic)), numeric: true },
              { header: 'Threshold', cell: (x) => formatNumber(n(x.details.threshold)), numeric: true },
              { header: 'PSI', cell: (x) => formatNumber(x.value), numeric: true },
              { header: 'Missing', cell: (x) => formatPercent(n(x.details.missingRate)), numeric: true },
              {
                header: 'Rows (ref / now)',
                cell: (x) => `${formatCount(n(x.details.referenceCount))} / ${formatCount(n(x.details.currentCount))}`,
                numeric: true,
              },
              {
                header: 'Drift',
                cell: (x) =>
                  badge(
                    x.status,
                    x.status === 'alert'
                      ? 'alert'
                      : x.status === 'warn'
                        ? 'warn'
                        : x.status === 'ok'
                          ? 'ok'
                          : 'neutral',
                  ),
              },
            ],
            latest.sort((a, b) => (b.value ?? -1) - (a.value ?? -1)),
          ),
        );
      }),
    ),
  );
  tasks.push(
    detail.then((r) => {
      fill(confusion, r, (d) => {
        const c = d.confusion;
        if (c === undefined || c.labels.length === 0) return confusion.empty('No labelled outcome in this window.');
        const rowTotals = c.matrix.map((row) => row.reduce((a, b) => a + b, 0));
        confusion.show(
          el(
            'div',
            { class: 'table-wrap' },
            el(
              'table',
              { class: 'matrix' },
              el(
                'caption',
                {},
                `Actual (rows) × predicted (columns), ${formatCount(d.labelled)} labelled events; per-class recall on the right.`,
              ),
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', { scope: 'col' }, 'actual \\ predicted'),
                  ...c.labels.map((l) => el('th', { scope: 'col', class: 'num' }, l)),
                  el('th', { scope: 'col', class: 'num' }, 'recall'),
                ),
              ),
              el(
                'tbody',
                {},
                ...c.matrix.map((row, i) =>
                  el(
                    'tr',
                    {},
                    el('th', { scope: 'row' }, c.labels[i] as string),
                    ...row.map((v, j) => {
                      const share = (rowTotals[i] as number) === 0 ? 0 : v / (rowTotals[i] as number);
                      const diagonal = i === j;
                      return el('td', { style: `background:${shade(share, diagonal)}` }, formatCount(v));
                    }),
                    el(
                      'td',
                      {},
                      formatPercent(
                        (rowTotals[i] as number) === 0 ? null : (row[i] as number) / (rowTotals[i] as number),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        );
      });
      fill(reliability, r, (d) => {
        const rel = d.reliability;
        if (rel === undefined || rel.bins.length === 0)
          return reliability.empty('No labelled outcome with a predicted score in this window.');
        const x = rel.bins.map((b) => b.meanPredicted);
        reliability.show(
          statTiles([
            { label: 'Expected calibration error', value: formatNumber(rel.expectedCalibrationError) },
            {
              label: 'Events',
              value: formatCount(rel.count),
              hint: rel.kind === 'binary' ? 'positive class' : 'confidence of the predicted label',
            },
          ]),
          lineChart({
            label: `Reliability diagram: observed frequency against mean predicted probability in ${rel.bins.length} bins; ECE ${formatNumber(rel.expectedCalibrationError)}`,
            x,
            time: false,
            series: [
              { label: 'observed', values: rel.bins.map((b) => b.observedFrequency) },
              { label: 'perfect calibration', values: x, dashed: true, color: '#4d5a66' },
            ],
            xRange: [0, 1],
            yRange: [0, 1],
            format: (y) => formatNumber(y, 2),
          }),
        );
      });
    }),
  );
  tasks.push(
    dist.then((r) => {
      fill(predictions, r, (d) => {
        const p = d.predictions;
        const total = p.labels.reduce((a, l) => a + l.count, 0);
        if (total === 0 && p.scores.count === 0 && p.values.count === 0)
          return predictions.empty('No prediction in this window.');
        predictions.show(
          total > 0
            ? barList(
                'Predicted labels',
                p.labels.map((l) => ({
                  label: l.label,
                  value: l.count,
                  text: `${formatCount(l.count)} (${formatPercent(l.count / total)})`,
                })),
              )
            : el('span'),
          p.scores.count > 0 ? el('h3', { class: 'muted' }, 'Predicted score') : null,
          p.scores.count > 0 ? histogramBars('Predicted score histogram', p.scores, (x) => formatNumber(x, 2)) : null,
          p.values.count > 0 ? el('h3', { class: 'muted' }, 'Predicted value') : null,
          p.values.count > 0 ? histogramBars('Predicted value histogram', p.values, (x) => formatNumber(x)) : null,
        );
      });
      fill(inputs, r, (d) => {
        if (d.inputLength.count === 0)
          return inputs.empty('No text input in this window (feature inputs are in the drift panels).');
        inputs.show(
          histogramBars('Input length histogram (characters)', d.inputLength, (x) => formatCount(Math.round(x))),
        );
      });
    }),
  );
  tasks.push(
    scores.then(async (s) => {
      if (!s.ok) return lowest.unavailable(s.message);
      const name = s.data.scores[0]?.name;
      if (name === undefined) return lowest.empty('No judge or human score in this window.');
      const r = await ctx.api.get<{ samples: readonly EventSample[] }>(
        '/v1/query/samples',
        queryParams(ctx, { kind: 'lowest_score', score: name, limit: 10 }),
      );
      fill(lowest, r, (d) => samplesTable(lowest, ctx, d.samples, `score ${name}`));
    }),
  );
  tasks.push(errors.then((r) => fill(failed, r, (d) => samplesTable(failed, ctx, d.samples))));
  tasks.push(oodSamples.then((r) => fill(ood, r, (d) => oodTable(ood, ctx, d))));
  tasks.push(
    drift.then(async (r) => {
      // The most drifted feature (highest PSI in the latest window) first; the server picks otherwise.
      const latest = r.ok
        ? latestResults(r.data.results)
            .filter((x) => x.monitor.startsWith(DRIFT_FEATURE_PREFIX) && x.value !== null)
            .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
        : [];
      await showFeatureHistogram(histogram, ctx, latest[0]?.monitor.slice(DRIFT_FEATURE_PREFIX.length));
    }),
  );
  tasks.push(
    slices.then((r) =>
      fill(slicesPanel, r, (d) => {
        if (d.slices.length === 0) return slicesPanel.empty('No slice has enough requests in this window.');
        slicesPanel.show(
          statTiles([
            { label: 'Window error rate', value: formatPercent(d.window.errorRate) },
            { label: 'Window accuracy', value: formatPercent(d.window.accuracy) },
            { label: 'Window p95', value: formatMs(d.window.latencyP95) },
          ]),
          dataTable(
            'Slices, worst first',
            [
              {
                header: 'Slice',
                cell: (x) =>
                  el(
                    'button',
                    {
                      type: 'button',
                      class: 'row-link',
                      onclick: () => ctx.navigate({ segment: { ...ctx.state.segment, [x.key]: x.value } }),
                    },
                    `${x.key}=${x.value}`,
                  ),
              },
              { header: 'Requests', cell: (x) => formatCount(x.requests), numeric: true },
              { header: 'Error rate', cell: (x) => formatPercent(x.errorRate), numeric: true },
              { header: 'Accuracy', cell: (x) => formatPercent(x.accuracy), numeric: true },
              {
                header: 'vs window',
                cell: (x) =>
                  formatDelta(
                    x.accuracy === null || d.window.accuracy === null ? null : x.accuracy - d.window.accuracy,
                    true,
                  ),
                numeric: true,
              },
              { header: 'p95', cell: (x) => formatMs(x.latencyP95), numeric: true },
              { header: 'Degradation', cell: (x) => formatNumber(x.score), numeric: true },
            ],
            d.slices,
          ),
        );
      }),
    ),
  );
  if (ctx.state.event !== undefined) tasks.push(openEvent(ctx, ctx.state.event));
  await Promise.all(tasks);
};

/** Fetches one feature's distribution against the baseline and draws it, with a feature chooser. */
async function showFeatureHistogram(p: Panel, ctx: ViewContext, feature: string | undefined): Promise<void> {
  const r = await ctx.api.get<FeatureDistribution>(
    '/v1/query/feature-distribution',
    queryParams(ctx, { feature, bins: 20 }),
  );
  if (!r.ok && r.reason === 'error' && r.status === 404) {
    // A drifted feature of another version's baseline: let the server choose one of this baseline's.
    if (feature !== undefined) return showFeatureHistogram(p, ctx, undefined);
    return p.empty(`No baseline to compare with: ${r.message}`);
  }
  fill(p, r, (d) => {
    const chooser = el(
      'select',
      {
        id: 'feature-histogram-feature',
        onchange: (ev) => {
          void showFeatureHistogram(p, ctx, (ev.target as HTMLSelectElement).value);
        },
      },
      ...d.features.map((f) => el('option', { value: f, selected: f === d.feature }, f)),
    );
    const bins =
      d.kind === 'numerical'
        ? d.bins.map((b) => ({ label: `${formatNumber(b.low, 3)} – ${formatNumber(b.high, 3)}`, ...b }))
        : [
            ...d.categories.map((c) => ({ label: c.value, baseline: c.baseline, window: c.window })),
            ...(d.other.window + d.other.baseline > 0
              ? [{ label: 'other', baseline: d.other.baseline, window: d.other.window }]
              : []),
          ];
    const missing = (x: { rows: number; missing: number }) => (x.rows === 0 ? null : x.missing / x.rows);
    p.show(
      el('p', {}, el('label', { for: 'feature-histogram-feature' }, 'Feature '), chooser, ` ${d.model} ${d.version}`),
      statTiles([
        { label: 'Window rows', value: formatCount(d.window.rows) },
        { label: 'Baseline rows', value: formatCount(d.baseline.rows) },
        {
          label: 'Missing (window / baseline)',
          value: `${formatPercent(missing(d.window))} / ${formatPercent(missing(d.baseline))}`,
        },
      ]),
      distributionCompare(
        `${d.feature}: share of rows per ${d.kind === 'numerical' ? 'bin' : 'category'}, baseline against the window`,
        bins,
      ),
    );
  });
}

function oodTable(p: Panel, ctx: ViewContext, d: OodSamples): void {
  if (d.samples.length === 0) {
    const why =
      d.scored === 0
        ? `none of the ${formatCount(d.scanned)} recent events could be scored (no baseline for ${d.withoutBaseline.join(', ') || 'their version'}, or no features)`
        : `none of ${formatCount(d.scored)} scored events is out of distribution (score ≥ ${formatNumber(d.minScore)})`;
    p.empty(`No out-of-distribution sample: ${why}.`);
    return;
  }
  const reason = (f: OodSamples['samples'][number]['features'][number]) =>
    f.kind === 'unseen_category'
      ? `${f.feature} = ${String(f.value)} (unseen)`
      : f.kind === 'unexpected_type'
        ? `${f.feature} = ${String(f.value)} (unexpected type)`
        : `${f.feature} = ${formatNumber(Number(f.value))} ${f.kind} [${formatNumber(f.range?.[0] ?? null)}, ${formatNumber(f.range?.[1] ?? null)}]`;
  p.show(
    el(
      'p',
      { class: 'muted' },
      `${formatCount(d.outOfDistribution)} of ${formatCount(d.scored)} scored recent events are out of distribution; the top ${d.samples.length}:`,
    ),
    dataTable(
      'Out-of-distribution samples',
      [
        ...eventColumns(ctx),
        { header: 'OOD score', cell: (s) => formatNumber(s.score), numeric: true },
        {
          header: 'Features outside the baseline',
          cell: (s) =>
            s.features.slice(0, 3).map(reason).join('; ') +
            (s.features.length > 3 ? ` (+${s.features.length - 3})` : ''),
        },
      ],
      d.samples,
    ),
  );
}

/** The request (a link to the event's detail), time and model columns of a table of event samples. */
function eventColumns<R extends { readonly event: EventSample['event'] }>(ctx: ViewContext): Column<R>[] {
  return [
    {
      header: 'Request',
      cell: (s) =>
        el(
          'button',
          { type: 'button', class: 'row-link', onclick: () => ctx.navigate({ event: s.event.requestId }) },
          s.event.requestId.length > 14 ? `${s.event.requestId.slice(0, 14)}…` : s.event.requestId,
        ),
    },
    { header: 'Time', cell: (s) => formatTime(s.event.timestamp, ctx.now) },
    { header: 'Model', cell: (s) => `${s.event.model} ${s.event.version}` },
  ];
}

function shade(share: number, diagonal: boolean): string {
  // Light tints only, so the dark text keeps ≥ 4.5:1 contrast in every cell.
  const alpha = (0.08 + 0.5 * share).toFixed(2);
  return diagonal ? `rgba(26,127,55,${alpha})` : `rgba(207,34,46,${(0.6 * Number(alpha)).toFixed(2)})`;
}

function samplesTable(p: Panel, ctx: ViewContext, samples: readonly EventSample[], scoreLabel?: string): void {
  if (samples.length === 0) {
    p.empty('None in this window.');
    return;
  }
  p.show(
    dataTable(
      'Samples',
      [
        ...eventColumns(ctx),
        scoreLabel === undefined
          ? { header: 'Error', cell: (s) => s.event.errorType ?? s.event.status ?? '—' }
          : { header: scoreLabel, cell: (s) => formatNumber(s.score ?? null), numeric: true },
        { header: 'Output', cell: (s) => s.event.output?.label ?? (s.event.output?.text ?? '').slice(0, 60) },
      ],
      samples,
    ),
  );
}

/** The drill-down: one event with its outcome, feedback and scores, in a modal dialog. */
async function openEvent(ctx: ViewContext, requestId: string): Promise<void> {
  const r = await ctx.api.get<EventDetail>(
    `/v1/query/event/${encodeURIComponent(requestId)}`,
    {},
    '/v1/query/event/{requestId}',
  );
  const close = el(
    'button',
    { type: 'button', class: 'button', onclick: () => ctx.navigate({ event: undefined }) },
    'Close',
  );
  const dialog = el(
    'dialog',
    { 'aria-labelledby': 'event-title', 'data-panel': 'event-detail' },
    el('h2', { id: 'event-title' }, `Event ${requestId}`),
    r.ok
      ? el(
          'div',
          {},
          statTiles([
            { label: 'Model', value: `${r.data.event.model} ${r.data.event.version}` },
            { label: 'Latency', value: formatMs(r.data.event.latencyMs) },
            {
              label: 'Status',
              value: r.data.event.status ?? 'ok',
              tone: r.data.event.status === 'error' ? 'alert' : 'ok',
            },
            {
              label: 'Outcome',
              value:
                r.data.outcome?.label ??
                (r.data.outcome?.value === undefined ? '—' : formatNumber(r.data.outcome.value)),
            },
          ]),
          el('pre', {}, JSON.stringify(r.data, null, 2)),
        )
      : el('p', { class: 'unavailable' }, `Not available: ${r.message}`),
    close,
  );
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    ctx.navigate({ event: undefined });
  });
  document.body.append(dialog);
  window.addEventListener('hashchange', () => dialog.remove(), { once: true });
  dialog.showModal();
  close.focus();
}
