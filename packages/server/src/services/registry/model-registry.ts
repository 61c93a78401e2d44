import {
  AttachedGateResultSchema,
  type ModelSummary,
  type ModelVersion,
  ModelVersionSchema,
  RegisterVersionInputSchema,
  TransitionInputSchema,
  type TransitionResult,
} from '../../domain/registry.js';
import type { AuditEntry, Store } from '../../storage/store.js';
import { KeyedMutex } from '../experiments-server/keyed-mutex.js';
import { parseRegistryInput } from './parse-registry-input.js';
import type { RegistryApi } from './registry-api.js';
import { RegistryError } from './registry-error.js';

/** Store document kind of model versions; the id is `<model>@<version>`. */
export const VERSION_DOCUMENT_KIND = 'registry_version';
/** Audit-log kind of registry changes; the subject is `<model>@<version>`. */
export const REGISTRY_AUDIT_KIND = 'model_version';

export interface ModelRegistryOptions {
  /** Injected for tests. */
  readonly now?: () => number;
}

function versionId(model: string, version: string): string {
  return `${model}@${version}`;
}

/**
 * The model registry of one project on a Store: versions as documents, every change (registration,
 * stage transition, gate result) appended to the audit log with who did it and why.
 *
 * Stages: a version is registered in `none`; any transition to another stage is allowed (none →
 * staging → production → archived is the usual path; archived versions can come back). There is at
 * most one production version per model: promoting a version to production archives the previous
 * production version in the same operation, and both transitions are audited (the archived one
 * with `replacedBy`). Promotion to production is refused (`gate_failed`) while the version's
 * attached gate result failed, unless `overrideReason` is given; the override is recorded in the
 * audit log. A version without any gate result can be promoted (gates are opt-in per model; a CI
 * pipeline that wants them mandatory runs `modelwatch gate` before `models promote`).
 *
 * Changes to one model are serialised in-process (one process owns the store).
 */
export class ModelRegistry implements RegistryApi {
  readonly #store: Store;
  readonly #projectId: string;
  readonly #now: () => number;
  readonly #mutex: KeyedMutex;

  constructor(
    store: Store,
    projectId: string,
    options: ModelRegistryOptions = {},
    mutex: KeyedMutex = new KeyedMutex(),
  ) {
    this.#store = store;
    this.#projectId = projectId;
    this.#now = options.now ?? Date.now;
    this.#mutex = mutex;
  }

  /**
   * Registers a new version (stage `none`).
   * @throws {RegistryError} `invalid` for bad input; `conflict` when the version exists;
   *   `not_found` when `lineage.parentVersion` is not a version of the same model.
   */
  async register(input: unknown, actor: string): Promise<ModelVersion> {
    const parsed = parseRegistryInput(RegisterVersionInputSchema, input, 'register');
    return this.#mutex.run(`${this.#projectId}/${parsed.model}`, async () => {
      if ((await this.#find(parsed.model, parsed.version)) !== undefined) {
        throw new RegistryError(
          'conflict',
          `version: ${parsed.model} ${parsed.version} is already registered (versions are immutable; register a new version)`,
          'version',
        );
      }
      const parent = parsed.lineage?.parentVersion;
      if (parent !== undefined && (await this.#find(parsed.model, parent)) === undefined) {
        throw new RegistryError(
          'not_found',
          `lineage.parentVersion: expected a registered version of ${parsed.model} (got ${JSON.stringify(parent)})`,
          'lineage.parentVersion',
        );
      }
      const now = this.#now();
      const record: ModelVersion = {
        model: parsed.model,
        version: parsed.version,
        stage: 'none',
        artifactUri: parsed.artifactUri,
        artifactSha256: parsed.artifactSha256,
        ...(parsed.description === undefined ? {} : { description: parsed.description }),
        metadata: parsed.metadata ?? {},
        lineage: parsed.lineage ?? {},
        createdAt: now,
        createdBy: actor,
        stageChangedAt: now,
      };
      await this.#put(record);
      await this.#audit(record, now, 'register', {
        who: actor,
        artifactUri: record.artifactUri,
        artifactSha256: record.artifactSha256,
        lineage: record.lineage,
      });
      return record;
    });
  }

  async listModels(): Promise<readonly ModelSummary[]> {
    const byModel = new Map<string, ModelVersion[]>();
    for (const v of await this.#all()) {
      const list = byModel.get(v.model) ?? [];
      list.push(v);
      byModel.set(v.model, list);
    }
    return [...byModel.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([model, versions]) => {
        const sorted = versions.sort((a, b) => a.createdAt - b.createdAt || (a.version < b.version ? -1 : 1));
        const production = sorted.find((v) => v.stage === 'production')?.version;
        return {
          model,
          versions: sorted.length,
          ...(production === undefined ? {} : { production }),
          staging: sorted.filter((v) => v.stage === 'staging').map((v) => v.version),
          latest: (sorted[sorted.length - 1] as ModelVersion).version,
          updatedAt: Math.max(...sorted.map((v) => Math.max(v.createdAt, v.stageChangedAt, v.gate?.evaluatedAt ?? 0))),
        };
      });
  }

  async listVersions(model: string): Promise<readonly ModelVersion[]> {
    const versions = (await this.#all()).filter((v) => v.model === model);
    if (versions.length === 0) {
      throw new RegistryError('not_found', `model: no model ${JSON.stringify(model)} in this project`, 'model');
    }
    return versions.sort((a, b) => a.createdAt - b.createdAt || (a.version < b.version ? -1 : 1));
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    const found = await this.#find(model, version);
    if (found === undefined) {
      throw new RegistryError(
        'not_found',
        `version: no version ${JSON.stringify(version)} of model ${JSON.stringify(model)} in this project`,
        'version',
      );
    }
    return found;
  }

  async production(model: string): Promise<ModelVersion | undefined> {
    return (await this.#all()).find((v) => v.model === model && v.stage === 'production');
  }

  /**
   * Moves a version to another stage (see the class comment for the production rules).
   * @throws {RegistryError} `invalid`; `not_found`; `conflict` when the version is already in that
   *   stage; `gate_failed` for a production promotion over a failed gate without `overrideReason`.
   */
  async transition(model: string, version: string, input: unknown, actor: string): Promise<TransitionResult> {
    const parsed = parseRegistryInput(TransitionInputSchema, input, 'transition');
    return this.#mutex.run(`${this.#projectId}/${model}`, async () => {
      const current = await this.getVersion(model, version);
      if (current.stage === parsed.stage) {
        throw new RegistryError('conflict', `stage: ${model} ${version} is already in stage ${parsed.stage}`, 'stage');
      }
      if (parsed.overrideReason !== undefined && parsed.stage !== 'production') {
        throw new RegistryError(
          'invalid',
          `overrideReason: only a promotion to production can override a gate (got stage ${parsed.stage})`,
          'overrideReason',
        );
      }
      const gateFailed = current.gate !== undefined && !current.gate.passed;
      if (parsed.stage === 'production' && gateFailed && parsed.overrideReason === undefined) {
        const failed = (current.gate?.conditions ?? []).filter((c) => !c.passed).map((c) => c.condition);
        throw new RegistryError(
          'gate_failed',
          `stage: ${model} ${version} cannot be promoted to production: its gate result (run ${current.gate?.runId}) failed on ${failed.length} condition(s): ${failed.join('; ')}. Fix the model, or promote with an override reason (recorded in the audit log)`,
          'stage',
        );
      }
      const now = this.#now();
      let archived: ModelVersion | undefined;
      if (parsed.stage === 'production') {
        const previous = await this.production(model);
        if (previous !== undefined) {
          archived = { ...previous, stage: 'archived', stageChangedAt: now };
          await this.#put(archived);
          await this.#audit(archived, now, 'transition', {
            who: actor,
            from: 'production',
            to: 'archived',
            why: `replaced in production by ${version}`,
            replacedBy: version,
          });
        }
      }
      const updated: ModelVersion = { ...current, stage: parsed.stage, stageChangedAt: now };
      await this.#put(updated);
      await this.#audit(updated, now, 'transition', {
        who: actor,
        from: current.stage,
        to: parsed.stage,
        why: parsed.reason ?? null,
        ...(parsed.stage === 'production'
          ? {
              gate: current.gate === undefined ? 'none' : current.gate.passed ? 'passed' : 'failed',
              ...(parsed.overrideReason !== undefined && gateFailed
                ? { gateOverride: { reason: parsed.overrideReason, runId: current.gate?.runId } }
                : {}),
              ...(archived === undefined ? {} : { archived: archived.version }),
            }
          : {}),
      });
      return archived === undefined ? { version: updated } : { version: updated, archived };
    });
  }

  /**
   * Attaches a gate result to a version (replacing the previous one), audited.
   * @throws {RegistryError} `invalid`; `not_found`.
   */
  async attachGateResult(model: string, version: string, result: unknown, actor: string): Promise<ModelVersion> {
    const gate = parseRegistryInput(AttachedGateResultSchema, result, 'gate result');
    return this.#mutex.run(`${this.#projectId}/${model}`, async () => {
      const current = await this.getVersion(model, version);
      const updated: ModelVersion = { ...current, gate };
      await this.#put(updated);
      await this.#audit(updated, this.#now(), 'gate', {
        who: actor,
        passed: gate.passed,
        runId: gate.runId,
        gates: gate.gates,
        failed: gate.conditions.filter((c) => !c.passed).map((c) => c.condition),
      });
      return updated;
    });
  }

  async history(model: string, version: string): Promise<readonly Omit<AuditEntry, 'projectId'>[]> {
    await this.getVersion(model, version);
    const entries = await this.#store.listAudit(this.#projectId, {
      kind: REGISTRY_AUDIT_KIND,
      subject: versionId(model, version),
    });
    return entries.map(({ projectId: _p, ...entry }) => entry);
  }

  async #find(model: string, version: string): Promise<ModelVersion | undefined> {
    const doc = await this.#store.getDocument(this.#projectId, VERSION_DOCUMENT_KIND, versionId(model, version));
    return doc === undefined ? undefined : ModelVersionSchema.parse(doc);
  }

  async #all(): Promise<ModelVersion[]> {
    const docs = await this.#store.listDocuments(this.#projectId, VERSION_DOCUMENT_KIND);
    return docs.map((d) => ModelVersionSchema.parse(d.document));
  }

  #put(record: ModelVersion): Promise<void> {
    return this.#store.putDocument(
      this.#projectId,
      VERSION_DOCUMENT_KIND,
      versionId(record.model, record.version),
      record,
    );
  }

  #audit(record: ModelVersion, at: number, action: string, details: Record<string, unknown>): Promise<void> {
    return this.#store.appendAudit({
      projectId: this.#projectId,
      at,
      kind: REGISTRY_AUDIT_KIND,
      subject: versionId(record.model, record.version),
      action,
      details,
    });
  }
}

/**
 * The registries of every project on one store, sharing one mutex so that concurrent requests on
 * the same model are serialised (what the server's routes use).
 */
export function projectRegistries(
  store: Store,
  options: ModelRegistryOptions = {},
): (projectId: string) => ModelRegistry {
  const mutex = new KeyedMutex();
  return (projectId) => new ModelRegistry(store, projectId, options, mutex);
}
