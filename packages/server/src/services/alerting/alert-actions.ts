import type { Store } from '../../storage/store.js';
import {
  type ExperimentRegistry,
  ExperimentServiceError,
  ROLLOUT_DOCUMENT,
  type RolloutController,
} from '../experiments-server/index.js';

/** What an alert rule or an SLO can do to experiments and rollouts (narrow, so tests use real services or a recorder). */
export interface AlertActions {
  /** Ids of the project's rollouts that are progressing (not paused, not finished). */
  activeRollouts(projectId: string): Promise<readonly string[]>;
  pauseRollout(projectId: string, rolloutId: string, reason: string): Promise<void>;
  /** Rolls the canary back (every unit to stable). */
  abortRollout(projectId: string, rolloutId: string, reason: string): Promise<void>;
  /** Stops an experiment (no more assignment to its treatment). */
  pauseExperiment(projectId: string, experimentId: string, reason: string): Promise<void>;
}

/** The actor the experiments audit log records for the alert engine. */
export const ALERT_ACTOR = 'alert-engine';

/**
 * AlertActions over the experiments services: the RolloutController's pause and abort, and the
 * registry's status change to `stopped`. Each call leaves the experiments' own audit record
 * (actor `alert-engine`); the engine adds its own (kind `alert`).
 */
export function experimentAlertActions(options: {
  readonly store: Pick<Store, 'listDocuments'>;
  readonly rollouts: Pick<RolloutController, 'get' | 'pause' | 'abort'>;
  readonly registry: Pick<ExperimentRegistry, 'setStatus'>;
}): AlertActions {
  return {
    async activeRollouts(projectId) {
      const ids: string[] = [];
      for (const { id } of await options.store.listDocuments(projectId, ROLLOUT_DOCUMENT)) {
        const view = await options.rollouts.get(projectId, id).catch((err: unknown) => {
          if (err instanceof ExperimentServiceError && err.code === 'not_found') return undefined;
          throw err;
        });
        if (view?.status === 'progressing') ids.push(id);
      }
      return ids;
    },
    async pauseRollout(projectId, rolloutId, reason) {
      await options.rollouts.pause(projectId, rolloutId, reason, ALERT_ACTOR);
    },
    async abortRollout(projectId, rolloutId, reason) {
      await options.rollouts.abort(projectId, rolloutId, reason, ALERT_ACTOR);
    },
    async pauseExperiment(projectId, experimentId) {
      // The registry's audit records the status change; the reason is in the engine's own record.
      await options.registry.setStatus(projectId, experimentId, 'stopped', ALERT_ACTOR);
    },
  };
}
