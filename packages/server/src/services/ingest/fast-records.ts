import type { Feedback } from '../../domain/feedback.js';
import { LIMITS } from '../../domain/limits.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Score } from '../../domain/score.js';
import { isFiniteNumber, isName, isObject, isOpaqueId, isStringMax, labelOf, timestampOf } from './fast-checks.js';

/**
 * `OutcomeSchema.parse(v)` without zod for a `JSON.parse` value: the same outcome, or undefined
 * when the fast path does not accept it (zod then decides and explains).
 */
export function fastOutcome(v: unknown): Outcome | undefined {
  if (!isObject(v)) return undefined;
  for (const key in v)
    if (key !== 'requestId' && key !== 'timestamp' && key !== 'label' && key !== 'value') return undefined;
  const { requestId, value } = v;
  if (!isOpaqueId(requestId)) return undefined;
  const timestamp = timestampOf(v.timestamp);
  if (timestamp === undefined) return undefined;
  let label: string | undefined;
  if (v.label !== undefined) {
    label = labelOf(v.label);
    if (label === undefined) return undefined;
  }
  if (value !== undefined && !isFiniteNumber(value)) return undefined;
  if ((label === undefined) === (value === undefined)) return undefined;
  return label !== undefined ? { requestId, timestamp, label } : { requestId, timestamp, value: value as number };
}

const FEEDBACK_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  thumbs: new Set(['kind', 'feedbackId', 'requestId', 'timestamp', 'value', 'comment']),
  correction: new Set(['kind', 'feedbackId', 'requestId', 'timestamp', 'correction', 'comment']),
  escalation: new Set(['kind', 'feedbackId', 'requestId', 'timestamp', 'comment']),
};

/** `FeedbackSchema.parse(v)` without zod for a `JSON.parse` value, or undefined (zod decides). */
export function fastFeedback(v: unknown): Feedback | undefined {
  if (!isObject(v)) return undefined;
  const kind = v.kind;
  if (kind !== 'thumbs' && kind !== 'correction' && kind !== 'escalation') return undefined;
  const allowed = FEEDBACK_KEYS[kind] as ReadonlySet<string>;
  for (const key in v) if (!allowed.has(key)) return undefined;
  const { feedbackId, requestId, comment } = v;
  if (feedbackId !== undefined && !isOpaqueId(feedbackId)) return undefined;
  if (!isOpaqueId(requestId)) return undefined;
  const timestamp = timestampOf(v.timestamp);
  if (timestamp === undefined) return undefined;
  if (comment !== undefined && !isStringMax(comment, LIMITS.textLength)) return undefined;
  // Key order of zod's output: the option's shape order.
  const out: Record<string, unknown> = { kind };
  if (feedbackId !== undefined) out.feedbackId = feedbackId;
  out.requestId = requestId;
  out.timestamp = timestamp;
  if (kind === 'thumbs') {
    if (v.value !== 'up' && v.value !== 'down') return undefined;
    out.value = v.value;
  } else if (kind === 'correction') {
    const c = v.correction;
    if (typeof c !== 'string' || c.length < 1 || c.length > LIMITS.textLength) return undefined;
    out.correction = c;
  }
  if (comment !== undefined) out.comment = comment;
  return out as Feedback;
}

const SCORE_KEYS: ReadonlySet<string> = new Set([
  'requestId',
  'timestamp',
  'name',
  'value',
  'source',
  'scorer',
  'rationale',
]);

/** `ScoreSchema.parse(v)` without zod for a `JSON.parse` value, or undefined (zod decides). */
export function fastScore(v: unknown): Score | undefined {
  if (!isObject(v)) return undefined;
  for (const key in v) if (!SCORE_KEYS.has(key)) return undefined;
  const { requestId, name, value, source, scorer, rationale } = v;
  if (!isOpaqueId(requestId) || !isName(name) || !isFiniteNumber(value)) return undefined;
  const timestamp = timestampOf(v.timestamp);
  if (timestamp === undefined) return undefined;
  if (source !== 'judge' && source !== 'human') return undefined;
  if (scorer !== undefined && (typeof scorer !== 'string' || scorer.length < 1 || scorer.length > LIMITS.idLength))
    return undefined;
  if (rationale !== undefined && !isStringMax(rationale, LIMITS.textLength)) return undefined;
  const out: Record<string, unknown> = { requestId, timestamp, name, value, source };
  if (scorer !== undefined) out.scorer = scorer;
  if (rationale !== undefined) out.rationale = rationale;
  return out as Score;
}
