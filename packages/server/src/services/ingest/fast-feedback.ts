import type { Feedback } from '../../domain/feedback.js';
import { LIMITS } from '../../domain/limits.js';
import { isObject, isOpaqueId, isStringMax, timestampOf } from './fast-checks.js';

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
