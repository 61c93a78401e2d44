import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type RegistryApi, RegistryError, type RegistryErrorCode } from '../../services/registry/index.js';
import { projectOf, requireScope } from '../auth.js';
import type { OpenApiOperation } from './openapi-operation.js';

/** What `registerRegistryRoutes` needs: the registry of a project (see `projectRegistries`). */
export interface RegistryRoutesDeps {
  readonly registryOf: (projectId: string) => RegistryApi;
}

const STATUS: Readonly<Record<RegistryErrorCode, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  gate_failed: 409,
  unavailable: 503,
};

function doc(summary: string, scope: 'read' | 'admin'): { openapi: OpenApiOperation } {
  return { openapi: { summary, scope, tags: ['registry'] } };
}

type VersionParams = { Params: { model: string; version: string } };

/**
 * The model registry API, behind the auth hook (a key of the project; its project is the registry's):
 *
 * | route | scope |
 * |---|---|
 * | `GET /v1/models` models with their production and staging versions | read |
 * | `GET /v1/models/:model/versions` | read |
 * | `GET /v1/models/:model/versions/:version` the version and its audit history | read |
 * | `POST /v1/models/:model/versions` register (body: RegisterVersionInput; `model` may be omitted) | admin |
 * | `POST /v1/models/:model/versions/:version/transitions` `{ stage, reason?, overrideReason? }` | admin |
 * | `PUT /v1/models/:model/versions/:version/gate` attach a gate result | admin |
 *
 * Errors answer `{ error, message, field }`: 400 invalid, 404 not found, 409 conflict or
 * gate_failed (promotion refused while the attached gate result failed).
 */
export async function registerRegistryRoutes(app: FastifyInstance, deps: RegistryRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(registryErrorHandler);
    const admin = requireScope('admin');
    const read = requireScope('read');
    const registry = (request: FastifyRequest): RegistryApi => deps.registryOf(projectOf(request));

    scope.get(
      '/v1/models',
      { preHandler: read, config: doc('Registered models with their production and staging versions', 'read') },
      async (request) => ({ models: await registry(request).listModels() }),
    );
    scope.get<{ Params: { model: string } }>(
      '/v1/models/:model/versions',
      { preHandler: read, config: doc('Versions of a model (stage, artifact, lineage, gate)', 'read') },
      async (request) => ({ versions: await registry(request).listVersions(request.params.model) }),
    );
    scope.get<VersionParams>(
      '/v1/models/:model/versions/:version',
      { preHandler: read, config: doc('One model version and its audit history', 'read') },
      async (request) => {
        const r = registry(request);
        const { model, version } = request.params;
        return { version: await r.getVersion(model, version), history: await r.history(model, version) };
      },
    );
    scope.post<{ Params: { model: string } }>(
      '/v1/models/:model/versions',
      { preHandler: admin, config: doc('Register a model version (artifact URI and SHA-256, lineage)', 'admin') },
      async (request, reply) => {
        const body = request.body;
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          throw new RegistryError('invalid', `body: expected a JSON object (got ${JSON.stringify(body)})`, 'body');
        }
        const given = (body as { model?: unknown }).model;
        if (given !== undefined && given !== request.params.model) {
          throw new RegistryError(
            'invalid',
            `model: the body names ${JSON.stringify(given)} but the path names ${JSON.stringify(request.params.model)}`,
            'model',
          );
        }
        const version = await registry(request).register({ ...body, model: request.params.model }, actorOf(request));
        return reply.code(201).send({ version });
      },
    );
    scope.post<VersionParams>(
      '/v1/models/:model/versions/:version/transitions',
      {
        preHandler: admin,
        config: doc('Move a version to another stage (production archives the previous one; gates apply)', 'admin'),
      },
      async (request) =>
        registry(request).transition(request.params.model, request.params.version, request.body, actorOf(request)),
    );
    scope.put<VersionParams>(
      '/v1/models/:model/versions/:version/gate',
      { preHandler: admin, config: doc('Attach a gate result to a version', 'admin') },
      async (request) => ({
        version: await registry(request).attachGateResult(
          request.params.model,
          request.params.version,
          request.body,
          actorOf(request),
        ),
      }),
    );
  });
}

function actorOf(request: FastifyRequest): string {
  return request.principal === null ? 'api' : `key:${request.principal.keyPrefix}`;
}

/** Maps the registry's errors by code; anything else goes to the app's handler. */
async function registryErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof RegistryError) {
    return reply.code(STATUS[error.code]).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
