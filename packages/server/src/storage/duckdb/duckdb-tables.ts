import { BIGINT, DOUBLE, FLOAT, INTEGER, LIST, SMALLINT, VARCHAR } from '@duckdb/node-api';
import type { Feedback } from '../../domain/feedback.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Score } from '../../domain/score.js';
import type { ColumnSpec } from './append-rows.js';

/**
 * The tables written through the appender, as column specs: the DDL and the append path come
 * from the same list, so they cannot disagree. Times are BIGINT epoch milliseconds, given to the
 * appender as plain integers (`appendRows` truncates like `Math.trunc`).
 */

const opt = <T>(x: T | undefined): T | null => (x === undefined ? null : x);
const EMPTY: readonly string[] = [];

/** Sorted segment keys of an event (the order of `segment_keys`/`segment_values`). */
function segmentKeys(e: InferenceEvent): string[] {
  const keys = Object.keys(e.segment);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  }
  return keys;
}

/**
 * Columns of `events`. `segment_keys` and `segment_values` are parallel lists (sorted by key):
 * `unnest` of both in one SELECT yields (key, value) pairs to group by, and a filter reads
 * `segment_values[list_position(segment_keys, k)]`. `features` and `probabilities` are JSON text.
 */
export function eventColumns(projectId: string, receivedAt: number | bigint): ColumnSpec<InferenceEvent>[] {
  return [
    { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: () => projectId },
    { name: 'request_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (e) => e.requestId },
    { name: 'ts', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (e) => e.timestamp },
    { name: 'model', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (e) => e.model },
    { name: 'version', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (e) => e.version },
    { name: 'variant', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (e) => e.variant },
    { name: 'experiment', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.experiment) },
    { name: 'unit_id', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.unitId) },
    {
      name: 'segment_keys',
      ddl: 'VARCHAR[] NOT NULL',
      type: LIST(VARCHAR),
      value: (e) => {
        const keys = segmentKeys(e);
        return keys.length === 0 ? EMPTY : keys;
      },
    },
    {
      name: 'segment_values',
      ddl: 'VARCHAR[] NOT NULL',
      type: LIST(VARCHAR),
      value: (e) => {
        const keys = segmentKeys(e);
        return keys.length === 0 ? EMPTY : keys.map((k) => e.segment[k] as string);
      },
    },
    {
      name: 'features',
      ddl: 'VARCHAR',
      type: VARCHAR,
      value: (e) => (e.inputs.features === undefined ? null : JSON.stringify(e.inputs.features)),
    },
    { name: 'input_text', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.inputs.text) },
    { name: 'output_label', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.output.label) },
    { name: 'output_score', ddl: 'DOUBLE', type: DOUBLE, value: (e) => opt(e.output.score) },
    { name: 'output_value', ddl: 'DOUBLE', type: DOUBLE, value: (e) => opt(e.output.value) },
    { name: 'output_text', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.output.text) },
    {
      name: 'probabilities',
      ddl: 'VARCHAR',
      type: VARCHAR,
      value: (e) => (e.output.probabilities === undefined ? null : JSON.stringify(e.output.probabilities)),
    },
    { name: 'input_tokens', ddl: 'INTEGER', type: INTEGER, value: (e) => opt(e.tokens?.input) },
    { name: 'output_tokens', ddl: 'INTEGER', type: INTEGER, value: (e) => opt(e.tokens?.output) },
    { name: 'latency_ms', ddl: 'DOUBLE NOT NULL', type: DOUBLE, value: (e) => e.latencyMs },
    { name: 'cost_usd', ddl: 'DOUBLE', type: DOUBLE, value: (e) => opt(e.costUsd) },
    { name: 'status', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (e) => e.status },
    { name: 'error_type', ddl: 'VARCHAR', type: VARCHAR, value: (e) => opt(e.errorType) },
    {
      name: 'embedding',
      ddl: 'FLOAT[]',
      type: LIST(FLOAT),
      value: (e) => (e.embedding === undefined ? null : e.embedding),
    },
    { name: 'received_at', ddl: 'BIGINT NOT NULL', type: BIGINT, value: () => receivedAt },
  ];
}

/** A record with the insertion sequence number that decides "last write wins". */
export interface Sequenced<T> {
  readonly seq: bigint;
  readonly record: T;
}

export function outcomeColumns(projectId: string, receivedAt: number | bigint): ColumnSpec<Sequenced<Outcome>>[] {
  return [
    { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: () => projectId },
    { name: 'request_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.requestId },
    { name: 'ts', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.record.timestamp },
    { name: 'label', ddl: 'VARCHAR', type: VARCHAR, value: (s) => opt(s.record.label) },
    { name: 'value', ddl: 'DOUBLE', type: DOUBLE, value: (s) => opt(s.record.value) },
    { name: 'received_at', ddl: 'BIGINT NOT NULL', type: BIGINT, value: () => receivedAt },
    { name: 'seq', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.seq },
  ];
}

/** The idempotency key of a feedback record: `feedbackId`, default `${requestId}:${kind}`. */
export function feedbackKey(f: Feedback): string {
  return f.feedbackId ?? `${f.requestId}:${f.kind}`;
}

export function feedbackColumns(projectId: string, receivedAt: number | bigint): ColumnSpec<Sequenced<Feedback>>[] {
  return [
    { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: () => projectId },
    { name: 'feedback_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => feedbackKey(s.record) },
    { name: 'request_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.requestId },
    { name: 'ts', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.record.timestamp },
    { name: 'kind', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.kind },
    {
      name: 'thumb',
      ddl: 'VARCHAR',
      type: VARCHAR,
      value: (s) => (s.record.kind === 'thumbs' ? s.record.value : null),
    },
    {
      name: 'correction',
      ddl: 'VARCHAR',
      type: VARCHAR,
      value: (s) => (s.record.kind === 'correction' ? s.record.correction : null),
    },
    { name: 'comment', ddl: 'VARCHAR', type: VARCHAR, value: (s) => opt(s.record.comment) },
    { name: 'received_at', ddl: 'BIGINT NOT NULL', type: BIGINT, value: () => receivedAt },
    { name: 'seq', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.seq },
  ];
}

export function scoreColumns(projectId: string, receivedAt: number | bigint): ColumnSpec<Sequenced<Score>>[] {
  return [
    { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: () => projectId },
    { name: 'request_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.requestId },
    { name: 'name', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.name },
    { name: 'source', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (s) => s.record.source },
    { name: 'value', ddl: 'DOUBLE NOT NULL', type: DOUBLE, value: (s) => s.record.value },
    { name: 'scorer', ddl: 'VARCHAR', type: VARCHAR, value: (s) => opt(s.record.scorer) },
    { name: 'rationale', ddl: 'VARCHAR', type: VARCHAR, value: (s) => opt(s.record.rationale) },
    { name: 'ts', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.record.timestamp },
    { name: 'received_at', ddl: 'BIGINT NOT NULL', type: BIGINT, value: () => receivedAt },
    { name: 'seq', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (s) => s.seq },
  ];
}

/** One group of the traffic rollups: a project, a period start and the model coordinates. */
export interface RollupKey {
  readonly projectId: string;
  /** Period start, epoch ms (a minute in `events_minute`, an hour in `events_hourly`). */
  readonly period: number;
  readonly model: string;
  readonly version: string;
  readonly variant: string;
  /** '' when the events had no experiment. */
  readonly experiment: string;
}

export interface RollupStats extends RollupKey {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySum: number;
  /** Latency bin → count (see latency-bins.ts). */
  readonly bins: Map<number, number>;
}

const keyColumns = <R extends RollupKey>(): ColumnSpec<R>[] => [
  { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.projectId },
  { name: 'period', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.period },
  { name: 'model', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.model },
  { name: 'version', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.version },
  { name: 'variant', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.variant },
  { name: 'experiment', ddl: "VARCHAR NOT NULL DEFAULT ''", type: VARCHAR, value: (r) => r.experiment },
];

/** Columns of `events_minute` and `events_hourly`: traffic sums per group and period. */
export function rollupStatsColumns(): ColumnSpec<RollupStats>[] {
  return [
    ...keyColumns<RollupStats>(),
    { name: 'requests', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.requests },
    { name: 'errors', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.errors },
    { name: 'input_tokens', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.inputTokens },
    { name: 'output_tokens', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.outputTokens },
    { name: 'cost_usd', ddl: 'DOUBLE NOT NULL', type: DOUBLE, value: (r) => r.costUsd },
    { name: 'latency_sum', ddl: 'DOUBLE NOT NULL', type: DOUBLE, value: (r) => r.latencySum },
  ];
}

/** One latency bin count of a rollup group. */
export interface RollupBin extends RollupKey {
  readonly bin: number;
  readonly n: number;
}

/** Columns of `latency_minute` and `latency_hourly`: the latency sketch, one row per non-empty bin. */
export function rollupBinColumns(): ColumnSpec<RollupBin>[] {
  return [
    ...keyColumns<RollupBin>(),
    { name: 'bin', ddl: 'SMALLINT NOT NULL', type: SMALLINT, value: (r) => r.bin },
    { name: 'n', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.n },
  ];
}
