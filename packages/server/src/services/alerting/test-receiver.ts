/**
 * Test helper (used by the alerting tests only): a real HTTP receiver on 127.0.0.1 that records
 * every request and answers with scripted statuses (then 200), for the notifier contract suite;
 * and a sample notification (one firing and one resolved alert).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AlertNotification } from './alert-notification.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface TestReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Statuses for the next requests, in order (then 200); `'hang'` never answers. */
  script(statuses: readonly (number | 'hang')[]): void;
  /** Answers every request with this status from now on (undefined: back to the script / 200). */
  always(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startTestReceiver(): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  let queue: (number | 'hang')[] = [];
  let fixed: number | undefined;
  const hanging: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = fixed ?? queue.shift() ?? 200;
      if (status === 'hang') {
        hanging.push(() => res.destroy());
        return;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    script(statuses) {
      queue = [...statuses];
    },
    always(status) {
      fixed = status;
    },
    async close() {
      for (const h of hanging.splice(0)) h();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A notification of one firing and one resolved HighInferenceLatency alert. */
export function sampleNotification(overrides: Partial<AlertNotification> = {}): AlertNotification {
  const labels = (name: string, fp: string) => ({
    alertname: name,
    project: 'p1',
    model: 'ranker',
    severity: 'page',
    rule_id: fp,
  });
  return {
    version: '1',
    kind: 'group',
    project: 'p1',
    channelId: 'c1',
    groupKey: '{alertname="HighInferenceLatency",model="ranker"}',
    status: 'firing',
    groupLabels: { alertname: 'HighInferenceLatency', model: 'ranker' },
    commonLabels: { alertname: 'HighInferenceLatency', model: 'ranker', project: 'p1' },
    commonAnnotations: {},
    externalURL: 'http://modelwatch.test',
    alerts: [
      {
        status: 'firing',
        labels: labels('HighInferenceLatency', 'a'),
        annotations: {
          summary: 'p95 latency 6200 ms exceeds 5 seconds',
          runbook_url: 'docs/runbooks.md#highinferencelatency',
        },
        startsAt: new Date(T0).toISOString(),
        fingerprint: '00000000000000aa',
        generatorURL: 'http://modelwatch.test/#/alerts/aa',
        value: 6200,
      },
      {
        status: 'resolved',
        labels: labels('HighInferenceLatency', 'b'),
        annotations: { summary: 'p95 latency back to normal' },
        startsAt: new Date(T0 - 600_000).toISOString(),
        endsAt: new Date(T0 - 60_000).toISOString(),
        fingerprint: '00000000000000bb',
        generatorURL: 'http://modelwatch.test/#/alerts/bb',
        value: 900,
      },
    ],
    sentAt: Date.now(),
    ...overrides,
  };
}
