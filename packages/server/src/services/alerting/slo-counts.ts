import type { DuckDBValue } from '@duckdb/node-api';
import type { Sli, Slo } from '../../domain/slo.js';
import type { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { eventWhere } from '../../storage/duckdb/event-filter-sql.js';
import type { SloWindowCounts } from './burn-rate.js';

/** Good and total requests of an SLO's SLI for its model (and version) in [from, to). */
export interface SloCounts {
  counts(
    projectId: string,
    slo: Pick<Slo, 'model' | 'version' | 'sli'>,
    from: number,
    to: number,
  ): Promise<SloWindowCounts>;
}

/**
 * SloCounts over a DuckDbStore:
 * - availability: the store's `overview` totals (requests − errors of requests), so it keeps
 *   answering for hours that retention rolled up into aggregates;
 * - latency: `count(*) FILTER (latency_ms ≤ threshold)` over the raw events;
 * - quality (outcome): labelled requests (latest outcome with a label, event with a predicted
 *   label) and those whose labels agree; quality (score): requests with the latest score of that
 *   name (any source; the mean when both judge and human scored it) and those ≥ minScore.
 * Latency and quality read the raw events through the store's bound WHERE clause (every value
 * bound). They belong in the Store interface as `sliCounts(filter, sli)` (ClickHouse too); until
 * it has one, the alert engine reads through here, as the experiments service does.
 */
export class DuckDbSloCounts implements SloCounts {
  readonly #store: DuckDbStore;

  constructor(store: DuckDbStore) {
    this.#store = store;
  }

  async counts(
    projectId: string,
    slo: Pick<Slo, 'model' | 'version' | 'sli'>,
    from: number,
    to: number,
  ): Promise<SloWindowCounts> {
    const filter = {
      projectId,
      from,
      to,
      model: slo.model,
      ...(slo.version === undefined ? {} : { version: slo.version }),
    };
    const sli: Sli = slo.sli;
    if (sli.kind === 'availability') {
      // One bucket over the whole window: only the totals are read.
      const overview = await this.#store.overview(filter, Math.max(60_000, to - from));
      return { good: overview.totals.requests - overview.totals.errors, total: overview.totals.requests };
    }
    return this.#store.withReader(async (c) => {
      const where = eventWhere(filter, 'e');
      const p = where.params;
      const bind = (v: DuckDBValue): string => {
        p.push(v);
        return `$${p.length}`;
      };
      let sql: string;
      if (sli.kind === 'latency') {
        sql = `SELECT count(*) FILTER (WHERE e.latency_ms <= ${bind(sli.thresholdMs)}), count(*) FROM events e WHERE ${where.sql}`;
      } else if (sli.source === 'outcome') {
        sql = `SELECT count(*) FILTER (WHERE o.label = e.output_label), count(*)
               FROM events e JOIN (
                 SELECT request_id, arg_max(label, seq) AS label FROM outcomes
                 WHERE project_id = ${bind(projectId)} GROUP BY request_id
               ) o ON o.request_id = e.request_id
               WHERE ${where.sql} AND o.label IS NOT NULL AND e.output_label IS NOT NULL`;
      } else {
        sql = `SELECT count(*) FILTER (WHERE s.value >= ${bind(sli.minScore)}), count(*)
               FROM events e JOIN (
                 SELECT request_id, avg(value) AS value FROM (
                   SELECT request_id, source, arg_max(value, seq) AS value FROM scores
                   WHERE project_id = ${bind(projectId)} AND name = ${bind(sli.scoreName)}
                   GROUP BY request_id, source
                 ) GROUP BY request_id
               ) s ON s.request_id = e.request_id
               WHERE ${where.sql}`;
      }
      const row = (await c.runAndReadAll(sql, p)).getRows()[0] ?? [0n, 0n];
      return { good: Number(row[0] ?? 0), total: Number(row[1] ?? 0) };
    });
  }
}
