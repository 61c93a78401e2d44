import type { ApiResult } from '../api/api-client.js';
import type { AlertRecord } from '../api/api-types.js';
import { dataTable } from '../components/data-table.js';
import { el } from '../components/dom.js';
import { fill, type Panel } from '../components/panel.js';
import { badge, type Tone } from '../components/stat-tiles.js';
import { formatNumber, formatPercent, formatTime } from '../format.js';
import type { ViewContext } from './view-context.js';

/** Alerts in a state (`GET /v1/alerts?state=firing`), newest first. */
export async function fetchAlerts(ctx: ViewContext, state: string): Promise<ApiResult<readonly AlertRecord[]>> {
  const r = await ctx.api.get<{ alerts?: readonly AlertRecord[] } | readonly AlertRecord[]>('/v1/alerts', { state });
  if (!r.ok) return r;
  const list = Array.isArray(r.data) ? r.data : ((r.data as { alerts?: readonly AlertRecord[] }).alerts ?? []);
  return { ok: true, data: [...list].sort((a, b) => (b.firedAt ?? b.activeAt) - (a.firedAt ?? a.activeAt)) };
}

export function renderAlerts(p: Panel, result: ApiResult<readonly AlertRecord[]>, now: number): void {
  fill(p, result, (alerts) => {
    if (alerts.length === 0) {
      p.show(el('p', { class: 'all-clear' }, badge('ok', 'ok'), ' No alert is firing.'));
      return;
    }
    p.show(
      dataTable(
        'Firing alerts',
        [
          { header: 'Alert', cell: (a) => a.labels.alertname ?? a.ruleId },
          {
            header: 'Severity',
            cell: (a) => badge(a.labels.severity ?? 'alert', a.labels.severity === 'warning' ? 'warn' : 'alert'),
          },
          { header: 'Model', cell: (a) => [a.labels.model, a.labels.version].filter(Boolean).join(' ') || '—' },
          { header: 'Value', cell: (a) => formatNumber(a.value), numeric: true },
          { header: 'Since', cell: (a) => formatTime(a.firedAt ?? a.activeAt, now) },
          { header: 'Summary', cell: (a) => a.annotations.summary ?? a.annotations.description ?? '' },
        ],
        alerts,
      ),
    );
  });
}

/** `GET /v1/slos/:id/status`: an SLO's attainment, error budget and burn rates. */
export interface SloStatus {
  readonly sloId: string;
  readonly model: string;
  readonly version?: string;
  readonly sli: { readonly kind: string; readonly thresholdMs?: number; readonly source?: string };
  readonly objective: number;
  readonly periodMs: number;
  readonly good: number;
  readonly total: number;
  readonly attainment: number;
  readonly budgetRemaining: number;
  readonly burnRates: readonly {
    readonly name: string;
    readonly factor: number;
    readonly longWindowMs: number;
    readonly shortWindowMs: number;
    readonly longBurnRate: number;
    readonly shortBurnRate: number;
    readonly firing: boolean;
  }[];
}

/**
 * The SLOs of the project (`GET /v1/slos`) and each one's status (`GET /v1/slos/:id/status`, in
 * parallel: one request per SLO, a handful), for the model filter.
 */
export async function fetchSloStatus(ctx: ViewContext): Promise<ApiResult<readonly SloStatus[]>> {
  const list = await ctx.api.get<{ items: readonly { id: string; model: string; version?: string }[] }>('/v1/slos');
  if (!list.ok) return list;
  const slos = list.data.items.filter(
    (s) =>
      (ctx.state.model === undefined || s.model === ctx.state.model) &&
      (ctx.state.version === undefined || s.version === undefined || s.version === ctx.state.version),
  );
  const statuses = await Promise.all(
    slos.map((s) => ctx.api.get<SloStatus>(`/v1/slos/${encodeURIComponent(s.id)}/status`, {}, '/v1/slos/{id}/status')),
  );
  const failed = statuses.find((r) => !r.ok);
  if (failed !== undefined && !failed.ok) return failed;
  return { ok: true, data: statuses.flatMap((r) => (r.ok ? [r.data] : [])) };
}

function sliText(s: SloStatus): string {
  const sli = s.sli;
  const what =
    sli.kind === 'latency'
      ? `latency ≤ ${formatNumber(sli.thresholdMs ?? null)} ms`
      : sli.kind === 'quality'
        ? `quality (${sli.source ?? ''})`
        : sli.kind;
  return `${s.sloId}: ${what}, ${s.model}${s.version === undefined ? '' : ` ${s.version}`}`;
}

function days(ms: number): string {
  return ms >= 86_400_000
    ? `${formatNumber(ms / 86_400_000)} d`
    : ms >= 3_600_000
      ? `${formatNumber(ms / 3_600_000)} h`
      : `${formatNumber(ms / 60_000)} min`;
}

/** Error budget remaining and burn rates per SLO (seed 002: error budget burn). */
export function renderErrorBudget(p: Panel, result: ApiResult<readonly SloStatus[]>): void {
  fill(p, result, (slos) => {
    if (slos.length === 0) return p.empty('No SLO is defined for this selection (POST /v1/slos).');
    const toneOf = (remaining: number): Tone => (remaining <= 0 ? 'alert' : remaining < 0.25 ? 'warn' : 'ok');
    p.show(
      dataTable(
        'Error budget by SLO',
        [
          { header: 'SLO', cell: (s) => sliText(s) },
          {
            header: 'Budget left',
            cell: (s) =>
              el(
                'span',
                {},
                formatPercent(s.budgetRemaining),
                ' ',
                badge(toneOf(s.budgetRemaining), toneOf(s.budgetRemaining)),
              ),
            numeric: true,
          },
          {
            header: 'Burn rate (long / short window)',
            cell: (s) =>
              el(
                'ul',
                { class: 'plain' },
                ...s.burnRates.map((b) =>
                  el(
                    'li',
                    {},
                    `${days(b.longWindowMs)}/${days(b.shortWindowMs)}: ${formatNumber(b.longBurnRate)}× / ${formatNumber(b.shortBurnRate)}× (fires above ${formatNumber(b.factor)}×) `,
                    b.firing ? badge('firing', 'alert') : null,
                  ),
                ),
              ),
          },
        ],
        slos,
      ),
    );
  });
}

/** Attainment against the objective per SLO over its period (seed 002: SLA compliance). */
export function renderSlaCompliance(p: Panel, result: ApiResult<readonly SloStatus[]>): void {
  fill(p, result, (slos) => {
    if (slos.length === 0) return p.empty('No SLO is defined for this selection (POST /v1/slos).');
    p.show(
      dataTable(
        'SLA compliance by SLO',
        [
          { header: 'SLO', cell: (s) => sliText(s) },
          { header: 'Objective', cell: (s) => formatPercent(s.objective, 4), numeric: true },
          { header: 'Attained', cell: (s) => formatPercent(s.attainment, 4), numeric: true },
          { header: 'Period', cell: (s) => days(s.periodMs), numeric: true },
          {
            header: 'Compliant',
            cell: (s) =>
              s.total === 0
                ? badge('no traffic', 'neutral')
                : s.attainment >= s.objective
                  ? badge('yes', 'ok')
                  : badge('no', 'alert'),
          },
        ],
        slos,
      ),
    );
  });
}
