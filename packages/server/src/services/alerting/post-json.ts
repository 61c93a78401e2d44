import { AlertingError } from './alerting-error.js';

/**
 * POSTs `body` (JSON text) to `url` with a timeout. Resolves on 2xx; throws a `notifier`
 * AlertingError naming the channel, the status and the start of the answer otherwise —
 * retryable for network errors, timeouts, 408, 429 and 5xx. Header values (secrets, signatures)
 * never appear in the message.
 */
export async function postJson(
  what: string,
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new AlertingError('notifier', `${what}: POST ${redactUrl(url)} failed: ${cause}`, undefined, true);
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text().catch(() => '')).slice(0, 200);
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  throw new AlertingError(
    'notifier',
    `${what}: POST ${redactUrl(url)} answered ${response.status}${text ? `: ${text}` : ''}`,
    undefined,
    retryable,
  );
}

/**
 * The URL without credentials, query or any path beyond its first segment (a Slack webhook's path
 * is its credential): `https://hooks.slack.com/services/…`.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const segments = u.pathname.split('/').filter((s) => s !== '');
    const path = segments.length === 0 ? '/' : `/${segments[0]}${segments.length > 1 ? '/…' : ''}`;
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return '<invalid url>';
  }
}
