import type { FastifyInstance } from 'fastify';
import { type ReadinessProbe, readinessReport } from '../../services/server/readiness.js';
import { VERSION } from '../../version.js';

/**
 * `/healthz` (liveness: the process answers) and `/readyz` (readiness: every probe passes, else
 * 503 with the reasons). Both public: they reveal no data, and probes run without credentials.
 */
export function registerHealthRoutes(app: FastifyInstance, probes: readonly ReadinessProbe[] = []): void {
  app.get(
    '/healthz',
    {
      config: {
        public: true,
        openapi: { summary: 'Liveness: the process is up', responses: { 200: { description: 'up' } } },
      },
    },
    async () => ({ status: 'ok', version: VERSION }),
  );
  app.get(
    '/readyz',
    {
      config: {
        public: true,
        openapi: {
          summary: 'Readiness: store open, ingest queue below its high-water mark, evaluator not stuck',
          responses: {
            200: { description: 'ready; `checks` says ok for each probe' },
            503: { description: 'not ready; `reasons` lists each failing probe' },
          },
        },
      },
    },
    async (_request, reply) => {
      const report = await readinessReport(probes);
      if (report.ready) return { status: 'ready', version: VERSION, checks: report.checks };
      const reasons = Object.entries(report.checks)
        .filter(([, r]) => r !== 'ok')
        .map(([name, r]) => `${name}: ${r}`);
      return reply.code(503).send({ status: 'not_ready', version: VERSION, reasons, checks: report.checks });
    },
  );
}
