import type { ApiResult } from '../api/api-client.js';
import type { ArmComparison, ExperimentAnalysis, ExperimentRecordView, RolloutView } from '../api/api-types.js';
import { dataTable } from '../components/data-table.js';
import { el } from '../components/dom.js';
import { fill, type Panel, panel } from '../components/panel.js';
import { badge, statTiles, type Tone } from '../components/stat-tiles.js';
import { formatCount, formatNumber, formatPercent, formatTime } from '../format.js';
import type { View, ViewContext } from './view-context.js';

const DECISION_TONE: Readonly<Record<string, Tone>> = {
  promote: 'ok',
  continue: 'neutral',
  inconclusive: 'warn',
  rollback: 'alert',
};

function interval(ci: readonly (number | null)[] | undefined): string {
  if (ci === undefined) return '—';
  const [lo, hi] = ci;
  const f = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : Number.isFinite(x) ? formatNumber(x) : x > 0 ? '+∞' : '−∞';
  return `[${f(lo)}, ${f(hi)}]`;
}

/**
 * Experiments: every experiment with its status; the selected one's A/B analysis (effects with
 * confidence intervals, sequential boundaries, SRM, guardrails and the decision) and, for a canary,
 * the rollout's steps on a timeline with its audit log.
 */
export const experimentsView: View = async (root, ctx) => {
  const list = panel('experiment-list', 'Experiments', { size: 'full' });
  root.append(list.root);
  const r = await ctx.api.get<{ experiments: readonly ExperimentRecordView[] }>('/v1/experiments');
  fill(list, r, (d) => {
    if (d.experiments.length === 0)
      return list.empty('No experiment is defined (POST /v1/experiments, or modelwatch ab).');
    list.show(
      dataTable(
        'Experiments',
        [
          {
            header: 'Experiment',
            cell: (e) =>
              el(
                'a',
                {
                  href: `#/experiments?experiment=${encodeURIComponent(e.id ?? '')}`,
                  'aria-current': e.id === selectedId(ctx, d.experiments) ? 'true' : undefined,
                },
                e.id ?? '?',
              ),
          },
          { header: 'Type', cell: (e) => e.type ?? '—' },
          { header: 'Status', cell: (e) => badge(e.status ?? '?', e.status === 'running' ? 'ok' : 'neutral') },
          {
            header: 'Variants',
            cell: (e) => e.variants.map((v) => `${v.name} ${formatPercent(v.weight)}`).join(' / ') ?? '—',
          },
          {
            header: 'Primary metric',
            cell: (e) => `${e.primaryMetric.metric} (${e.primaryMetric.type}, ${e.primaryMetric.direction})`,
          },
          { header: 'Started', cell: (e) => (e.startedAt === undefined ? '—' : formatTime(e.startedAt, ctx.now)) },
        ],
        d.experiments,
      ),
    );
  });
  if (!r.ok) return;
  const id = selectedId(ctx, r.data.experiments);
  const selected = r.data.experiments.find((e) => e.id === id);
  if (selected === undefined) return;

  const status = panel('experiment-status', `${selected.id}: decision`, { size: 'full' });
  const effects = panel('experiment-effects', 'Effects with confidence intervals', { size: 'wide' });
  const srm = panel('experiment-srm', 'Sample ratio mismatch');
  const guardrails = panel('experiment-guardrails', 'Guardrails', { size: 'wide' });
  const rollout = panel('rollout', 'Canary steps', { size: 'full' });
  root.append(
    status.root,
    effects.root,
    srm.root,
    guardrails.root,
    ...(selected.type === 'canary' ? [rollout.root] : []),
  );

  const path = `/v1/experiments/${encodeURIComponent(selected.id)}`;
  const [analysis, roll] = await Promise.all([
    ctx.api.get<ExperimentAnalysis>(`${path}/analysis`, {}, '/v1/experiments/{experimentId}/analysis'),
    selected.type === 'canary'
      ? ctx.api.get<RolloutView>(`/v1/rollouts/${encodeURIComponent(selected.id)}`, {}, '/v1/rollouts/{id}')
      : Promise.resolve(undefined),
  ]);
  fill(status, analysis, (a) => {
    const x = a.analysis;
    status.show(
      statTiles([
        {
          label: 'Decision',
          value: x.decision,
          tone: DECISION_TONE[x.decision] ?? 'neutral',
          hint: x.winner === undefined ? undefined : `winner: ${x.winner}`,
        },
        {
          label: 'Arms',
          value: x.arms.map((arm) => `${arm.name} ${formatCount(arm.units)}`).join(' · '),
          hint: 'units per arm',
        },
        {
          label: 'Events analysed',
          value: formatCount(a.events.analysed),
          hint: `of ${formatCount(a.events.total)} in ${formatTime(a.window.from, ctx.now)}–${formatTime(a.window.to, ctx.now)}`,
        },
        { label: 'Method', value: x.sequential ? 'sequential' : 'fixed horizon', hint: `α = ${x.alpha}` },
      ]),
      ...x.comparisons.map((c) =>
        el(
          'p',
          {},
          `${c.arm} vs ${x.control}: `,
          badge(c.decision.decision, DECISION_TONE[c.decision.decision] ?? 'neutral'),
          ' ',
          c.decision.reasons
            .map((reason) =>
              typeof reason === 'string'
                ? reason
                : ((reason as { message?: string }).message ?? JSON.stringify(reason)),
            )
            .join('; '),
        ),
      ),
    );
  });
  fill(effects, analysis, (a) => effectsTable(effects, a));
  fill(srm, analysis, (a) => {
    const s = a.analysis.srm;
    const flagged = s.mismatch ?? (s.enoughData && (s.pValue ?? 1) < 0.001);
    srm.show(
      statTiles([
        {
          label: 'SRM p-value',
          value: formatNumber(s.pValue),
          tone: flagged ? 'alert' : s.enoughData ? 'ok' : 'neutral',
          hint: flagged
            ? 'the split is not the configured one: do not trust the analysis'
            : s.enoughData
              ? 'split as configured'
              : 'not enough units yet',
        },
        { label: 'χ²', value: formatNumber(s.statistic) },
      ]),
      dataTable(
        'Observed against expected shares',
        [
          { header: 'Arm', cell: (i: number) => a.analysis.arms[i]?.name ?? String(i) },
          { header: 'Observed', cell: (i) => formatPercent(s.observedShares[i] ?? null), numeric: true },
          { header: 'Expected', cell: (i) => formatPercent(s.expectedShares[i] ?? null), numeric: true },
        ],
        s.observedShares.map((_, i) => i),
      ),
    );
  });
  fill(guardrails, analysis, (a) => {
    const rows = a.analysis.comparisons.flatMap((c) => c.guardrails.map((g) => ({ arm: c.arm, ...g })));
    if (rows.length === 0) return guardrails.empty('No guardrail is defined for this experiment.');
    guardrails.show(
      dataTable(
        'Guardrails per arm',
        [
          { header: 'Arm', cell: (g) => g.arm },
          { header: 'Guardrail', cell: (g) => g.name },
          { header: 'Control', cell: (g) => formatNumber(g.control), numeric: true },
          { header: 'Treatment', cell: (g) => formatNumber(g.treatment), numeric: true },
          { header: 'Margin', cell: (g) => formatNumber(g.margin), numeric: true },
          {
            header: 'Status',
            cell: (g) =>
              badge(
                g.status,
                g.status === 'pass' || g.status === 'passed'
                  ? 'ok'
                  : g.status === 'fail' || g.status === 'failed'
                    ? 'alert'
                    : 'warn',
              ),
          },
        ],
        rows,
      ),
    );
  });
  if (roll !== undefined) renderRollout(rollout, roll, ctx);
};

function selectedId(ctx: ViewContext, experiments: readonly ExperimentRecordView[]): string | undefined {
  return ctx.state.experiment ?? experiments.find((e) => e.status === 'running')?.id ?? experiments[0]?.id;
}

function effectsTable(p: Panel, a: ExperimentAnalysis): void {
  const x = a.analysis;
  p.show(
    dataTable(
      `Effect of each arm against ${x.control}`,
      [
        { header: 'Arm', cell: (c: ArmComparison) => c.arm },
        { header: 'Effect', cell: (c) => formatNumber(c.primary.effect), numeric: true },
        {
          header: x.sequential ? 'Always-valid CI (boundary)' : 'Confidence interval',
          cell: (c) => interval(c.primary.sequential?.confidenceInterval ?? c.primary.confidenceInterval),
          numeric: true,
        },
        {
          header: 'Relative lift',
          cell: (c) =>
            c.primary.relative === undefined
              ? '—'
              : `${formatPercent(c.primary.relative.lift)} ${interval(c.primary.relative.confidenceInterval.map((v) => (v === null ? null : v)))}`,
          numeric: true,
        },
        { header: 'p (adjusted)', cell: (c) => formatNumber(c.pValueAdjusted), numeric: true },
        {
          header: 'Significant',
          cell: (c) => badge(c.primary.significant ? 'yes' : 'no', c.primary.significant ? 'ok' : 'neutral'),
        },
      ],
      x.comparisons,
    ),
    ...(x.sequential
      ? [
          el(
            'p',
            { class: 'muted' },
            'Sequential: the interval is an asymptotic confidence sequence, valid at every look; the effect is significant once it excludes 0.',
          ),
        ]
      : []),
  );
}

function renderRollout(p: Panel, r: ApiResult<RolloutView>, ctx: ViewContext): void {
  fill(p, r, (d) => {
    const x = d.rollout;
    const tone: Tone = /roll|abort|fail/.test(x.status)
      ? 'alert'
      : /promot|complete|succe/.test(x.status)
        ? 'ok'
        : 'neutral';
    p.show(
      statTiles([
        { label: 'State', value: x.status, tone },
        { label: 'Canary weight', value: `${formatNumber(x.weight)} %`, hint: `${x.stable} / ${x.canary}` },
        {
          label: 'Analyses',
          value: `${x.counters.successfulRunsInStep} ok in step`,
          hint: `${x.counters.failedRuns} failed, ${x.counters.inconclusiveRuns} inconclusive; ${formatCount(x.counters.samplesTotal)} canary samples`,
        },
        { label: 'Last analysis', value: x.lastAnalysisAt === undefined ? '—' : formatTime(x.lastAnalysisAt, ctx.now) },
      ]),
      el(
        'ol',
        { class: 'timeline', 'aria-label': 'Canary steps: share of traffic at each step' },
        ...x.policy.steps.map((s, i) =>
          el(
            'li',
            {
              class: i < x.step ? 'done' : i === x.step ? 'current' : undefined,
              'aria-current': i === x.step ? 'step' : undefined,
            },
            `${formatNumber(s)} %`,
            i === x.step && x.stepStartedAt !== undefined ? ` since ${formatTime(x.stepStartedAt, ctx.now)}` : '',
          ),
        ),
      ),
      d.audit.length === 0
        ? el('p', { class: 'muted' }, 'No decision logged yet.')
        : dataTable(
            'Rollout decision log, newest first',
            [
              { header: 'Time', cell: (e) => formatTime(e.at, ctx.now) },
              { header: 'Action', cell: (e) => e.action },
              { header: 'Detail', cell: (e) => auditDetail(e.details) },
            ],
            [...d.audit].reverse().slice(0, 30),
          ),
    );
  });
}

function auditDetail(details: unknown): string {
  if (details === null || typeof details !== 'object') return details === undefined ? '' : String(details);
  const o = details as Record<string, unknown>;
  const reason = o.reason ?? o.message ?? o.decision;
  if (typeof reason === 'string') return reason;
  const nested = (reason as { message?: unknown } | undefined)?.message;
  const to = o.to as { status?: unknown; weight?: unknown } | undefined;
  if (typeof nested === 'string') {
    return to?.status === undefined
      ? nested
      : `${nested} (now ${String(to.status)}, weight ${String(to.weight ?? '?')} %)`;
  }
  const text = JSON.stringify(details);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
