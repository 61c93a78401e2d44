import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { TelemetryMetrics } from '../../services/telemetry/index.js';
import { requireScope } from '../auth.js';

/** Options of `registerMetricsRoute`. */
export interface MetricsRouteOptions {
  readonly metrics: TelemetryMetrics;
  /**
   * Who may scrape, checked after the auth hook (`installAuth`) has set `request.principal`
   * (default `requireScope('read')`). A scrape sees its key's project only.
   */
  readonly authorize?: preHandlerHookHandler;
  /**
   * Also serve `/metrics` without a key, every project included, to loopback peers (127.0.0.1,
   * ::1): for a Prometheus on the same host. Other peers still need a key. Default false. The
   * peer is the socket's address, never `X-Forwarded-For` — but a reverse proxy on the same host
   * makes every client loopback: do not combine the two.
   */
  readonly loopbackWithoutKey?: boolean;
  /** Default `/metrics`. */
  readonly path?: string;
}

/**
 * `GET /metrics`: the Prometheus text exposition of `metrics`.
 *
 * The route is behind the API-key hook (`installAuth`) like every endpoint but health: Prometheus
 * sends the key with `authorization: { credentials: <key> }` (type Bearer) in its scrape config,
 * the key needs the `read` scope (or what `authorize` demands), and the answer holds that key's
 * project's model series plus the server's own health and process metrics. With
 * `loopbackWithoutKey`, a keyless request from a loopback peer gets every project.
 */
export function registerMetricsRoute(app: FastifyInstance, options: MetricsRouteOptions): void {
  const { metrics } = options;
  const authorize = options.authorize ?? requireScope('read');
  const loopback = options.loopbackWithoutKey === true;
  // A keyless loopback scrape skips `authorize`; everything else goes through it (callback or
  // async style alike).
  const preHandler = !loopback
    ? authorize
    : async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
        if (request.principal === null && isLoopback(request.socket.remoteAddress)) return;
        await new Promise<void>((resolve, reject) => {
          const result: unknown = authorize.call(this, request, reply, (error) => (error ? reject(error) : resolve()));
          if (result instanceof Promise) result.then(() => resolve(), reject);
        });
        if (reply.sent) return reply;
      };
  app.get(
    options.path ?? '/metrics',
    { preHandler, ...(loopback ? { config: { public: 'loopback' as const } } : {}) },
    async (request, reply) => {
      const principal = request.principal;
      if (principal !== null) {
        return reply.type(metrics.contentType).send(await metrics.metrics({ projectId: principal.projectId }));
      }
      if (loopback && isLoopback(request.socket.remoteAddress)) {
        return reply.type(metrics.contentType).send(await metrics.metrics());
      }
      // Only reachable without the auth hook: refuse rather than expose every project.
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="modelwatch"')
        .send({ error: 'unauthorized', message: 'missing Authorization: Bearer <api key> header' });
    },
  );
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
