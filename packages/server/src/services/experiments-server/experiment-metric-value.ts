import type { EventDetail } from '../../domain/query.js';

/**
 * The value of an experiment metric (see EXPERIMENT_METRICS) for one event and what is joined to
 * it, or undefined when the event has none (no outcome yet, no thumb, no such score): such events
 * are left out of that metric's analysis, never counted as 0.
 */
export function experimentMetricValue(detail: EventDetail, metric: string): number | undefined {
  const e = detail.event;
  switch (metric) {
    case 'latency_ms':
      return e.latencyMs;
    case 'error':
      return e.status === 'error' ? 1 : 0;
    case 'cost_usd':
      return e.costUsd;
    case 'input_tokens':
      return e.tokens?.input;
    case 'output_tokens':
      return e.tokens?.output;
    case 'outcome_value':
      return detail.outcome?.value;
    case 'correct': {
      const truth = detail.outcome?.label;
      const predicted = e.output.label;
      return truth === undefined || predicted === undefined ? undefined : truth === predicted ? 1 : 0;
    }
    case 'thumbs_up': {
      const thumbs = detail.feedback.filter((f) => f.kind === 'thumbs');
      const last = thumbs[thumbs.length - 1];
      return last === undefined || last.kind !== 'thumbs' ? undefined : last.value === 'up' ? 1 : 0;
    }
    case 'escalated':
      return detail.feedback.some((f) => f.kind === 'escalation') ? 1 : 0;
    default: {
      if (!metric.startsWith('score:')) return undefined;
      const name = metric.slice('score:'.length);
      const scores = detail.scores.filter((s) => s.name === name);
      if (scores.length === 0) return undefined;
      let sum = 0;
      for (const s of scores) sum += s.value;
      return sum / scores.length;
    }
  }
}
