import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Scope } from '../domain/api-key.js';
import type { Authenticator, Principal } from '../services/auth/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by the auth hook on every protected route. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /**
     * Routes that answer without a key (health checks, the dashboard's static files); `'loopback'`:
     * without a key from 127.0.0.1 / ::1 only (`/metrics` under `metrics.auth: localhost`).
     */
    public?: boolean | 'loopback';
  }
}

/**
 * Installs authentication on every route not marked `config: { public: true }`: a request needs
 * `Authorization: Bearer <key>` with a valid, unrevoked key, else 401 (with `WWW-Authenticate`).
 * What the key may do is checked per route by `requireScope` (403). The key's secret is never
 * logged: Fastify's request logger prints method and URL only, and the header is not echoed.
 */
export function installAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const pub = request.routeOptions.config?.public;
    if (pub === true || (pub === 'loopback' && isLoopback(request.socket.remoteAddress))) return;
    // Unknown routes (404) and static files are registered separately; they carry no data.
    if (request.routeOptions.url === undefined) return;
    const secret = bearerSecret(request);
    const principal = secret === undefined ? undefined : await authenticator.authenticate(secret);
    if (principal === undefined) {
      return unauthorized(
        reply,
        secret === undefined ? 'missing Authorization: Bearer <api key> header' : 'invalid or revoked API key',
      );
    }
    request.principal = principal;
  });
}

/** A preHandler that answers 403 unless the caller's key has `scope` (admin implies every scope). */
export function requireScope(scope: Scope): preHandlerHookHandler {
  return async (request, reply) => {
    const p = request.principal;
    if (p === null) return unauthorized(reply, 'missing Authorization: Bearer <api key> header');
    if (!p.scopes.has(scope) && !p.scopes.has('admin')) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `this API key (${p.keyPrefix}…) lacks the "${scope}" scope; it has: ${[...p.scopes].join(', ')}`,
      });
    }
  };
}

/** The caller's project; only for routes behind the auth hook. */
export function projectOf(request: FastifyRequest): string {
  if (request.principal === null) throw new Error('projectOf: the route is not behind the auth hook');
  return request.principal.projectId;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="modelwatch"')
    .send({ error: 'unauthorized', message });
}
