/** One step of an evaluator run (rollout decisions today; SLIs, drift and alerts as they land). */
export interface EvaluatorStep {
  readonly name: string;
  run(now: number): Promise<unknown>;
}

/** Options of `EvaluatorLoop`. */
export interface EvaluatorLoopOptions {
  /** Milliseconds between the starts of two runs (`evaluator.intervalSeconds`). */
  readonly intervalMs: number;
  /** A run still going after this many intervals counts as stuck (default 3). */
  readonly stuckAfterIntervals?: number;
  readonly now?: () => number;
  /** Each run's duration in seconds (Prometheus). */
  readonly onRun?: (seconds: number) => void;
  /** A step that failed (the others still run). */
  readonly onError?: (step: string, err: unknown) => void;
}

/**
 * The evaluator: every `intervalMs` it runs its steps in order; a run never overlaps the previous
 * one. `stuckReason` is what `/readyz` reports when a run has gone on for more than
 * `stuckAfterIntervals` intervals. Its timer is unref'd (it never keeps the process alive).
 */
export class EvaluatorLoop {
  readonly #steps: readonly EvaluatorStep[];
  readonly #intervalMs: number;
  readonly #stuckAfter: number;
  readonly #now: () => number;
  readonly #onRun: NonNullable<EvaluatorLoopOptions['onRun']>;
  readonly #onError: NonNullable<EvaluatorLoopOptions['onError']>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #runStartedAt: number | undefined;

  constructor(steps: readonly EvaluatorStep[], options: EvaluatorLoopOptions) {
    if (!(Number.isFinite(options.intervalMs) && options.intervalMs > 0)) {
      throw new RangeError(`EvaluatorLoop: intervalMs must be a number > 0 (got ${options.intervalMs})`);
    }
    this.#steps = steps;
    this.#intervalMs = options.intervalMs;
    this.#stuckAfter = options.stuckAfterIntervals ?? 3;
    this.#now = options.now ?? Date.now;
    this.#onRun = options.onRun ?? (() => undefined);
    this.#onError = options.onError ?? (() => undefined);
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.#running === undefined) void this.runOnce();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  /** One run of every step now (the timer calls it; tests too). */
  runOnce(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    const start = this.#now();
    this.#runStartedAt = start;
    this.#running = (async () => {
      for (const step of this.#steps) {
        try {
          await step.run(start);
        } catch (err) {
          this.#onError(step.name, err);
        }
      }
      this.#onRun((this.#now() - start) / 1000);
    })().finally(() => {
      this.#running = undefined;
      this.#runStartedAt = undefined;
    });
    return this.#running;
  }

  /** Why the evaluator is not healthy (a run going on for too long), or undefined. */
  stuckReason(): string | undefined {
    if (this.#runStartedAt === undefined) return undefined;
    const elapsed = this.#now() - this.#runStartedAt;
    const limit = this.#stuckAfter * this.#intervalMs;
    return elapsed > limit
      ? `the evaluator run started ${Math.round(elapsed / 1000)} s ago is still going (limit ${Math.round(limit / 1000)} s: ${this.#stuckAfter} × evaluator.intervalSeconds)`
      : undefined;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
