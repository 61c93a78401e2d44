import { BASELINE_PREDICTION_COLUMNS as P } from '../../domain/baseline.js';
import type { EventFilter, FeatureRow } from '../../domain/query.js';
import type { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { checkFilter, eventWhere } from '../../storage/duckdb/event-filter-sql.js';
import { escapedFeatures, type ProfileRowSource } from './profile-row-source.js';

/**
 * ProfileRowSource over a DuckDbStore, on one of its read connections: every event of the window
 * (with or without a feature map), oldest first, streamed in DuckDB chunks, as its features plus
 * the predicted label, score and value and the latency (`BASELINE_PREDICTION_COLUMNS`). The
 * WHERE clause is the store's own, every value bound.
 *
 * This belongs in the Store interface (a `scanFeatures` option to include the prediction); until
 * the store has it, baselines and drift monitors read through here on DuckDB.
 */
export class DuckDbProfileRows implements ProfileRowSource {
  readonly predictionColumns = true;
  readonly #store: DuckDbStore;

  constructor(store: DuckDbStore) {
    this.#store = store;
  }

  async *scanRows(filter: EventFilter, chunkRows: number): AsyncIterable<readonly FeatureRow[]> {
    checkFilter(filter, 'scanRows');
    const queue: (readonly FeatureRow[])[] = [];
    // withReader lends a connection for the duration of a callback; the rows are handed out in
    // chunks through a small buffer so the caller's profiling runs between DuckDB fetches.
    let finished = false;
    let abandoned = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    let resume: (() => void) | undefined;
    const reading = this.#store
      .withReader(async (c) => {
        const where = eventWhere(filter);
        const result = await c.stream(
          `SELECT features, output_label, output_score, output_value, latency_ms FROM events
           WHERE ${where.sql} ORDER BY ts, request_id`,
          where.params,
        );
        let out: FeatureRow[] = [];
        for (;;) {
          const chunk = await result.fetchChunk();
          if (chunk === null || chunk.rowCount === 0) break;
          const features = chunk.getColumnValues(0);
          const labels = chunk.getColumnValues(1);
          const scores = chunk.getColumnValues(2);
          const values = chunk.getColumnValues(3);
          const latencies = chunk.getColumnValues(4);
          for (let i = 0; i < chunk.rowCount; i++) {
            const f = features[i];
            const row: Record<string, FeatureRow[string]> =
              f === null || f === undefined ? {} : { ...escapedFeatures(JSON.parse(String(f)) as FeatureRow) };
            const label = labels[i];
            const score = scores[i];
            const value = values[i];
            row[P.label] = label === null || label === undefined ? null : String(label);
            row[P.score] = typeof score === 'number' ? score : null;
            row[P.value] = typeof value === 'number' ? value : null;
            row[P.latencyMs] = Number(latencies[i]);
            out.push(row);
            if (out.length === chunkRows) {
              queue.push(out);
              out = [];
              wake?.();
              // Back-pressure: wait until the consumer has taken the chunk.
              await new Promise<void>((r) => {
                resume = r;
              });
              if (abandoned) return;
            }
          }
        }
        if (out.length > 0) queue.push(out);
      })
      .catch((err: unknown) => {
        failure = err;
      })
      .finally(() => {
        finished = true;
        wake?.();
      });
    try {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          const r = resume;
          resume = undefined;
          yield next;
          r?.();
          continue;
        }
        if (finished) break;
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = undefined;
      }
      if (failure !== undefined) throw failure;
    } finally {
      // The consumer stopped early: let the reader stop so the connection goes back to the pool.
      abandoned = true;
      const r = resume;
      resume = undefined;
      r?.();
      await reading;
    }
  }
}
