/** Alertmanager's group timings of one channel, in milliseconds. */
export interface GroupTimings {
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
}

/** What a channel's group has been told (persisted, document kind `alert_group`). */
export interface AlertGroupState {
  readonly channelId: string;
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  /** When the group's first alert arrived. */
  readonly createdAt: number;
  readonly lastFlushAt?: number;
  readonly lastSentAt?: number;
  /** Fingerprints the receiver last heard of as firing. */
  readonly notified: readonly string[];
}

/** An alert of the group as it is now. */
export interface GroupMember {
  readonly fingerprint: string;
  readonly state: 'firing' | 'resolved';
}

/** What to send: the group's firing alerts, and the resolved ones the receiver knew as firing. */
export interface GroupSend {
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
  readonly reason: 'new' | 'changed' | 'repeat';
}

export interface GroupDecision {
  /** The group's next state; undefined: the group is gone (nothing firing, nothing to tell). */
  readonly state: AlertGroupState | undefined;
  readonly send: GroupSend | undefined;
}

/**
 * One flush decision for a group, with Alertmanager's dispatcher semantics:
 * - a group is created by its first firing alert and flushes `groupWaitMs` later (so alerts
 *   arriving together go out together);
 * - after that it flushes every `groupIntervalMs`, and sends only when something changed (a new
 *   firing alert, or a notified one resolved);
 * - an unchanged group with firing alerts is re-sent once `repeatIntervalMs` has passed since the
 *   last send;
 * - a group with nothing firing and nothing left to tell disappears.
 * Pure: `groupAfterSend` applies a successful send; a failed send leaves `notified` as it was, so
 * the next flush (one group interval later) tries again.
 */
export function groupDecision(
  previous: AlertGroupState | undefined,
  identity: {
    readonly channelId: string;
    readonly groupKey: string;
    readonly groupLabels: Readonly<Record<string, string>>;
  },
  members: readonly GroupMember[],
  timings: GroupTimings,
  now: number,
): GroupDecision {
  const notified = new Set(previous?.notified ?? []);
  const firing = members
    .filter((m) => m.state === 'firing')
    .map((m) => m.fingerprint)
    .sort();
  const resolved = members
    .filter((m) => m.state === 'resolved' && notified.has(m.fingerprint))
    .map((m) => m.fingerprint)
    .sort();
  // A notified alert missing from `members` is muted (silenced, inhibited, in maintenance): the
  // receiver is not told it resolved — it did not — and it is not re-sent while muted.
  if (previous === undefined && firing.length === 0) return { state: undefined, send: undefined };
  const state: AlertGroupState = previous ?? { ...identity, createdAt: now, notified: [] };
  const due =
    state.lastFlushAt === undefined
      ? now >= state.createdAt + timings.groupWaitMs
      : now >= state.lastFlushAt + timings.groupIntervalMs;
  if (!due) return { state, send: undefined };
  const flushed: AlertGroupState = { ...state, lastFlushAt: now };
  const changed = resolved.length > 0 || firing.some((fp) => !notified.has(fp));
  const repeat =
    firing.length > 0 && state.lastSentAt !== undefined && now - state.lastSentAt >= timings.repeatIntervalMs;
  if (changed || repeat) {
    const reason = state.lastSentAt === undefined ? 'new' : changed ? 'changed' : 'repeat';
    return { state: flushed, send: { firing, resolved, reason } };
  }
  if (firing.length === 0) return { state: undefined, send: undefined };
  return { state: flushed, send: undefined };
}

/** The group after `send` was delivered at `now`; undefined when nothing is left firing. */
export function groupAfterSend(state: AlertGroupState, send: GroupSend, now: number): AlertGroupState | undefined {
  if (send.firing.length === 0) return undefined;
  return { ...state, lastSentAt: now, notified: [...send.firing] };
}

/**
 * The group key of an alert: the values of `groupBy` labels (`...` alone: every label, one group
 * per alert), as Alertmanager builds its group labels.
 */
export function groupLabelsOf(
  labels: Readonly<Record<string, string>>,
  groupBy: readonly string[],
): Record<string, string> {
  if (groupBy.length === 1 && groupBy[0] === '...') return { ...labels };
  const out: Record<string, string> = {};
  for (const name of groupBy) {
    const v = labels[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** A stable text key of group labels: `{a="x",b="y"}`, names sorted. */
export function groupKeyOf(groupLabels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`);
  return `{${parts.join(',')}}`;
}
