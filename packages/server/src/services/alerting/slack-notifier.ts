import type { AlertNotification } from './alert-notification.js';
import type { Notifier } from './notifier.js';
import { postJson } from './post-json.js';

/** Alerts listed one by one in a Slack message (Slack allows 50 blocks); the rest are counted. */
const MAX_LISTED = 20;

/** The Slack body of a notification: `text` (the fallback and push text) and Block Kit `blocks`. */
export function slackMessage(n: AlertNotification): { text: string; blocks: unknown[] } {
  const firing = n.alerts.filter((a) => a.status === 'firing').length;
  const name = n.commonLabels.alertname ?? n.groupLabels.alertname ?? 'alerts';
  const scope = Object.entries(n.groupLabels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const head =
    n.kind === 'digest'
      ? `modelwatch daily digest (${n.project}): ${n.alerts.length} low-priority alert(s)`
      : `[${n.status.toUpperCase()}${firing > 0 ? `:${firing}` : ''}] ${name}${scope ? ` (${scope})` : ''} — ${n.project}`;
  const lines = n.alerts.slice(0, MAX_LISTED).map((a) => {
    const summary = a.annotations.summary ?? a.labels.alertname ?? a.fingerprint;
    const runbook = a.annotations.runbook_url ? ` <${a.annotations.runbook_url}|runbook>` : '';
    const value = a.value === null ? '' : ` (value ${formatValue(a.value)})`;
    return `${a.status === 'firing' ? ':red_circle:' : ':large_green_circle:'} *${a.labels.alertname ?? ''}* ${summary}${value}${runbook}`;
  });
  if (n.alerts.length > MAX_LISTED) lines.push(`…and ${n.alerts.length - MAX_LISTED} more`);
  return {
    text: head,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: head.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) || '(no alerts)' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${n.externalURL}|modelwatch> · ${n.groupKey}` }] },
    ],
  };
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

/** A Slack-compatible incoming webhook (`{ text, blocks }`; Mattermost and Rocket.Chat read it too). */
export class SlackNotifier implements Notifier {
  readonly type = 'slack' as const;
  readonly #url: string;
  readonly #timeoutMs: number;

  constructor(options: { readonly url: string; readonly timeoutMs: number }) {
    this.#url = options.url;
    this.#timeoutMs = options.timeoutMs;
  }

  async send(notification: AlertNotification): Promise<void> {
    await postJson(
      `slack channel ${notification.channelId}`,
      this.#url,
      JSON.stringify(slackMessage(notification)),
      {},
      this.#timeoutMs,
    );
  }
}
