import { CoreError } from '@modelwatch/core/errors';
import {
  type AssignmentExperiment,
  CanaryRollout,
  type RolloutAuditEntry,
  type RolloutEvent,
  type RolloutReasonCode,
  type RolloutState,
  type RolloutStatistics,
  reweightedExperiment,
} from '@modelwatch/core/experiments';
import type { GuardrailSpec } from '../../domain/experiment.js';
import type { EventDetail } from '../../domain/query.js';
import { RolloutInputSchema, type RolloutRecord, RolloutRecordSchema } from '../../domain/rollout.js';
import type { AuditEntry, Store } from '../../storage/store.js';
import { canaryAnalysis, guardrailStatistics } from './canary-analysis.js';
import type { ExperimentEventSource } from './experiment-event-source.js';
import { type ExperimentRegistry, layoutOf, ROLLOUT_DOCUMENT } from './experiment-registry.js';
import { ExperimentServiceError } from './experiment-service-error.js';
import { KeyedMutex } from './keyed-mutex.js';
import { parseInput } from './parse-input.js';

/** The store methods the controller uses. */
export type RolloutStore = Pick<
  Store,
  'getDocument' | 'putDocument' | 'listDocuments' | 'appendAudit' | 'listAudit' | 'listProjects'
>;

export interface RolloutControllerOptions {
  readonly store: RolloutStore;
  readonly registry: ExperimentRegistry;
  readonly events: ExperimentEventSource;
  /** Clock of the API-driven transitions (start, pause, resume, abort); ticks get their time passed. */
  readonly now?: () => number;
}

/** Audit-log actions of a rollout (kind `rollout`, subject = the rollout id). */
export type RolloutAction = 'start' | 'step_up' | 'hold' | 'rollback' | 'promote' | 'pause' | 'resume' | 'abort';

/** A rollout as the API shows it: position, policy, counters and schedule. */
export interface RolloutView {
  readonly id: string;
  readonly experimentId: string;
  readonly status: RolloutState['status'];
  /** Index into `policy.steps` (−1 before the start). */
  readonly step: number;
  /** Canary share of units in %, as the assignment endpoint serves it. */
  readonly weight: number;
  readonly policy: RolloutState['policy'];
  readonly guardrails: readonly GuardrailSpec[];
  readonly stable: string;
  readonly canary: string;
  readonly counters: {
    readonly samplesTotal: number;
    readonly samplesInStep: number;
    readonly successfulRunsInStep: number;
    readonly failedRuns: number;
    readonly consecutiveErrors: number;
    readonly inconclusiveRuns: number;
  };
  readonly startedAt?: number;
  readonly stepStartedAt?: number;
  readonly lastAnalysisAt?: number;
  readonly nextAnalysisAt: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly revision: number;
}

/** What one tick did to one rollout. */
export interface RolloutTickReport {
  readonly projectId: string;
  readonly id: string;
  /** An analysis run was due and happened (or held for lack of traffic). */
  readonly analysed: boolean;
  readonly transitions: readonly RolloutAuditEntry[];
}

const ACTIONS: Readonly<Record<RolloutReasonCode, RolloutAction>> = {
  started: 'start',
  step_advanced: 'step_up',
  promoted: 'promote',
  analysis_failed: 'rollback',
  analysis_errors: 'rollback',
  guardrail_failed: 'rollback',
  burn_rate_rollback: 'rollback',
  manual_abort: 'abort',
  analysis_inconclusive: 'pause',
  burn_rate_pause: 'pause',
  manual_pause: 'pause',
  manual_resume: 'resume',
};

interface Loaded {
  record: RolloutRecord;
  rollout: CanaryRollout;
}

/**
 * The canary rollout controller: drives core CanaryRollout for every rollout of every project,
 * with its state persisted as a store document (kind `rollout`, id = the canary experiment's id).
 *
 * - `start` puts the canary on its first step and lays the experiment's units out at that weight.
 * - `tick(now)` (the server calls it every few seconds; tests call it with their own clock) runs,
 *   for each active rollout whose analysis is due (every `analysisInterval`): the canary's units in
 *   the current step, the guardrails over the step's requests (canary against stable, one-sided
 *   non-inferiority — a failure rolls back at once), the canary's error-budget burn rate over the
 *   last interval (when `sloTarget` is set: above 14.4× rolls back, above 2× pauses), then the
 *   analysis run's phase (Argo: failureLimit, consecutiveErrorLimit, inconclusiveLimit), and
 *   finally the step conditions (samples, duration, successful runs) that advance or promote.
 * - Every transition is persisted before it is appended to the audit log (kind `rollout`) with
 *   its statistics; an analysis that does not move the rollout is logged as `hold`.
 * - A weight change re-lays the units with core reweightedExperiment: raising the canary share
 *   keeps every canary unit in the canary; a rollback sends every unit to stable.
 * - A new controller over the same store resumes every rollout where it was (step, counters,
 *   schedule), because nothing lives only in memory.
 */
export class RolloutController {
  readonly #store: RolloutStore;
  readonly #registry: ExperimentRegistry;
  readonly #events: ExperimentEventSource;
  readonly #now: () => number;
  readonly #mutex = new KeyedMutex();
  /** Active (non-terminal) rollouts, loaded from the store at the first tick. */
  #active: Map<string, { projectId: string; id: string }> | undefined;

  constructor(options: RolloutControllerOptions) {
    this.#store = options.store;
    this.#registry = options.registry;
    this.#events = options.events;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Starts the rollout of canary experiment `input.experimentId` (see RolloutInputSchema).
   * @throws {ExperimentServiceError} `invalid` (malformed input or policy), `not_found` (no such
   *   experiment), `conflict` (not a canary experiment, or it already has a rollout).
   */
  async start(projectId: string, input: unknown, actor = 'api'): Promise<RolloutView> {
    const spec = parseInput(RolloutInputSchema, input, 'rollout');
    const id = spec.experimentId;
    return this.#mutex.run(key(projectId, id), async () => {
      const experiment = await this.#registry.get(projectId, id);
      if (experiment.definition.type !== 'canary') {
        throw new ExperimentServiceError(
          'conflict',
          `experiment ${JSON.stringify(id)} is of type ${JSON.stringify(experiment.definition.type)}; a rollout drives a canary experiment`,
          'experimentId',
        );
      }
      if ((await this.#store.getDocument(projectId, ROLLOUT_DOCUMENT, id)) !== undefined) {
        throw new ExperimentServiceError(
          'conflict',
          `experiment ${JSON.stringify(id)} already has a rollout`,
          'experimentId',
        );
      }
      const rollout = coreCall(
        () =>
          new CanaryRollout({
            ...(spec.steps === undefined ? {} : { steps: spec.steps }),
            ...(spec.minSamplesPerStep === undefined ? {} : { minSamplesPerStep: spec.minSamplesPerStep }),
            ...(spec.minDurationPerStepMs === undefined ? {} : { minDurationPerStep: spec.minDurationPerStepMs }),
            ...(spec.analysisIntervalMs === undefined ? {} : { analysisInterval: spec.analysisIntervalMs }),
            ...(spec.minAnalysesPerStep === undefined ? {} : { minAnalysesPerStep: spec.minAnalysesPerStep }),
            ...(spec.failureLimit === undefined ? {} : { failureLimit: spec.failureLimit }),
            ...(spec.consecutiveErrorLimit === undefined ? {} : { consecutiveErrorLimit: spec.consecutiveErrorLimit }),
            ...(spec.inconclusiveLimit === undefined ? {} : { inconclusiveLimit: spec.inconclusiveLimit }),
            ...(spec.burnRateRollback === undefined ? {} : { burnRateRollback: spec.burnRateRollback }),
            ...(spec.burnRatePause === undefined ? {} : { burnRatePause: spec.burnRatePause }),
          }),
        'rollout',
      );
      const now = this.#now();
      const [stable, canary] = experiment.definition.variants.map((v) => v.name) as [string, string];
      const record: RolloutRecord = {
        id,
        spec,
        guardrails: spec.guardrails ?? experiment.definition.guardrails,
        stable,
        canary,
        state: rollout.toState() as unknown as Record<string, unknown>,
        assignment: experiment.assignment,
        nextAnalysisAt: now + rollout.policy.analysisInterval,
        createdAt: now,
        updatedAt: now,
        // The first persist makes it 1.
        revision: 0,
      };
      const loaded = { record, rollout };
      const entries = rollout.apply({ type: 'start' }, now);
      await this.#commit(projectId, loaded, entries, now, { actor });
      if (experiment.definition.status !== 'running') {
        await this.#registry.setStatus(projectId, id, 'running', `rollout:${actor}`);
      }
      this.#active?.set(key(projectId, id), { projectId, id });
      return viewOf(loaded.record);
    });
  }

  /** @throws {ExperimentServiceError} `not_found`. */
  async get(projectId: string, id: string): Promise<RolloutView> {
    return viewOf((await this.#load(projectId, id)).record);
  }

  /** The rollout's audit log, oldest first (the most recent `limit` entries, default 1000). */
  async audit(projectId: string, id: string, limit = 1000): Promise<readonly AuditEntry[]> {
    await this.#load(projectId, id);
    return this.#store.listAudit(projectId, { kind: ROLLOUT_DOCUMENT, subject: id, limit });
  }

  /** Pauses a progressing rollout. @throws {ExperimentServiceError} `not_found`; `conflict` unless progressing. */
  async pause(projectId: string, id: string, reason: string, actor = 'api'): Promise<RolloutView> {
    return this.#manual(projectId, id, { type: 'pause', reason }, actor);
  }

  /** Resumes a paused rollout. @throws {ExperimentServiceError} `not_found`; `conflict` unless paused. */
  async resume(projectId: string, id: string, reason: string, actor = 'api'): Promise<RolloutView> {
    return this.#manual(projectId, id, { type: 'resume', reason }, actor);
  }

  /** Rolls the canary back now. @throws {ExperimentServiceError} `not_found`; `conflict` when already finished. */
  async abort(projectId: string, id: string, reason: string, actor = 'api'): Promise<RolloutView> {
    return this.#manual(projectId, id, { type: 'abort', reason }, actor);
  }

  /**
   * Advances every active rollout to time `now`: analyses that are due run, transitions are
   * persisted and audited. Rollouts are independent: one that throws (e.g. the store failed) is
   * reported and retried at the next tick, the others go on.
   */
  async tick(now: number): Promise<readonly RolloutTickReport[]> {
    const active = await this.#activeRollouts();
    const reports: RolloutTickReport[] = [];
    for (const [k, { projectId, id }] of [...active]) {
      const report = await this.#mutex.run(k, () => this.#tickOne(projectId, id, now));
      if (report === undefined) active.delete(k);
      else reports.push(report);
    }
    return reports;
  }

  /**
   * Calls `tick` every `intervalMs` on the controller's clock (a tick still running is not
   * overlapped). Returns the function that stops it. Errors go to `onError`.
   */
  schedule(intervalMs: number, onError: (err: unknown) => void): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.tick(this.#now())
        .catch(onError)
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #activeRollouts(): Promise<Map<string, { projectId: string; id: string }>> {
    if (this.#active !== undefined) return this.#active;
    const active = new Map<string, { projectId: string; id: string }>();
    for (const project of await this.#store.listProjects()) {
      for (const { id, document } of await this.#store.listDocuments(project.id, ROLLOUT_DOCUMENT)) {
        const status = (RolloutRecordSchema.parse(document).state as { status?: unknown }).status;
        if (status === 'pending' || status === 'progressing' || status === 'paused') {
          active.set(key(project.id, id), { projectId: project.id, id });
        }
      }
    }
    this.#active ??= active;
    return this.#active;
  }

  /** One rollout at `now`; undefined when it is finished (no longer active). */
  async #tickOne(projectId: string, id: string, now: number): Promise<RolloutTickReport | undefined> {
    const loaded = await this.#load(projectId, id);
    const { rollout } = loaded;
    if (rollout.status === 'promoted' || rollout.status === 'rolled-back') return undefined;
    const at = Math.max(now, rollout.toState().lastEventAt ?? now);
    const transitions: RolloutAuditEntry[] = [];
    const apply = async (event: RolloutEvent, details: Record<string, unknown>): Promise<boolean> => {
      const entries = rollout.apply(event, at);
      await this.#commit(projectId, loaded, entries, at, details);
      transitions.push(...entries);
      return entries.length > 0;
    };
    const analysed = at >= loaded.record.nextAnalysisAt;
    if (analysed && (await this.#analyse(projectId, loaded, at, apply))) {
      return { projectId, id, analysed, transitions };
    }
    await apply({ type: 'tick' }, {});
    return { projectId, id, analysed, transitions };
  }

  /**
   * One analysis run: guardrails (a failure rolls back), burn rate, the canary's units in the
   * step, then the run's phase. Returns whether the rollout finished. Always schedules the next
   * run and persists the counters it changed.
   */
  async #analyse(
    projectId: string,
    loaded: Loaded,
    at: number,
    apply: (event: RolloutEvent, details: Record<string, unknown>) => Promise<boolean>,
  ): Promise<boolean> {
    const { record, rollout } = loaded;
    const policy = rollout.policy;
    const spec = record.spec;
    const before = rollout.toState();
    loaded.record = { ...record, nextAnalysisAt: at + policy.analysisInterval };
    const finished = () => rollout.status === 'rolled-back' || rollout.status === 'promoted';
    const stepFrom = before.stepStartedAt ?? before.startedAt ?? at;
    let rows: readonly EventDetail[];
    try {
      rows = await this.#events.experimentEvents(projectId, record.id, { from: stepFrom, to: at + 1 });
    } catch (err) {
      // Argo's Error phase: the measurement itself failed.
      const message = err instanceof Error ? err.message : String(err);
      const moved = await apply({ type: 'analysis', phase: 'Error', message, statistics: { error: message } }, {});
      if (!moved) {
        await this.#hold(
          projectId,
          loaded,
          at,
          `analysis Error: ${message}`,
          { phase: 'Error' },
          { from: stepFrom, to: at },
        );
      }
      return finished();
    }
    const armField = (await this.#registry.get(projectId, record.id)).definition.armField;
    const armOf = (d: EventDetail) => (armField === 'variant' ? d.event.variant : d.event.version);
    const canaryRows = rows.filter((d) => armOf(d) === record.canary);
    const windowFrom = Math.max(stepFrom, at - (spec.analysisWindowMs ?? policy.analysisInterval));
    const window = { from: windowFrom, to: at };
    const recent = (list: readonly EventDetail[]) => list.filter((d) => d.event.timestamp >= windowFrom);
    const stableRows = recent(rows.filter((d) => armOf(d) === record.stable));
    const result = canaryAnalysis(stableRows, recent(canaryRows), {
      guardrails: record.guardrails,
      alpha: spec.alpha,
      minRequests: spec.minRequestsPerAnalysis,
      requireNonInferiority: spec.requireNonInferiority,
    });
    const guardrailStats = result.measured
      ? result.guardrails.map((g) =>
          g.measured ? guardrailStatistics(g.result) : { guardrail: g.metric, status: 'error', error: g.error },
        )
      : [];
    // 1. A failing guardrail rolls back whatever else holds.
    if (result.measured) {
      for (const g of result.guardrails) {
        if (g.measured && g.result.status === 'fail') {
          const event: RolloutEvent = {
            type: 'guardrail',
            name: g.metric,
            status: 'fail',
            statistics: guardrailStatistics(g.result),
          };
          await apply(event, { guardrails: guardrailStats, window });
          if (finished()) return true;
        }
      }
    }
    // 2. The canary's error-budget burn over the last interval.
    if (spec.sloTarget !== undefined) {
      const lastInterval = canaryRows.filter((d) => d.event.timestamp >= at - policy.analysisInterval);
      if (lastInterval.length >= spec.minRequestsPerAnalysis) {
        const errors = lastInterval.filter((d) => d.event.status === 'error').length;
        const burnRate = errors / lastInterval.length / (1 - spec.sloTarget);
        await apply(
          { type: 'burn-rate', burnRate, window: `${policy.analysisInterval} ms` },
          { errors, requests: lastInterval.length, sloTarget: spec.sloTarget, burnRate },
        );
        if (finished()) return true;
      }
    }
    // 3. Canary units seen in this step (cumulative total, as core counts them).
    const units = new Set(canaryRows.map((d) => d.event.unitId ?? `request:${d.event.requestId}`)).size;
    const total = Math.max(before.samplesTotal, before.samplesAtStepStart + units);
    const stepBefore = rollout.toState().step;
    await apply({ type: 'samples', total }, { canaryUnitsInStep: units });
    if (finished()) return true;
    // The samples completed the step: this run's data belong to the step just left.
    if (rollout.toState().step !== stepBefore) return false;
    if (!result.measured) {
      const message = `too few requests to analyse (stable ${result.stableRequests}, canary ${result.canaryRequests}; need ${spec.minRequestsPerAnalysis} each)`;
      await this.#hold(
        projectId,
        loaded,
        at,
        message,
        { stableRequests: result.stableRequests, canaryRequests: result.canaryRequests },
        window,
      );
      return false;
    }
    // 4. The run's phase (Argo's limits), which may also complete the step.
    const statistics: RolloutStatistics = {
      stableRequests: result.stableRequests,
      canaryRequests: result.canaryRequests,
      ...flatGuardrails(guardrailStats),
    };
    const moved = await apply(
      { type: 'analysis', phase: result.phase, statistics },
      { guardrails: guardrailStats, window },
    );
    if (finished()) return true;
    if (!moved) {
      const after = rollout.toState();
      await this.#hold(
        projectId,
        loaded,
        at,
        `analysis ${result.phase}; step ${after.step + 1} of ${policy.steps.length} holds`,
        {
          phase: result.phase,
          samplesInStep: after.samplesTotal - after.samplesAtStepStart,
          minSamplesPerStep: policy.minSamplesPerStep,
          stepDuration: at - (after.stepStartedAt ?? at),
          minDurationPerStep: policy.minDurationPerStep,
          successfulRunsInStep: after.successfulRunsInStep,
          minAnalysesPerStep: policy.minAnalysesPerStep,
          failedRuns: after.failedRuns,
          failureLimit: policy.failureLimit,
          ...statistics,
        },
        window,
        guardrailStats,
      );
    }
    return false;
  }

  /** Persists the run's counters and logs an analysis that left the rollout where it was. */
  async #hold(
    projectId: string,
    loaded: Loaded,
    at: number,
    reason: string,
    statistics: RolloutStatistics,
    window: { from: number; to: number },
    guardrails: readonly unknown[] = [],
  ): Promise<void> {
    await this.#persist(projectId, loaded, at);
    await this.#audit(projectId, loaded.record.id, at, 'hold', {
      reason,
      position: positionOf(loaded.rollout),
      statistics,
      guardrails,
      window,
    });
  }

  async #manual(
    projectId: string,
    id: string,
    event: RolloutEvent & { type: 'pause' | 'resume' | 'abort' },
    actor: string,
  ): Promise<RolloutView> {
    if (typeof event.reason !== 'string' || event.reason.trim() === '') {
      throw new ExperimentServiceError('invalid', 'reason: expected a non-empty string', 'reason');
    }
    return this.#mutex.run(key(projectId, id), async () => {
      const loaded = await this.#load(projectId, id);
      const status = loaded.rollout.status;
      const at = Math.max(this.#now(), loaded.rollout.toState().lastEventAt ?? 0);
      const entries = loaded.rollout.apply(event, at);
      if (entries.length === 0) {
        throw new ExperimentServiceError(
          'conflict',
          `rollout ${JSON.stringify(id)} is ${status}; it cannot ${event.type} (pause needs progressing, resume needs paused, abort needs an unfinished rollout)`,
          'status',
        );
      }
      await this.#commit(projectId, loaded, entries, at, { actor });
      return viewOf(loaded.record);
    });
  }

  /**
   * Persists the state after a transition (re-laying the units when the weight changed), then
   * appends the transition to the audit log; closes the experiment when the rollout finished.
   */
  async #commit(
    projectId: string,
    loaded: Loaded,
    entries: readonly RolloutAuditEntry[],
    at: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (entry.to.weight !== entry.from.weight) {
        const w = entry.to.weight;
        const layout = coreCall(
          () =>
            reweightedExperiment(loaded.record.assignment as AssignmentExperiment, {
              weights: [100 - w, w],
            }),
          'rollout',
        );
        loaded.record = { ...loaded.record, assignment: layoutOf(layout) };
      }
    }
    await this.#persist(projectId, loaded, at);
    this.#registry.forget(projectId, loaded.record.id);
    for (const entry of entries) {
      await this.#audit(projectId, loaded.record.id, at, ACTIONS[entry.reason.code], {
        ...details,
        from: entry.from,
        to: entry.to,
        reason: entry.reason,
        statistics: entry.statistics,
      });
    }
    const status = loaded.rollout.status;
    if (status === 'promoted' || status === 'rolled-back') {
      await this.#registry.setStatus(
        projectId,
        loaded.record.id,
        status === 'promoted' ? 'completed' : 'stopped',
        `rollout:${status}`,
      );
      this.#active?.delete(key(projectId, loaded.record.id));
    }
  }

  async #persist(projectId: string, loaded: Loaded, at: number): Promise<void> {
    loaded.record = {
      ...loaded.record,
      state: loaded.rollout.toState() as unknown as Record<string, unknown>,
      updatedAt: Math.max(loaded.record.updatedAt, Math.floor(at)),
      revision: loaded.record.revision + 1,
    };
    await this.#store.putDocument(projectId, ROLLOUT_DOCUMENT, loaded.record.id, loaded.record);
  }

  async #audit(projectId: string, id: string, at: number, action: RolloutAction, details: unknown): Promise<void> {
    await this.#store.appendAudit({ projectId, at, kind: ROLLOUT_DOCUMENT, subject: id, action, details });
  }

  async #load(projectId: string, id: string): Promise<Loaded> {
    const document = await this.#store.getDocument(projectId, ROLLOUT_DOCUMENT, id);
    if (document === undefined) {
      throw new ExperimentServiceError('not_found', `no rollout ${JSON.stringify(id)} in this project`, 'id');
    }
    const record = RolloutRecordSchema.parse(document);
    const rollout = coreCall(() => CanaryRollout.fromState(record.state as unknown as RolloutState), 'state');
    return { record, rollout };
  }
}

function key(projectId: string, id: string): string {
  return `${projectId}\u0000${id}`;
}

function positionOf(rollout: CanaryRollout): { status: string; step: number; weight: number } {
  return { status: rollout.status, step: rollout.toState().step, weight: rollout.weight };
}

/** Guardrail statistics flattened to `metric.field` keys (the core audit statistics are flat). */
function flatGuardrails(stats: readonly Record<string, number | string | boolean>[]): RolloutStatistics {
  const out: Record<string, number | string | boolean> = {};
  for (const s of stats) {
    const name = String(s.guardrail);
    for (const [k, v] of Object.entries(s)) if (k !== 'guardrail') out[`${name}.${k}`] = v;
  }
  return out;
}

function viewOf(record: RolloutRecord): RolloutView {
  const s = CanaryRollout.fromState(record.state as unknown as RolloutState);
  const state = s.toState();
  return {
    id: record.id,
    experimentId: record.spec.experimentId,
    status: state.status,
    step: state.step,
    weight: s.weight,
    policy: state.policy,
    guardrails: record.guardrails,
    stable: record.stable,
    canary: record.canary,
    counters: {
      samplesTotal: state.samplesTotal,
      samplesInStep: state.samplesTotal - state.samplesAtStepStart,
      successfulRunsInStep: state.successfulRunsInStep,
      failedRuns: state.failedRuns,
      consecutiveErrors: state.consecutiveErrors,
      inconclusiveRuns: state.inconclusiveRuns,
    },
    ...(state.startedAt === undefined ? {} : { startedAt: state.startedAt }),
    ...(state.stepStartedAt === undefined ? {} : { stepStartedAt: state.stepStartedAt }),
    ...(state.lastAnalysisAt === undefined ? {} : { lastAnalysisAt: state.lastAnalysisAt }),
    nextAnalysisAt: record.nextAnalysisAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    revision: record.revision,
  };
}

/** Runs core code, turning a CoreError (bad policy, bad stored state) into an `invalid` error. */
function coreCall<T>(work: () => T, field: string): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CoreError) throw new ExperimentServiceError('invalid', err.message, err.argument ?? field);
    throw err;
  }
}
