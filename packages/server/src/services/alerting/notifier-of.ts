import type { AlertChannel } from '../../domain/alerting.js';
import { AlertmanagerNotifier } from './alertmanager-notifier.js';
import type { Notifier } from './notifier.js';
import { SlackNotifier } from './slack-notifier.js';
import { WebhookNotifier } from './webhook-notifier.js';

/** The notifier of a channel, by its type. */
export function notifierOf(channel: AlertChannel): Notifier {
  switch (channel.type) {
    case 'webhook':
      return new WebhookNotifier({ url: channel.url, secret: channel.secret, timeoutMs: channel.timeoutMs });
    case 'slack':
      return new SlackNotifier({ url: channel.url, timeoutMs: channel.timeoutMs });
    case 'alertmanager':
      return new AlertmanagerNotifier({ url: channel.url, timeoutMs: channel.timeoutMs });
  }
}
