import type { ExperimentRecord } from '../../domain/experiment.js';
import {
  type ExperimentAnalysisOptions,
  type ExperimentAnalysisResult,
  experimentAnalysis,
} from './experiment-analysis.js';
import type { ExperimentEventSource } from './experiment-event-source.js';
import { ExperimentRegistry, type ExperimentStore } from './experiment-registry.js';
import { RolloutController, type RolloutStore } from './rollout-controller.js';

export interface ExperimentServicesOptions {
  /** The store: documents, audit log and projects. */
  readonly store: ExperimentStore & RolloutStore;
  /** Where analyses read events (e.g. DuckDbExperimentEvents over the same store). */
  readonly events: ExperimentEventSource;
  readonly now?: () => number;
}

/** The experiment registry, the rollout controller and the analysis, sharing one store and clock. */
export interface ExperimentServices {
  readonly registry: ExperimentRegistry;
  readonly rollouts: RolloutController;
  /** The analysis of one experiment (see experimentAnalysis). */
  readonly analyse: (
    projectId: string,
    experimentId: string,
    options?: ExperimentAnalysisOptions,
  ) => Promise<ExperimentAnalysisResult>;
}

/**
 * Builds the experiments services. The server composes them once, passes them to
 * `registerExperimentRoutes`, and runs `rollouts.schedule(intervalMs, onError)` so rollouts
 * advance on their own.
 */
export function experimentServices(options: ExperimentServicesOptions): ExperimentServices {
  const now = options.now ?? Date.now;
  const registry = new ExperimentRegistry(options.store, { now });
  const rollouts = new RolloutController({ store: options.store, registry, events: options.events, now });
  return {
    registry,
    rollouts,
    analyse: async (projectId, experimentId, analysisOptions = {}) =>
      experimentAnalysis(
        projectId,
        await registry.get(projectId, experimentId),
        options.events,
        now(),
        analysisOptions,
      ),
  };
}

/** An experiment as the API shows it: its definition with the server's fields beside it. */
export function experimentRecordView(record: ExperimentRecord) {
  return {
    ...record.definition,
    assignment: record.assignment,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.startedAt === undefined ? {} : { startedAt: record.startedAt }),
    ...(record.endedAt === undefined ? {} : { endedAt: record.endedAt }),
    revision: record.revision,
  };
}
