import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MonitoringError, type MonitoringErrorCode, type MonitoringServices } from '../../services/monitoring/index.js';
import { projectOf, requireScope } from '../auth.js';
import type { OpenApiOperation } from './openapi-operation.js';

/** What `registerBaselineRoutes` needs. */
export interface BaselineRoutesOptions {
  readonly monitoring: Pick<MonitoringServices, 'baselines'>;
  /** Largest `POST /v1/baselines` body (a profile state with many columns): default 32 MiB. */
  readonly bodyLimitBytes?: number;
}

function doc(summary: string, scope: 'read' | 'admin'): { openapi: OpenApiOperation } {
  return { openapi: { summary, scope, tags: ['monitoring'] } };
}

const STATUS: Readonly<Record<MonitoringErrorCode, number>> = { invalid: 400, not_found: 404, no_data: 422 };

/**
 * The baseline API, behind the auth hook:
 *
 * | route | scope |
 * |---|---|
 * | `POST /v1/baselines` — `{ model, version, traffic: { from, to } }` profiles the version's traffic in the window; `{ model, version, profile, dataset?: { fileName, sha256? } }` stores a profile state from `modelwatch drift profile` | admin |
 * | `GET /v1/baselines` (summaries) | read |
 * | `GET /v1/baselines/:model/:version` (summary and profile state) | read |
 *
 * A new baseline replaces the version's previous one (201 with its summary). Errors answer
 * `{ error, message, field }` with 400 (invalid), 404 (no baseline) or 422 (an empty window).
 */
export async function registerBaselineRoutes(app: FastifyInstance, options: BaselineRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(monitoringErrorHandler);
    const { baselines } = options.monitoring;
    scope.post(
      '/v1/baselines',
      {
        preHandler: requireScope('admin'),
        bodyLimit: options.bodyLimitBytes ?? 32 * 1024 * 1024,
        config: doc(
          'Make a version’s baseline from a traffic window { from, to } or an uploaded profile state (replaces the previous one)',
          'admin',
        ),
      },
      async (request, reply) => reply.code(201).send(await baselines.create(projectOf(request), request.body)),
    );
    scope.get(
      '/v1/baselines',
      { preHandler: requireScope('read'), config: doc('List the project’s baselines (without profiles)', 'read') },
      async (request) => ({
        baselines: await baselines.list(projectOf(request)),
      }),
    );
    scope.get<{ Params: { model: string; version: string } }>(
      '/v1/baselines/:model/:version',
      { preHandler: requireScope('read'), config: doc('A version’s baseline with its profile state', 'read') },
      async (request) => baselines.get(projectOf(request), request.params.model, request.params.version),
    );
  });
}

/** Maps the monitoring service's errors by code; anything else goes to the app's handler. */
export async function monitoringErrorHandler(
  error: FastifyError | Error,
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof MonitoringError) {
    return reply.code(STATUS[error.code]).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
