import type {
  AttachedGateResult,
  ModelSummary,
  ModelVersion,
  RegisterVersionInput,
  TransitionInput,
  TransitionResult,
} from '../../domain/registry.js';
import type { AuditEntry } from '../../storage/store.js';

/**
 * The registry's operations, one project at a time. `ModelRegistry` implements them on a Store
 * (inside the server, or on the store file from the CLI); `RegistryApiClient` over a running
 * server's `/v1/models` API. Inputs are `unknown` where they come from the outside and are
 * validated by the implementation.
 */
export interface RegistryApi {
  register(input: unknown, actor: string): Promise<ModelVersion>;
  listModels(): Promise<readonly ModelSummary[]>;
  listVersions(model: string): Promise<readonly ModelVersion[]>;
  getVersion(model: string, version: string): Promise<ModelVersion>;
  /** The production version of `model`, or undefined. */
  production(model: string): Promise<ModelVersion | undefined>;
  transition(model: string, version: string, input: unknown, actor: string): Promise<TransitionResult>;
  attachGateResult(model: string, version: string, result: unknown, actor: string): Promise<ModelVersion>;
  /** The audit log of one version (registration, transitions, gate results), oldest first. */
  history(model: string, version: string): Promise<readonly Omit<AuditEntry, 'projectId'>[]>;
}

export type { AttachedGateResult, ModelSummary, ModelVersion, RegisterVersionInput, TransitionInput, TransitionResult };
