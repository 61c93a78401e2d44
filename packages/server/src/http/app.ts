import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { LogLevel } from '../domain/config.js';
import type { Authenticator } from '../services/auth/index.js';
import type { ApiKeyAdmin } from '../services/server/api-key-admin.js';
import type { ReadinessProbe } from '../services/server/readiness.js';
import { ServerError, type ServerErrorCode } from '../services/server/server-error.js';
import { installAuth } from './auth.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerOpenApiRoute } from './routes/openapi-route.js';

/** Registers a group of routes (ingest, query, metrics, …) on the authenticated app. */
export type RouteRegistrar = (app: FastifyInstance) => void | Promise<void>;

/** A service's route group. */
export interface RouteGroup {
  readonly register: RouteRegistrar;
  /** The group applies its own per-key rate limit (ingest), so the app's does not apply to it. */
  readonly ownRateLimit?: boolean;
}

export interface AppOptions {
  /** Fastify's logger: off (the default, for tests), on (info, stdout), or a level and stream. */
  readonly logger?: boolean | { readonly level: LogLevel; readonly stream?: Writable };
  /**
   * API-key authentication. Without it the app has only the public routes (health, readiness,
   * OpenAPI, dashboard); with it, every other route needs a key and the admin API is mounted.
   */
  readonly auth?: { readonly authenticator: Authenticator; readonly admin: ApiKeyAdmin };
  /** What `/readyz` checks. */
  readonly readiness?: readonly ReadinessProbe[];
  /** Largest request body in bytes (Fastify's `bodyLimit`; 413 above it). */
  readonly bodyLimit?: number;
  /** Requests per minute per API key (per client address for unauthenticated calls); 0 or absent: off. */
  readonly rateLimitPerMinute?: number;
  /** Route groups of the services (ingest, query, metrics, experiments), registered behind auth. */
  readonly routes?: readonly RouteGroup[];
}

/** The built dashboard (packages/dashboard/dist), if it has been built. */
export function dashboardDirectory(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@modelwatch/dashboard/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/** Request headers never written to the log (the logger prints none by default; this is a backstop). */
const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'];

/**
 * Builds the HTTP application: `/healthz`, `/readyz`, `/openapi.json` and the dashboard's static
 * files (all public), and, with `auth`, the admin API and the services' routes behind API keys
 * (401 without a valid key, 403 without the route's scope), rate limited per key.
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  });
  app.setErrorHandler(errorHandler);
  registerOpenApiRoute(app);
  if (options.auth) installAuth(app, options.auth.authenticator);
  registerHealthRoutes(app, options.readiness ?? []);
  const { auth } = options;
  if (auth) {
    const groups = options.routes ?? [];
    const limit = options.rateLimitPerMinute ?? 0;
    // The admin API and the groups without a limiter of their own share the app's per-key limit.
    await app.register(async (limited) => {
      if (limit > 0) {
        await limited.register(rateLimit, {
          global: true,
          hook: 'preHandler',
          max: limit,
          timeWindow: 60_000,
          keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`),
        });
      }
      registerAdminRoutes(limited, auth.admin);
      for (const group of groups) if (!group.ownRateLimit) await group.register(limited);
    });
    for (const group of groups) if (group.ownRateLimit) await group.register(app);
  }
  await app.register(publicDashboard);
  return app;
}

/** The dashboard's static files, in their own plugin whose routes are all public. */
async function publicDashboard(scope: FastifyInstance): Promise<void> {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
  const dashboard = dashboardDirectory();
  if (dashboard) {
    await scope.register(fastifyStatic, { root: dashboard, prefix: '/' });
  } else {
    scope.get('/', async (_req, reply) =>
      reply.type('text/plain').send('modelwatch: the dashboard is not built; run `npm run build`.\n'),
    );
  }
}

function loggerOptions(logger: AppOptions['logger']) {
  if (logger === undefined || logger === false) return false;
  const base = { redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } };
  if (logger === true) return base;
  return { ...base, level: logger.level, ...(logger.stream ? { stream: logger.stream } : {}) };
}

const SERVER_ERROR_STATUS: Record<ServerErrorCode, number> = {
  invalid_argument: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  store_locked: 503,
  admin_api: 502,
};

/** Maps errors to JSON replies in one place: service errors by code, Fastify's by status, the rest 500. */
async function errorHandler(
  this: FastifyInstance,
  error: FastifyError | Error,
  request: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[1],
  reply: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[2],
) {
  if (error instanceof ServerError) {
    return reply.code(SERVER_ERROR_STATUS[error.code]).send({ error: error.code, message: error.message });
  }
  // A scale-out store that could not see every shard refuses to answer partially (`degraded` lists them).
  const degraded = (error as { degraded?: unknown }).degraded;
  if (Array.isArray(degraded)) {
    return reply.code(503).send({ error: 'store_degraded', message: error.message, degraded });
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return reply.code(status).send({ error: (error as FastifyError).code ?? 'bad_request', message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: 'internal', message: 'internal server error' });
}
