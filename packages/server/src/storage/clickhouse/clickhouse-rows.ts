import { type Feedback, FeedbackSchema } from '../../domain/feedback.js';
import { type InferenceEvent, InferenceEventSchema } from '../../domain/inference-event.js';
import { type Outcome, OutcomeSchema } from '../../domain/outcome.js';
import type { Received, StoredEvent } from '../../domain/query.js';
import { type Score, ScoreSchema } from '../../domain/score.js';
import { rollupOf } from '../duckdb/rollup.js';
import { STATS_BIN } from './clickhouse-schema.js';

/**
 * Domain ↔ ClickHouse rows, in one place: objects for `JSONEachRow` inserts, and `JSONCompact`
 * result rows (64-bit integers arrive as strings, NULL/NaN as null) parsed back with the wire
 * schemas, so a stored record always reads back as a valid domain object.
 */

type Cell = unknown;
const num = (v: Cell): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const str = (v: Cell): string | undefined => (v === null || v === undefined ? undefined : String(v));
const json = (v: Cell): unknown => (v === null || v === undefined ? undefined : JSON.parse(String(v)));
const flagged = (v: Cell, flag: Cell): string | undefined => (Number(flag) === 1 ? String(v) : undefined);

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** The `events` row of an event (`insertToken` identifies the insert, for retries). */
export function eventRow(projectId: string, e: InferenceEvent, receivedAt: number, insertToken: string): object {
  const keys = Object.keys(e.segment).sort();
  return {
    project_id: projectId,
    request_id: e.requestId,
    ts: Math.trunc(e.timestamp),
    model: e.model,
    version: e.version,
    variant: e.variant,
    experiment: e.experiment ?? null,
    unit_id: e.unitId ?? null,
    segment_keys: keys,
    segment_values: keys.map((k) => e.segment[k] as string),
    features: e.inputs.features === undefined ? null : JSON.stringify(e.inputs.features),
    input_text: e.inputs.text ?? null,
    output_label: e.output.label ?? null,
    output_score: e.output.score ?? null,
    output_value: e.output.value ?? null,
    output_text: e.output.text ?? null,
    probabilities: e.output.probabilities === undefined ? null : JSON.stringify(e.output.probabilities),
    input_tokens: e.tokens?.input ?? null,
    output_tokens: e.tokens?.output ?? null,
    latency_ms: e.latencyMs,
    cost_usd: e.costUsd ?? null,
    status: e.status,
    error_type: e.errorType ?? null,
    embedding: e.embedding ?? [],
    has_embedding: e.embedding === undefined ? 0 : 1,
    received_at: Math.trunc(receivedAt),
    insert_token: insertToken,
  };
}

/** The `events` columns `storedEventOf` expects, in order. */
export const EVENT_SELECT = `project_id, request_id, ts, model, version, variant, experiment, unit_id,
  segment_keys, segment_values, features, input_text, output_label, output_score, output_value, output_text,
  probabilities, input_tokens, output_tokens, latency_ms, cost_usd, status, error_type, embedding, has_embedding,
  received_at`;

/** A row of `SELECT ${EVENT_SELECT}` as a stored event. */
export function storedEventOf(r: readonly Cell[]): StoredEvent {
  const keys = (r[8] as string[]).map(String);
  const values = (r[9] as string[]).map(String);
  const segment: Record<string, string> = {};
  keys.forEach((k, i) => {
    segment[k] = values[i] as string;
  });
  const inputTokens = num(r[17]);
  const outputTokens = num(r[18]);
  const event = InferenceEventSchema.parse(
    defined({
      requestId: String(r[1]),
      timestamp: Number(r[2]),
      model: String(r[3]),
      version: String(r[4]),
      variant: String(r[5]),
      experiment: str(r[6]),
      unitId: str(r[7]),
      segment,
      inputs: defined({ features: json(r[10]), text: str(r[11]) }),
      output: defined({
        label: str(r[12]),
        score: num(r[13]),
        value: num(r[14]),
        text: str(r[15]),
        probabilities: json(r[16]),
      }),
      tokens:
        inputTokens === undefined && outputTokens === undefined
          ? undefined
          : defined({ input: inputTokens, output: outputTokens }),
      latencyMs: Number(r[19]),
      costUsd: num(r[20]),
      status: String(r[21]),
      errorType: str(r[22]),
      embedding: Number(r[24]) === 1 ? (r[23] as number[]).map(Number) : undefined,
    }),
  );
  return { ...event, projectId: String(r[0]), receivedAt: Number(r[25]) };
}

export function outcomeRow(projectId: string, o: Outcome, receivedAt: number, version: number): object {
  return {
    project_id: projectId,
    request_id: o.requestId,
    ts: Math.trunc(o.timestamp),
    label: o.label ?? '',
    has_label: o.label === undefined ? 0 : 1,
    value: o.value ?? 0,
    has_value: o.value === undefined ? 0 : 1,
    received_at: Math.trunc(receivedAt),
    version,
  };
}

/** The latest outcome columns per request id (GROUP BY request_id), in `outcomeOf` order. */
export const OUTCOME_LATEST = `argMax(ts, version), argMax(label, version), argMax(has_label, version),
  argMax(value, version), argMax(has_value, version), argMax(received_at, version)`;

export function outcomeOf(requestId: string, r: readonly Cell[]): Received<Outcome> {
  const o = OutcomeSchema.parse(
    defined({
      requestId,
      timestamp: Number(r[0]),
      label: flagged(r[1], r[2]),
      value: Number(r[4]) === 1 ? Number(r[3]) : undefined,
    }),
  );
  return { ...o, receivedAt: Number(r[5]) };
}

/** The idempotency key of a feedback record: `feedbackId`, default `${requestId}:${kind}`. */
export function feedbackKey(f: Feedback): string {
  return f.feedbackId ?? `${f.requestId}:${f.kind}`;
}

export function feedbackRow(projectId: string, f: Feedback, receivedAt: number, version: number): object {
  return {
    project_id: projectId,
    feedback_id: feedbackKey(f),
    request_id: f.requestId,
    ts: Math.trunc(f.timestamp),
    kind: f.kind,
    thumb: f.kind === 'thumbs' ? f.value : '',
    correction: f.kind === 'correction' ? f.correction : '',
    has_correction: f.kind === 'correction' ? 1 : 0,
    comment: f.comment ?? '',
    has_comment: f.comment === undefined ? 0 : 1,
    received_at: Math.trunc(receivedAt),
    version,
  };
}

/** The latest feedback columns per feedback id (GROUP BY feedback_id), in `feedbackOf` order (after the id). */
export const FEEDBACK_LATEST = `argMax(request_id, version), argMax(ts, version), argMax(kind, version),
  argMax(thumb, version), argMax(correction, version), argMax(has_correction, version), argMax(comment, version),
  argMax(has_comment, version), argMax(received_at, version), max(version)`;

export function feedbackOf(feedbackId: string, r: readonly Cell[]): Received<Feedback> {
  const kind = String(r[2]);
  const f = FeedbackSchema.parse(
    defined({
      feedbackId,
      requestId: String(r[0]),
      timestamp: Number(r[1]),
      kind,
      value: kind === 'thumbs' ? String(r[3]) : undefined,
      correction: flagged(r[4], r[5]),
      comment: flagged(r[6], r[7]),
    }),
  );
  return { ...f, receivedAt: Number(r[8]) };
}

export function scoreRow(projectId: string, s: Score, receivedAt: number, version: number): object {
  return {
    project_id: projectId,
    request_id: s.requestId,
    name: s.name,
    source: s.source,
    value: s.value,
    scorer: s.scorer ?? '',
    has_scorer: s.scorer === undefined ? 0 : 1,
    rationale: s.rationale ?? '',
    has_rationale: s.rationale === undefined ? 0 : 1,
    ts: Math.trunc(s.timestamp),
    received_at: Math.trunc(receivedAt),
    version,
  };
}

/** The latest score columns per (request_id, name, source), in `scoreOf` order (after the key). */
export const SCORE_LATEST = `argMax(value, version), argMax(scorer, version), argMax(has_scorer, version),
  argMax(rationale, version), argMax(has_rationale, version), argMax(ts, version), argMax(received_at, version)`;

export function scoreOf(requestId: string, name: string, source: string, r: readonly Cell[]): Received<Score> {
  const s = ScoreSchema.parse(
    defined({
      requestId,
      name,
      source,
      value: Number(r[0]),
      scorer: flagged(r[1], r[2]),
      rationale: flagged(r[3], r[4]),
      timestamp: Number(r[5]),
    }),
  );
  return { ...s, receivedAt: Number(r[6]) };
}

/** Rounds a cost to the 15 decimals of the Decimal128(15) rollup column (JSON number text). */
const decimal15 = (x: number): number => Math.round(x * 1e15) / 1e15;

/**
 * The `rollup_minute` rows of one project's events: per (minute, model, version, variant,
 * experiment) one row of traffic sums (`bin` = STATS_BIN) and one row per non-empty latency bin.
 */
export function rollupRows(projectId: string, events: readonly InferenceEvent[], insertToken: string): object[] {
  const { stats, bins } = rollupOf(projectId, events, 60_000);
  const key = (r: { period: number; model: string; version: string; variant: string; experiment: string }) => ({
    project_id: projectId,
    period: r.period,
    model: r.model,
    version: r.version,
    variant: r.variant,
    experiment: r.experiment,
  });
  const zero = { requests: 0, errors: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0, latency_sum: 0 };
  return [
    ...stats.map((s) => ({
      ...key(s),
      bin: STATS_BIN,
      requests: s.requests,
      errors: s.errors,
      input_tokens: s.inputTokens,
      output_tokens: s.outputTokens,
      cost_usd: decimal15(s.costUsd),
      latency_sum: s.latencySum,
      n: 0,
      insert_token: insertToken,
    })),
    ...bins.map((b) => ({ ...key(b), bin: b.bin, ...zero, n: b.n, insert_token: insertToken })),
  ];
}
