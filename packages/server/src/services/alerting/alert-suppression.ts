import type { InhibitRule, LabelSet, MaintenanceWindow, Silence } from '../../domain/alerting.js';
import { labelsMatchAll } from './label-matchers.js';

/** Why an alert is not notified: a silence, an inhibiting alert, or a maintenance window (ids). */
export type AlertSuppression =
  | { readonly by: 'maintenance'; readonly id: string }
  | { readonly by: 'silence'; readonly id: string }
  | { readonly by: 'inhibition'; readonly id: string };

/** Whether silence `s` mutes `labels` at `now` (active in [startsAt, endsAt), every matcher matches). */
export function silenceMutes(s: Silence, labels: LabelSet, now: number): boolean {
  return now >= s.startsAt && now < s.endsAt && labelsMatchAll(labels, s.matchers);
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * Whether maintenance window `w` covers `now`: inside the one-off [startsAt, endsAt), or inside a
 * weekly occurrence (UTC; an occurrence that starts on a listed day may run past midnight).
 */
export function maintenanceActive(w: MaintenanceWindow, now: number): boolean {
  if (w.startsAt !== undefined && w.endsAt !== undefined && now >= w.startsAt && now < w.endsAt) return true;
  if (w.weekly === undefined) return false;
  const [hh, mm] = w.weekly.start.split(':').map(Number) as [number, number];
  const startOfDay = (hh * 60 + mm) * 60_000;
  const duration = w.weekly.durationMinutes * 60_000;
  const today = Math.floor(now / DAY) * DAY;
  // Occurrences starting today or on the previous days that could still run (up to one week).
  for (let back = 0; back * DAY <= duration + DAY && back <= 7; back++) {
    const dayStart = today - back * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    if (!w.weekly.days.includes(weekday)) continue;
    const start = dayStart + startOfDay;
    if (now >= start && now < start + Math.min(duration, WEEK)) return true;
  }
  return false;
}

/**
 * Whether inhibit rule `r` mutes `target`: some other alert in `firing` matches the source
 * matchers and has the same values for every `equal` label (Alertmanager: a missing label equals
 * a missing label), and the target matches the target matchers. An alert never inhibits itself.
 */
export function inhibitingAlert(
  r: InhibitRule,
  target: { readonly fingerprint: string; readonly labels: LabelSet },
  firing: readonly { readonly fingerprint: string; readonly labels: LabelSet }[],
): string | undefined {
  if (!labelsMatchAll(target.labels, r.targetMatchers)) return undefined;
  for (const source of firing) {
    if (source.fingerprint === target.fingerprint) continue;
    if (!labelsMatchAll(source.labels, r.sourceMatchers)) continue;
    if (r.equal.every((name) => (source.labels[name] ?? '') === (target.labels[name] ?? ''))) return source.fingerprint;
  }
  return undefined;
}

/** What the engine knows when it decides whether an alert may be notified. */
export interface SuppressionContext {
  readonly now: number;
  readonly silences: readonly Silence[];
  readonly maintenance: readonly MaintenanceWindow[];
  readonly inhibitRules: readonly InhibitRule[];
  /** Every firing alert of the project (inhibition sources, silenced or not, as in Alertmanager). */
  readonly firing: readonly { readonly fingerprint: string; readonly labels: LabelSet }[];
}

/** The first reason `alert` is muted at `context.now` (maintenance, then silence, then inhibition), or undefined. */
export function alertSuppression(
  alert: { readonly fingerprint: string; readonly labels: LabelSet },
  context: SuppressionContext,
): AlertSuppression | undefined {
  for (const w of context.maintenance) {
    if (maintenanceActive(w, context.now) && labelsMatchAll(alert.labels, w.matchers))
      return { by: 'maintenance', id: w.id };
  }
  for (const s of context.silences) if (silenceMutes(s, alert.labels, context.now)) return { by: 'silence', id: s.id };
  for (const r of context.inhibitRules) {
    const source = inhibitingAlert(r, alert, context.firing);
    if (source !== undefined) return { by: 'inhibition', id: source };
  }
  return undefined;
}
