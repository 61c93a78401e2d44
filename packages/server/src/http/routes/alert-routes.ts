import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { ALERT_STATES, type AlertChannel, type AlertState } from '../../domain/alerting.js';
import {
  type AlertAdmin,
  type AlertConfigKind,
  type AlertEngine,
  AlertingError,
  type AlertingErrorCode,
  channelView,
} from '../../services/alerting/index.js';
import { projectOf, requireScope } from '../auth.js';

/** What `registerAlertRoutes` needs. */
export interface AlertRoutesOptions {
  readonly admin: AlertAdmin;
  readonly engine: AlertEngine;
  /** Clock of the SLO status (default Date.now). */
  readonly now?: () => number;
}

const STATUS: Readonly<Record<AlertingErrorCode, number>> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  notifier: 502,
};

/** URL segment → configuration kind, and who may read it (channels hold URLs and secrets: admin). */
const COLLECTIONS: readonly { path: string; kind: AlertConfigKind; readScope: 'read' | 'admin' }[] = [
  { path: '/v1/alerts/rules', kind: 'rule', readScope: 'read' },
  { path: '/v1/slos', kind: 'slo', readScope: 'read' },
  { path: '/v1/alerts/channels', kind: 'channel', readScope: 'admin' },
  { path: '/v1/alerts/maintenance', kind: 'maintenance', readScope: 'admin' },
];

/**
 * The alerting API, behind the auth hook (every route needs a key of the project):
 *
 * | route | scope |
 * |---|---|
 * | `POST` create, `PUT …/:id` replace, `DELETE …/:id` on `/v1/alerts/rules`, `/v1/slos`, `/v1/alerts/channels`, `/v1/alerts/maintenance` | admin |
 * | `GET /v1/alerts/rules[/:id]`, `GET /v1/slos[/:id]` | read |
 * | `GET /v1/alerts/channels[/:id]`, `GET /v1/alerts/maintenance[/:id]` | admin (secrets redacted) |
 * | `POST /v1/alerts/rules/builtins` install the built-in rules | admin |
 * | `GET /v1/slos/:id/status` budget remaining and burn rates | read |
 * | `POST /v1/alerts/silences`, `DELETE /v1/alerts/silences/:id` (expires it) | admin |
 * | `GET /v1/alerts/silences` | read |
 * | `GET`, `PUT /v1/alerts/routing` grouping, inhibition, digest | read, admin |
 * | `GET /v1/alerts?state=pending\|firing\|resolved` | read |
 * | `GET /v1/alerts/notifications?status=sent\|failed&limit=` | read |
 *
 * Errors answer `{ error, message, field }` with 400 (invalid), 404 or 409.
 */
/** Route options carrying the `/openapi.json` documentation and the scope guard. */
function routeOptions(summary: string, scope: 'read' | 'admin', preHandler: preHandlerHookHandler) {
  return { preHandler, config: { openapi: { summary, scope, tags: ['alerts'] } } };
}

export async function registerAlertRoutes(app: FastifyInstance, options: AlertRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(alertErrorHandler);
    const { admin: service, engine } = options;
    const now = options.now ?? Date.now;
    const admin = requireScope('admin');
    const read = requireScope('read');
    const view = (kind: AlertConfigKind, value: unknown) =>
      kind === 'channel' ? channelView(value as AlertChannel) : value;

    scope.post(
      '/v1/alerts/rules/builtins',
      routeOptions('Install the built-in alert rules', 'admin', admin),
      async (request) => ({
        installed: await service.installBuiltInRules(projectOf(request), actorOf(request)),
      }),
    );

    for (const { path, kind, readScope } of COLLECTIONS) {
      const readGuard = readScope === 'admin' ? admin : read;
      scope.post(path, routeOptions(`Create a ${kind}`, 'admin', admin), async (request, reply) => {
        const created = await service.put(projectOf(request), kind, request.body, { actor: actorOf(request) });
        return reply.code(201).send(view(kind, created));
      });
      scope.get(path, routeOptions(`List ${kind}s`, readScope, readGuard), async (request) => ({
        items: (await service.list(projectOf(request), kind)).map((v) => view(kind, v)),
      }));
      scope.get<{ Params: { id: string } }>(
        `${path}/:id`,
        routeOptions(`One ${kind}`, readScope, readGuard),
        async (request) => view(kind, await service.get(projectOf(request), kind, request.params.id)),
      );
      scope.put<{ Params: { id: string } }>(
        `${path}/:id`,
        routeOptions(`Replace a ${kind}`, 'admin', admin),
        async (request) =>
          view(
            kind,
            await service.put(projectOf(request), kind, request.body, {
              replace: true,
              id: request.params.id,
              actor: actorOf(request),
            }),
          ),
      );
      scope.delete<{ Params: { id: string } }>(
        `${path}/:id`,
        routeOptions(`Delete a ${kind}`, 'admin', admin),
        async (request, reply) => {
          await service.delete(projectOf(request), kind, request.params.id, actorOf(request));
          return reply.code(204).send();
        },
      );
    }

    scope.get<{ Params: { id: string } }>(
      '/v1/slos/:id/status',
      routeOptions('An SLO’s error budget remaining and burn rates per window', 'read', read),
      async (request) => {
        const projectId = projectOf(request);
        return engine.sloStatus(projectId, await service.get(projectId, 'slo', request.params.id), now());
      },
    );

    scope.post(
      '/v1/alerts/silences',
      routeOptions('Create a silence (matchers, start, end)', 'admin', admin),
      async (request, reply) =>
        reply.code(201).send(await service.createSilence(projectOf(request), request.body, actorOf(request))),
    );
    scope.get('/v1/alerts/silences', routeOptions('List silences', 'read', read), async (request) => ({
      items: await service.listSilences(projectOf(request)),
    }));
    scope.delete<{ Params: { id: string } }>(
      '/v1/alerts/silences/:id',
      routeOptions('Expire a silence', 'admin', admin),
      async (request) => service.expireSilence(projectOf(request), request.params.id, actorOf(request)),
    );

    scope.get(
      '/v1/alerts/routing',
      routeOptions('Grouping, inhibition and digest settings', 'read', read),
      async (request) => service.routing(projectOf(request)),
    );
    scope.put(
      '/v1/alerts/routing',
      routeOptions('Replace the grouping, inhibition and digest settings', 'admin', admin),
      async (request) => service.putRouting(projectOf(request), request.body, actorOf(request)),
    );

    scope.get<{ Querystring: { state?: string } }>(
      '/v1/alerts',
      routeOptions('Alerts by state (?state=pending|firing|resolved)', 'read', read),
      async (request) => {
        const state = request.query.state;
        if (state !== undefined && !(ALERT_STATES as readonly string[]).includes(state)) {
          throw new AlertingError(
            'invalid',
            `state: expected one of ${ALERT_STATES.join(', ')} (got ${JSON.stringify(state)})`,
            'state',
          );
        }
        return { alerts: await engine.listAlerts(projectOf(request), state as AlertState | undefined) };
      },
    );

    scope.get<{ Querystring: { status?: string; limit?: string } }>(
      '/v1/alerts/notifications',
      routeOptions('Notification log (?status=sent|failed&limit=)', 'read', read),
      async (request) => {
        const { status, limit } = request.query;
        if (status !== undefined && status !== 'sent' && status !== 'failed') {
          throw new AlertingError(
            'invalid',
            `status: expected sent or failed (got ${JSON.stringify(status)})`,
            'status',
          );
        }
        const n = limit === undefined ? 100 : Number(limit);
        if (!Number.isInteger(n) || n < 1 || n > 1000) {
          throw new AlertingError(
            'invalid',
            `limit: expected an integer in [1, 1000] (got ${JSON.stringify(limit)})`,
            'limit',
          );
        }
        return {
          notifications: await engine.listNotifications(projectOf(request), {
            ...(status === undefined ? {} : { status }),
            limit: n,
          }),
        };
      },
    );
  });
}

function actorOf(request: FastifyRequest): string {
  return request.principal === null ? 'api' : `key:${request.principal.keyPrefix}`;
}

/** Maps the alerting service's errors by code; anything else goes to the app's handler. */
async function alertErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AlertingError) {
    return reply.code(STATUS[error.code]).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
