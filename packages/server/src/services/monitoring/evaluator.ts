import type { ProfileDatasetDriftOptions } from '@modelwatch/core/drift';
import type { MonitorResult } from '../../domain/monitor.js';
import type { EventFilter } from '../../domain/query.js';
import type { Store } from '../../storage/store.js';
import type { BaselineService } from './baseline-service.js';
import { DEFAULT_MIN_DRIFT_ROWS, driftMonitors } from './drift-monitors.js';
import { feedbackMonitors } from './feedback-monitors.js';
import type { MonitorContext } from './monitor-result-of.js';
import { exportMonitorResults, type MonitorTelemetry } from './monitor-telemetry.js';
import { checkThresholds, DEFAULT_MONITOR_THRESHOLDS, type MonitorThreshold } from './monitor-thresholds.js';
import { MonitoringError } from './monitoring-error.js';
import type { ProfileRowSource } from './profile-row-source.js';
import {
  DEFAULT_MIN_LABELLED,
  DEFAULT_RECENT_LABELLED,
  qualityMonitors,
  recentAccuracyMonitor,
} from './quality-monitors.js';
import { sliMonitors } from './sli-monitors.js';
import { DEFAULT_MIN_SLICE_REQUESTS, DEFAULT_TOP_SLICES, sliceMonitors } from './slice-monitors.js';
import { windowProfile } from './window-profile.js';

/** The longest of the default monitor windows (quality's 30 minutes). */
export const DEFAULT_EVALUATOR_WINDOW_MS = 30 * 60_000;

/**
 * The window each family of monitors evaluates, ending at the run's `now` (milliseconds):
 * - `sli`: requests, throughput, error ratio, latency quantiles, cost (seed 000's `rate(…[5m])`);
 * - `quality`: accuracy, F1, ROC-AUC, MAE, RMSE of the window's predictions joined to their
 *   outcomes (seed 000's `avg_over_time(model_quality_score[30m])`);
 * - `feedback`: feedback rates and judge/human score means;
 * - `drift`: the window's profile against the baseline (PSI and the column tests);
 * - `slices`: the per-segment error ratio, p95 latency and accuracy, and the degradation ranking.
 */
export interface MonitorWindows {
  readonly sli: number;
  readonly quality: number;
  readonly feedback: number;
  readonly drift: number;
  readonly slices: number;
}

/**
 * Default monitor windows: SLIs over 5 min (a fleet-wide latency or error incident moves them
 * within a few runs), quality and feedback over 30 min (labels and scores are sparse and late),
 * drift over 15 min (enough rows for the column tests at modest traffic), slices over 15 min (a
 * slice holds a fraction of the traffic, and its accuracy needs `minLabelled` labelled outcomes).
 */
export const DEFAULT_MONITOR_WINDOWS: Readonly<MonitorWindows> = Object.freeze({
  sli: 5 * 60_000,
  quality: 30 * 60_000,
  feedback: 30 * 60_000,
  drift: 15 * 60_000,
  slices: 15 * 60_000,
});
/** Default hours of a version's first traffic captured as its baseline. */
export const DEFAULT_BASELINE_HOURS = 24;
/** Default most (prediction, outcome) pairs read per version and window for quality. */
export const DEFAULT_MAX_QUALITY_PAIRS = 100_000;

const HOUR_MS = 3_600_000;

export interface EvaluatorOptions {
  readonly store: Store;
  readonly baselines: BaselineService;
  /** Rows profiled for drift (the same source the baselines were captured from). */
  readonly rows: ProfileRowSource;
  /** The Prometheus exporter: quality and drift gauges, evaluator lag and run duration. */
  readonly telemetry?: MonitorTelemetry;
  /**
   * Whether the evaluator sets the evaluator lag and run-duration metrics itself (default true);
   * false when an outer loop that runs it as one step reports them.
   */
  readonly reportRunTiming?: boolean;
  /**
   * One window for every monitor family (overrides DEFAULT_MONITOR_WINDOWS; `windows` overrides
   * it per family).
   */
  readonly windowMs?: number;
  /** The window of each monitor family (default DEFAULT_MONITOR_WINDOWS, or `windowMs` for all). */
  readonly windows?: Partial<MonitorWindows>;
  /**
   * A version without a baseline gets one captured from its first `baselineHours` hours of
   * traffic once it has that much (default 24; 0 turns automatic capture off).
   */
  readonly baselineHours?: number;
  /** Labelled pairs needed for a quality metric (default 30). */
  readonly minLabelled?: number;
  /**
   * Most recent labelled predictions of the quality window behind `quality.accuracy_recent`, the
   * ModelQualityDegraded signal (default 100; at least `minLabelled`).
   */
  readonly recentLabelled?: number;
  /** Rows a window needs for drift (default 50). */
  readonly minDriftRows?: number;
  /** Slices monitored per version (default 5; 0: none). */
  readonly topSlices?: number;
  /** Requests a slice needs in the window (default 50). */
  readonly minSliceRequests?: number;
  /** Most prediction/outcome pairs read per version for quality (default 100 000, the most recent). */
  readonly maxQualityPairs?: number;
  /** Thresholds by monitor name, over DEFAULT_MONITOR_THRESHOLDS. */
  readonly thresholds?: Readonly<Record<string, MonitorThreshold>>;
  /** Options of the drift tests (core profileDatasetDrift: method, threshold, shareThreshold, …). */
  readonly drift?: ProfileDatasetDriftOptions;
  /** Wall clock for run durations and the lag (default Date.now). */
  readonly clock?: () => number;
  /** Told of every error the evaluator caught (a failing part, a failing hook, a failing run). */
  readonly onError?: (error: unknown, scope: EvaluatorErrorScope) => void;
}

/** Where a caught error happened. */
export interface EvaluatorErrorScope {
  readonly part:
    | 'run'
    | 'project'
    | 'sli'
    | 'quality'
    | 'feedback'
    | 'drift'
    | 'baseline'
    | 'slices'
    | 'store'
    | 'hook'
    | 'telemetry';
  readonly projectId?: string;
  readonly model?: string;
  readonly version?: string;
}

/** What one run did. */
export interface EvaluatorRun {
  /** The end of the evaluated windows (the `now` of the run). */
  readonly at: number;
  /** The start of the longest window (each result's own window start is in `details.from`). */
  readonly from: number;
  /** Every monitor result stored by the run. */
  readonly results: readonly MonitorResult[];
  /** Errors caught during the run (the rest of the run went on). */
  readonly errors: readonly (EvaluatorErrorScope & { readonly message: string })[];
  /**
   * Baselines captured from traffic since the previous run. Captures run in the background (one
   * at a time), so a long first-N-hours profile never holds up a run; drift is `skipped` with the
   * reason "in progress" until the capture is stored.
   */
  readonly baselinesCaptured: readonly {
    readonly projectId: string;
    readonly model: string;
    readonly version: string;
  }[];
  readonly durationMs: number;
}

/** Counters of the evaluator's life. */
export interface EvaluatorStats {
  readonly runs: number;
  /** Errors caught (parts, stores, hooks), summed over runs. */
  readonly errors: number;
  /** Runs that failed as a whole (e.g. the project list could not be read). */
  readonly failedRuns: number;
  /** Run requests that found a run in progress and joined it instead of starting another. */
  readonly overlapsAvoided: number;
  readonly lastRun?: { readonly at: number; readonly durationMs: number; readonly results: number } | undefined;
}

/** Called after each run with its stored results and its `now` (rollout ticks, alert rules, …). */
export type EvaluatorHook = (results: readonly MonitorResult[], now: number) => unknown;

function positiveOption(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new MonitoringError(
      'invalid',
      `Evaluator: ${name} must be a finite number ${allowZero ? '≥' : '>'} 0 (got ${String(value)})`,
      name,
    );
  }
  return v;
}

function integerOption(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new MonitoringError('invalid', `Evaluator: ${name} must be an integer ≥ ${min} (got ${String(value)})`, name);
  }
  return v;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The evaluator loop: each run evaluates, for every project and every (model, version) with
 * traffic in the longest window, the monitors, each family over its own window ending at `now`
 * ({@link MonitorWindows}; default {@link DEFAULT_MONITOR_WINDOWS}) — SLIs, quality from joined outcomes,
 * feedback and judge scores, drift against the version's baseline (capturing the baseline from
 * the version's first N hours when due), and the top degraded segment slices — stores them with
 * `store.appendMonitorResults` (one call per project), sets the Prometheus gauges, then calls the
 * `onRun` hooks.
 *
 * `runOnce(now)` is pure of timers (tests call it directly). `start(intervalMs)` runs it on an
 * unref'd timer (it never keeps the process alive); runs never overlap — a run requested while
 * one is going joins it. Every error is caught, counted, reported to `onError` and listed in the
 * run's result; one failing part (say, drift of one version) does not stop the others, and a run
 * never rejects, so the loop never crashes the process.
 */
export class Evaluator {
  readonly #store: Store;
  readonly #baselines: BaselineService;
  readonly #rows: ProfileRowSource;
  readonly #telemetry: MonitorTelemetry | undefined;
  readonly #reportRunTiming: boolean;
  readonly #windows: Readonly<MonitorWindows>;
  readonly #longestWindowMs: number;
  readonly #baselineMs: number;
  readonly #minLabelled: number;
  readonly #recentLabelled: number;
  readonly #minDriftRows: number;
  readonly #topSlices: number;
  readonly #minSliceRequests: number;
  readonly #maxPairs: number;
  readonly #thresholds: Readonly<Record<string, MonitorThreshold>>;
  readonly #drift: ProfileDatasetDriftOptions;
  readonly #clock: () => number;
  readonly #onError: NonNullable<EvaluatorOptions['onError']>;
  readonly #hooks: EvaluatorHook[] = [];
  /** First traffic of each version without a baseline (key project\0model\0version). */
  readonly #firstSeen = new Map<string, number>();
  /** Versions whose capture found nothing to profile, with the reason (not retried until restart). */
  readonly #captureFailed = new Map<string, string>();
  /** Captures queued or running (key → the reason drift gives meanwhile). */
  readonly #capturing = new Map<string, string>();
  /** The chain of background captures (one at a time). */
  #captureChain: Promise<void> = Promise.resolve();
  /** Captures stored since the last run ended. */
  #captured: { projectId: string; model: string; version: string }[] = [];
  #running: Promise<EvaluatorRun> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stats: {
    runs: number;
    errors: number;
    failedRuns: number;
    overlapsAvoided: number;
    lastRun?: EvaluatorStats['lastRun'];
  } = { runs: 0, errors: 0, failedRuns: 0, overlapsAvoided: 0 };

  constructor(options: EvaluatorOptions) {
    this.#store = options.store;
    this.#baselines = options.baselines;
    this.#rows = options.rows;
    this.#telemetry = options.telemetry;
    this.#reportRunTiming = options.reportRunTiming ?? true;
    const all = options.windowMs === undefined ? undefined : positiveOption('windowMs', options.windowMs, 0);
    const windows = {} as Record<keyof MonitorWindows, number>;
    for (const k of Object.keys(DEFAULT_MONITOR_WINDOWS) as (keyof MonitorWindows)[]) {
      windows[k] = positiveOption(`windows.${k}`, options.windows?.[k], all ?? DEFAULT_MONITOR_WINDOWS[k]);
    }
    this.#windows = Object.freeze(windows);
    this.#longestWindowMs = Math.max(...Object.values(windows));
    this.#baselineMs = positiveOption('baselineHours', options.baselineHours, DEFAULT_BASELINE_HOURS, true) * HOUR_MS;
    this.#minLabelled = integerOption('minLabelled', options.minLabelled, DEFAULT_MIN_LABELLED, 1);
    this.#recentLabelled = integerOption(
      'recentLabelled',
      options.recentLabelled,
      Math.max(DEFAULT_RECENT_LABELLED, this.#minLabelled),
      this.#minLabelled,
    );
    this.#minDriftRows = integerOption('minDriftRows', options.minDriftRows, DEFAULT_MIN_DRIFT_ROWS, 1);
    this.#topSlices = integerOption('topSlices', options.topSlices, DEFAULT_TOP_SLICES, 0);
    this.#minSliceRequests = integerOption('minSliceRequests', options.minSliceRequests, DEFAULT_MIN_SLICE_REQUESTS, 1);
    this.#maxPairs = integerOption('maxQualityPairs', options.maxQualityPairs, DEFAULT_MAX_QUALITY_PAIRS, 1);
    const thresholds = { ...DEFAULT_MONITOR_THRESHOLDS, ...options.thresholds };
    checkThresholds(thresholds);
    this.#thresholds = thresholds;
    this.#drift = options.drift ?? {};
    this.#clock = options.clock ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** The window of each monitor family. */
  get windows(): Readonly<MonitorWindows> {
    return this.#windows;
  }

  /** Counters since construction. */
  get stats(): EvaluatorStats {
    return { ...this.#stats };
  }

  /** True while a run is going. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Adds a hook run after every run (in order of registration); returns a function removing it. */
  onRun(hook: EvaluatorHook): () => void {
    this.#hooks.push(hook);
    return () => {
      const i = this.#hooks.indexOf(hook);
      if (i >= 0) this.#hooks.splice(i, 1);
    };
  }

  /**
   * One run over the windows ending at `now` ([now − window, now) per family). While a run is going, returns that run's
   * promise instead of starting another (counted in `stats.overlapsAvoided`). Never rejects.
   */
  runOnce(now: number): Promise<EvaluatorRun> {
    if (this.#running !== undefined) {
      this.#stats.overlapsAvoided++;
      return this.#running;
    }
    const run = this.#run(now).finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /** Runs every `intervalMs` on an unref'd timer (a tick during a run is skipped); idempotent. */
  start(intervalMs: number): void {
    positiveOption('intervalMs', intervalMs, intervalMs);
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      void this.runOnce(this.#clock());
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run and the baseline captures in progress. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
    await this.baselineCaptures();
  }

  async #run(now: number): Promise<EvaluatorRun> {
    const started = this.#clock();
    const from = now - this.#longestWindowMs;
    const results: MonitorResult[] = [];
    const errors: (EvaluatorErrorScope & { message: string })[] = [];
    const caught = (err: unknown, scope: EvaluatorErrorScope) => {
      this.#stats.errors++;
      errors.push({ ...scope, message: messageOf(err) });
      try {
        this.#onError(err, scope);
      } catch {
        // A failing error reporter must not take the run down.
      }
    };
    try {
      if (!Number.isFinite(now))
        throw new MonitoringError('invalid', `runOnce: now must be finite epoch milliseconds (got ${now})`, 'now');
      const projects = await this.#store.listProjects();
      for (const project of projects) {
        try {
          const projectResults = await this.#project(project.id, from, now, caught);
          try {
            await this.#store.appendMonitorResults(projectResults);
            results.push(...projectResults);
          } catch (err) {
            caught(err, { part: 'store', projectId: project.id });
          }
        } catch (err) {
          caught(err, { part: 'project', projectId: project.id });
        }
      }
    } catch (err) {
      this.#stats.failedRuns++;
      caught(err, { part: 'run' });
    }
    const durationMs = Math.max(0, this.#clock() - started);
    if (this.#telemetry !== undefined) {
      try {
        exportMonitorResults(this.#telemetry, results);
        if (this.#reportRunTiming) {
          this.#telemetry.observeEvaluatorRun(durationMs / 1000);
          // Lag: how old the newest evaluated data is when the run completes (now − window end).
          this.#telemetry.setEvaluatorLag(Math.max(0, this.#clock() - now) / 1000);
        }
      } catch (err) {
        caught(err, { part: 'telemetry' });
      }
    }
    for (const hook of [...this.#hooks]) {
      try {
        await hook(results, now);
      } catch (err) {
        caught(err, { part: 'hook' });
      }
    }
    this.#stats.runs++;
    this.#stats.lastRun = { at: now, durationMs, results: results.length };
    const captured = this.#captured;
    this.#captured = [];
    return { at: now, from, results, errors, baselinesCaptured: captured, durationMs };
  }

  /** The monitors of every active version of one project. */
  async #project(
    projectId: string,
    from: number,
    now: number,
    caught: (err: unknown, scope: EvaluatorErrorScope) => void,
  ): Promise<MonitorResult[]> {
    const models = await this.#store.listModels({ projectId, from, to: now });
    const versions = new Map<string, { model: string; version: string }>();
    for (const m of models) versions.set(`${m.model}\u0000${m.version}`, { model: m.model, version: m.version });
    const sorted = [...versions.values()].sort((a, b) =>
      a.model === b.model ? (a.version < b.version ? -1 : 1) : a.model < b.model ? -1 : 1,
    );
    const out: MonitorResult[] = [];
    for (const { model, version } of sorted) {
      // Each family over its own window [now − window, now).
      const w = this.#windows;
      const ctxOf = (ms: number): MonitorContext => ({ projectId, model, version, from: now - ms, at: now });
      const filterOf = (ms: number): EventFilter => ({ projectId, model, version, from: now - ms, to: now });
      const part = async (name: EvaluatorErrorScope['part'], fn: () => Promise<MonitorResult[]>) => {
        try {
          out.push(...(await fn()));
        } catch (err) {
          caught(err, { part: name, projectId, model, version });
        }
      };
      const t = this.#thresholds;
      await part('sli', async () => sliMonitors(ctxOf(w.sli), await this.#store.overview(filterOf(w.sli), w.sli), t));
      await part('quality', async () => {
        const pairs = await this.#store.qualityPairs(filterOf(w.quality), this.#maxPairs);
        const n = Math.max(pairs.labels.actual.length, pairs.values.actual.length);
        const recent = await this.#store.qualityPairs(filterOf(w.quality), this.#recentLabelled);
        return [
          ...qualityMonitors(ctxOf(w.quality), pairs, this.#minLabelled, t, n >= this.#maxPairs),
          ...recentAccuracyMonitor(ctxOf(w.quality), recent, this.#recentLabelled, this.#minLabelled, t),
        ];
      });
      await part('feedback', async () => {
        const filter = filterOf(w.feedback);
        const [rates, scores] = [await this.#store.feedbackRates(filter), await this.#store.scoreSummaries(filter)];
        return feedbackMonitors(ctxOf(w.feedback), rates, scores, t);
      });
      await part('drift', () => this.#driftOf(ctxOf(w.drift), filterOf(w.drift)));
      await part('slices', async () =>
        sliceMonitors(ctxOf(w.slices), await this.#store.sliceStats(filterOf(w.slices), this.#minSliceRequests), {
          top: this.#topSlices,
          minRequests: this.#minSliceRequests,
          minLabelled: this.#minLabelled,
          thresholds: t,
        }),
      );
    }
    return out;
  }

  async #driftOf(ctx: MonitorContext, filter: EventFilter): Promise<MonitorResult[]> {
    const { projectId, model, version } = ctx;
    const key = `${projectId}\u0000${model}\u0000${version}`;
    const record = await this.#baselines.find(projectId, model, version);
    if (record === undefined) {
      return driftMonitors(ctx, await this.#captureIfDue(key, ctx), undefined, this.#minDriftRows);
    }
    const profile = await this.#baselines.profile(projectId, model, version);
    if (profile === undefined) return driftMonitors(ctx, 'no baseline', undefined, this.#minDriftRows);
    const current = await windowProfile(this.#rows, filter, { createdAt: ctx.at });
    const source =
      record.source.type === 'traffic'
        ? `traffic [${new Date(record.source.from).toISOString()}, ${new Date(record.source.to).toISOString()})`
        : `dataset ${record.source.fileName}`;
    return driftMonitors(
      ctx,
      { profile, createdAt: record.createdAt, source },
      current,
      this.#minDriftRows,
      this.#drift,
    );
  }

  /**
   * Queues the capture of the version's baseline from its first hours when due (in the
   * background, one capture at a time). Returns why drift has no baseline this run: not due yet,
   * capture in progress, capture off, or nothing to profile.
   */
  async #captureIfDue(key: string, ctx: MonitorContext): Promise<string> {
    if (this.#baselineMs === 0) {
      return 'no baseline for this version (automatic capture is off: baselineHours 0; POST /v1/baselines)';
    }
    const pending = this.#capturing.get(key) ?? this.#captureFailed.get(key);
    if (pending !== undefined) return pending;
    const { projectId, model, version } = ctx;
    let first = this.#firstSeen.get(key);
    if (first === undefined) {
      const seen = await this.#store.listModels({ projectId, model, version, from: 0, to: ctx.at });
      first = Math.min(...seen.map((m) => m.firstSeen));
      if (!Number.isFinite(first)) return 'no baseline for this version and no traffic to capture one from';
      this.#firstSeen.set(key, first);
    }
    const due = first + this.#baselineMs;
    const hours = this.#baselineMs / HOUR_MS;
    if (ctx.at < due) {
      return `no baseline yet: captured from the version's first ${hours} h of traffic at ${new Date(due).toISOString()}`;
    }
    const window = { from: first, to: due };
    const reason = `no baseline yet: capture from the version's first ${hours} h of traffic [${new Date(first).toISOString()}, ${new Date(due).toISOString()}) in progress`;
    this.#capturing.set(key, reason);
    this.#captureChain = this.#captureChain.then(async () => {
      try {
        await this.#baselines.captureFromTraffic(projectId, model, version, window);
        this.#firstSeen.delete(key);
        this.#captured.push({ projectId, model, version });
      } catch (err) {
        if (err instanceof MonitoringError && err.code === 'no_data') {
          // Not retried until restart: the first hours will not grow new events.
          this.#captureFailed.set(
            key,
            `no baseline: the version's first ${hours} h hold nothing to profile (${err.message})`,
          );
        } else {
          // Retried at the next run.
          this.#stats.errors++;
          try {
            this.#onError(err, { part: 'baseline', projectId, model, version });
          } catch {
            // A failing error reporter must not break the chain.
          }
        }
      } finally {
        this.#capturing.delete(key);
      }
    });
    return reason;
  }

  /** Resolves when every queued baseline capture has finished (stored or failed). */
  async baselineCaptures(): Promise<void> {
    let chain: Promise<void>;
    do {
      chain = this.#captureChain;
      await chain;
    } while (chain !== this.#captureChain);
  }
}
