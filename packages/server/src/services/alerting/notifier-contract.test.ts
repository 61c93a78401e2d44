/**
 * The notifier contract, run against every notifier over real local HTTP receivers: one POST of
 * JSON per notification carrying every alert; 5xx, 429, timeouts and refused connections are
 * retryable failures; other 4xx are final; no secret appears in an error message.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertNotification } from './alert-notification.js';
import { AlertingError } from './alerting-error.js';
import { AlertmanagerNotifier } from './alertmanager-notifier.js';
import type { Notifier } from './notifier.js';
import { SlackNotifier } from './slack-notifier.js';
import { sampleNotification, startTestReceiver, type TestReceiver } from './test-receiver.js';
import { WebhookNotifier } from './webhook-notifier.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'contract-secret-0123456789';

interface NotifierCase {
  readonly name: string;
  readonly make: (url: string, timeoutMs?: number) => Notifier;
  /** The path the notifier posts to, relative to the configured URL. */
  readonly path: string;
  /** Every alert of the notification is in the body (as the notifier encodes it). */
  readonly carriesAlerts: (body: unknown, n: AlertNotification) => void;
}

const CASES: readonly NotifierCase[] = [
  {
    name: 'webhook',
    make: (url, timeoutMs = 5000) => new WebhookNotifier({ url: `${url}/hook`, secret: SECRET, timeoutMs }),
    path: '/hook',
    carriesAlerts: (body, n) => expect(body).toEqual(JSON.parse(JSON.stringify(n))),
  },
  {
    name: 'slack',
    make: (url, timeoutMs = 5000) => new SlackNotifier({ url: `${url}/services/T000/B000/XXXX`, timeoutMs }),
    path: '/services/T000/B000/XXXX',
    carriesAlerts: (body) => {
      const b = body as { text: string; blocks: { type: string; text?: { text: string } }[] };
      expect(b.text).toBe('[FIRING:1] HighInferenceLatency (model=ranker) — p1');
      const section = b.blocks.find((x) => x.type === 'section')?.text?.text ?? '';
      expect(section).toContain('p95 latency 6200 ms exceeds 5 seconds');
      expect(section).toContain('p95 latency back to normal');
    },
  },
  {
    name: 'alertmanager',
    make: (url, timeoutMs = 5000) => new AlertmanagerNotifier({ url, timeoutMs }),
    path: '/api/v2/alerts',
    carriesAlerts: (body, n) => {
      const alerts = body as { labels: Record<string, string>; endsAt: string; startsAt: string }[];
      expect(alerts.map((a) => a.labels.rule_id)).toEqual(['a', 'b']);
      // Firing: endsAt 4 minutes after the send; resolved: its resolution time.
      expect(Date.parse(alerts[0]?.endsAt ?? '')).toBe(n.sentAt + 240_000);
      expect(alerts[1]?.endsAt).toBe(n.alerts[1]?.endsAt);
    },
  },
];

async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

async function failure(p: Promise<void>): Promise<AlertingError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AlertingError);
  return err as AlertingError;
}

for (const c of CASES) {
  describe(`notifier contract: ${c.name}`, () => {
    let receiver: TestReceiver;
    beforeAll(async () => {
      receiver = await startTestReceiver();
    });
    afterAll(async () => receiver.close());

    it('POSTs one JSON body per notification, carrying every alert, and resolves on 2xx', async () => {
      receiver.requests.length = 0;
      const n = sampleNotification();
      await c.make(receiver.url).send(n);
      expect(receiver.requests).toHaveLength(1);
      const req = receiver.requests[0];
      expect(req?.method).toBe('POST');
      expect(req?.url).toBe(c.path);
      expect(req?.headers['content-type']).toBe('application/json');
      c.carriesAlerts(JSON.parse(req?.body ?? 'null'), n);
    });

    it('a 5xx or 429 answer is a retryable notifier error naming the status', async () => {
      for (const status of [500, 503, 429]) {
        receiver.script([status]);
        const err = await failure(c.make(receiver.url).send(sampleNotification()));
        expect(err.code).toBe('notifier');
        expect(err.retryable).toBe(true);
        expect(err.message).toContain(`answered ${status}`);
      }
    });

    it('a 4xx answer (other than 408/429) is final', async () => {
      receiver.script([400]);
      const err = await failure(c.make(receiver.url).send(sampleNotification()));
      expect(err.retryable).toBe(false);
      expect(err.message).toContain('answered 400');
    });

    it('a refused connection and a timeout are retryable', async () => {
      const refused = await failure(c.make(await refusedUrl()).send(sampleNotification()));
      expect(refused.retryable).toBe(true);
      receiver.script(['hang']);
      const timeout = await failure(c.make(receiver.url, 200).send(sampleNotification()));
      expect(timeout.retryable).toBe(true);
    });

    it('never puts the secret or a Slack webhook path in an error message', async () => {
      receiver.script([500]);
      const err = await failure(c.make(receiver.url).send(sampleNotification()));
      expect(err.message).not.toContain(SECRET);
      expect(err.message).not.toContain('XXXX');
    });
  });
}

describe('webhook signature', () => {
  it('the receiver verifies the HMAC over timestamp and body; a changed body, timestamp or key fails', async () => {
    const receiver = await startTestReceiver();
    try {
      await CASES[0]?.make(receiver.url).send(sampleNotification());
      const req = receiver.requests[0];
      const sig = req?.headers['x-modelwatch-signature'] as string;
      const ts = req?.headers['x-modelwatch-timestamp'] as string;
      const body = req?.body ?? '';
      expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(SECRET, body, sig, ts, Date.now())).toBe(true);
      expect(verifyWebhookSignature(SECRET, body.replace('6200', '6201'), sig, ts, Date.now())).toBe(false);
      expect(verifyWebhookSignature(SECRET, body, sig, String(Number(ts) + 1), Date.now())).toBe(false);
      expect(verifyWebhookSignature('another-secret-0123456789', body, sig, ts, Date.now())).toBe(false);
      // Replay: the same signed request ten minutes later is refused (tolerance 5 min).
      expect(verifyWebhookSignature(SECRET, body, sig, ts, Date.now() + 600_000)).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});
