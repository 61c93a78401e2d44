import type { EventDetail } from '../../domain/query.js';

/** A half-open time window [from, to) in epoch milliseconds, on the event timestamp. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Where experiment analyses read their data: the events tagged with an experiment (`experiment`
 * field) in a window, each with its outcome, feedback and scores joined by request id. The
 * experiments service needs nothing else from the store's read side, so any store that can list
 * events by experiment serves it (see storeEventSource).
 */
export interface ExperimentEventSource {
  /**
   * The project's events with `experiment = experimentId` in the window, oldest first, optionally
   * only those of one event variant.
   */
  experimentEvents(
    projectId: string,
    experimentId: string,
    window: TimeWindow,
    options?: { readonly variant?: string },
  ): Promise<readonly EventDetail[]>;
}
