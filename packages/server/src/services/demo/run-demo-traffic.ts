import type { FeedbackInput } from '../../domain/feedback.js';
import type { InferenceEventInput } from '../../domain/inference-event.js';
import type { OutcomeInput } from '../../domain/outcome.js';
import type { ScoreInput } from '../../domain/score.js';
import type { DemoBatch } from './demo-batch.js';
import { DemoError } from './demo-error.js';
import { createDemoSimulator, type DemoSimulator, type DemoSimulatorOptions } from './demo-simulator.js';
import { loadSeattleWeather } from './seattle-weather.js';

/** Where the runner delivers records; adapt it to the ingest service. Each call gets a non-empty batch. */
export interface DemoSink {
  events(records: readonly InferenceEventInput[]): Promise<unknown>;
  outcomes(records: readonly OutcomeInput[]): Promise<unknown>;
  feedback(records: readonly FeedbackInput[]): Promise<unknown>;
  scores(records: readonly ScoreInput[]): Promise<unknown>;
}

/** The logger the runner reports through (pino's and Fastify's `log` fit: details first, then the message). */
export interface DemoLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface RunDemoTrafficOptions
  extends Omit<DemoSimulatorOptions, 'days' | 'startMs'>,
    Partial<Pick<DemoSimulatorOptions, 'days' | 'startMs'>> {
  readonly sink: DemoSink;
  /** Stops the runner; it finishes the delivery in progress, then `done` resolves. */
  readonly signal?: AbortSignal;
  /** Milliseconds between ticks (default 1 000). */
  readonly tickMs?: number;
  /** When the runner is further than this behind the clock it skips ahead (default 30 000 ms). */
  readonly maxLagMs?: number;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
  /** Default: warnings to `console.warn`, info dropped. */
  readonly logger?: DemoLogger;
}

/** What a run has delivered so far. */
export interface DemoTrafficStats {
  readonly ticks: number;
  /** Records the sink accepted (its promise resolved), per kind. */
  readonly delivered: {
    readonly events: number;
    readonly outcomes: number;
    readonly feedback: number;
    readonly scores: number;
  };
  /** Sink calls that rejected (or threw) and the records they carried. */
  readonly failedCalls: number;
  readonly failedRecords: number;
  /** Milliseconds of traffic skipped because the runner fell behind the clock. */
  readonly skippedMs: number;
}

export interface DemoTrafficRun {
  readonly simulator: DemoSimulator;
  /** A snapshot of the counters. */
  stats(): DemoTrafficStats;
  /** Resolves (never rejects) after the signal aborted and the last delivery finished. */
  readonly done: Promise<DemoTrafficStats>;
}

const SINK_KINDS = ['events', 'outcomes', 'feedback', 'scores'] as const;
const LOG_EVERY_MS = 10_000;

const consoleLogger: DemoLogger = {
  info: () => {},
  warn: (details, message) => console.warn(message, details),
};

/**
 * Runs the demo simulator against the clock: every `tickMs` it generates the records of the
 * interval up to now and hands them to `sink` (events first, then outcomes, feedback and scores),
 * waiting for each call before the next tick. Timers are unref'd, so the runner never keeps the
 * process alive. Sink failures are counted and logged (at most one warning per 10 s), never thrown.
 * @throws {DemoError} 'invalid_option' for bad options, synchronously, before anything runs.
 */
export function runDemoTraffic(options: RunDemoTrafficOptions): DemoTrafficRun {
  const { sink, signal } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? consoleLogger;
  const tickMs = options.tickMs ?? 1000;
  const maxLagMs = options.maxLagMs ?? 30_000;
  if (!(Number.isFinite(tickMs) && tickMs >= 10)) {
    throw new DemoError('invalid_option', `runDemoTraffic: options.tickMs must be a number ≥ 10 (got ${tickMs})`);
  }
  if (!(Number.isFinite(maxLagMs) && maxLagMs >= tickMs)) {
    throw new DemoError(
      'invalid_option',
      `runDemoTraffic: options.maxLagMs must be a number ≥ tickMs ${tickMs} (got ${maxLagMs})`,
    );
  }
  for (const kind of SINK_KINDS) {
    if (typeof sink?.[kind] !== 'function') {
      throw new DemoError(
        'invalid_option',
        `runDemoTraffic: options.sink.${kind} must be a function (got ${typeof sink?.[kind]})`,
      );
    }
  }
  const { sink: _sink, signal: _signal, tickMs: _t, maxLagMs: _m, now: _n, logger: _l, ...simulatorOptions } = options;
  const simulator = createDemoSimulator({
    ...simulatorOptions,
    days: options.days ?? loadSeattleWeather(),
    startMs: options.startMs ?? Math.floor(now()),
  });

  const delivered = { events: 0, outcomes: 0, feedback: 0, scores: 0 };
  let ticks = 0;
  let failedCalls = 0;
  let failedRecords = 0;
  let skippedMs = 0;
  let lastWarning = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let cursor = simulator.startMs;
  const stats = (): DemoTrafficStats => ({
    ticks,
    delivered: { ...delivered },
    failedCalls,
    failedRecords,
    skippedMs,
  });

  const warn = (details: Record<string, unknown>, message: string): void => {
    const t = now();
    if (t - lastWarning < LOG_EVERY_MS) {
      suppressed++;
      return;
    }
    lastWarning = t;
    safeLog(logger, { ...details, suppressedWarnings: suppressed }, message);
    suppressed = 0;
  };

  const deliver = async (batch: DemoBatch): Promise<void> => {
    const calls = [
      ['events', batch.events.length, () => sink.events(batch.events)],
      ['outcomes', batch.outcomes.length, () => sink.outcomes(batch.outcomes)],
      ['feedback', batch.feedback.length, () => sink.feedback(batch.feedback)],
      ['scores', batch.scores.length, () => sink.scores(batch.scores)],
    ] as const;
    for (const [kind, count, call] of calls) {
      if (count === 0) continue;
      try {
        await call();
        delivered[kind] += count;
      } catch (err) {
        failedCalls++;
        failedRecords += count;
        warn(
          { kind, records: count, failedCalls, error: err instanceof Error ? err.message : String(err) },
          `demo traffic: the sink rejected ${count} ${kind}`,
        );
      }
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveDone: (s: DemoTrafficStats) => void = () => {};
  const done = new Promise<DemoTrafficStats>((resolve) => {
    resolveDone = resolve;
  });
  let running = false;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    safeInfo(logger, stats(), 'demo traffic stopped');
    resolveDone(stats());
  };

  const tick = async (): Promise<void> => {
    running = true;
    try {
      const t = Math.floor(now());
      if (t - cursor > maxLagMs) {
        const to = t - tickMs;
        skippedMs += to - cursor;
        warn({ behindMs: t - cursor, skippedToMs: to }, 'demo traffic fell behind the clock; skipping ahead');
        simulator.skipTo(to);
      }
      const batch = simulator.next(t);
      cursor = Math.max(cursor, t);
      ticks++;
      await deliver(batch);
    } catch (err) {
      warn({ error: err instanceof Error ? err.message : String(err) }, 'demo traffic: a tick failed');
    } finally {
      running = false;
    }
    if (signal?.aborted) finish();
    else schedule();
  };

  const schedule = (): void => {
    timer = setTimeout(() => {
      void tick();
    }, tickMs);
    timer.unref();
  };

  if (signal?.aborted) {
    finish();
  } else {
    signal?.addEventListener(
      'abort',
      () => {
        if (!running) finish();
      },
      { once: true },
    );
    safeInfo(
      logger,
      { seed: simulator.seed, startMs: simulator.startMs, tickMs },
      'demo traffic started (weather-classifier, support-assistant)',
    );
    schedule();
  }
  return { simulator, stats, done };
}

function safeLog(logger: DemoLogger, details: Record<string, unknown>, message: string): void {
  try {
    logger.warn(details, message);
  } catch {
    // A failing logger must not stop the demo.
  }
}

function safeInfo(logger: DemoLogger, details: object, message: string): void {
  try {
    logger.info({ ...details }, message);
  } catch {
    // A failing logger must not stop the demo.
  }
}
