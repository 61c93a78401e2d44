import type { ChannelType } from '../../domain/alerting.js';
import type { AlertNotification } from './alert-notification.js';

/**
 * Delivers notifications to one channel. `send` resolves once the receiver accepted the
 * notification (2xx) and throws an AlertingError code `notifier` otherwise, with `retryable` true
 * for failures another attempt may fix (network errors, timeouts, 429, 5xx).
 */
export interface Notifier {
  readonly type: ChannelType;
  send(notification: AlertNotification): Promise<void>;
}
