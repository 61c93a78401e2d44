import type { AlertNotification } from './alert-notification.js';
import type { Notifier } from './notifier.js';
import { postJson } from './post-json.js';

/** Prometheus's rule: a firing alert is sent with endsAt this far ahead, and re-sent before then. */
export const ALERTMANAGER_RESEND_MS = 60_000;
export const ALERTMANAGER_ENDS_AFTER_MS = 4 * ALERTMANAGER_RESEND_MS;

/**
 * The body of Alertmanager's `POST /api/v2/alerts` (postableAlerts): labels, annotations,
 * startsAt, endsAt and generatorURL per alert. A firing alert gets endsAt = now + 4 min, as
 * Prometheus sends it, so Alertmanager resolves it by itself if modelwatch stops re-sending; a
 * resolved one gets its resolution time.
 */
export function alertmanagerAlerts(n: AlertNotification): unknown[] {
  const fallbackEnd = new Date(n.sentAt + ALERTMANAGER_ENDS_AFTER_MS).toISOString();
  return n.alerts.map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    endsAt: a.status === 'resolved' ? (a.endsAt ?? new Date(n.sentAt).toISOString()) : fallbackEnd,
    generatorURL: a.generatorURL,
  }));
}

/** Alertmanager API v2 (`url` is its base address, e.g. `http://alertmanager:9093`). */
export class AlertmanagerNotifier implements Notifier {
  readonly type = 'alertmanager' as const;
  readonly #endpoint: string;
  readonly #timeoutMs: number;

  constructor(options: { readonly url: string; readonly timeoutMs: number }) {
    this.#endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
    this.#timeoutMs = options.timeoutMs;
  }

  async send(notification: AlertNotification): Promise<void> {
    await postJson(
      `alertmanager channel ${notification.channelId}`,
      this.#endpoint,
      JSON.stringify(alertmanagerAlerts(notification)),
      {},
      this.#timeoutMs,
    );
  }
}
