import { confusionMatrix, reliabilityDiagram } from '@modelwatch/core/metrics';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { VARIANTS } from '../../domain/inference-event.js';
import type { EventFilter, QualityPairs } from '../../domain/query.js';
import { QUALITY_PAIR_LIMIT } from '../../services/query/index.js';
import { projectOf, requireScope } from '../auth.js';
import type { OpenApiOperation } from './openapi-operation.js';

/** What `registerDashboardRoutes` needs. */
export interface DashboardRoutesOptions {
  /** Predictions paired with their outcomes in a window, at most `limit` (the store's `qualityPairs`). */
  readonly qualityPairs: (filter: EventFilter, limit: number) => Promise<QualityPairs>;
  /** The caller's project (default: the auth hook's principal). */
  readonly projectIdOf?: (request: FastifyRequest) => string;
  /** The access check (default: `requireScope('read')`). */
  readonly authorize?: preHandlerHookHandler;
  /** The clock of the default window (tests pin it). */
  readonly now?: () => number;
}

const DAY_MS = 86_400_000;
const QUALITY_DETAIL_DOC: OpenApiOperation = {
  summary: 'Confusion matrix and reliability diagram of a window (for the dashboard)',
  scope: 'read',
  tags: ['dashboard'],
};
/** Most pairs one quality-detail answer reads: the newest, as many as the query API's quality uses. */
const MAX_PAIRS = QUALITY_PAIR_LIMIT;

const time = z.string().transform((s, ctx) => {
  const ms = /^\d+$/.test(s) ? Number(s) : /T.*(Z|[+-]\d\d:?\d\d)$/.test(s) ? Date.parse(s) : Number.NaN;
  if (Number.isFinite(ms)) return ms;
  ctx.addIssue({
    code: 'custom',
    message: `expected epoch milliseconds or an ISO-8601 date-time with a zone (got ${JSON.stringify(s)})`,
  });
  return z.NEVER;
});
const name = z.string().min(1).max(200);
const QuerySchema = z.object({
  from: time.optional(),
  to: time.optional(),
  model: name.optional(),
  version: name.optional(),
  variant: z.enum(VARIANTS).optional(),
  experiment: name.optional(),
  bins: z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .refine((n) => n >= 2 && n <= 100, 'expected an integer in [2, 100]')
    .optional(),
});

/** A bad parameter: answered 400 `{ error: 'invalid', message, field }`. */
class DashboardQueryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'DashboardQueryError';
  }
}

function filterOf(request: FastifyRequest, projectId: string, now: number): { filter: EventFilter; bins: number } {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  const segment: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!k.startsWith('segment.')) {
      plain[k] = v;
      continue;
    }
    const key = k.slice('segment.'.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) || typeof v !== 'string') {
      throw new DashboardQueryError(`${k}: expected segment.<key>=<value> with a key of letters, digits and _`, k);
    }
    segment[key] = v;
  }
  const parsed = QuerySchema.strict().safeParse(plain);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || String((issue as { keys?: string[] } | undefined)?.keys?.[0] ?? '');
    throw new DashboardQueryError(`${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  const q = parsed.data;
  const to = q.to ?? now;
  const from = q.from ?? to - DAY_MS;
  if (from > to) throw new DashboardQueryError(`from: expected a time before to (got ${from} > ${to})`, 'from');
  return {
    bins: q.bins ?? 10,
    filter: {
      projectId,
      from,
      to,
      ...(q.model === undefined ? {} : { model: q.model }),
      ...(q.version === undefined ? {} : { version: q.version }),
      ...(q.variant === undefined ? {} : { variant: q.variant }),
      ...(q.experiment === undefined ? {} : { experiment: q.experiment }),
      ...(Object.keys(segment).length === 0 ? {} : { segment }),
    },
  };
}

/**
 * The dashboard's confusion matrix and reliability diagram of a window (`pairs`: predictions with
 * their outcomes). The matrix is core `confusionMatrix` (sklearn's) over the labels of both sides.
 * The reliability diagram is of the *predicted label's* confidence (`output.score`, which the SDK
 * and the demo send as the probability of the predicted label): y = 1 when the prediction was
 * right — Guo et al.'s top-label calibration, which works for any number of classes.
 */
function qualityDetail(pairs: QualityPairs, bins: number) {
  const { predicted, actual, scores } = pairs.labels;
  const labelled = predicted.length;
  if (labelled === 0) return { labelled, events: pairs.events };
  const cm = confusionMatrix([...actual], [...predicted]);
  const correct: number[] = [];
  const confidence: number[] = [];
  for (let i = 0; i < labelled; i++) {
    const s = scores[i];
    if (s === undefined || !Number.isFinite(s) || s < 0 || s > 1) continue;
    correct.push(actual[i] === predicted[i] ? 1 : 0);
    confidence.push(s);
  }
  const rel = confidence.length === 0 ? undefined : reliabilityDiagram(correct, confidence, { nBins: bins });
  return {
    labelled,
    events: pairs.events,
    confusion: { labels: cm.labels.map(String), matrix: cm.matrix },
    ...(rel === undefined
      ? {}
      : {
          reliability: {
            kind: 'top-label' as const,
            count: rel.count,
            expectedCalibrationError: rel.expectedCalibrationError,
            maximumCalibrationError: rel.maximumCalibrationError,
            bins: rel.bins,
          },
        }),
  };
}

/**
 * Dashboard-only reads, behind the auth hook (read scope):
 *
 * | route | answers |
 * |---|---|
 * | `GET /v1/dashboard/quality-detail?from=&to=&model=&version=&variant=&experiment=&segment.<k>=&bins=10` | confusion matrix (actual × predicted) and top-label reliability diagram of the window |
 *
 * A bad parameter answers 400 `{ error: 'invalid', message, field }`.
 */
export async function registerDashboardRoutes(app: FastifyInstance, options: DashboardRoutesOptions): Promise<void> {
  const projectIdOf = options.projectIdOf ?? projectOf;
  const authorize = options.authorize ?? requireScope('read');
  const now = options.now ?? Date.now;
  await app.register(async (scope) => {
    scope.setErrorHandler(async (error, _request, reply) => {
      if (error instanceof DashboardQueryError) {
        return reply.code(400).send({ error: 'invalid', message: error.message, field: error.field });
      }
      throw error;
    });
    scope.get(
      '/v1/dashboard/quality-detail',
      {
        preHandler: authorize,
        config: { openapi: QUALITY_DETAIL_DOC },
      },
      async (request) => {
        const { filter, bins } = filterOf(request, projectIdOf(request), now());
        return qualityDetail(await options.qualityPairs(filter, MAX_PAIRS), bins);
      },
    );
  });
}
