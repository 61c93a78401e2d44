import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  ErrorTypeCount,
  EventFilter,
  EventSample,
  FeedbackRates,
  Histogram,
  ModelVersionSummary,
  PredictionDistribution,
  QualityPairs,
  SampleOptions,
  ScoreSummary,
  SliceStats,
} from '../../domain/query.js';
import { StoreError } from '../store-error.js';
import { eventWhere } from './event-filter-sql.js';
import { EVENT_SELECT, storedEventOf } from './event-rows.js';

/**
 * The read queries of the DuckDB store other than the overview. Each takes a read connection and
 * an `EventFilter`; every value is bound. Outcomes, feedback and scores are read as the latest row
 * per key (highest `seq`), and joined to the events of the window by (project, request id).
 */

type Row = DuckDBValue[];
const n = (v: DuckDBValue | undefined): number => (v === null || v === undefined ? Number.NaN : Number(v));
const count = (v: DuckDBValue | undefined): number => (v === null || v === undefined ? 0 : Number(v));

async function rowsOf(c: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<Row[]> {
  return (await c.runAndReadAll(sql, params)).getRows();
}

/**
 * Latest outcome per request of the project bound as $1, among the requests of `windowEvents` (a
 * subquery of request ids). Keeping only the window's requests before ranking is exact (a
 * request's rows are one partition) and spares ranking the outcomes of the whole history.
 */
const latestOutcomes = (windowEvents: string): string => `(SELECT * FROM outcomes WHERE project_id = $1
  AND request_id IN (${windowEvents})
  QUALIFY row_number() OVER (PARTITION BY request_id ORDER BY seq DESC) = 1)`;
/**
 * Latest feedback per feedback id, among the ids with a row for one of the window's requests (a
 * feedback id's latest row decides its request, so the whole id is kept, then ranked).
 */
const latestFeedback = (windowEvents: string): string => `(SELECT * FROM feedback WHERE project_id = $1
  AND feedback_id IN (SELECT feedback_id FROM feedback WHERE project_id = $1 AND request_id IN (${windowEvents}))
  QUALIFY row_number() OVER (PARTITION BY feedback_id ORDER BY seq DESC) = 1)`;
/** Latest score per (request, name, source) among the window's requests (and one name when `name` is given). */
const latestScores = (windowEvents: string, name = ''): string => `(SELECT * FROM scores WHERE project_id = $1
  AND request_id IN (${windowEvents})${name ? ` AND name = ${name}` : ''}
  QUALIFY row_number() OVER (PARTITION BY request_id, name, source ORDER BY seq DESC) = 1)`;

/** eventWhere, with the project always $1 (the LATEST_* subqueries rely on it). */
function where(filter: EventFilter, alias = '') {
  return eventWhere(filter, alias, []);
}

export async function errorsByType(c: DuckDBConnection, filter: EventFilter): Promise<ErrorTypeCount[]> {
  const w = where(filter);
  // One scan: the count per (is error, error type); the window's total is their sum.
  const rows = await rowsOf(
    c,
    `SELECT status = 'error' AS failed, CASE WHEN status = 'error' THEN error_type END AS error_type, count(*) AS k
     FROM events WHERE ${w.sql} GROUP BY ALL`,
    w.params,
  );
  const total = rows.reduce((sum, r) => sum + count(r[2]), 0);
  return rows
    .filter((r) => r[0] === true)
    .map((r) => ({ errorType: String(r[1] ?? 'other'), count: count(r[2]), share: count(r[2]) / total }))
    .sort((a, b) => b.count - a.count || (a.errorType < b.errorType ? -1 : a.errorType > b.errorType ? 1 : 0));
}

export async function listModels(c: DuckDBConnection, filter: EventFilter): Promise<ModelVersionSummary[]> {
  const w = where(filter);
  const rows = await rowsOf(
    c,
    `SELECT model, version, variant, min(ts), max(ts), count(*), count(*) FILTER (WHERE status = 'error')
     FROM events WHERE ${w.sql} GROUP BY ALL ORDER BY model, version, variant`,
    w.params,
  );
  return rows.map((r) => ({
    model: String(r[0]),
    version: String(r[1]),
    variant: String(r[2]),
    firstSeen: n(r[3]),
    lastSeen: n(r[4]),
    requests: count(r[5]),
    errors: count(r[6]),
  }));
}

export async function feedbackRates(c: DuckDBConnection, filter: EventFilter): Promise<FeedbackRates> {
  const w = where(filter);
  const rows = await rowsOf(
    c,
    `WITH ev AS (SELECT request_id FROM events WHERE ${w.sql}),
          fb AS (SELECT * FROM ${latestFeedback('SELECT request_id FROM ev')} WHERE request_id IN (SELECT request_id FROM ev))
     SELECT (SELECT count(*) FROM ev),
            count(*) FILTER (WHERE kind = 'thumbs' AND thumb = 'up'),
            count(*) FILTER (WHERE kind = 'thumbs' AND thumb = 'down'),
            count(*) FILTER (WHERE kind = 'correction'),
            count(*) FILTER (WHERE kind = 'escalation')
     FROM fb`,
    w.params,
  );
  const r = rows[0] ?? [];
  const events = count(r[0]);
  const [up, down, corrections, escalations] = [count(r[1]), count(r[2]), count(r[3]), count(r[4])];
  const per = (x: number) => (events === 0 ? Number.NaN : x / events);
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

export async function scoreSummaries(c: DuckDBConnection, filter: EventFilter): Promise<ScoreSummary[]> {
  const w = where(filter);
  const rows = await rowsOf(
    c,
    `SELECT name, source, count(*), avg(value), min(value), max(value)
     FROM ${latestScores(`SELECT request_id FROM events WHERE ${w.sql}`)}
     GROUP BY name, source ORDER BY name, source`,
    w.params,
  );
  return rows.map((r) => ({
    name: String(r[0]),
    source: String(r[1]) as 'judge' | 'human',
    count: count(r[2]),
    mean: n(r[3]),
    min: n(r[4]),
    max: n(r[5]),
  }));
}

function checkBins(bins: number, what: string): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
    throw new StoreError('invalid_argument', `${what}: bins must be an integer in [1, 1000] (got ${bins})`);
  }
}

/**
 * An equal-width histogram of a numeric SQL expression over the filtered events (NULLs skipped):
 * `bins` bins over [min, max], the last one closed; one bin [x, x] when all values are equal.
 */
async function histogramOf(
  c: DuckDBConnection,
  filter: EventFilter,
  expression: string,
  bins: number,
): Promise<Histogram> {
  const w = eventWhere(filter, '', []);
  w.params.push(bins);
  const b = `$${w.params.length}`;
  const rows = await rowsOf(
    c,
    `WITH v AS (SELECT CAST(${expression} AS DOUBLE) AS x FROM events WHERE ${w.sql} AND ${expression} IS NOT NULL),
          r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
     SELECT r.lo, r.hi,
            CASE WHEN r.hi = r.lo THEN 0 ELSE least(CAST(floor((v.x - r.lo) / (r.hi - r.lo) * ${b}) AS BIGINT), ${b} - 1) END AS k,
            count(*)
     FROM v, r GROUP BY ALL ORDER BY k`,
    w.params,
  );
  if (rows.length === 0) return { edges: [], counts: [], count: 0 };
  const lo = n(rows[0]?.[0]);
  const hi = n(rows[0]?.[1]);
  const k = hi === lo ? 1 : bins;
  const counts = new Array<number>(k).fill(0);
  let total = 0;
  for (const r of rows) {
    counts[count(r[2])] = count(r[3]);
    total += count(r[3]);
  }
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + ((hi - lo) * i) / k));
  return { edges, counts, count: total };
}

/** Characters (Unicode code points) of the input text of the filtered events. */
export function inputLengthHistogram(c: DuckDBConnection, filter: EventFilter, bins: number): Promise<Histogram> {
  checkBins(bins, 'inputLengthHistogram');
  return histogramOf(c, filter, 'length(input_text)', bins);
}

/** The SQL bin index of `x` among `bins` equal-width bins over [lo, hi] (the last closed; one bin when lo = hi). */
const binOf = (x: string, lo: string, hi: string, bins: string): string =>
  `CASE WHEN ${x} IS NULL THEN NULL WHEN ${hi} = ${lo} THEN 0
   ELSE least(CAST(floor((${x} - ${lo}) / (${hi} - ${lo}) * ${bins}) AS BIGINT), ${bins} - 1) END`;

/** A histogram from its range and the (bin, count) pairs (bins absent from the pairs count 0). */
function histogramFrom(lo: number, hi: number, bins: number, pairs: readonly (readonly [number, number])[]): Histogram {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { edges: [], counts: [], count: 0 };
  const k = hi === lo ? 1 : bins;
  const counts = new Array<number>(k).fill(0);
  let total = 0;
  for (const [bin, c] of pairs) {
    counts[bin] = c;
    total += c;
  }
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + ((hi - lo) * i) / k));
  return { edges, counts, count: total };
}

/**
 * Label counts and the score and value histograms in two scans of the window: the ranges, then
 * one GROUPING SETS aggregate over (label), (score bin), (value bin).
 */
export async function predictionDistribution(
  c: DuckDBConnection,
  filter: EventFilter,
  bins: number,
): Promise<PredictionDistribution> {
  checkBins(bins, 'predictionDistribution');
  const ranges = where(filter);
  const [r = []] = await rowsOf(
    c,
    `SELECT min(output_score), max(output_score), min(output_value), max(output_value) FROM events WHERE ${ranges.sql}`,
    ranges.params,
  );
  const [slo, shi, vlo, vhi] = [n(r[0]), n(r[1]), n(r[2]), n(r[3])];
  const w = where(filter);
  const bind = (v: DuckDBValue): string => {
    w.params.push(v);
    return `$${w.params.length}`;
  };
  // Unused ranges (no values) bind 0: their bins are all NULL anyway.
  const [s0, s1, v0, v1, b] = [
    bind(Number.isFinite(slo) ? slo : 0),
    bind(Number.isFinite(shi) ? shi : 0),
    bind(Number.isFinite(vlo) ? vlo : 0),
    bind(Number.isFinite(vhi) ? vhi : 0),
    bind(bins),
  ];
  const rows = await rowsOf(
    c,
    `WITH b AS (SELECT output_label AS label,
                       ${binOf('CAST(output_score AS DOUBLE)', `CAST(${s0} AS DOUBLE)`, `CAST(${s1} AS DOUBLE)`, b)} AS sb,
                       ${binOf('CAST(output_value AS DOUBLE)', `CAST(${v0} AS DOUBLE)`, `CAST(${v1} AS DOUBLE)`, b)} AS vb
                FROM events WHERE ${w.sql})
     SELECT grouping(label), grouping(sb), grouping(vb), label, sb, vb, count(*)
     FROM b GROUP BY GROUPING SETS ((label), (sb), (vb))`,
    w.params,
  );
  const labels: { label: string; count: number }[] = [];
  const scorePairs: [number, number][] = [];
  const valuePairs: [number, number][] = [];
  for (const row of rows) {
    const k = count(row[6]);
    if (Number(row[0]) === 0 && row[3] !== null) labels.push({ label: String(row[3]), count: k });
    else if (Number(row[1]) === 0 && row[4] !== null) scorePairs.push([count(row[4]), k]);
    else if (Number(row[2]) === 0 && row[5] !== null) valuePairs.push([count(row[5]), k]);
  }
  labels.sort((x, y) => y.count - x.count || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
  return {
    labels,
    scores: histogramFrom(slo, shi, bins, scorePairs),
    values: histogramFrom(vlo, vhi, bins, valuePairs),
  };
}

/**
 * The newest `limit` prediction–outcome pairs of the window (by event time), with the counts of
 * the window's events and of all its events with an outcome (`withOutcome`, which may exceed the
 * pairs returned), in one statement: a first row (tag 0) with the counts, then the pairs (tag 1).
 */
export async function qualityPairs(c: DuckDBConnection, filter: EventFilter, limit: number): Promise<QualityPairs> {
  const w = where(filter);
  w.params.push(limit);
  const all = await rowsOf(
    c,
    `WITH ev AS (SELECT request_id, ts, output_label, output_score, output_value FROM events WHERE ${w.sql}),
          p AS (SELECT ev.ts, ev.request_id, ev.output_label, o.label, ev.output_score, ev.output_value, o.value
                FROM ev JOIN ${latestOutcomes('SELECT request_id FROM ev')} o ON o.request_id = ev.request_id)
     SELECT 0 AS tag, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM ev), (SELECT count(*) FROM p)
     UNION ALL
     (SELECT 1, output_label, label, output_score, output_value, value, NULL, NULL
      FROM p ORDER BY ts DESC, request_id LIMIT $${w.params.length})`,
    w.params,
  );
  const head = all.find((r) => Number(r[0]) === 0) ?? [];
  const rows = all.filter((r) => Number(r[0]) === 1).map((r) => r.slice(1));
  const labels = { predicted: [] as string[], actual: [] as string[], scores: [] as number[] };
  const values = { predicted: [] as number[], actual: [] as number[] };
  for (const r of rows) {
    if (r[0] !== null && r[1] !== null) {
      labels.predicted.push(String(r[0]));
      labels.actual.push(String(r[1]));
      labels.scores.push(n(r[2]));
    }
    if (r[3] !== null && r[4] !== null) {
      values.predicted.push(n(r[3]));
      values.actual.push(n(r[4]));
    }
  }
  return { labels, values, events: count(head[6]), withOutcome: count(head[7]) };
}

const SLICE_AGG = `count(*), avg(CASE WHEN status = 'error' THEN 1.0 ELSE 0.0 END), quantile_cont(latency_ms, 0.95),
  avg(CASE WHEN output_label = true_label THEN 1.0 ELSE 0.0 END) FILTER (WHERE true_label IS NOT NULL AND output_label IS NOT NULL),
  count(*) FILTER (WHERE true_label IS NOT NULL AND output_label IS NOT NULL)`;

function sliceOf(r: Row, offset: number): SliceStats {
  return {
    requests: count(r[offset]),
    errorRate: n(r[offset + 1]),
    latencyP95: n(r[offset + 2]),
    accuracy: n(r[offset + 3]),
    labelled: count(r[offset + 4]),
  };
}

/**
 * Traffic and quality of the whole window and of every segment (key, value) with at least
 * `minCount` requests. p95 latency is `quantile_cont` (exact, linear interpolation).
 */
export async function sliceStats(
  c: DuckDBConnection,
  filter: EventFilter,
  minCount: number,
): Promise<{ window: SliceStats; slices: (SliceStats & { key: string; value: string })[] }> {
  const w = where(filter, 'e');
  const inWindow = `SELECT request_id FROM events WHERE ${where(filter).sql}`;
  w.params.push(minCount);
  const base = `SELECT e.status, e.latency_ms, e.output_label, o.label AS true_label, e.segment_keys, e.segment_values
    FROM events e LEFT JOIN ${latestOutcomes(inWindow)} o ON o.request_id = e.request_id WHERE ${w.sql}`;
  const rows = await rowsOf(
    c,
    `WITH e AS (${base}),
          s AS (SELECT unnest(segment_keys) AS k, unnest(segment_values) AS v, status, latency_ms, output_label, true_label FROM e)
     SELECT NULL, NULL, ${SLICE_AGG} FROM e
     UNION ALL
     SELECT k, v, ${SLICE_AGG} FROM s GROUP BY k, v HAVING count(*) >= $${w.params.length}`,
    w.params,
  );
  let window: SliceStats = {
    requests: 0,
    errorRate: Number.NaN,
    latencyP95: Number.NaN,
    accuracy: Number.NaN,
    labelled: 0,
  };
  const slices: (SliceStats & { key: string; value: string })[] = [];
  for (const r of rows) {
    if (r[0] === null) window = sliceOf(r, 2);
    else slices.push({ key: String(r[0]), value: String(r[1]), ...sliceOf(r, 2) });
  }
  slices.sort((a, b) => (a.key === b.key ? (a.value < b.value ? -1 : 1) : a.key < b.key ? -1 : 1));
  return { window, slices };
}

/** The first span `sampleEvents` tries at the end of the window before widening it eightfold. */
const SAMPLE_FIRST_SPAN_MS = 3_600_000;

/**
 * Sample events of the window. `recent` and `errors` are the newest first: they are read from the
 * last hour of the window, then from eight times more, … until `limit` rows are found or the
 * whole window was read — the same answer as one ORDER BY over the window (an older row cannot
 * outrank a newer one), but on a long window only the recent row groups are scanned (zone maps
 * on `ts`, which grows with the append order). `lowest_score` ranks the latest score of that
 * name among the window's requests.
 */
export async function sampleEvents(
  c: DuckDBConnection,
  filter: EventFilter,
  options: SampleOptions,
): Promise<EventSample[]> {
  const select = EVENT_SELECT.split(',')
    .map((col) => `e.${col.trim()}`)
    .join(', ');
  if (options.kind === 'lowest_score') {
    if (options.scoreName === undefined) {
      throw new StoreError('invalid_argument', "sampleEvents: scoreName is required when kind is 'lowest_score'");
    }
    const w = where(filter, 'e');
    const inWindow = `SELECT request_id FROM events WHERE ${where(filter).sql}`;
    w.params.push(options.scoreName, options.limit);
    const rows = await rowsOf(
      c,
      `SELECT ${select}, s.value FROM events e JOIN ${latestScores(inWindow, `$${w.params.length - 1}`)} s
       ON s.request_id = e.request_id
       WHERE ${w.sql} ORDER BY s.value ASC, e.ts DESC LIMIT $${w.params.length}`,
      w.params,
    );
    return rows.map((r) => ({ event: storedEventOf(r), score: n(r[r.length - 1]) }));
  }
  const errors = options.kind === 'errors' ? " AND e.status = 'error'" : '';
  for (let span = SAMPLE_FIRST_SPAN_MS; ; span *= 8) {
    const from = Math.max(filter.from, filter.to - span);
    const w = where({ ...filter, from }, 'e');
    w.params.push(options.limit);
    const rows = await rowsOf(
      c,
      `SELECT ${select} FROM events e WHERE ${w.sql}${errors} ORDER BY e.ts DESC, e.request_id LIMIT $${w.params.length}`,
      w.params,
    );
    if (rows.length >= options.limit || from <= filter.from) return rows.map((r) => ({ event: storedEventOf(r) }));
  }
}
