import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SCOPES } from '../../domain/api-key.js';
import { ProjectIdSchema } from '../../domain/identifiers.js';
import { type ApiKeyAdmin, DEFAULT_PROJECT_ID } from '../../services/server/api-key-admin.js';
import { projectOf, requireScope } from '../auth.js';

/** Body of POST /v1/admin/keys. */
export const CreateKeyBodySchema = z
  .object({
    scopes: z.array(z.enum(SCOPES)).min(1, 'expected at least one scope'),
    name: z.string().min(1).max(200).optional(),
    /** Must be the caller's project (the default); an admin key manages only its own project. */
    project: ProjectIdSchema.optional(),
  })
  .strict();

/** Body of POST /v1/admin/projects. */
export const CreateProjectBodySchema = z
  .object({ id: ProjectIdSchema, name: z.string().min(1).max(200).optional() })
  .strict();

const PublicKeySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.number().int(),
  revokedAt: z.number().int().optional(),
});
const CreatedKeySchema = z.object({ key: PublicKeySchema, secret: z.string() });
const ProjectSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.number().int() });

function json(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } };
}

/**
 * The admin API, behind `requireScope('admin')` and scoped to the caller's project: an admin key
 * creates, lists and revokes keys of its own project only. Creating and listing projects needs an
 * admin key of the `default` project (the installation's administrator); a new project comes with
 * its first admin key. Secrets appear once, in the creation response (sent `Cache-Control:
 * no-store`), and are never logged or stored. Creation and revocation are audited.
 */
export function registerAdminRoutes(app: FastifyInstance, admin: ApiKeyAdmin): void {
  const adminOnly = { preHandler: requireScope('admin') };
  const actorOf = (request: FastifyRequest) =>
    admin.as({ via: 'api', ...(request.principal ? { keyId: request.principal.keyId } : {}) });

  app.post(
    '/v1/admin/keys',
    {
      ...adminOnly,
      config: {
        openapi: {
          summary: 'Create an API key in the caller’s project (the secret is returned once)',
          tags: ['admin'],
          scope: 'admin',
          requestBody: { required: true, ...json(CreateKeyBodySchema, 'scopes, optional name') },
          responses: { 201: json(CreatedKeySchema, 'the key and its secret, shown this once') },
        },
      },
    },
    async (request, reply) => {
      const body = parsed(CreateKeyBodySchema, request.body ?? {}, reply);
      if (body === undefined) return reply;
      const projectId = projectOf(request);
      if (body.project !== undefined && body.project !== projectId) {
        return forbidden(
          reply,
          `this admin key belongs to project "${projectId}"; it cannot create keys in "${body.project}"`,
        );
      }
      const created = await actorOf(request).createKey({
        projectId,
        scopes: body.scopes,
        ...(body.name !== undefined ? { name: body.name } : {}),
      });
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/v1/admin/keys',
    {
      ...adminOnly,
      config: {
        openapi: {
          summary: 'List the caller’s project’s API keys (revoked ones too; never secrets or hashes)',
          tags: ['admin'],
          scope: 'admin',
          responses: { 200: json(z.object({ keys: z.array(PublicKeySchema) }), 'the keys') },
        },
      },
    },
    async (request) => ({ keys: await admin.listKeys(projectOf(request)) }),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/admin/keys/:id',
    {
      ...adminOnly,
      config: {
        openapi: {
          summary: 'Revoke an API key of the caller’s project (effective immediately)',
          tags: ['admin'],
          scope: 'admin',
          responses: {
            200: json(z.object({ key: PublicKeySchema }), 'the revoked key'),
            404: { description: 'no such key in this project' },
          },
        },
      },
    },
    async (request) => ({ key: await actorOf(request).revokeKey(request.params.id, projectOf(request)) }),
  );

  app.post(
    '/v1/admin/projects',
    {
      ...adminOnly,
      config: {
        openapi: {
          summary: 'Create a project and its first admin key (needs an admin key of the default project)',
          tags: ['admin'],
          scope: 'admin',
          requestBody: { required: true, ...json(CreateProjectBodySchema, 'project id and optional name') },
          responses: {
            201: json(
              z.object({ project: ProjectSchema, adminKey: CreatedKeySchema }),
              'the project and its admin key',
            ),
            409: { description: 'the project exists' },
          },
        },
      },
    },
    async (request, reply) => {
      if (projectOf(request) !== DEFAULT_PROJECT_ID) {
        return forbidden(reply, `creating projects needs an admin key of the "${DEFAULT_PROJECT_ID}" project`);
      }
      const body = parsed(CreateProjectBodySchema, request.body ?? {}, reply);
      if (body === undefined) return reply;
      const created = await actorOf(request).createProject(body.id, body.name);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/v1/admin/projects',
    {
      ...adminOnly,
      config: {
        openapi: {
          summary: 'List projects (needs an admin key of the default project)',
          tags: ['admin'],
          scope: 'admin',
          responses: { 200: json(z.object({ projects: z.array(ProjectSchema) }), 'the projects') },
        },
      },
    },
    async (request, reply) => {
      if (projectOf(request) !== DEFAULT_PROJECT_ID) {
        return forbidden(reply, `listing projects needs an admin key of the "${DEFAULT_PROJECT_ID}" project`);
      }
      return { projects: await admin.listProjects() };
    },
  );
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  const value = issue?.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], body);
  const keys = issue?.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
  void reply.code(400).send({
    error: 'invalid_request',
    message: `${field}${keys}: ${issue?.message ?? 'invalid'} (got ${JSON.stringify(value) ?? 'nothing'})`,
  });
  return undefined;
}

function forbidden(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(403).send({ error: 'forbidden', message });
}
