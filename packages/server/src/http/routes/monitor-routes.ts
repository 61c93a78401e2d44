import type { FastifyInstance } from 'fastify';
import { listMonitors, type MonitoringServices } from '../../services/monitoring/index.js';
import { projectOf, requireScope } from '../auth.js';
import { monitoringErrorHandler } from './baseline-routes.js';
import type { OpenApiOperation } from './openapi-operation.js';

/** What `registerMonitorRoutes` needs. */
export interface MonitorRoutesOptions {
  readonly monitoring: Pick<MonitoringServices, 'store'>;
  readonly now?: () => number;
}

/**
 * `GET /v1/monitors?model=&version=&monitor=&segment=&from=&to=&limit=` (read scope): the
 * project's monitor history from the evaluator, `{ from, to, results }`, results oldest first.
 * `monitor` is a name (`sli.error_rate`) or a prefix ending in `*` (`drift.*`); `segment` is
 * `key=value`, or empty for whole-model results; `from`/`to` are epoch milliseconds or ISO-8601
 * (default: the last 24 hours); `limit` defaults to 1 000 (at most 100 000), the most recent.
 * A bad parameter answers 400 `{ error, message, field }`.
 */
export async function registerMonitorRoutes(app: FastifyInstance, options: MonitorRoutesOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(monitoringErrorHandler);
    const now = options.now ?? Date.now;
    const config = {
      openapi: {
        summary: 'Monitor history of the evaluator (?model=&version=&monitor=&segment=&from=&to=&limit=)',
        scope: 'read',
        tags: ['monitoring'],
      } satisfies OpenApiOperation,
    };
    scope.get('/v1/monitors', { preHandler: requireScope('read'), config }, async (request) =>
      listMonitors(options.monitoring.store, projectOf(request), request.query, now()),
    );
  });
}
