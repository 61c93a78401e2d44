import type { DuckDBValue } from '@duckdb/node-api';
import { type Feedback, FeedbackSchema } from '../../domain/feedback.js';
import { InferenceEventSchema } from '../../domain/inference-event.js';
import { type Outcome, OutcomeSchema } from '../../domain/outcome.js';
import type { Received, StoredEvent } from '../../domain/query.js';
import { type Score, ScoreSchema } from '../../domain/score.js';

/**
 * Row → domain conversion of stored records, in one place. Rows are parsed with the wire schemas
 * (not cast), so a stored record always reads back as a valid domain object.
 */

/** The `events` columns `storedEventOf` expects, in order. */
export const EVENT_SELECT = `project_id, request_id, ts, model, version, variant, experiment, unit_id,
  segment_keys, segment_values, features, input_text, output_label, output_score, output_value, output_text,
  probabilities, input_tokens, output_tokens, latency_ms, cost_usd, status, error_type, embedding, received_at`;

type Row = readonly DuckDBValue[];

type Cell = DuckDBValue | undefined;
const num = (v: Cell): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const str = (v: Cell): string | undefined => (v === null || v === undefined ? undefined : String(v));
const items = (v: Cell): readonly DuckDBValue[] =>
  v === null || v === undefined ? [] : (v as unknown as { items: readonly DuckDBValue[] }).items;
const json = (v: Cell): unknown => (v === null || v === undefined ? undefined : JSON.parse(String(v)));

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** A row of `SELECT ${EVENT_SELECT} FROM events` as a stored event. */
export function storedEventOf(r: Row): StoredEvent {
  const keys = items(r[8]).map(String);
  const values = items(r[9]).map(String);
  const segment: Record<string, string> = {};
  keys.forEach((k, i) => {
    segment[k] = values[i] as string;
  });
  const inputTokens = num(r[17]);
  const outputTokens = num(r[18]);
  const embedding = r[23] === null || r[23] === undefined ? undefined : items(r[23]).map(Number);
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
      embedding,
    }),
  );
  return { ...event, projectId: String(r[0]), receivedAt: Number(r[24]) };
}

export const OUTCOME_SELECT = 'request_id, ts, label, value, received_at';

export function outcomeOf(r: Row): Received<Outcome> {
  const o = OutcomeSchema.parse(
    defined({ requestId: String(r[0]), timestamp: Number(r[1]), label: str(r[2]), value: num(r[3]) }),
  );
  return { ...o, receivedAt: Number(r[4]) };
}

export const FEEDBACK_SELECT = 'feedback_id, request_id, ts, kind, thumb, correction, comment, received_at';

export function feedbackOf(r: Row): Received<Feedback> {
  const f = FeedbackSchema.parse(
    defined({
      feedbackId: String(r[0]),
      requestId: String(r[1]),
      timestamp: Number(r[2]),
      kind: String(r[3]),
      value: str(r[4]),
      correction: str(r[5]),
      comment: str(r[6]),
    }),
  );
  return { ...f, receivedAt: Number(r[7]) };
}

export const SCORE_SELECT = 'request_id, name, source, value, scorer, rationale, ts, received_at';

export function scoreOf(r: Row): Received<Score> {
  const s = ScoreSchema.parse(
    defined({
      requestId: String(r[0]),
      name: String(r[1]),
      source: String(r[2]),
      value: Number(r[3]),
      scorer: str(r[4]),
      rationale: str(r[5]),
      timestamp: Number(r[6]),
    }),
  );
  return { ...s, receivedAt: Number(r[7]) };
}
