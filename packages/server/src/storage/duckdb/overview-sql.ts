import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { EventFilter, OverviewBucket, OverviewResult, OverviewTotals } from '../../domain/query.js';
import { latencyBinValue } from '../latency-bins.js';
import { eventWhere } from './event-filter-sql.js';

const MINUTE_MS = 60_000;

/** Whether the rollups can answer the overview exactly up to their latency sketch. */
export function rollupAnswers(filter: EventFilter, bucketMs: number): boolean {
  return (
    Object.keys(filter.segment ?? {}).length === 0 &&
    filter.from % MINUTE_MS === 0 &&
    filter.to % MINUTE_MS === 0 &&
    bucketMs % MINUTE_MS === 0
  );
}

async function rowsOf(c: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<DuckDBValue[][]> {
  return (await c.runAndReadAll(sql, params)).getRows();
}

const n = (v: DuckDBValue | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const EMPTY_TOTALS: OverviewTotals = {
  requests: 0,
  errors: 0,
  latencyP50: Number.NaN,
  latencyP95: Number.NaN,
  latencyP99: Number.NaN,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
};

/** WHERE over a rollup table (minute or hourly rows) for the filter: project, periods in [from, to), model coordinates. */
function rollupWhere(filter: EventFilter, params: DuckDBValue[]): string {
  const bind = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts = [
    `project_id = ${bind(filter.projectId)}`,
    `period >= ${bind(BigInt(filter.from))}`,
    `period < ${bind(BigInt(filter.to))}`,
  ];
  for (const k of ['model', 'version', 'variant', 'experiment'] as const) {
    const v = filter[k];
    if (v !== undefined) parts.push(`${k} = ${bind(v)}`);
  }
  return parts.join(' AND ');
}

/**
 * The overview from the rollups: sums per bucket, and latency percentiles from the merged bins —
 * per bucket, the bin holding the value of 0-based rank ⌊q·(n − 1)⌋, read back as its
 * representative value (within 1 %). Hourly rows (left by retention) count in the bucket of their
 * hour's start.
 */
async function rollupOverview(c: DuckDBConnection, filter: EventFilter, bucketMs: number): Promise<OverviewResult> {
  const statsParams: DuckDBValue[] = [BigInt(bucketMs)];
  const statsWhere = rollupWhere(filter, statsParams);
  const stats = await rowsOf(
    c,
    `SELECT (period // $1) * $1 AS bucket, sum(requests), sum(errors), sum(input_tokens), sum(output_tokens), sum(cost_usd)
     FROM (SELECT * FROM events_minute UNION ALL SELECT * FROM events_hourly)
     WHERE ${statsWhere} GROUP BY bucket ORDER BY bucket`,
    statsParams,
  );
  const binParams: DuckDBValue[] = [BigInt(bucketMs)];
  const binWhere = rollupWhere(filter, binParams);
  const quantiles = `
    min(bin) FILTER (WHERE cum > floor(0.50 * (total - 1))),
    min(bin) FILTER (WHERE cum > floor(0.95 * (total - 1))),
    min(bin) FILTER (WHERE cum > floor(0.99 * (total - 1)))`;
  const bins = await rowsOf(
    c,
    `WITH b AS (
       SELECT (period // $1) * $1 AS bucket, bin, sum(n) AS n
       FROM (SELECT * FROM latency_minute UNION ALL SELECT * FROM latency_hourly)
       WHERE ${binWhere} GROUP BY bucket, bin
     ),
     per_bucket AS (
       SELECT bucket, bin, sum(n) OVER (PARTITION BY bucket ORDER BY bin ROWS UNBOUNDED PRECEDING) AS cum,
              sum(n) OVER (PARTITION BY bucket) AS total FROM b
     ),
     whole AS (
       SELECT bin, n, sum(n) OVER (ORDER BY bin ROWS UNBOUNDED PRECEDING) AS cum, sum(n) OVER () AS total
       FROM (SELECT bin, sum(n) AS n FROM b GROUP BY bin)
     )
     SELECT bucket, ${quantiles} FROM per_bucket GROUP BY bucket
     UNION ALL
     SELECT NULL, ${quantiles} FROM whole`,
    binParams,
  );
  const latency = new Map<number | null, [number, number, number]>();
  for (const r of bins) {
    latency.set(r[0] === null ? null : Number(r[0]), [
      latencyBinValue(n(r[1])),
      latencyBinValue(n(r[2])),
      latencyBinValue(n(r[3])),
    ]);
  }
  const buckets: OverviewBucket[] = [];
  const totals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const r of stats) {
    const start = Number(r[0]);
    const requests = n(r[1]);
    if (requests === 0) continue;
    const [p50, p95, p99] = latency.get(start) ?? [Number.NaN, Number.NaN, Number.NaN];
    const b: OverviewBucket = {
      start,
      requests,
      errors: n(r[2]),
      latencyP50: p50,
      latencyP95: p95,
      latencyP99: p99,
      inputTokens: n(r[3]),
      outputTokens: n(r[4]),
      costUsd: n(r[5]),
    };
    buckets.push(b);
    totals.requests += b.requests;
    totals.errors += b.errors;
    totals.inputTokens += b.inputTokens;
    totals.outputTokens += b.outputTokens;
    totals.costUsd += b.costUsd;
  }
  if (totals.requests === 0) return { bucketMs, method: 'rollup', buckets, totals: EMPTY_TOTALS };
  const [p50, p95, p99] = latency.get(null) ?? [Number.NaN, Number.NaN, Number.NaN];
  return {
    bucketMs,
    method: 'rollup',
    buckets,
    totals: { ...totals, latencyP50: p50, latencyP95: p95, latencyP99: p99 },
  };
}

/** The overview from the raw events, with exact percentiles (`quantile_cont`, linear interpolation). */
export async function exactOverview(
  c: DuckDBConnection,
  filter: EventFilter,
  bucketMs: number,
): Promise<OverviewResult> {
  const where = eventWhere(filter, '', [BigInt(bucketMs)]);
  const agg = `count(*), count(*) FILTER (WHERE status = 'error'),
    quantile_cont(latency_ms, [0.5, 0.95, 0.99]), sum(input_tokens), sum(output_tokens), sum(cost_usd)`;
  const rows = await rowsOf(
    c,
    `SELECT (ts // $1) * $1 AS bucket, ${agg} FROM events WHERE ${where.sql} GROUP BY bucket
     UNION ALL SELECT NULL, ${agg} FROM events WHERE ${where.sql} ORDER BY bucket NULLS LAST`,
    where.params,
  );
  const of = (r: DuckDBValue[]): OverviewTotals => {
    const q = (r[3] as unknown as { items: DuckDBValue[] } | null)?.items ?? [];
    return {
      requests: n(r[1]),
      errors: n(r[2]),
      latencyP50: q.length ? n(q[0]) : Number.NaN,
      latencyP95: q.length ? n(q[1]) : Number.NaN,
      latencyP99: q.length ? n(q[2]) : Number.NaN,
      inputTokens: n(r[4]),
      outputTokens: n(r[5]),
      costUsd: n(r[6]),
    };
  };
  const buckets: OverviewBucket[] = [];
  let totals = EMPTY_TOTALS;
  for (const r of rows) {
    if (r[0] === null) {
      if (n(r[1]) > 0) totals = of(r);
    } else buckets.push({ start: Number(r[0]), ...of(r) });
  }
  return { bucketMs, method: 'exact', buckets, totals };
}

/** The overview: from the rollups when they can answer (see `rollupAnswers`), else exact from raw events. */
export function overviewOf(c: DuckDBConnection, filter: EventFilter, bucketMs: number): Promise<OverviewResult> {
  return rollupAnswers(filter, bucketMs) ? rollupOverview(c, filter, bucketMs) : exactOverview(c, filter, bucketMs);
}
