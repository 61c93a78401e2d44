/** One alert of a notification, in Alertmanager's webhook shape plus modelwatch's value. */
export interface NotificationAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  /** RFC 3339; for a resolved alert, when it resolved. */
  readonly endsAt?: string;
  readonly fingerprint: string;
  readonly generatorURL: string;
  /** The value behind the condition at the last evaluation (null when none). */
  readonly value: number | null;
}

/**
 * What a channel receives: one group of alerts (or the daily digest), shaped like Alertmanager's
 * webhook payload (`version`, `groupKey`, `status`, `groupLabels`, `commonLabels`,
 * `commonAnnotations`, `externalURL`, `alerts`) so existing receivers read it.
 */
export interface AlertNotification {
  readonly version: '1';
  readonly kind: 'group' | 'digest';
  readonly project: string;
  readonly channelId: string;
  readonly groupKey: string;
  /** `firing` when any alert fires, else `resolved`. */
  readonly status: 'firing' | 'resolved';
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly NotificationAlert[];
  /** When it was composed, epoch milliseconds. */
  readonly sentAt: number;
}

/** The labels (or annotations) every alert shares with the same value. */
export function commonEntries(records: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = records;
  if (first === undefined) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(first)) if (rest.every((r) => r[k] === v)) out[k] = v;
  return out;
}
