import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header with `sha256=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-modelwatch-signature';
/** Header with the signing time in Unix seconds (part of the signed text, against replay). */
export const TIMESTAMP_HEADER = 'x-modelwatch-timestamp';

/**
 * The signature of a webhook body: `sha256=` + hex HMAC-SHA256 keyed by the channel secret over
 * `<timestamp>.<body>` (the Unix-seconds timestamp sent in `X-Modelwatch-Timestamp`, then a dot,
 * then the exact body bytes), as Stripe signs its webhooks: a receiver that checks the timestamp
 * is recent cannot be replayed an old body, and the timestamp cannot be changed without the key.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs: true when `signature` is the HMAC of (`timestamp`, `body`) under `secret`
 * (constant-time comparison) and the timestamp is within `toleranceSeconds` (default 300) of `nowMs`.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number,
  toleranceSeconds = 300,
): boolean {
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
