import { CoreError } from '@modelwatch/core/errors';
import {
  type AssignmentExperiment,
  type AssignmentReason,
  assignmentExperiment,
  assignVariant,
  reweightedExperiment,
} from '@modelwatch/core/experiments';
import {
  type AssignmentLayout,
  AssignmentLayoutSchema,
  type ExperimentDefinition,
  ExperimentInputSchema,
  type ExperimentRecord,
  ExperimentRecordSchema,
  type ExperimentStatus,
  ExperimentUpdateSchema,
} from '../../domain/experiment.js';
import { RolloutRecordSchema } from '../../domain/rollout.js';
import type { Store } from '../../storage/store.js';
import { ExperimentServiceError } from './experiment-service-error.js';
import { KeyedMutex } from './keyed-mutex.js';
import { parseInput } from './parse-input.js';

/** Document kinds of the store used by experiments and rollouts. */
export const EXPERIMENT_DOCUMENT = 'experiment';
export const ROLLOUT_DOCUMENT = 'rollout';

/** The store methods the registry uses. */
export type ExperimentStore = Pick<Store, 'getDocument' | 'putDocument' | 'listDocuments' | 'appendAudit'>;

export interface ExperimentRegistryOptions {
  readonly now?: () => number;
  /** Most experiments kept in the assignment cache (default 10 000; least recently loaded dropped first). */
  readonly cacheSize?: number;
}

/** Why a unit gets what it gets: core's reasons, or `not_running` for a draft, stopped or completed experiment. */
export type ExperimentAssignmentReason = AssignmentReason | 'not_running';

/** The answer of `GET /v1/experiments/:id/assignment`. */
export interface ExperimentAssignment {
  readonly experimentId: string;
  readonly unitId: string;
  /** The variant to serve (the control when the unit is outside the experiment). */
  readonly variant: string;
  /** assignmentBucket(seed, unitId), in [0, 1) on a grid of 1/10 000. */
  readonly bucket: number;
  readonly inExperiment: boolean;
  readonly reason: ExperimentAssignmentReason;
  /** Shadow experiments: the candidate that also receives this unit's inputs (not served). */
  readonly mirrorTo?: string;
}

interface CachedAssignment {
  readonly type: ExperimentDefinition['type'];
  readonly active: boolean;
  readonly layout: AssignmentExperiment;
}

/**
 * The experiment registry: experiments (A/B, canary, shadow) as store documents of kind
 * `experiment`, each with its bucket layout from core assignmentExperiment; weight changes go
 * through core reweightedExperiment so the fewest units change variant. Every create and update
 * is appended to the audit log (kind `experiment`).
 *
 * Assignment is the hot path: layouts are cached in memory per (project, experiment) and dropped
 * on every update through this registry (and by the rollout controller through {@link forget}).
 * One process owns the store, so the cache cannot go stale behind its back.
 */
export class ExperimentRegistry {
  readonly #store: ExperimentStore;
  readonly #now: () => number;
  readonly #cacheSize: number;
  readonly #cache = new Map<string, CachedAssignment>();
  readonly #mutex = new KeyedMutex();

  constructor(store: ExperimentStore, options: ExperimentRegistryOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#cacheSize = options.cacheSize ?? 10_000;
  }

  /**
   * Creates an experiment from `input` (see ExperimentInputSchema).
   * @throws {ExperimentServiceError} `invalid` for a malformed definition (naming the field),
   *   `conflict` when the id exists.
   */
  async create(projectId: string, input: unknown, actor = 'api'): Promise<ExperimentRecord> {
    const definition = parseInput(ExperimentInputSchema, input, 'experiment');
    return this.#mutex.run(cacheKey(projectId, definition.id), async () => {
      if ((await this.#store.getDocument(projectId, EXPERIMENT_DOCUMENT, definition.id)) !== undefined) {
        throw new ExperimentServiceError(
          'conflict',
          `experiment ${JSON.stringify(definition.id)} already exists`,
          'id',
        );
      }
      const assignment = core(() =>
        assignmentExperiment({
          key: definition.id,
          ...(definition.seed === undefined ? {} : { seed: definition.seed }),
          variants: definition.variants.map((v) => v.name),
          weights: definition.variants.map((v) => v.weight),
          coverage: definition.coverage,
          ...(definition.layer === undefined ? {} : { layer: definition.layer }),
          ...(definition.holdout === undefined ? {} : { holdout: definition.holdout }),
        }),
      );
      const now = this.#now();
      const record: ExperimentRecord = {
        definition,
        assignment: layoutOf(assignment),
        createdAt: now,
        updatedAt: now,
        ...(definition.status === 'running' ? { startedAt: now } : {}),
        revision: 1,
      };
      await this.#store.putDocument(projectId, EXPERIMENT_DOCUMENT, definition.id, record);
      this.forget(projectId, definition.id);
      await this.#store.appendAudit({
        projectId,
        at: now,
        kind: EXPERIMENT_DOCUMENT,
        subject: definition.id,
        action: 'create',
        details: { actor, definition, assignment: record.assignment },
      });
      return record;
    });
  }

  /**
   * Applies `patch` (see ExperimentUpdateSchema). New variant weights re-lay the buckets with
   * reweightedExperiment: units stay where they were unless their variant shrank.
   * @throws {ExperimentServiceError} `not_found`, `invalid`, or `conflict` when a rollout drives
   *   the weights of this canary experiment.
   */
  async update(projectId: string, id: string, patch: unknown, actor = 'api'): Promise<ExperimentRecord> {
    const change = parseInput(ExperimentUpdateSchema, patch, 'update');
    return this.#mutex.run(cacheKey(projectId, id), async () => {
      const old = await this.get(projectId, id);
      const reweigh = change.variants !== undefined || change.coverage !== undefined;
      if (reweigh && old.definition.type === 'canary') {
        const rollout = await this.#store.getDocument(projectId, ROLLOUT_DOCUMENT, id);
        if (rollout !== undefined) {
          throw new ExperimentServiceError(
            'conflict',
            `experiment ${JSON.stringify(id)}: its rollout drives the canary weights; pause or abort the rollout instead`,
            'variants',
          );
        }
      }
      const { minEffect, ...rest } = change;
      const merged: Record<string, unknown> = { ...old.definition, ...rest };
      if (minEffect === null) delete merged.minEffect;
      else if (minEffect !== undefined) merged.minEffect = minEffect;
      const definition = parseInput(ExperimentInputSchema, merged, 'experiment');
      let assignment = old.assignment;
      if (reweigh) {
        const next = core(() =>
          reweightedExperiment(AssignmentLayoutSchema.parse(old.assignment) as AssignmentExperiment, {
            weights: definition.variants.map((v) => v.weight),
            variants: definition.variants.map((v) => v.name),
            coverage: definition.coverage,
          }),
        );
        assignment = layoutOf(next);
      }
      const now = this.#now();
      const record: ExperimentRecord = {
        ...old,
        definition,
        assignment,
        updatedAt: now,
        revision: old.revision + 1,
        ...lifecycle(old, definition.status, now),
      };
      await this.#store.putDocument(projectId, EXPERIMENT_DOCUMENT, id, record);
      this.forget(projectId, id);
      await this.#store.appendAudit({
        projectId,
        at: now,
        kind: EXPERIMENT_DOCUMENT,
        subject: id,
        action: 'update',
        details: {
          actor,
          change,
          revision: record.revision,
          ...(reweigh ? { assignment: record.assignment } : {}),
        },
      });
      return record;
    });
  }

  /** Sets the status (the rollout controller closes its experiment this way). */
  async setStatus(projectId: string, id: string, status: ExperimentStatus, actor: string): Promise<ExperimentRecord> {
    return this.update(projectId, id, { status }, actor);
  }

  /** @throws {ExperimentServiceError} `not_found`. */
  async get(projectId: string, id: string): Promise<ExperimentRecord> {
    const document = await this.#store.getDocument(projectId, EXPERIMENT_DOCUMENT, id);
    if (document === undefined) {
      throw new ExperimentServiceError('not_found', `no experiment ${JSON.stringify(id)} in this project`, 'id');
    }
    return ExperimentRecordSchema.parse(document);
  }

  /** Every experiment of the project, by id. */
  async list(projectId: string): Promise<readonly ExperimentRecord[]> {
    const documents = await this.#store.listDocuments(projectId, EXPERIMENT_DOCUMENT);
    return documents
      .map((d) => ExperimentRecordSchema.parse(d.document))
      .sort((a, b) => (a.definition.id < b.definition.id ? -1 : a.definition.id > b.definition.id ? 1 : 0));
  }

  /**
   * The variant of `unitId` in experiment `id`, exactly as core assignVariant computes it from the
   * stored layout (the published test vectors hold through here). A canary experiment with a
   * rollout uses the rollout's layout at its current weight; an A/B or shadow experiment that is
   * not running serves the control with reason `not_running`; a shadow experiment always serves
   * the control and names the candidate in `mirrorTo` for the units it samples.
   * @throws {ExperimentServiceError} `not_found`; `invalid` for an empty unit id.
   */
  async assignment(projectId: string, id: string, unitId: string): Promise<ExperimentAssignment> {
    if (typeof unitId !== 'string' || unitId.length === 0) {
      throw new ExperimentServiceError('invalid', 'unitId: expected a non-empty string (got an empty value)', 'unitId');
    }
    const key = cacheKey(projectId, id);
    let cached = this.#cache.get(key);
    if (cached === undefined) {
      cached = await this.#load(projectId, id);
      if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(key, cached);
    }
    const result = assignVariant(unitId, cached.layout);
    const base = { experimentId: id, unitId, bucket: result.bucket };
    const control = cached.layout.variants[0] as string;
    if (!cached.active) return { ...base, variant: control, inExperiment: false, reason: 'not_running' };
    if (cached.type === 'shadow') {
      return {
        ...base,
        variant: control,
        inExperiment: result.inExperiment,
        reason: result.reason,
        ...(result.inExperiment && result.variantIndex > 0 ? { mirrorTo: result.variant } : {}),
      };
    }
    return { ...base, variant: result.variant, inExperiment: result.inExperiment, reason: result.reason };
  }

  /** Drops the cached layout of one experiment (after its document or its rollout changed). */
  forget(projectId: string, id: string): void {
    this.#cache.delete(cacheKey(projectId, id));
  }

  async #load(projectId: string, id: string): Promise<CachedAssignment> {
    const record = await this.get(projectId, id);
    const type = record.definition.type;
    if (type === 'canary') {
      const document = await this.#store.getDocument(projectId, ROLLOUT_DOCUMENT, id);
      if (document !== undefined) {
        const rollout = RolloutRecordSchema.parse(document);
        return { type, active: true, layout: rollout.assignment as AssignmentExperiment };
      }
    }
    return {
      type,
      active: record.definition.status === 'running',
      layout: record.assignment as AssignmentExperiment,
    };
  }
}

function cacheKey(projectId: string, id: string): string {
  return `${projectId}\u0000${id}`;
}

/** A core layout as plain JSON (frozen arrays copied), in the stored shape. */
export function layoutOf(e: AssignmentExperiment): AssignmentLayout {
  return {
    key: e.key,
    seed: e.seed,
    variants: [...e.variants],
    weights: [...e.weights],
    coverage: e.coverage,
    ranges: e.ranges.map((list) => list.map(([a, b]): [number, number] => [a, b])),
    ...(e.layer === undefined ? {} : { layer: { ...e.layer } }),
    ...(e.holdout === undefined ? {} : { holdout: { ...e.holdout } }),
  };
}

function lifecycle(
  old: ExperimentRecord,
  status: ExperimentStatus,
  now: number,
): Pick<ExperimentRecord, 'startedAt' | 'endedAt'> {
  const was = old.definition.status;
  if (status === 'running' && was !== 'running') return { startedAt: old.startedAt ?? now };
  if (status !== 'running' && was === 'running') return { endedAt: now };
  return {};
}

/** Runs core code, turning its CoreError (bad weights, coverage, …) into an `invalid` error. */
function core<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CoreError) throw new ExperimentServiceError('invalid', err.message, err.argument);
    throw err;
  }
}
