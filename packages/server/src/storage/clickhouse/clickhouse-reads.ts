import type {
  ErrorTypeCount,
  EventFilter,
  EventSample,
  FeedbackRates,
  Histogram,
  ModelVersionSummary,
  OverviewBucket,
  OverviewResult,
  OverviewTotals,
  PredictionDistribution,
  QualityPairs,
  SampleOptions,
  ScoreSummary,
  SliceStats,
} from '../../domain/query.js';
import { latencyBinValue } from '../latency-bins.js';
import { quoteClickHouseLiteral as lit } from '../sql.js';
import { StoreError } from '../store-error.js';
import { EVENT_SELECT, storedEventOf } from './clickhouse-rows.js';
import { STATS_BIN } from './clickhouse-schema.js';

/**
 * The read queries of the ClickHouse store. Each runs against the Distributed tables (`t(name)`);
 * joins to outcomes, feedback and scores name the shard-local tables (`l(name)`), which every
 * shard resolves to its own — correct because the store puts all records of a (project, request
 * id) on one shard. Events are read with FINAL (a retried identical row counts once). Every string
 * value is a literal from `storage/sql.ts`; numbers are checked finite before they are spliced.
 */
export interface ClickHouseReader {
  rows(sql: string): Promise<readonly (readonly unknown[])[]>;
  /** The Distributed table `name`, qualified. */
  t(name: string): string;
  /** The shard-local table `name`, qualified. */
  l(name: string): string;
}

type Row = readonly unknown[];
const n = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));
const count = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** A finite number as SQL text. */
export function sqlNumber(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new StoreError('invalid_argument', `${what} must be a finite number (got ${x})`);
  return String(x);
}

/** An integer as SQL text. */
export function sqlInt(x: number, what: string): string {
  if (!Number.isSafeInteger(x)) throw new StoreError('invalid_argument', `${what} must be an integer (got ${x})`);
  return String(x);
}

/** The WHERE clause of an event filter over `events` columns (window [from, to) on ts). */
export function eventWhere(filter: EventFilter, alias = ''): string {
  const col = (name: string): string => (alias ? `${alias}.${name}` : name);
  const parts = [
    `${col('project_id')} = ${lit(filter.projectId)}`,
    `${col('ts')} >= ${sqlInt(Math.ceil(filter.from), 'filter.from')}`,
    `${col('ts')} < ${sqlInt(Math.ceil(Math.min(filter.to, Number.MAX_SAFE_INTEGER)), 'filter.to')}`,
  ];
  for (const k of ['model', 'version', 'variant', 'experiment'] as const) {
    const v = filter[k];
    if (v !== undefined) parts.push(`${col(k)} = ${lit(v)}`);
  }
  for (const [k, v] of Object.entries(filter.segment ?? {})) {
    parts.push(
      `has(${col('segment_keys')}, ${lit(k)}) AND ${col('segment_values')}[indexOf(${col('segment_keys')}, ${lit(k)})] = ${lit(v)}`,
    );
  }
  return parts.join(' AND ');
}

/**
 * The q-quantile of the values of `column` in the group, interpolated linearly between closest
 * ranks (numpy's default, DuckDB's `quantile_cont`): ClickHouse 18.16 has no such function
 * (`quantileExact` returns the value at rank ⌊q·n⌋, without interpolation), so it is written
 * over the sorted group array.
 */
export function interpolatedQuantileSql(column: string, q: number): string {
  const s = `arraySort(groupArray(${column}))`;
  const h = `(${sqlNumber(q, 'quantile')} * (length(${s}) - 1))`;
  const lo = `toUInt64(floor(${h}))`;
  return `if(length(${s}) = 0, nan, ${s}[${lo} + 1] + (${h} - floor(${h})) * (${s}[least(${lo} + 2, length(${s}))] - ${s}[${lo} + 1]))`;
}

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

/** Whether the rollups can answer the overview (the same rule as the DuckDB store). */
export function rollupAnswers(filter: EventFilter, bucketMs: number): boolean {
  return (
    Object.keys(filter.segment ?? {}).length === 0 &&
    filter.from % 60_000 === 0 &&
    filter.to % 60_000 === 0 &&
    bucketMs % 60_000 === 0
  );
}

/** The overview from raw events, percentiles interpolated (`interpolatedQuantileSql`). */
export async function exactOverview(
  r: ClickHouseReader,
  filter: EventFilter,
  bucketMs: number,
): Promise<OverviewResult> {
  const where = eventWhere(filter);
  const agg = `count(), countIf(status = 'error'), ${[0.5, 0.95, 0.99].map((q) => interpolatedQuantileSql('latency_ms', q)).join(', ')},
    sum(ifNull(input_tokens, 0)), sum(ifNull(output_tokens, 0)), sum(ifNull(cost_usd, 0))`;
  const b = sqlInt(bucketMs, 'bucketMs');
  const [rows, total] = await Promise.all([
    r.rows(`SELECT intDiv(ts, ${b}) * ${b} AS bucket, ${agg} FROM ${r.t('events')} FINAL WHERE ${where}
            GROUP BY bucket ORDER BY bucket`),
    r.rows(`SELECT 0, ${agg} FROM ${r.t('events')} FINAL WHERE ${where}`),
  ]);
  const of = (x: Row): OverviewTotals => ({
    requests: count(x[1]),
    errors: count(x[2]),
    latencyP50: n(x[3]),
    latencyP95: n(x[4]),
    latencyP99: n(x[5]),
    inputTokens: count(x[6]),
    outputTokens: count(x[7]),
    costUsd: count(x[8]),
  });
  const buckets: OverviewBucket[] = rows.map((x) => ({ start: Number(x[0]), ...of(x) }));
  const t = total[0];
  return {
    bucketMs,
    method: 'exact',
    buckets,
    totals: t !== undefined && count(t[1]) > 0 ? of(t) : EMPTY_TOTALS,
  };
}

/**
 * The overview from the rollups: sums per bucket, and the latency percentiles from the merged bins
 * — per bucket, the bin holding the value of 0-based rank ⌊q·(n − 1)⌋, read back as its
 * representative value (within 1 %), exactly as the DuckDB store. Hourly rows are read for the
 * periods before the project's retention cutoff, minute rows from it on (so a retention run in
 * progress never counts a period twice).
 */
export async function rollupOverview(
  r: ClickHouseReader,
  filter: EventFilter,
  bucketMs: number,
  cutoff: number,
): Promise<OverviewResult> {
  const parts = [
    `project_id = ${lit(filter.projectId)}`,
    `period >= ${sqlInt(filter.from, 'filter.from')}`,
    `period < ${sqlInt(Math.min(filter.to, Number.MAX_SAFE_INTEGER), 'filter.to')}`,
  ];
  for (const k of ['model', 'version', 'variant', 'experiment'] as const) {
    const v = filter[k];
    if (v !== undefined) parts.push(`${k} = ${lit(v)}`);
  }
  const c = sqlInt(cutoff, 'retention cutoff');
  const where = parts.join(' AND ');
  const source = `(SELECT period, bin, requests, errors, input_tokens, output_tokens, cost_usd, n FROM ${r.t('rollup_minute')}
      WHERE ${where} AND period >= ${c}
    UNION ALL SELECT period, bin, requests, errors, input_tokens, output_tokens, cost_usd, n FROM ${r.t('rollup_hourly')}
      WHERE ${where} AND period < ${c})`;
  const b = sqlInt(bucketMs, 'bucketMs');
  const rows = await r.rows(
    `SELECT intDiv(period, ${b}) * ${b} AS bucket, bin, sum(requests), sum(errors), sum(input_tokens), sum(output_tokens),
       toString(sum(cost_usd)), sum(n)
     FROM ${source} GROUP BY bucket, bin ORDER BY bucket, bin`,
  );
  const perBucket = new Map<number, { stats: Row | undefined; bins: [number, number][] }>();
  for (const x of rows) {
    const start = Number(x[0]);
    let g = perBucket.get(start);
    if (g === undefined) {
      g = { stats: undefined, bins: [] };
      perBucket.set(start, g);
    }
    if (Number(x[1]) === STATS_BIN) g.stats = x;
    else if (count(x[7]) > 0) g.bins.push([Number(x[1]), count(x[7])]);
  }
  const quantiles = (bins: readonly [number, number][]): [number, number, number] => {
    const total = bins.reduce((s, [, k]) => s + k, 0);
    return [0.5, 0.95, 0.99].map((q) => {
      const rank = Math.floor(q * (total - 1));
      let cum = 0;
      for (const [bin, k] of bins) {
        cum += k;
        if (cum > rank) return latencyBinValue(bin);
      }
      return Number.NaN;
    }) as [number, number, number];
  };
  const buckets: OverviewBucket[] = [];
  const totals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const all = new Map<number, number>();
  for (const [start, g] of [...perBucket.entries()].sort((a, c2) => a[0] - c2[0])) {
    const requests = count(g.stats?.[2]);
    if (requests === 0) continue;
    const [p50, p95, p99] = quantiles(g.bins);
    const bucket: OverviewBucket = {
      start,
      requests,
      errors: count(g.stats?.[3]),
      latencyP50: p50,
      latencyP95: p95,
      latencyP99: p99,
      inputTokens: count(g.stats?.[4]),
      outputTokens: count(g.stats?.[5]),
      costUsd: Number(g.stats?.[6] ?? 0),
    };
    buckets.push(bucket);
    totals.requests += bucket.requests;
    totals.errors += bucket.errors;
    totals.inputTokens += bucket.inputTokens;
    totals.outputTokens += bucket.outputTokens;
    totals.costUsd += bucket.costUsd;
    for (const [bin, k] of g.bins) all.set(bin, (all.get(bin) ?? 0) + k);
  }
  if (totals.requests === 0) return { bucketMs, method: 'rollup', buckets, totals: EMPTY_TOTALS };
  const [p50, p95, p99] = quantiles([...all.entries()].sort((a, c2) => a[0] - c2[0]));
  return {
    bucketMs,
    method: 'rollup',
    buckets,
    totals: { ...totals, latencyP50: p50, latencyP95: p95, latencyP99: p99 },
  };
}

export async function countEvents(r: ClickHouseReader, filter: EventFilter): Promise<number> {
  const rows = await r.rows(`SELECT count() FROM ${r.t('events')} FINAL WHERE ${eventWhere(filter)}`);
  return count(rows[0]?.[0]);
}

export async function errorsByType(r: ClickHouseReader, filter: EventFilter): Promise<ErrorTypeCount[]> {
  const w = eventWhere(filter);
  const [rows, total] = await Promise.all([
    r.rows(
      `SELECT ifNull(error_type, 'other') AS t, count() AS k FROM ${r.t('events')} FINAL WHERE ${w} AND status = 'error'
       GROUP BY t ORDER BY k DESC, t`,
    ),
    r.rows(`SELECT count() FROM ${r.t('events')} FINAL WHERE ${w}`),
  ]);
  const all = count(total[0]?.[0]);
  return rows.map((x) => ({ errorType: String(x[0]), count: count(x[1]), share: count(x[1]) / all }));
}

export async function listModels(r: ClickHouseReader, filter: EventFilter): Promise<ModelVersionSummary[]> {
  const rows = await r.rows(
    `SELECT model, version, variant, min(ts), max(ts), count(), countIf(status = 'error')
     FROM ${r.t('events')} FINAL WHERE ${eventWhere(filter)} GROUP BY model, version, variant ORDER BY model, version, variant`,
  );
  return rows.map((x) => ({
    model: String(x[0]),
    version: String(x[1]),
    variant: String(x[2]),
    firstSeen: n(x[3]),
    lastSeen: n(x[4]),
    requests: count(x[5]),
    errors: count(x[6]),
  }));
}

/** Latest feedback per feedback id of the project, summed per request (shard-local). */
function feedbackPerRequest(r: ClickHouseReader, projectId: string): string {
  return `(SELECT request_id, sum(kind = 'thumbs' AND thumb = 'up') AS fb_up, sum(kind = 'thumbs' AND thumb = 'down') AS fb_down,
      sum(kind = 'correction') AS fb_corrections, sum(kind = 'escalation') AS fb_escalations
    FROM (SELECT feedback_id, argMax(request_id, version) AS request_id, argMax(kind, version) AS kind,
            argMax(thumb, version) AS thumb
          FROM ${r.l('feedback')} WHERE project_id = ${lit(projectId)} GROUP BY feedback_id)
    GROUP BY request_id)`;
}

export async function feedbackRates(r: ClickHouseReader, filter: EventFilter): Promise<FeedbackRates> {
  const rows = await r.rows(
    `SELECT count(), sum(fb_up), sum(fb_down), sum(fb_corrections), sum(fb_escalations)
     FROM ${r.t('events')} FINAL ANY LEFT JOIN ${feedbackPerRequest(r, filter.projectId)} USING (request_id)
     WHERE ${eventWhere(filter)}`,
  );
  const x = rows[0] ?? [];
  const events = count(x[0]);
  const [up, down, corrections, escalations] = [count(x[1]), count(x[2]), count(x[3]), count(x[4])];
  const per = (v: number) => (events === 0 ? Number.NaN : v / events);
  return {
    events,
    thumbsUp: up,
    thumbsDown: down,
    corrections,
    escalations,
    thumbsUpRate: up + down === 0 ? Number.NaN : up / (up + down),
    thumbsDownPerEvent: per(down),
    correctionsPerEvent: per(corrections),
    escalationsPerEvent: per(escalations),
  };
}

/** Latest score per (request id, name, source) of the project (shard-local). */
function latestScores(r: ClickHouseReader, projectId: string, name?: string): string {
  const named = name === undefined ? '' : ` AND name = ${lit(name)}`;
  return `(SELECT request_id, name AS score_name, source AS score_source, argMax(value, version) AS score_value
    FROM ${r.l('scores')} WHERE project_id = ${lit(projectId)}${named} GROUP BY request_id, name, source)`;
}

export async function scoreSummaries(r: ClickHouseReader, filter: EventFilter): Promise<ScoreSummary[]> {
  const rows = await r.rows(
    `SELECT score_name, score_source, count(), avg(score_value), min(score_value), max(score_value)
     FROM ${r.t('events')} FINAL ALL INNER JOIN ${latestScores(r, filter.projectId)} USING (request_id)
     WHERE ${eventWhere(filter)} GROUP BY score_name, score_source ORDER BY score_name, score_source`,
  );
  return rows.map((x) => ({
    name: String(x[0]),
    source: String(x[1]) as 'judge' | 'human',
    count: count(x[2]),
    mean: n(x[3]),
    min: n(x[4]),
    max: n(x[5]),
  }));
}

function checkBins(bins: number, what: string): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
    throw new StoreError('invalid_argument', `${what}: bins must be an integer in [1, 1000] (got ${bins})`);
  }
}

/** An equal-width histogram of a numeric expression (NULLs skipped), the DuckDB store's definition. */
async function histogramOf(
  r: ClickHouseReader,
  filter: EventFilter,
  expression: string,
  bins: number,
): Promise<Histogram> {
  const w = `${eventWhere(filter)} AND isNotNull(${expression})`;
  const range = await r.rows(`SELECT min(toFloat64(${expression})), max(toFloat64(${expression}))
    FROM ${r.t('events')} FINAL WHERE ${w}`);
  const lo = range[0]?.[0];
  const hi = range[0]?.[1];
  if (lo === null || lo === undefined || hi === null || hi === undefined) return { edges: [], counts: [], count: 0 };
  const [a, z] = [Number(lo), Number(hi)];
  const k = z === a ? 1 : bins;
  const x = `toFloat64(assumeNotNull(${expression}))`;
  const bin =
    z === a
      ? '0'
      : `least(toInt64(floor((${x} - ${sqlNumber(a, 'min')}) / (${sqlNumber(z, 'max')} - ${sqlNumber(a, 'min')}) * ${k})), ${k - 1})`;
  const rows = await r.rows(`SELECT ${bin} AS k, count() FROM ${r.t('events')} FINAL WHERE ${w} GROUP BY k ORDER BY k`);
  const counts = new Array<number>(k).fill(0);
  let total = 0;
  for (const row of rows) {
    counts[count(row[0])] = count(row[1]);
    total += count(row[1]);
  }
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? z : a + ((z - a) * i) / k));
  return { edges, counts, count: total };
}

export function inputLengthHistogram(r: ClickHouseReader, filter: EventFilter, bins: number): Promise<Histogram> {
  checkBins(bins, 'inputLengthHistogram');
  return histogramOf(r, filter, 'lengthUTF8(input_text)', bins);
}

export async function predictionDistribution(
  r: ClickHouseReader,
  filter: EventFilter,
  bins: number,
): Promise<PredictionDistribution> {
  checkBins(bins, 'predictionDistribution');
  const labels = await r.rows(
    `SELECT assumeNotNull(output_label) AS label, count() AS k FROM ${r.t('events')} FINAL
     WHERE ${eventWhere(filter)} AND isNotNull(output_label) GROUP BY label ORDER BY k DESC, label`,
  );
  const [scores, values] = await Promise.all([
    histogramOf(r, filter, 'output_score', bins),
    histogramOf(r, filter, 'output_value', bins),
  ]);
  return { labels: labels.map((x) => ({ label: String(x[0]), count: count(x[1]) })), scores, values };
}

/** Latest outcome per request of the project (shard-local). */
function latestOutcomes(r: ClickHouseReader, projectId: string): string {
  return `(SELECT request_id, argMax(label, version) AS true_label, argMax(has_label, version) AS has_true_label,
      argMax(value, version) AS true_value, argMax(has_value, version) AS has_true_value, 1 AS has_outcome
    FROM ${r.l('outcomes')} WHERE project_id = ${lit(projectId)} GROUP BY request_id)`;
}

export async function qualityPairs(r: ClickHouseReader, filter: EventFilter, limit: number): Promise<QualityPairs> {
  const w = eventWhere(filter);
  const joined = `${r.t('events')} FINAL ANY INNER JOIN ${latestOutcomes(r, filter.projectId)} USING (request_id)`;
  // withOutcome counts every pair of the window, not only the `limit` newest returned.
  const [rows, totals, paired] = await Promise.all([
    r.rows(
      `SELECT output_label, if(has_true_label = 1, true_label, NULL), output_score, output_value,
         if(has_true_value = 1, true_value, NULL)
       FROM ${joined}
       WHERE ${w} ORDER BY ts DESC LIMIT ${sqlInt(limit, 'limit')}`,
    ),
    r.rows(`SELECT count() FROM ${r.t('events')} FINAL WHERE ${w}`),
    r.rows(`SELECT count() FROM ${joined} WHERE ${w}`),
  ]);
  const labels = { predicted: [] as string[], actual: [] as string[], scores: [] as number[] };
  const values = { predicted: [] as number[], actual: [] as number[] };
  for (const x of rows) {
    if (x[0] !== null && x[1] !== null) {
      labels.predicted.push(String(x[0]));
      labels.actual.push(String(x[1]));
      labels.scores.push(n(x[2]));
    }
    if (x[3] !== null && x[4] !== null) {
      values.predicted.push(n(x[3]));
      values.actual.push(n(x[4]));
    }
  }
  return { labels, values, events: count(totals[0]?.[0]), withOutcome: count(paired[0]?.[0]) };
}

const LABELLED = 'has_true_label = 1 AND isNotNull(output_label)';
const SLICE_AGG = `count(), avg(status = 'error'), ${interpolatedQuantileSql('latency_ms', 0.95)},
  avgIf(ifNull(output_label, '') = true_label, ${LABELLED}), countIf(${LABELLED})`;

function sliceOf(x: Row, offset: number): SliceStats {
  return {
    requests: count(x[offset]),
    errorRate: n(x[offset + 1]),
    latencyP95: n(x[offset + 2]),
    accuracy: n(x[offset + 3]),
    labelled: count(x[offset + 4]),
  };
}

/** Traffic and quality of the window and of every segment (key, value) with ≥ `minCount` requests (p95 interpolated). */
export async function sliceStats(
  r: ClickHouseReader,
  filter: EventFilter,
  minCount: number,
): Promise<{ window: SliceStats; slices: (SliceStats & { key: string; value: string })[] }> {
  const w = eventWhere(filter);
  const joined = `${r.t('events')} FINAL`;
  const outcomes = `ANY LEFT JOIN ${latestOutcomes(r, filter.projectId)} USING (request_id)`;
  const [whole, rows] = await Promise.all([
    r.rows(`SELECT ${SLICE_AGG} FROM ${joined} ${outcomes} WHERE ${w}`),
    r.rows(
      `SELECT seg_key, seg_value, ${SLICE_AGG} FROM ${joined} ARRAY JOIN segment_keys AS seg_key, segment_values AS seg_value
       ${outcomes} WHERE ${w} GROUP BY seg_key, seg_value HAVING count() >= ${sqlInt(minCount, 'minCount')}`,
    ),
  ]);
  const first = whole[0];
  const window: SliceStats =
    first === undefined || count(first[0]) === 0
      ? { requests: 0, errorRate: Number.NaN, latencyP95: Number.NaN, accuracy: Number.NaN, labelled: 0 }
      : sliceOf(first, 0);
  const slices = rows.map((x) => ({ key: String(x[0]), value: String(x[1]), ...sliceOf(x, 2) }));
  slices.sort((a, b) => (a.key === b.key ? (a.value < b.value ? -1 : 1) : a.key < b.key ? -1 : 1));
  return { window, slices };
}

export async function sampleEvents(
  r: ClickHouseReader,
  filter: EventFilter,
  options: SampleOptions,
): Promise<EventSample[]> {
  const w = eventWhere(filter);
  const limit = sqlInt(options.limit, 'limit');
  if (options.kind === 'lowest_score') {
    if (options.scoreName === undefined) {
      throw new StoreError('invalid_argument', "sampleEvents: scoreName is required when kind is 'lowest_score'");
    }
    const rows = await r.rows(
      `SELECT ${EVENT_SELECT}, score_value FROM ${r.t('events')} FINAL
       ALL INNER JOIN ${latestScores(r, filter.projectId, options.scoreName)} USING (request_id)
       WHERE ${w} ORDER BY score_value ASC, ts DESC LIMIT ${limit}`,
    );
    return rows.map((x) => ({ event: storedEventOf(x), score: n(x[x.length - 1]) }));
  }
  const errors = options.kind === 'errors' ? " AND status = 'error'" : '';
  const rows = await r.rows(
    `SELECT ${EVENT_SELECT} FROM ${r.t('events')} FINAL WHERE ${w}${errors} ORDER BY ts DESC, request_id LIMIT ${limit}`,
  );
  return rows.map((x) => ({ event: storedEventOf(x) }));
}
