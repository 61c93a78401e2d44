/**
 * The game-day harness: modelwatch's real pipeline driven on simulated time (nothing sleeps).
 *
 * A temporary DuckDB file; the demo simulator generating the records of each simulated interval;
 * the real IngestService (validation, PII redaction, durable append) with the simulated clock;
 * then, as `modelwatch serve`'s evaluator loop does every `evaluator.intervalSeconds`, the rollout
 * controller's tick and `evaluator.runOnce(t)`, whose `onRun` hook feeds the AlertEngine exactly as
 * in services/server/server-services.ts (the engine with DuckDbSloCounts and the experiments'
 * actions). Alerts go to a real Alertmanager through the real AlertmanagerNotifier; because
 * Alertmanager judges `endsAt` against its own wall clock, the notifier is wrapped by
 * `wallClockNotifier`, which moves the notification's times from simulated to wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertChannel } from '../src/domain/alerting.js';
import {
  AlertAdmin,
  AlertEngine,
  type AlertNotification,
  DuckDbSloCounts,
  experimentAlertActions,
  experimentSignals,
  type Notifier,
  notifierOf,
} from '../src/services/alerting/index.js';
import {
  createDemoSimulator,
  type DemoBatch,
  type DemoSimulator,
  type DemoSimulatorOptions,
  loadSeattleWeather,
  type WeatherDay,
} from '../src/services/demo/index.js';
import {
  DuckDbExperimentEvents,
  type ExperimentServices,
  experimentServices,
} from '../src/services/experiments-server/index.js';
import { IngestService, type RecordKind } from '../src/services/ingest/index.js';
import { type MonitoringServices, monitoringServices } from '../src/services/monitoring/index.js';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';
import type { AuditEntry } from '../src/storage/store.js';

export const GAME_DAY_PROJECT = 'game-day';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Simulated time 0: 2026-06-01T00:00:00Z (a date only; the weather data are chosen by `firstDay`). */
export const GAME_DAY_T0 = Date.UTC(2026, 5, 1);

export interface GameDayOptions {
  /** The project the traffic goes to (default `game-day`). */
  readonly projectId?: string;
  /** Simulator options (schedule, rate, canary, …) over the harness's defaults. */
  readonly simulator?: Partial<Omit<DemoSimulatorOptions, 'days' | 'startMs'>>;
  /**
   * The dataset day the weather service starts at (ISO date, default 2014-07-01): the days are
   * rotated to start there, and one simulated day lasts a day, so the season does not change.
   */
  readonly firstDay?: string;
  /** Evaluator interval (default 1 min, as `evaluator.intervalSeconds` 60). */
  readonly intervalMs?: number;
  /** Evaluator options (windowMs, baselineHours, …). */
  readonly evaluator?: Parameters<typeof monitoringServices>[1];
  /** Alertmanager base URL; when set, an `alertmanager` channel is created. */
  readonly alertmanagerUrl?: string;
  /** Models whose events are dropped while `silence(t)` says so (the dead-man's-switch scenario). */
  readonly silence?: (model: string, t: number) => boolean;
  /** Sees each simulated interval's batch (as generated, before ingest) and the interval's end. */
  readonly onBatch?: (batch: DemoBatch, t: number) => void;
}

/** A transition of an alert as the audit log recorded it. */
export interface AlertTransitionRecord {
  readonly at: number;
  readonly action: string;
  readonly fingerprint: string;
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: unknown;
}

/** Moves a notification's times by `shiftMs` (simulated → wall clock). */
export function shiftedNotification(n: AlertNotification, shiftMs: number): AlertNotification {
  const move = (iso: string) => new Date(Date.parse(iso) + shiftMs).toISOString();
  return {
    ...n,
    sentAt: n.sentAt + shiftMs,
    alerts: n.alerts.map((a) => ({
      ...a,
      startsAt: move(a.startsAt),
      ...(a.endsAt === undefined ? {} : { endsAt: move(a.endsAt) }),
    })),
  };
}

/**
 * The channel's real notifier, sending each notification as if simulated time `sentAt` were the
 * wall clock's now: a firing alert reaches Alertmanager with endsAt 4 min after the wall clock's
 * now (active), a resolved one with endsAt = now (resolved), as they would in real time.
 */
export function wallClockNotifier(channel: AlertChannel): Notifier {
  const inner = notifierOf(channel);
  return {
    type: inner.type,
    send: (n) => inner.send(shiftedNotification(n, Date.now() - n.sentAt)),
  };
}

/** The dataset rotated to start at `firstDay` (so simulated day 0 is that day; training uses years, not order). */
export function daysFrom(days: readonly WeatherDay[], firstDay: string): WeatherDay[] {
  const i = days.findIndex((d) => d.date === firstDay);
  if (i < 0) throw new Error(`daysFrom: no day ${firstDay} in the dataset`);
  return [...days.slice(i), ...days.slice(0, i)];
}

/** The real pipeline over one temporary DuckDB file, on simulated time. */
export class GameDay {
  readonly store: DuckDbStore;
  readonly ingest: IngestService;
  readonly monitoring: MonitoringServices;
  readonly experiments: ExperimentServices;
  readonly alerts: AlertEngine;
  readonly admin: AlertAdmin;
  readonly sim: DemoSimulator;
  readonly intervalMs: number;
  /** Errors the engine, the evaluator or the rollout tick reported (a test expects none). */
  readonly errors: string[] = [];
  /** Records the ingest service rejected (a test expects none: the simulator speaks the wire format). */
  rejected = 0;
  readonly projectId: string;
  #now: number;
  readonly #dir: string;
  readonly #silence: GameDayOptions['silence'];
  readonly #onBatch: GameDayOptions['onBatch'];

  private constructor(dir: string, store: DuckDbStore, options: GameDayOptions) {
    this.#dir = dir;
    this.store = store;
    this.projectId = options.projectId ?? GAME_DAY_PROJECT;
    this.#now = GAME_DAY_T0;
    this.#silence = options.silence;
    this.#onBatch = options.onBatch;
    this.intervalMs = options.intervalMs ?? MINUTE;
    const clock = () => this.#now;
    this.ingest = new IngestService({ store, now: clock });
    this.experiments = experimentServices({ store, events: new DuckDbExperimentEvents(store), now: clock });
    this.alerts = new AlertEngine({
      store,
      sloCounts: new DuckDbSloCounts(store),
      actions: experimentAlertActions({ store, ...this.experiments }),
      notifierOf: wallClockNotifier,
      onError: (what, err) => this.errors.push(`alerting ${what}: ${messageOf(err)}`),
    });
    this.admin = new AlertAdmin(store);
    this.monitoring = monitoringServices(store, {
      ...options.evaluator,
      clock,
      reportRunTiming: false,
      onError: (err, scope) => this.errors.push(`evaluator ${scope.part}: ${messageOf(err)}`),
    });
    // As serve does: the alert engine evaluates every monitor run's results (plus the rollout and
    // experiment signals), with the run's time.
    const windowMs = options.evaluator?.windowMs;
    this.monitoring.evaluator.onRun(async (results, now) =>
      this.alerts.evaluate(
        [
          ...results,
          ...(await experimentSignals(store, this.experiments, now, {
            ...(windowMs === undefined ? {} : { windowMs }),
            onError: (what, err) => this.errors.push(`experiment signals ${what}: ${messageOf(err)}`),
          })),
        ],
        now,
      ),
    );
    const all = loadSeattleWeather();
    this.sim = createDemoSimulator({
      days: daysFrom(all, options.firstDay ?? '2014-07-01'),
      startMs: GAME_DAY_T0,
      seed: 7,
      ratePerSecond: 2,
      msPerDay: 86_400_000,
      ...options.simulator,
    });
  }

  static async create(options: GameDayOptions = {}): Promise<GameDay> {
    const dir = mkdtempSync(join(tmpdir(), 'modelwatch-game-day-'));
    const store = new DuckDbStore({ path: join(dir, 'store.duckdb'), threads: 1 });
    await store.open();
    const g = new GameDay(dir, store, options);
    await store.putProject({ id: g.projectId, name: 'Game day', createdAt: GAME_DAY_T0 });
    await g.admin.installBuiltInRules(g.projectId, 'game-day');
    if (options.alertmanagerUrl !== undefined) {
      await g.admin.put(g.projectId, 'channel', {
        id: 'alertmanager',
        type: 'alertmanager',
        url: options.alertmanagerUrl,
        timeoutMs: 5000,
      });
    }
    return g;
  }

  /** The simulated clock. */
  get now(): number {
    return this.#now;
  }

  /**
   * Advances simulated time to `until`, one evaluator interval at a time: the interval's records
   * through ingest, then (as serve's loop) the rollout tick and an evaluator run at its end, whose
   * hook evaluates the alerts. `afterRun` sees every run's time; returning false stops early.
   */
  async runUntil(
    until: number,
    afterRun?: (t: number) => Promise<boolean | undefined> | boolean | undefined,
  ): Promise<void> {
    while (this.#now + this.intervalMs <= until) {
      const t = this.#now + this.intervalMs;
      const batch = this.sim.next(t);
      this.#onBatch?.(batch, t);
      this.#now = t;
      await this.#ingest(batch, t);
      try {
        await this.experiments.rollouts.tick(t);
      } catch (err) {
        this.errors.push(`rollouts: ${messageOf(err)}`);
      }
      const run = await this.monitoring.evaluator.runOnce(t);
      for (const e of run.errors) this.errors.push(`evaluator ${e.part} ${e.model ?? ''}: ${e.message}`);
      // Baseline captures run in the background in serve; here each finishes before time moves on.
      await this.monitoring.evaluator.baselineCaptures();
      await this.alerts.idle();
      if ((await afterRun?.(t)) === false) return;
    }
  }

  async #ingest(batch: DemoBatch, t: number): Promise<void> {
    const silenced = this.#silence;
    const events =
      silenced === undefined ? batch.events : batch.events.filter((e) => !silenced(e.model, e.timestamp as number));
    const kinds: [RecordKind, readonly unknown[]][] = [
      ['events', events],
      ['outcomes', batch.outcomes],
      ['feedback', batch.feedback],
      ['scores', batch.scores],
    ];
    for (const [kind, values] of kinds) {
      if (values.length === 0) continue;
      const r = await this.ingest.ingest(this.projectId, kind, {
        values: [...values],
        rejected: [],
        bytes: JSON.stringify(values).length,
      });
      this.rejected += r.rejected.length;
      if (r.rejected.length > 0 && this.errors.length < 20) {
        this.errors.push(`ingest ${kind} at ${new Date(t).toISOString()}: ${JSON.stringify(r.rejected.slice(0, 3))}`);
      }
    }
  }

  /** Every alert transition (audit kind `alert`), oldest first. */
  async transitions(): Promise<AlertTransitionRecord[]> {
    const audit = await this.store.listAudit(this.projectId, { kind: 'alert', limit: 100_000 });
    return [...audit]
      .sort((a, b) => a.at - b.at)
      .map((a: AuditEntry) => {
        const d = (a.details ?? {}) as { labels?: Record<string, string>; value?: unknown };
        return {
          at: a.at,
          action: a.action,
          fingerprint: a.subject,
          alertname: d.labels?.alertname ?? '',
          labels: d.labels ?? {},
          value: d.value,
        };
      });
  }

  async close(): Promise<void> {
    await this.monitoring.evaluator.stop();
    await this.alerts.close();
    await this.ingest.close();
    await this.store.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
