/**
 * Test helper (used by the alerting tests only): a real HTTP receiver on 127.0.0.1 that records
 * every request and answers with scripted statuses (then 200), for the notifier contract suite.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

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
