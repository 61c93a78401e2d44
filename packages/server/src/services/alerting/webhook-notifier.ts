import type { AlertNotification } from './alert-notification.js';
import type { Notifier } from './notifier.js';
import { postJson } from './post-json.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';

export interface WebhookNotifierOptions {
  readonly url: string;
  /** HMAC key; never logged nor sent. */
  readonly secret: string;
  readonly timeoutMs: number;
  /** Clock of the signature timestamp. */
  readonly now?: () => number;
}

/**
 * The generic webhook: the notification as JSON, signed (`X-Modelwatch-Signature:
 * sha256=<HMAC>` over `X-Modelwatch-Timestamp` + "." + body; see `webhookSignature`).
 */
export class WebhookNotifier implements Notifier {
  readonly type = 'webhook' as const;
  readonly #options: WebhookNotifierOptions;

  constructor(options: WebhookNotifierOptions) {
    this.#options = options;
  }

  async send(notification: AlertNotification): Promise<void> {
    const body = JSON.stringify(notification);
    const ts = Math.floor((this.#options.now ?? Date.now)() / 1000);
    await postJson(
      `webhook channel ${notification.channelId}`,
      this.#options.url,
      body,
      { [SIGNATURE_HEADER]: webhookSignature(this.#options.secret, ts, body), [TIMESTAMP_HEADER]: String(ts) },
      this.#options.timeoutMs,
    );
  }
}
