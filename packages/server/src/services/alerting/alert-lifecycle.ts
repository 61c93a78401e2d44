import type { AlertRecord, AlertState } from '../../domain/alerting.js';

/** One evaluation of an alert's condition. */
export interface AlertObservation {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Whether the condition holds now. */
  readonly active: boolean;
  readonly value: number | null;
}

/** A state change, for the audit log (`from` undefined: a new alert; `to` 'inactive': a pending alert dropped). */
export interface AlertTransition {
  readonly fingerprint: string;
  readonly from: AlertState | undefined;
  readonly to: AlertState | 'inactive';
  readonly at: number;
}

/** The next record (undefined: there is none, or it is dropped) and the transition, if any. */
export interface AlertStep {
  readonly record: AlertRecord | undefined;
  readonly transition: AlertTransition | undefined;
}

/**
 * Prometheus's alert lifecycle for one condition evaluated at `now`, with `forMs` its `for`:
 * - inactive or resolved → pending when the condition starts to hold (→ firing at once when forMs is 0);
 * - pending → firing once it has held for `forMs` (now − activeAt ≥ forMs);
 * - pending → dropped (no record, transition to 'inactive') when it stops holding before that;
 * - firing → resolved when it stops holding — or, with `keepFiringForMs` (Prometheus
 *   `keep_firing_for`), once it has not held for that long (`keepFiringSince` marks when it
 *   stopped; holding again clears it);
 * - otherwise the state stays and the value and evaluation time are updated.
 * Pure: the caller persists the record and logs the transition.
 */
export function alertStep(
  previous: AlertRecord | undefined,
  observation: AlertObservation,
  forMs: number,
  now: number,
  keepFiringForMs = 0,
): AlertStep {
  const base = {
    fingerprint: observation.fingerprint,
    ruleId: observation.ruleId,
    labels: { ...observation.labels },
    annotations: { ...observation.annotations },
    lastEvaluatedAt: now,
    value: observation.value,
  };
  const move = (record: AlertRecord | undefined, to: AlertTransition['to']): AlertStep => ({
    record,
    transition: { fingerprint: observation.fingerprint, from: previous?.state, to, at: now },
  });
  const state = previous?.state;
  if (!observation.active) {
    if (state === 'pending') return move(undefined, 'inactive');
    if (state === 'firing') {
      const current = previous as AlertRecord;
      const since = current.keepFiringSince ?? now;
      if (now - since < keepFiringForMs) {
        return { record: { ...current, ...base, keepFiringSince: since }, transition: undefined };
      }
      const { keepFiringSince: _k, ...rest } = current;
      return move({ ...rest, ...base, state: 'resolved', resolvedAt: now }, 'resolved');
    }
    // Resolved or absent: keep the evaluation time (stale resolution uses it), annotations stay.
    return {
      record: previous === undefined ? undefined : { ...previous, lastEvaluatedAt: now },
      transition: undefined,
    };
  }
  if (state === undefined || state === 'resolved') {
    const episodes = previous?.episodes ?? 0;
    if (forMs <= 0) {
      return move({ ...base, state: 'firing', activeAt: now, firedAt: now, episodes: episodes + 1 }, 'firing');
    }
    return move({ ...base, state: 'pending', activeAt: now, episodes }, 'pending');
  }
  const { keepFiringSince: _kept, ...current } = previous as AlertRecord;
  if (state === 'pending' && now - current.activeAt >= forMs) {
    const { resolvedAt: _r, ...rest } = current;
    return move({ ...rest, ...base, state: 'firing', firedAt: now, episodes: current.episodes + 1 }, 'firing');
  }
  return { record: { ...current, ...base }, transition: undefined };
}
