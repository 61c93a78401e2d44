import type { Outcome } from '../../domain/outcome.js';
import { isFiniteNumber, isObject, isOpaqueId, labelOf, timestampOf } from './fast-checks.js';

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
