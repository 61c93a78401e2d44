import type { AlertRule, SegmentSelector } from '../../domain/alerting.js';
import type { MonitorResult } from '../../domain/monitor.js';

/** The part of an evaluator result a rule reads (services/monitoring's MonitorResult). */
export type MonitorSignal = Pick<
  MonitorResult,
  'projectId' | 'model' | 'version' | 'monitor' | 'segment' | 'at' | 'value' | 'details'
>;

/** The suffix `pattern` matched (`''` for an exact name), or undefined when it does not match. */
export function monitorMatch(pattern: string, monitor: string): string | undefined {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return monitor.startsWith(prefix) ? monitor.slice(prefix.length) : undefined;
  }
  return monitor === pattern ? '' : undefined;
}

function segmentSelected(selector: SegmentSelector, segment: string | undefined): boolean {
  const s = segment ?? '';
  if (selector === 'overall') return s === '';
  if (selector === 'each') return s !== '';
  return s === selector.equals;
}

/** Whether a threshold or deviation rule watches `signal` (enabled, model, version, monitor, segment). */
export function ruleWatches(rule: AlertRule, signal: MonitorSignal): string | undefined {
  if (rule.type === 'absence' || !rule.enabled) return undefined;
  if (rule.model !== undefined && rule.model !== signal.model) return undefined;
  if (rule.version !== undefined && rule.version !== signal.version) return undefined;
  if (!segmentSelected(rule.segment, signal.segment)) return undefined;
  return monitorMatch(rule.monitor, signal.monitor);
}

/** The labels of a rule's alert: rule labels, then the identity labels (which win). */
export function alertLabels(
  rule: AlertRule,
  projectId: string,
  identity: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = { ...rule.labels };
  out.alertname = rule.name;
  out.rule_id = rule.id;
  out.project = projectId;
  out.severity = rule.severity;
  for (const [k, v] of Object.entries(identity)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The labels of a signal's alert: model, version, monitor, segment, and `feature` for `drift.feature.*`. */
export function signalIdentity(
  rule: AlertRule,
  signal: MonitorSignal,
  suffix: string,
): Record<string, string | undefined> {
  const feature = rule.type !== 'absence' && suffix !== '' && rule.monitor === 'drift.feature.*' ? suffix : undefined;
  return {
    model: signal.model,
    version: signal.version,
    monitor: signal.monitor,
    segment: signal.segment,
    feature,
  };
}

/**
 * The annotations of an alert: the rule's, with `{{value}}` and `{{<label>}}` filled in, and
 * `runbook_url` (default `docs/runbooks.md#<lower-case alert name>`).
 */
export function alertAnnotations(
  rule: AlertRule,
  labels: Readonly<Record<string, string>>,
  value: number | null,
): Record<string, string> {
  const fill = (text: string): string =>
    text.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_m, name: string) => {
      if (name === 'value') return value === null ? 'n/a' : formatNumber(value);
      return labels[name] ?? '';
    });
  const out: Record<string, string> = { summary: fill(rule.annotations.summary) };
  if (rule.annotations.description !== undefined) out.description = fill(rule.annotations.description);
  out.runbook_url = rule.annotations.runbookUrl ?? runbookUrl(rule.name);
  return out;
}

/** `docs/runbooks.md#<lower-case name>`: the section of the runbook for this alert. */
export function runbookUrl(alertName: string): string {
  return `docs/runbooks.md#${alertName.toLowerCase()}`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

/** Whether `value op threshold` holds. */
export function thresholdHolds(value: number, op: '>' | '>=' | '<' | '<=', threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/**
 * The deviation of `value` from a reference: relative (|v − ref| / |ref|, signed by direction)
 * or in standard deviations ((v − mean) / sd). NaN when the reference cannot be used (ref 0 for
 * relative, sd 0 or fewer than 3 history values for sd): the condition then does not hold.
 */
export function deviation(
  value: number,
  mode: 'relative' | 'sd',
  reference: { readonly baseline?: number; readonly baselineSd?: number; readonly history: readonly number[] },
): number {
  if (mode === 'relative') {
    const ref = reference.baseline ?? reference.history[reference.history.length - 1];
    if (ref === undefined || ref === 0) return Number.NaN;
    return (value - ref) / Math.abs(ref);
  }
  if (reference.baseline !== undefined && reference.baselineSd !== undefined && reference.baselineSd > 0) {
    return (value - reference.baseline) / reference.baselineSd;
  }
  const h = reference.history;
  if (h.length < 3) return Number.NaN;
  // Welford's mean and sum of squared deviations (no cancellation).
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < h.length; i++) {
    const x = h[i] as number;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  const sd = Math.sqrt(m2 / (h.length - 1));
  return sd > 0 ? (value - mean) / sd : Number.NaN;
}

/** Whether a signed deviation crosses `threshold` in `direction`. */
export function deviationHolds(d: number, threshold: number, direction: 'up' | 'down' | 'both'): boolean {
  if (Number.isNaN(d)) return false;
  if (direction === 'up') return d > threshold;
  if (direction === 'down') return d < -threshold;
  return Math.abs(d) > threshold;
}
