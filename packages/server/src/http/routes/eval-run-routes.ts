import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { EvalRunError } from '../../services/eval-runs/eval-run-error.js';
import { type EvalRunSummary, projectRuns } from '../../services/eval-runs/project-runs.js';
import type { RegistryApi } from '../../services/registry/index.js';
import { projectOf, requireScope } from '../auth.js';

export interface EvalRunRoutesOptions {
  /** The data directory whose `runs/` holds the evaluation runs. */
  readonly dataDir: string;
  /** The registry of a project (gate results, and which runs a project's gates claim). */
  readonly registryOf: (projectId: string) => RegistryApi;
}

const Query = z.object({
  limit: z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'expected an integer in [1, 500]')
    .default(20),
  model: z.string().min(1).max(200).optional(),
  version: z.string().min(1).max(200).optional(),
});

/**
 * `GET /v1/eval-runs?limit=20&model=&version=` (read scope): the caller's project's evaluation runs,
 * newest first, each with the gate result that names it (`services/eval-runs/project-runs.ts`
 * says which runs are a project's). A bad parameter answers 400 `{ error: 'invalid', message, field }`.
 */
export async function registerEvalRunRoutes(app: FastifyInstance, options: EvalRunRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(evalRunErrorHandler);
    scope.get(
      '/v1/eval-runs',
      {
        preHandler: requireScope('read'),
        config: {
          openapi: {
            summary:
              'Evaluation runs of the project, newest first, with their gate results (?limit=20&model=&version=)',
            scope: 'read',
            tags: ['registry'],
          },
        },
      },
      async (request): Promise<{ runs: readonly EvalRunSummary[] }> => {
        const parsed = Query.safeParse(request.query ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') ?? '';
          throw new EvalRunError('invalid', `${field}: ${issue?.message ?? 'invalid'}`, field);
        }
        const q = parsed.data;
        const projectId = projectOf(request);
        return {
          runs: await projectRuns({
            dataDir: options.dataDir,
            registry: options.registryOf(projectId),
            projectId,
            limit: q.limit,
            ...(q.model === undefined ? {} : { model: q.model }),
            ...(q.version === undefined ? {} : { version: q.version }),
          }),
        };
      },
    );
  });
}

async function evalRunErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof EvalRunError) {
    return reply.code(error.code === 'not_found' ? 404 : error.code === 'invalid' ? 400 : 500).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
