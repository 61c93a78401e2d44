import { LIMITS } from '../../domain/limits.js';
import type { Score } from '../../domain/score.js';
import { isFiniteNumber, isName, isObject, isOpaqueId, isStringMax, timestampOf } from './fast-checks.js';

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
