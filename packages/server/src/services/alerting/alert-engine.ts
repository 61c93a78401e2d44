import { z } from 'zod';
import {
  ALERT_DOCUMENTS,
  type AlertChannel,
  AlertChannelSchema,
  type AlertRecord,
  AlertRecordSchema,
  type AlertRoutingSchema,
  type AlertRule,
  AlertRuleSchema,
  type AlertState,
  MaintenanceWindowSchema,
  type NotificationRecord,
  NotificationRecordSchema,
  SilenceSchema,
} from '../../domain/alerting.js';
import type { MonitorResult } from '../../domain/monitor.js';
import { SLO_DOCUMENT, type Slo, SloSchema } from '../../domain/slo.js';
import type { Store } from '../../storage/store.js';
import type { AlertActions } from './alert-actions.js';
import { alertFingerprint } from './alert-fingerprint.js';
import { type AlertGroupState, groupAfterSend, groupDecision, groupKeyOf, groupLabelsOf } from './alert-group.js';
import { type AlertObservation, type AlertTransition, alertStep } from './alert-lifecycle.js';
import { type AlertNotification, commonEntries, type NotificationAlert } from './alert-notification.js';
import { alertRoutingOf } from './alert-routing.js';
import { alertSuppression, maintenanceActive, type SuppressionContext } from './alert-suppression.js';
import { ALERTMANAGER_RESEND_MS } from './alertmanager-notifier.js';
import { type BurnRateAlertResult, burnRateAlerts, errorBudgetRemaining, type SloWindowCounts } from './burn-rate.js';
import { deliverWithRetry } from './deliver-with-retry.js';
import { labelsMatchAll } from './label-matchers.js';
import type { Notifier } from './notifier.js';
import { notifierOf } from './notifier-of.js';
import {
  alertAnnotations,
  alertLabels,
  deviation,
  deviationHolds,
  type MonitorSignal,
  ruleWatches,
  runbookUrl,
  signalIdentity,
  thresholdHolds,
} from './rule-signals.js';
import type { SloCounts } from './slo-counts.js';

/** The store methods the engine uses. */
export type AlertStore = Pick<
  Store,
  'getDocument' | 'putDocument' | 'listDocuments' | 'deleteDocument' | 'appendAudit' | 'listProjects' | 'listModels'
>;

/** Prometheus counters of the engine (TelemetryMetrics implements them). */
export interface AlertEngineHooks {
  /** One per notification outcome: `sent`, `failed` (after its retries), `retried` (an attempt that failed and was retried). */
  recordNotification(channelType: string, outcome: 'sent' | 'failed' | 'retried'): void;
}

export interface AlertEngineOptions {
  readonly store: AlertStore;
  /** Counts behind the SLOs (DuckDbSloCounts); without it SLOs are not evaluated. */
  readonly sloCounts?: SloCounts;
  /** Rollout and experiment actions; without them actions are audited as `skipped`. */
  readonly actions?: AlertActions;
  readonly hooks?: AlertEngineHooks;
  /** Builds the notifier of a channel (default: notifierOf). */
  readonly notifierOf?: (channel: AlertChannel) => Notifier;
  /** Uniform [0, 1) for the retry jitter. */
  readonly random?: () => number;
  /** Waits between delivery attempts (default setTimeout). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Failures of the engine's own work (a bad stored document, a failed action), never thrown. */
  readonly onError?: (what: string, err: unknown) => void;
  /** Notification records kept per project (default 1000; the oldest are pruned). */
  readonly keepNotifications?: number;
}

/** What one evaluation changed. */
export interface AlertEvaluation {
  readonly transitions: readonly (AlertTransition & { readonly projectId: string; readonly alertname: string })[];
  /** Notifications started (delivered in the background; `idle()` waits for them). */
  readonly notifications: number;
}

type Routing = z.output<typeof AlertRoutingSchema>;

interface ProjectConfig {
  readonly rules: readonly AlertRule[];
  readonly slos: readonly Slo[];
  readonly channels: readonly AlertChannel[];
  readonly suppression: Omit<SuppressionContext, 'firing' | 'now'>;
  readonly routing: Routing;
}

/** One observation with how long its condition must hold, and the rule's actions. */
interface Observed {
  readonly observation: AlertObservation;
  readonly forMs: number;
  /** The rule's keep_firing_for (0 for SLO alerts and for alerts resolved because their rule or series went away). */
  readonly keepFiringForMs?: number;
  readonly rule?: AlertRule;
}

/** Every series history of deviation rules (document kind `alert_series`). */
interface SeriesHistory {
  readonly values: readonly number[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The windows of the rollout pause check (seed 002: a burn above 2× pauses rollouts). */
const PAUSE_WINDOWS = [5 * MINUTE, HOUR] as const;

/**
 * The alert engine. `evaluate(results, now)` takes an evaluator run's monitor results (hook it to
 * `Evaluator.onRun`); `tick(now)` runs what needs no results (absence, SLO burn rates, the
 * notification schedule). Each does, per project:
 *
 * 1. conditions: threshold and deviation rules over the results (per segment when asked),
 *    absence rules over the store's traffic, and the SLOs' multi-window burn-rate alerts;
 * 2. the lifecycle (pending → firing → resolved, `for`), keyed by fingerprint (FNV-1a of the label
 *    set, as Alertmanager), each alert a store document so a restart keeps its state; a signal
 *    alert whose series stops reporting for `routing.staleAfterMs` resolves; every transition is
 *    appended to the audit log (kind `alert`, subject the fingerprint);
 * 3. actions of rules whose alert starts firing (roll back a canary, pause a rollout, stop an
 *    experiment), and rollout pauses while an SLO burns above its `pauseRolloutsAboveBurn` over
 *    5 min and 1 h — audited, skipped inside a maintenance window;
 * 4. notifications: per channel, alerts muted by maintenance windows, silences or inhibition are
 *    left out; the others are grouped by `groupBy` with Alertmanager's group_wait, group_interval
 *    and repeat_interval (group state persisted, so a restart does not notify twice), except
 *    low-priority severities on digest channels, which go out once a day; deliveries retry with
 *    jittered exponential backoff, and every outcome is a notification record (document kind
 *    `alert_notification`) and a `hooks.recordNotification` count.
 *
 * Calls are serialised; deliveries run in the background (`idle()` waits for them).
 */
export class AlertEngine {
  readonly #store: AlertStore;
  readonly #sloCounts: SloCounts | undefined;
  readonly #actions: AlertActions | undefined;
  readonly #hooks: AlertEngineHooks | undefined;
  readonly #notifierOf: (channel: AlertChannel) => Notifier;
  readonly #random: () => number;
  readonly #sleep: ((ms: number) => Promise<void>) | undefined;
  readonly #onError: (what: string, err: unknown) => void;
  readonly #keepNotifications: number;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #inFlight = new Map<string, Promise<void>>();
  #notificationSeq = 0;
  #closed = false;

  constructor(options: AlertEngineOptions) {
    this.#store = options.store;
    this.#sloCounts = options.sloCounts;
    this.#actions = options.actions;
    this.#hooks = options.hooks;
    this.#notifierOf = options.notifierOf ?? notifierOf;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep;
    this.#onError = options.onError ?? (() => undefined);
    this.#keepNotifications = options.keepNotifications ?? 1000;
  }

  /** Evaluates an evaluator run's results, then everything `tick` does. */
  evaluate(results: readonly MonitorSignal[] | readonly MonitorResult[], now: number): Promise<AlertEvaluation> {
    return this.#serial(() => this.#run(results, now));
  }

  /** Absence rules, SLO burn rates and the notification schedule (no monitor results needed). */
  tick(now: number): Promise<AlertEvaluation> {
    return this.#serial(() => this.#run(undefined, now));
  }

  /** Resolves when no delivery is in flight (deliveries started meanwhile included). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight.values()]);
    await this.#queue.catch(() => undefined);
  }

  /** Stops taking work and waits for the deliveries in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }

  /** The SLO's status at `now`: counts over its period, budget remaining and every burn-rate alert. */
  async sloStatus(projectId: string, slo: Slo, now: number): Promise<SloStatus> {
    const counts = this.#requireSloCounts();
    const cache = new Map<number, SloWindowCounts>();
    const countsOf = async (windowMs: number): Promise<SloWindowCounts> => {
      let c = cache.get(windowMs);
      if (c === undefined) {
        c = await counts.counts(projectId, slo, now - windowMs, now);
        cache.set(windowMs, c);
      }
      return c;
    };
    const windows = new Set<number>([slo.periodMs, ...PAUSE_WINDOWS]);
    for (const w of slo.burnRateAlerts) windows.add(w.longWindowMs).add(w.shortWindowMs);
    for (const w of windows) await countsOf(w);
    const period = cache.get(slo.periodMs) as SloWindowCounts;
    const alerts = burnRateAlerts(slo.burnRateAlerts, slo.objective, (w) => cache.get(w) as SloWindowCounts);
    const burn = (w: number) => {
      const c = cache.get(w) as SloWindowCounts;
      return c.total === 0 ? 0 : (c.total - c.good) / c.total / (1 - slo.objective);
    };
    return {
      sloId: slo.id,
      model: slo.model,
      ...(slo.version === undefined ? {} : { version: slo.version }),
      sli: slo.sli,
      objective: slo.objective,
      periodMs: slo.periodMs,
      at: now,
      good: period.good,
      total: period.total,
      attainment: period.total === 0 ? 1 : period.good / period.total,
      errorBudget: 1 - slo.objective,
      budgetRemaining: errorBudgetRemaining(period, slo.objective),
      burnRates: alerts,
      pauseRollouts: {
        threshold: slo.pauseRolloutsAboveBurn,
        burnRate5m: burn(PAUSE_WINDOWS[0]),
        burnRate1h: burn(PAUSE_WINDOWS[1]),
        active: slo.pauseRolloutsAboveBurn > 0 && PAUSE_WINDOWS.every((w) => burn(w) > slo.pauseRolloutsAboveBurn),
      },
    };
  }

  #requireSloCounts(): SloCounts {
    if (this.#sloCounts === undefined) throw new Error('AlertEngine: no sloCounts source was given');
    return this.#sloCounts;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #run(results: readonly MonitorSignal[] | undefined, now: number): Promise<AlertEvaluation> {
    if (!Number.isFinite(now)) throw new RangeError(`AlertEngine: now must be finite epoch milliseconds (got ${now})`);
    const byProject = new Map<string, MonitorSignal[]>();
    for (const r of results ?? []) {
      const list = byProject.get(r.projectId);
      if (list === undefined) byProject.set(r.projectId, [r]);
      else list.push(r);
    }
    const projects = new Set(byProject.keys());
    for (const p of await this.#store.listProjects()) projects.add(p.id);
    const transitions: AlertEvaluation['transitions'][number][] = [];
    let notifications = 0;
    for (const projectId of [...projects].sort()) {
      try {
        const r = await this.#runProject(
          projectId,
          results === undefined ? undefined : (byProject.get(projectId) ?? []),
          now,
        );
        transitions.push(...r.transitions);
        notifications += r.notifications;
      } catch (err) {
        this.#onError(`project ${projectId}`, err);
      }
    }
    return { transitions, notifications };
  }

  async #loadConfig(projectId: string): Promise<ProjectConfig> {
    const rules = await this.#documents(projectId, ALERT_DOCUMENTS.rule, AlertRuleSchema);
    const slos = await this.#documents(projectId, SLO_DOCUMENT, SloSchema);
    const channels = await this.#documents(projectId, ALERT_DOCUMENTS.channel, AlertChannelSchema);
    const silences = await this.#documents(projectId, ALERT_DOCUMENTS.silence, SilenceSchema);
    const maintenance = await this.#documents(projectId, ALERT_DOCUMENTS.maintenance, MaintenanceWindowSchema);
    const routing = alertRoutingOf(await this.#store.getDocument(projectId, ALERT_DOCUMENTS.routing, 'default'));
    return {
      rules: rules.filter((r) => r.enabled),
      slos,
      channels: channels.filter((c) => c.enabled),
      suppression: { silences, maintenance, inhibitRules: routing.inhibitRules },
      routing,
    };
  }

  async #documents<S extends z.ZodType>(projectId: string, kind: string, schema: S): Promise<z.output<S>[]> {
    const out: z.output<S>[] = [];
    for (const { id, document } of await this.#store.listDocuments(projectId, kind)) {
      const parsed = schema.safeParse(document);
      if (parsed.success) out.push(parsed.data);
      else this.#onError(`${kind} ${id} of project ${projectId}`, parsed.error);
    }
    return out;
  }

  async #runProject(
    projectId: string,
    results: readonly MonitorSignal[] | undefined,
    now: number,
  ): Promise<AlertEvaluation> {
    const config = await this.#loadConfig(projectId);
    const alerts = new Map<string, AlertRecord>();
    for (const a of await this.#documents(projectId, ALERT_DOCUMENTS.alert, AlertRecordSchema))
      alerts.set(a.fingerprint, a);
    const rulesById = new Map(config.rules.map((r) => [r.id, r]));

    const observed = new Map<string, Observed>();
    if (results !== undefined) await this.#observeSignals(projectId, config.rules, results, observed);
    await this.#observeAbsence(projectId, config.rules, now, observed);
    if (this.#sloCounts !== undefined) {
      for (const slo of config.slos) {
        try {
          await this.#observeSlo(projectId, slo, now, config, observed);
        } catch (err) {
          this.#onError(`slo ${slo.id} of project ${projectId}`, err);
        }
      }
    }

    const transitions: (AlertTransition & { projectId: string; alertname: string })[] = [];
    const firedRules: { record: AlertRecord; rule: AlertRule }[] = [];
    const apply = async (fingerprint: string, previous: AlertRecord | undefined, o: Observed) => {
      const step = alertStep(previous, o.observation, o.forMs, now, o.keepFiringForMs ?? 0);
      if (step.record === undefined) {
        if (previous !== undefined) await this.#store.deleteDocument(projectId, ALERT_DOCUMENTS.alert, fingerprint);
        alerts.delete(fingerprint);
      } else {
        await this.#store.putDocument(projectId, ALERT_DOCUMENTS.alert, fingerprint, step.record);
        alerts.set(fingerprint, step.record);
      }
      if (step.transition !== undefined) {
        const alertname = o.observation.labels.alertname ?? '';
        transitions.push({ ...step.transition, projectId, alertname });
        await this.#store.appendAudit({
          projectId,
          at: now,
          kind: 'alert',
          subject: fingerprint,
          action: step.transition.to,
          details: {
            from: step.transition.from ?? 'inactive',
            ruleId: o.observation.ruleId,
            labels: o.observation.labels,
            value: o.observation.value,
          },
        });
        if (step.transition.to === 'firing' && o.rule !== undefined && o.rule.actions.length > 0 && step.record) {
          firedRules.push({ record: step.record, rule: o.rule });
        }
      }
    };

    for (const [fp, o] of observed) await apply(fp, alerts.get(fp), o);
    // Alerts not observed this time: gone rules, stale series, models out of the lookback.
    for (const [fp, record] of [...alerts]) {
      if (observed.has(fp)) continue;
      if (record.state === 'resolved') {
        if (now - (record.resolvedAt ?? record.lastEvaluatedAt) > config.routing.resolvedRetentionMs) {
          await this.#store.deleteDocument(projectId, ALERT_DOCUMENTS.alert, fp);
          alerts.delete(fp);
        }
        continue;
      }
      const rule = rulesById.get(record.ruleId);
      const sloId = record.ruleId.startsWith('slo:') ? record.ruleId.slice(4) : undefined;
      // A deleted rule or SLO resolves its alerts; an absence alert whose model left the lookback
      // resolves; a signal alert waits for results (tick has none) until its series is stale; an
      // SLO alert not evaluated this time (its counts failed) keeps its state.
      const inactive =
        sloId !== undefined
          ? !config.slos.some((s) => s.id === sloId)
          : rule === undefined || rule.type === 'absence' || now - record.lastEvaluatedAt > config.routing.staleAfterMs;
      if (!inactive) continue;
      await apply(fp, record, {
        observation: { ...record, active: false, value: record.value },
        forMs: 0,
        ...(rule === undefined ? {} : { rule }),
      });
    }

    const firing = [...alerts.values()].filter((a) => a.state === 'firing');
    const suppression: SuppressionContext = { ...config.suppression, now, firing };
    for (const { record, rule } of firedRules) await this.#act(projectId, record, rule, suppression, now);
    const notifications = await this.#dispatch(projectId, config, [...alerts.values()], suppression, now);
    return { transitions, notifications };
  }

  async #observeSignals(
    projectId: string,
    rules: readonly AlertRule[],
    results: readonly MonitorSignal[],
    observed: Map<string, Observed>,
  ): Promise<void> {
    for (const rule of rules) {
      if (rule.type === 'absence') continue;
      for (const signal of results) {
        const suffix = ruleWatches(rule, signal);
        if (suffix === undefined || signal.value === null || !Number.isFinite(signal.value)) continue;
        const labels = alertLabels(rule, projectId, signalIdentity(rule, signal, suffix));
        const fingerprint = alertFingerprint(labels);
        let active: boolean;
        let value = signal.value;
        if (rule.type === 'threshold') {
          active = thresholdHolds(signal.value, rule.op, rule.threshold);
        } else {
          const history = await this.#seriesHistory(projectId, fingerprint);
          const details = signal.details ?? {};
          const baseline = typeof details.baseline === 'number' ? details.baseline : undefined;
          const baselineSd = typeof details.baselineSd === 'number' ? details.baselineSd : undefined;
          const d = deviation(signal.value, rule.mode, {
            history,
            ...(baseline === undefined ? {} : { baseline }),
            ...(baselineSd === undefined ? {} : { baselineSd }),
          });
          active = deviationHolds(d, rule.threshold, rule.direction);
          value = signal.value;
          const values = [...history, signal.value].slice(-rule.historySize);
          await this.#store.putDocument(projectId, ALERT_DOCUMENTS.series, fingerprint, { values });
        }
        observed.set(fingerprint, {
          observation: {
            fingerprint,
            ruleId: rule.id,
            labels,
            annotations: alertAnnotations(rule, labels, value),
            active,
            value,
          },
          forMs: rule.forMs,
          keepFiringForMs: rule.keepFiringForMs,
          rule,
        });
      }
    }
  }

  async #seriesHistory(projectId: string, fingerprint: string): Promise<readonly number[]> {
    const doc = (await this.#store.getDocument(projectId, ALERT_DOCUMENTS.series, fingerprint)) as
      | SeriesHistory
      | undefined;
    return Array.isArray(doc?.values) ? doc.values.filter((v): v is number => typeof v === 'number') : [];
  }

  async #observeAbsence(projectId: string, rules: readonly AlertRule[], now: number, observed: Map<string, Observed>) {
    const absence = rules.filter((r) => r.type === 'absence');
    if (absence.length === 0) return;
    const lookback = Math.max(...absence.map((r) => r.lookbackMs));
    const models = await this.#store.listModels({ projectId, from: now - lookback, to: now + 1 });
    for (const rule of absence) {
      const lastSeen = new Map<string, number>();
      for (const m of models) {
        if (m.lastSeen < now - rule.lookbackMs) continue;
        if (rule.model !== undefined && m.model !== rule.model) continue;
        if (rule.version !== undefined && m.version !== rule.version) continue;
        lastSeen.set(m.model, Math.max(lastSeen.get(m.model) ?? -Infinity, m.lastSeen));
      }
      if (rule.model !== undefined && !lastSeen.has(rule.model)) lastSeen.set(rule.model, Number.NEGATIVE_INFINITY);
      for (const [model, seen] of lastSeen) {
        const labels = alertLabels(rule, projectId, { model, version: rule.version });
        const fingerprint = alertFingerprint(labels);
        const silentMs = Number.isFinite(seen) ? now - seen : null;
        observed.set(fingerprint, {
          observation: {
            fingerprint,
            ruleId: rule.id,
            labels,
            annotations: alertAnnotations(rule, labels, silentMs === null ? null : silentMs / 1000),
            active: silentMs === null || silentMs >= rule.absentForMs,
            value: silentMs === null ? null : silentMs / 1000,
          },
          // The silence itself is the `for`: absentForMs already elapsed when it becomes active.
          forMs: rule.forMs,
          keepFiringForMs: rule.keepFiringForMs,
          rule,
        });
      }
    }
  }

  async #observeSlo(projectId: string, slo: Slo, now: number, config: ProjectConfig, observed: Map<string, Observed>) {
    const status = await this.sloStatus(projectId, slo, now);
    for (const b of status.burnRates) {
      const labels: Record<string, string> = {
        ...slo.labels,
        alertname: b.name,
        rule_id: `slo:${slo.id}:${b.name}`,
        project: projectId,
        severity: b.severity,
        model: slo.model,
        slo: slo.id,
        sli: slo.sli.kind,
      };
      if (slo.version !== undefined) labels.version = slo.version;
      const fingerprint = alertFingerprint(labels);
      observed.set(fingerprint, {
        observation: {
          fingerprint,
          ruleId: `slo:${slo.id}`,
          labels,
          annotations: {
            summary: `SLO ${slo.id} (${slo.sli.kind} ${(slo.objective * 100).toPrecision(4)} % of ${slo.model}): error budget burning at ${b.longBurnRate.toFixed(1)}× over ${windowName(b.longWindowMs)} and ${b.shortBurnRate.toFixed(1)}× over ${windowName(b.shortWindowMs)} (alert above ${b.factor}×)`,
            runbook_url: runbookUrl(b.name),
          },
          active: b.firing,
          value: b.longBurnRate,
        },
        forMs: 0,
      });
    }
    await this.#pauseOnBurn(projectId, slo, status, config, now);
  }

  /** Seed 002: pause the project's progressing rollouts once per episode of burn above the limit. */
  async #pauseOnBurn(projectId: string, slo: Slo, status: SloStatus, config: ProjectConfig, now: number) {
    const previous = (await this.#store.getDocument(projectId, ALERT_DOCUMENTS.sloState, slo.id)) as
      | { pausing?: boolean }
      | undefined;
    const pausing = status.pauseRollouts.active;
    if (pausing === (previous?.pausing === true)) return;
    await this.#store.putDocument(projectId, ALERT_DOCUMENTS.sloState, slo.id, { pausing, since: now });
    if (!pausing) return;
    const labels = { project: projectId, model: slo.model, slo: slo.id, alertname: 'ErrorBudgetBurnPause' };
    const inMaintenance = config.suppression.maintenance.find(
      (w) => maintenanceActive(w, now) && labelsMatchAll(labels, w.matchers),
    );
    const reason = `SLO ${slo.id}: burn rate ${status.pauseRollouts.burnRate5m.toFixed(2)}× over 5 min and ${status.pauseRollouts.burnRate1h.toFixed(2)}× over 1 h, above ${slo.pauseRolloutsAboveBurn}×`;
    const rollouts =
      inMaintenance !== undefined || this.#actions === undefined ? [] : await this.#actions.activeRollouts(projectId);
    const paused: string[] = [];
    const failed: { id: string; error: string }[] = [];
    for (const id of rollouts) {
      try {
        await (this.#actions as AlertActions).pauseRollout(projectId, id, reason);
        paused.push(id);
      } catch (err) {
        failed.push({ id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    await this.#store.appendAudit({
      projectId,
      at: now,
      kind: 'slo',
      subject: slo.id,
      action: 'pause_rollouts',
      details: {
        reason,
        paused,
        failed,
        ...(inMaintenance ? { skipped: `maintenance window ${inMaintenance.id}` } : {}),
        ...(this.#actions === undefined ? { skipped: 'no rollout actions configured' } : {}),
      },
    });
  }

  async #act(projectId: string, record: AlertRecord, rule: AlertRule, suppression: SuppressionContext, now: number) {
    const muted = alertSuppression(record, suppression);
    for (const action of rule.actions) {
      const reason = `alert ${rule.name} (${record.fingerprint}) fired: ${record.annotations.summary ?? ''}`;
      const details: Record<string, unknown> = { action, ruleId: rule.id, labels: record.labels, value: record.value };
      try {
        if (muted?.by === 'maintenance') {
          details.skipped = `maintenance window ${muted.id}`;
        } else if (this.#actions === undefined) {
          details.skipped = 'no rollout actions configured';
        } else if (action.type === 'pause_experiment') {
          await this.#actions.pauseExperiment(projectId, action.experimentId, reason);
        } else {
          const ids =
            action.rolloutId !== undefined ? [action.rolloutId] : await this.#actions.activeRollouts(projectId);
          for (const id of ids) {
            if (action.type === 'rollback_canary') await this.#actions.abortRollout(projectId, id, reason);
            else await this.#actions.pauseRollout(projectId, id, reason);
          }
          details.rollouts = ids;
        }
      } catch (err) {
        details.error = err instanceof Error ? err.message : String(err);
        this.#onError(`action ${action.type} of rule ${rule.id}`, err);
      }
      await this.#store.appendAudit({
        projectId,
        at: now,
        kind: 'alert',
        subject: record.fingerprint,
        action: action.type,
        details,
      });
    }
  }

  async #dispatch(
    projectId: string,
    config: ProjectConfig,
    alerts: readonly AlertRecord[],
    suppression: SuppressionContext,
    now: number,
  ): Promise<number> {
    const notifiable = alerts.filter((a) => a.state !== 'pending' && alertSuppression(a, suppression) === undefined);
    const groupDocs = await this.#documents(projectId, ALERT_DOCUMENTS.group, AlertGroupStateSchema);
    let started = 0;
    for (const channel of config.channels) {
      const am = channel.type === 'alertmanager';
      const digestSeverities = new Set<string>(am || !channel.digest ? [] : config.routing.digest.severities);
      const mine = notifiable.filter(
        (a) =>
          (channel.severities as readonly string[]).includes(a.labels.severity ?? '') &&
          labelsMatchAll(a.labels, channel.matchers),
      );
      const live = mine.filter((a) => !digestSeverities.has(a.labels.severity ?? ''));
      const groupBy = channel.groupBy ?? (am ? [] : config.routing.groupBy);
      const timings = {
        groupWaitMs: channel.groupWaitMs ?? (am ? 0 : config.routing.groupWaitMs),
        groupIntervalMs: channel.groupIntervalMs ?? (am ? 0 : config.routing.groupIntervalMs),
        repeatIntervalMs: channel.repeatIntervalMs ?? (am ? ALERTMANAGER_RESEND_MS : config.routing.repeatIntervalMs),
      };
      const groups = new Map<string, { labels: Record<string, string>; members: AlertRecord[] }>();
      for (const a of live) {
        const labels = groupLabelsOf(a.labels, groupBy);
        const key = groupKeyOf(labels);
        const g = groups.get(key);
        if (g === undefined) groups.set(key, { labels, members: [a] });
        else g.members.push(a);
      }
      const existing = groupDocs.filter((d) => d.channelId === channel.id);
      for (const d of existing)
        if (!groups.has(d.groupKey)) groups.set(d.groupKey, { labels: { ...d.groupLabels }, members: [] });
      for (const [groupKey, { labels, members }] of groups) {
        const flightKey = `${projectId}\u0000${channel.id}\u0000${groupKey}`;
        if (this.#inFlight.has(flightKey)) continue;
        const docId = groupDocId(channel.id, groupKey);
        const previous = existing.find((d) => d.groupKey === groupKey) as AlertGroupState | undefined;
        const decision = groupDecision(
          previous,
          { channelId: channel.id, groupKey, groupLabels: labels },
          members.map((m) => ({ fingerprint: m.fingerprint, state: m.state === 'firing' ? 'firing' : 'resolved' })),
          timings,
          now,
        );
        if (decision.state === undefined) {
          if (previous !== undefined) await this.#store.deleteDocument(projectId, ALERT_DOCUMENTS.group, docId);
        } else if (decision.state !== previous) {
          await this.#store.putDocument(projectId, ALERT_DOCUMENTS.group, docId, decision.state);
        }
        const send = decision.send;
        if (send === undefined || decision.state === undefined) continue;
        const byFp = new Map(alerts.map((a) => [a.fingerprint, a]));
        const chosen = [...send.firing, ...send.resolved]
          .map((fp) => byFp.get(fp))
          .filter((a): a is AlertRecord => a !== undefined);
        const notification = this.#notification(projectId, channel, 'group', groupKey, labels, chosen, config, now);
        const sentState = decision.state;
        started++;
        this.#deliver(flightKey, projectId, channel, notification, send, async () => {
          const current = (await this.#store.getDocument(projectId, ALERT_DOCUMENTS.group, docId)) as
            | AlertGroupState
            | undefined;
          const next = groupAfterSend(current ?? sentState, send, now);
          if (next === undefined) await this.#store.deleteDocument(projectId, ALERT_DOCUMENTS.group, docId);
          else await this.#store.putDocument(projectId, ALERT_DOCUMENTS.group, docId, next);
        });
      }
      if (digestSeverities.size > 0)
        started += await this.#digest(projectId, channel, config, mine, digestSeverities, now);
    }
    return started;
  }

  async #digest(
    projectId: string,
    channel: AlertChannel,
    config: ProjectConfig,
    alerts: readonly AlertRecord[],
    severities: ReadonlySet<string>,
    now: number,
  ): Promise<number> {
    const day = Math.floor(now / DAY);
    if (now - day * DAY < config.routing.digest.hourUtc * HOUR) return 0;
    const flightKey = `${projectId}\u0000${channel.id}\u0000digest`;
    if (this.#inFlight.has(flightKey)) return 0;
    const state = (await this.#store.getDocument(projectId, ALERT_DOCUMENTS.digest, channel.id)) as
      | { lastDay?: number; retryAt?: number }
      | undefined;
    if (state?.lastDay === day || (state?.retryAt !== undefined && now < state.retryAt)) return 0;
    const since = now - DAY;
    const members = alerts.filter(
      (a) =>
        severities.has(a.labels.severity ?? '') &&
        (a.state === 'firing' || (a.resolvedAt ?? 0) >= since || (a.firedAt ?? 0) >= since),
    );
    if (members.length === 0) {
      await this.#store.putDocument(projectId, ALERT_DOCUMENTS.digest, channel.id, { lastDay: day });
      return 0;
    }
    const notification = this.#notification(projectId, channel, 'digest', `digest:${day}`, {}, members, config, now);
    const retryAt = now + Math.max(config.routing.groupIntervalMs, MINUTE);
    await this.#store.putDocument(projectId, ALERT_DOCUMENTS.digest, channel.id, { ...state, retryAt });
    this.#deliver(
      flightKey,
      projectId,
      channel,
      notification,
      {
        firing: members.filter((a) => a.state === 'firing').map((a) => a.fingerprint),
        resolved: members.filter((a) => a.state !== 'firing').map((a) => a.fingerprint),
      },
      () => this.#store.putDocument(projectId, ALERT_DOCUMENTS.digest, channel.id, { lastDay: day }),
    );
    return 1;
  }

  #notification(
    projectId: string,
    channel: AlertChannel,
    kind: 'group' | 'digest',
    groupKey: string,
    groupLabels: Record<string, string>,
    members: readonly AlertRecord[],
    config: ProjectConfig,
    now: number,
  ): AlertNotification {
    const base = config.routing.externalUrl.replace(/\/+$/, '');
    const alerts: NotificationAlert[] = members.map((a) => ({
      status: a.state === 'firing' ? 'firing' : 'resolved',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: new Date(a.firedAt ?? a.activeAt).toISOString(),
      ...(a.state !== 'firing' && a.resolvedAt !== undefined ? { endsAt: new Date(a.resolvedAt).toISOString() } : {}),
      fingerprint: a.fingerprint,
      generatorURL: `${base}/#/alerts/${a.fingerprint}`,
      value: a.value,
    }));
    return {
      version: '1',
      kind,
      project: projectId,
      channelId: channel.id,
      groupKey,
      status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
      groupLabels,
      commonLabels: commonEntries(members.map((m) => m.labels)),
      commonAnnotations: commonEntries(members.map((m) => m.annotations)),
      externalURL: base,
      alerts,
      sentAt: now,
    };
  }

  #deliver(
    flightKey: string,
    projectId: string,
    channel: AlertChannel,
    notification: AlertNotification,
    send: { readonly firing: readonly string[]; readonly resolved: readonly string[] },
    onSent: () => Promise<unknown>,
  ): void {
    const notifier = this.#notifierOf(channel);
    const run = (async () => {
      const result = await deliverWithRetry(() => notifier.send(notification), channel, {
        random: this.#random,
        ...(this.#sleep ? { sleep: this.#sleep } : {}),
        onAttemptFailed: (n) => {
          if (n < channel.maxAttempts) this.#hooks?.recordNotification(channel.type, 'retried');
        },
      });
      this.#hooks?.recordNotification(channel.type, result.ok ? 'sent' : 'failed');
      await this.#serial(async () => {
        const at = notification.sentAt;
        const record: NotificationRecord = {
          id: `${String(at).padStart(15, '0')}-${String(++this.#notificationSeq).padStart(6, '0')}-${channel.id}`,
          at,
          channelId: channel.id,
          channelType: channel.type,
          kind: notification.kind,
          groupKey: notification.groupKey,
          status: result.ok ? 'sent' : 'failed',
          attempts: result.attempts,
          ...(result.error === undefined ? {} : { error: result.error }),
          firing: [...send.firing],
          resolved: [...send.resolved],
        };
        await this.#store.putDocument(projectId, ALERT_DOCUMENTS.notification, record.id, record);
        if (result.ok) await onSent();
        if (this.#notificationSeq % 100 === 0) await this.#pruneNotifications(projectId);
      });
    })()
      .catch((err) => this.#onError(`delivery to channel ${channel.id} of project ${projectId}`, err))
      .finally(() => this.#inFlight.delete(flightKey));
    this.#inFlight.set(flightKey, run);
  }

  async #pruneNotifications(projectId: string): Promise<void> {
    const all = await this.#store.listDocuments(projectId, ALERT_DOCUMENTS.notification);
    if (all.length <= this.#keepNotifications) return;
    const ids = all.map((d) => d.id).sort();
    for (const id of ids.slice(0, ids.length - this.#keepNotifications)) {
      await this.#store.deleteDocument(projectId, ALERT_DOCUMENTS.notification, id);
    }
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The project's alerts, optionally of one state, most recently changed first. */
  async listAlerts(projectId: string, state?: AlertState): Promise<readonly AlertRecord[]> {
    const all = await this.#documents(projectId, ALERT_DOCUMENTS.alert, AlertRecordSchema);
    return all
      .filter((a) => state === undefined || a.state === state)
      .sort((a, b) => lastChange(b) - lastChange(a) || (a.fingerprint < b.fingerprint ? -1 : 1));
  }

  /** Notification records, newest first, optionally of one status. */
  async listNotifications(
    projectId: string,
    options: { readonly status?: 'sent' | 'failed'; readonly limit?: number } = {},
  ): Promise<readonly NotificationRecord[]> {
    const all = await this.#documents(projectId, ALERT_DOCUMENTS.notification, NotificationRecordSchema);
    return all
      .filter((n) => options.status === undefined || n.status === options.status)
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, options.limit ?? 100);
  }
}

/** An SLO's status (see `AlertEngine.sloStatus`). */
export interface SloStatus {
  readonly sloId: string;
  readonly model: string;
  readonly version?: string;
  readonly sli: Slo['sli'];
  readonly objective: number;
  readonly periodMs: number;
  readonly at: number;
  /** Good and total requests over the period ending at `at`. */
  readonly good: number;
  readonly total: number;
  /** good / total over the period (1 without traffic). */
  readonly attainment: number;
  /** 1 − objective. */
  readonly errorBudget: number;
  /** 1 − the period's burn rate (see errorBudgetRemaining); negative when overspent. */
  readonly budgetRemaining: number;
  readonly burnRates: readonly BurnRateAlertResult[];
  readonly pauseRollouts: {
    readonly threshold: number;
    readonly burnRate5m: number;
    readonly burnRate1h: number;
    readonly active: boolean;
  };
}

function lastChange(a: AlertRecord): number {
  return Math.max(a.activeAt, a.firedAt ?? 0, a.resolvedAt ?? 0);
}

function windowName(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY} d`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  return `${Math.round(ms / MINUTE)} min`;
}

function groupDocId(channelId: string, groupKey: string): string {
  return `${channelId}:${alertFingerprint({ group: groupKey })}`;
}

/** A persisted group (document kind `alert_group`). */
const AlertGroupStateSchema = z.object({
  channelId: z.string(),
  groupKey: z.string(),
  groupLabels: z.record(z.string(), z.string()),
  createdAt: z.number(),
  lastFlushAt: z.number().optional(),
  lastSentAt: z.number().optional(),
  notified: z.array(z.string()),
});
