import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { EventDetail, EventFilter, Received } from '../../domain/query.js';
import type { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { checkFilter, eventWhere } from '../../storage/duckdb/event-filter-sql.js';
import {
  EVENT_SELECT,
  FEEDBACK_SELECT,
  feedbackOf,
  OUTCOME_SELECT,
  outcomeOf,
  SCORE_SELECT,
  scoreOf,
  storedEventOf,
} from '../../storage/duckdb/event-rows.js';
import type { ExperimentEventSource, TimeWindow } from './experiment-event-source.js';
import { ExperimentServiceError } from './experiment-service-error.js';

export interface DuckDbExperimentEventsOptions {
  /** Most events one analysis reads (default 200 000); more is an `unprocessable` error naming the window. */
  readonly maxEvents?: number;
}

type Row = readonly DuckDBValue[];

/**
 * ExperimentEventSource over a DuckDbStore, on one of its read connections: the experiment's
 * events in the window (the store's bound WHERE clause), then the latest outcome per request,
 * the latest feedback per feedback id and the latest score per (name, source) of those requests,
 * converted by the store's own row readers. Every value is bound, nothing is spliced into SQL.
 *
 * This belongs in the Store interface as `listEventDetails(filter, { limit })` (ClickHouse too);
 * until the store has it, the experiments service reads through here.
 */
export class DuckDbExperimentEvents implements ExperimentEventSource {
  readonly #store: DuckDbStore;
  readonly #maxEvents: number;

  constructor(store: DuckDbStore, options: DuckDbExperimentEventsOptions = {}) {
    this.#store = store;
    this.#maxEvents = options.maxEvents ?? 200_000;
  }

  async experimentEvents(
    projectId: string,
    experimentId: string,
    window: TimeWindow,
    options: { readonly variant?: string } = {},
  ): Promise<readonly EventDetail[]> {
    const filter: EventFilter = {
      projectId,
      from: window.from,
      to: window.to,
      experiment: experimentId,
      ...(options.variant === undefined ? {} : { variant: options.variant }),
    };
    checkFilter(filter, 'experimentEvents');
    return this.#store.withReader(async (c) => {
      const limit = this.#maxEvents;
      const where = eventWhere(filter, 'e');
      const events = await rows(
        c,
        `SELECT ${EVENT_SELECT} FROM events e WHERE ${where.sql} ORDER BY e.ts, e.received_at, e.request_id LIMIT $${where.params.length + 1}`,
        [...where.params, BigInt(limit + 1)],
      );
      if (events.length > limit) {
        throw new ExperimentServiceError(
          'unprocessable',
          `experiment ${JSON.stringify(experimentId)}: more than ${limit} events in [${new Date(window.from).toISOString()}, ${new Date(window.to).toISOString()}); analyse a shorter window (from, to)`,
          'from',
        );
      }
      if (events.length === 0) return [];
      // The same bound filter again, as the set of request ids of the window.
      const ids = eventWhere(filter, 'e');
      const requests = `SELECT e.request_id FROM events e WHERE ${ids.sql}`;
      const p = ids.params.length;
      const [outcomes, feedback, scores] = [
        await rows(
          c,
          `SELECT ${OUTCOME_SELECT} FROM (
             SELECT *, row_number() OVER (PARTITION BY request_id ORDER BY seq DESC) AS rn FROM outcomes
             WHERE project_id = $${p + 1} AND request_id IN (${requests})
           ) WHERE rn = 1`,
          [...ids.params, projectId],
        ),
        await rows(
          c,
          `SELECT ${FEEDBACK_SELECT} FROM (
             SELECT *, row_number() OVER (PARTITION BY feedback_id ORDER BY seq DESC) AS rn FROM feedback
             WHERE project_id = $${p + 1} AND feedback_id IN (
               SELECT feedback_id FROM feedback WHERE project_id = $${p + 1} AND request_id IN (${requests}))
           ) WHERE rn = 1 AND request_id IN (${requests}) ORDER BY seq`,
          [...ids.params, projectId],
        ),
        await rows(
          c,
          `SELECT ${SCORE_SELECT} FROM (
             SELECT *, row_number() OVER (PARTITION BY request_id, name, source ORDER BY seq DESC) AS rn FROM scores
             WHERE project_id = $${p + 1} AND request_id IN (${requests})
           ) WHERE rn = 1 ORDER BY name, source`,
          [...ids.params, projectId],
        ),
      ];
      const outcomeOfRequest = new Map(outcomes.map((r) => [String(r[0]), outcomeOf(r)]));
      const feedbackOfRequest = groupBy(feedback.map(feedbackOf));
      const scoresOfRequest = groupBy(scores.map(scoreOf));
      return events.map((r): EventDetail => {
        const event = storedEventOf(r);
        const outcome = outcomeOfRequest.get(event.requestId);
        return {
          event,
          ...(outcome === undefined ? {} : { outcome }),
          feedback: feedbackOfRequest.get(event.requestId) ?? [],
          scores: scoresOfRequest.get(event.requestId) ?? [],
        };
      });
    });
  }
}

async function rows(c: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<Row[]> {
  return (await c.runAndReadAll(sql, params)).getRows() as Row[];
}

function groupBy<T extends Received<{ requestId: string }>>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const list = out.get(r.requestId);
    if (list === undefined) out.set(r.requestId, [r]);
    else list.push(r);
  }
  return out;
}
