import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Scope } from '../../domain/api-key.js';
import {
  ExperimentServiceError,
  type ExperimentServiceErrorCode,
  type ExperimentServices,
  experimentRecordView,
} from '../../services/experiments-server/index.js';
import { projectOf, requireScope } from '../auth.js';

/** What `registerExperimentRoutes` needs: the services built by `experimentServices`. */
export type ExperimentRoutesOptions = ExperimentServices;

const STATUS: Readonly<Record<ExperimentServiceErrorCode, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

/**
 * The experiment and rollout API, behind the auth hook (every route needs a key of the project):
 *
 * | route | scope |
 * |---|---|
 * | `POST /v1/experiments` create, `PATCH /v1/experiments/:experimentId` change | admin |
 * | `GET /v1/experiments`, `GET /v1/experiments/:experimentId` | read |
 * | `GET /v1/experiments/:experimentId/assignment?unitId=…` | ingest or read |
 * | `GET /v1/experiments/:experimentId/analysis?from=&to=` | read |
 * | `POST /v1/rollouts` start, `POST /v1/rollouts/:id/pause` \| `resume` \| `abort` | admin |
 * | `GET /v1/rollouts/:id` (state and audit log) | read |
 *
 * The assignment takes an ingest key as well as a read key because serving applications (the
 * client SDK's getAssignment) hold ingest keys. Errors answer `{ error, message, field }` with 400
 * (invalid), 404, 409 (conflict) or 422 (data that cannot be analysed).
 */
export async function registerExperimentRoutes(app: FastifyInstance, options: ExperimentRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(experimentErrorHandler);
    const { registry, rollouts } = options;
    const admin = requireScope('admin');
    const read = requireScope('read');

    scope.post('/v1/experiments', { preHandler: admin }, async (request, reply) => {
      const record = await registry.create(projectOf(request), request.body, actorOf(request));
      return reply.code(201).send(experimentRecordView(record));
    });
    scope.get('/v1/experiments', { preHandler: read }, async (request) => ({
      experiments: (await registry.list(projectOf(request))).map(experimentRecordView),
    }));
    scope.get<{ Params: { experimentId: string } }>(
      '/v1/experiments/:experimentId',
      { preHandler: read },
      async (request) => experimentRecordView(await registry.get(projectOf(request), request.params.experimentId)),
    );
    scope.patch<{ Params: { experimentId: string } }>(
      '/v1/experiments/:experimentId',
      { preHandler: admin },
      async (request) =>
        experimentRecordView(
          await registry.update(projectOf(request), request.params.experimentId, request.body, actorOf(request)),
        ),
    );
    scope.get<{ Params: { experimentId: string }; Querystring: { unitId?: string } }>(
      '/v1/experiments/:experimentId/assignment',
      { preHandler: requireAnyScope(['ingest', 'read']) },
      async (request) => {
        const unitId = request.query.unitId;
        if (typeof unitId !== 'string' || unitId === '') {
          throw new ExperimentServiceError(
            'invalid',
            `unitId: expected a non-empty query parameter (got ${unitId === undefined ? 'none' : JSON.stringify(unitId)})`,
            'unitId',
          );
        }
        return registry.assignment(projectOf(request), request.params.experimentId, unitId);
      },
    );
    scope.get<{ Params: { experimentId: string }; Querystring: { from?: string; to?: string; seed?: string } }>(
      '/v1/experiments/:experimentId/analysis',
      { preHandler: read },
      async (request) => {
        const window = {
          ...(request.query.from === undefined ? {} : { from: timeParameter('from', request.query.from) }),
          ...(request.query.to === undefined ? {} : { to: timeParameter('to', request.query.to) }),
        };
        return options.analyse(projectOf(request), request.params.experimentId, { window });
      },
    );

    scope.post('/v1/rollouts', { preHandler: admin }, async (request, reply) => {
      const view = await rollouts.start(projectOf(request), request.body, actorOf(request));
      return reply.code(201).send(view);
    });
    scope.get<{ Params: { id: string }; Querystring: { limit?: string } }>(
      '/v1/rollouts/:id',
      { preHandler: read },
      async (request) => {
        const projectId = projectOf(request);
        const limit = request.query.limit === undefined ? 1000 : Number(request.query.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
          throw new ExperimentServiceError(
            'invalid',
            `limit: expected an integer in [1, 100000] (got ${JSON.stringify(request.query.limit)})`,
            'limit',
          );
        }
        const rollout = await rollouts.get(projectId, request.params.id);
        const audit = await rollouts.audit(projectId, request.params.id, limit);
        return { rollout, audit: audit.map(({ projectId: _p, ...entry }) => entry) };
      },
    );
    for (const action of ['pause', 'resume', 'abort'] as const) {
      scope.post<{ Params: { id: string }; Body: { reason?: unknown } | undefined }>(
        `/v1/rollouts/:id/${action}`,
        { preHandler: admin },
        async (request) => {
          const given = request.body?.reason;
          if (given !== undefined && (typeof given !== 'string' || given.trim() === '')) {
            throw new ExperimentServiceError(
              'invalid',
              `reason: expected a non-empty string (got ${JSON.stringify(given)})`,
              'reason',
            );
          }
          const actor = actorOf(request);
          const reason = typeof given === 'string' ? given : `${action} by ${actor}`;
          return rollouts[action](projectOf(request), request.params.id, reason, actor);
        },
      );
    }
  });
}

/** A preHandler that answers 403 unless the key has one of `scopes` (admin implies every scope). */
function requireAnyScope(scopes: readonly Scope[]): preHandlerHookHandler {
  return async (request, reply) => {
    const p = request.principal;
    if (p === null) {
      return reply.code(401).send({ error: 'unauthorized', message: 'missing Authorization: Bearer <api key> header' });
    }
    if (!scopes.some((s) => p.scopes.has(s)) && !p.scopes.has('admin')) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `this API key (${p.keyPrefix}…) needs one of the scopes ${scopes.map((s) => `"${s}"`).join(', ')}; it has: ${[...p.scopes].join(', ')}`,
      });
    }
  };
}

function actorOf(request: FastifyRequest): string {
  return request.principal === null ? 'api' : `key:${request.principal.keyPrefix}`;
}

/** A time query parameter: epoch milliseconds or an ISO-8601 date-time. */
function timeParameter(name: string, value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ExperimentServiceError(
      'invalid',
      `${name}: expected epoch milliseconds or an ISO-8601 date-time (got ${JSON.stringify(value)})`,
      name,
    );
  }
  return ms;
}

/** Maps the experiments service's errors by code; anything else goes to the app's handler. */
async function experimentErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ExperimentServiceError) {
    return reply.code(STATUS[error.code]).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
