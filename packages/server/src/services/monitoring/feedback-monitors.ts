import type { MonitorResult } from '../../domain/monitor.js';
import type { FeedbackRates, ScoreSummary } from '../../domain/query.js';
import { type MonitorContext, monitorResultOf } from './monitor-result-of.js';
import { type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';

/**
 * User feedback and judge/human scores of a window's events:
 * - `feedback.thumbs_up_rate` (up ÷ (up + down), when there is thumbs feedback),
 *   `feedback.thumbs_down_per_event`, `feedback.corrections_per_event`,
 *   `feedback.escalations_per_event` — only when the window has any feedback, so a model that
 *   never gets feedback adds no rows;
 * - `score.<source>.<name>`: the mean of each score name and source (`judge`, `human`), with the
 *   count, min and max in details.
 */
export function feedbackMonitors(
  ctx: MonitorContext,
  rates: FeedbackRates,
  scores: readonly ScoreSummary[],
  thresholds: Readonly<Record<string, MonitorThreshold>>,
): MonitorResult[] {
  const out: MonitorResult[] = [];
  const put = (name: string, value: number, details: Record<string, unknown>) => {
    if (!Number.isFinite(value)) return;
    const threshold = thresholds[name];
    out.push(
      monitorResultOf(ctx, name, value, monitorStatus(value, threshold), {
        ...details,
        ...(threshold === undefined ? {} : { threshold }),
      }),
    );
  };
  const any = rates.thumbsUp + rates.thumbsDown + rates.corrections + rates.escalations;
  if (any > 0 && rates.events > 0) {
    const counts = {
      events: rates.events,
      thumbsUp: rates.thumbsUp,
      thumbsDown: rates.thumbsDown,
      corrections: rates.corrections,
      escalations: rates.escalations,
    };
    if (rates.thumbsUp + rates.thumbsDown > 0) put('feedback.thumbs_up_rate', rates.thumbsUpRate, counts);
    put('feedback.thumbs_down_per_event', rates.thumbsDownPerEvent, counts);
    put('feedback.corrections_per_event', rates.correctionsPerEvent, counts);
    put('feedback.escalations_per_event', rates.escalationsPerEvent, counts);
  }
  for (const s of scores) {
    if (s.count === 0) continue;
    put(`score.${s.source}.${s.name}`, s.mean, { count: s.count, min: s.min, max: s.max });
  }
  return out;
}
