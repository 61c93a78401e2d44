import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { VARIANTS } from '../../domain/inference-event.js';
import type { EventFilter, SampleKind } from '../../domain/query.js';
import { type BaselineQueries, type QueryService, QueryServiceError } from '../../services/query/index.js';
import { projectOf, requireScope } from '../auth.js';

export interface QueryRoutesOptions {
  readonly query: QueryService;
  /**
   * Questions against the model versions' baselines: `GET /v1/query/samples?kind=ood` and
   * `GET /v1/query/feature-distribution` (without it, `kind=ood` answers 400 and the route is absent).
   */
  readonly baselines?: BaselineQueries;
  /** The caller's project (default: the auth hook's principal, `projectOf`). */
  readonly projectIdOf?: (request: FastifyRequest) => string;
  /** The access check of every route (default: `requireScope('read')`). */
  readonly authorize?: preHandlerHookHandler;
  /** The clock for the default window (tests pin it). */
  readonly now?: () => number;
}

const DAY_MS = 86_400_000;
const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** A time: epoch milliseconds (digits) or an ISO-8601 date-time with a time zone. */
const Time = z.string().transform((s, ctx) => {
  const ms = /^\d+$/.test(s) ? Number(s) : /T.*(Z|[+-]\d\d:?\d\d)$/.test(s) ? Date.parse(s) : Number.NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected epoch milliseconds or an ISO-8601 date-time with a time zone (got ${JSON.stringify(s)})`,
    });
    return z.NEVER;
  }
  return ms;
});

/** A bucket width like `30s`, `1m`, `5m`, `1h`, `1d`. */
const Bucket = z.string().transform((s, ctx) => {
  const m = /^(\d+)([smhd])$/.exec(s);
  const ms = m === null ? Number.NaN : Number(m[1]) * (UNITS[m[2] as string] as number);
  if (!(ms >= 1000)) {
    ctx.addIssue({ code: 'custom', message: `expected a width like 30s, 1m, 5m, 1h or 1d (got ${JSON.stringify(s)})` });
    return z.NEVER;
  }
  return ms;
});

const Name = z.string().min(1).max(200);
const Int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected an integer in [${min}, ${max}]`);

/** The filter parameters every route takes; `segment.<key>=<value>` adds a segment equality. */
const FilterQuery = z.object({
  from: Time.optional(),
  to: Time.optional(),
  model: Name.optional(),
  version: Name.optional(),
  variant: z.enum(VARIANTS).optional(),
  experiment: Name.optional(),
});

const RouteQuery = {
  overview: z.object({ bucket: Bucket.default(60_000) }),
  distributions: z.object({ bins: Int(1, 1000).default(20) }),
  quality: z.object({ limit: Int(1, 10_000_000).optional(), positiveLabel: z.string().min(1).optional() }),
  slices: z.object({
    minCount: Int(1, 1_000_000_000).default(50),
    limit: Int(1, 1000).default(20),
  }),
  samples: z.object({
    kind: z.enum(['recent', 'errors', 'lowest_score', 'ood']).default('recent'),
    score: Name.optional(),
    limit: Int(1, 1000).default(50),
    sample: Int(1, 10_000).optional(),
    minScore: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'expected a number ≥ 0')
      .transform(Number)
      .optional(),
  }),
  featureDistribution: z.object({
    feature: z.string().min(1).max(200).optional(),
    bins: Int(2, 100).default(20),
    sample: Int(1, 10_000).optional(),
  }),
} as const;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new QueryServiceError('invalid', `${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  return r.data;
}

/**
 * The query API over the caller's project (`GET`, every route needs the `read` scope):
 *
 * | route | answers |
 * |---|---|
 * | `/v1/query/overview?bucket=1m` | requests, errors, latency p50/p95/p99, tokens, cost per bucket and in total |
 * | `/v1/query/errors` | failed requests per error type |
 * | `/v1/query/models` | (model, version, variant) with first/last seen and counts |
 * | `/v1/query/feedback` | thumbs up/down, corrections, escalations and their rates |
 * | `/v1/query/scores` | judge and human score count/mean/min/max per (name, source) |
 * | `/v1/query/distributions?bins=20` | input length histogram, predicted labels, score and value histograms |
 * | `/v1/query/quality?limit=&positiveLabel=` | accuracy, macro F1, ROC-AUC; MAE, RMSE, R² from joined outcomes |
 * | `/v1/query/slices?minCount=50&limit=20` | segment slices ranked by degradation against the window |
 * | `/v1/query/samples?kind=recent\|errors\|lowest_score&score=&limit=50` | sample events, newest (or lowest score) first |
 * | `/v1/query/samples?kind=ood&limit=&sample=5000&minScore=0.5` | the most out-of-distribution of the window's recent events against their version's baseline, with the features that made them so (docs/MONITORING.md) |
 * | `/v1/query/feature-distribution?feature=&bins=20&sample=5000` | one feature of the window's recent events binned next to the model version's baseline |
 * | `/v1/query/event/:requestId` | one event with its outcome, feedback and scores |
 *
 * Every route takes `from` and `to` (epoch ms or ISO-8601 with a zone; default the last 24 h),
 * `model`, `version`, `variant`, `experiment` and `segment.<key>=<value>`. Undefined statistics
 * (NaN) are sent as `null`. A bad parameter answers 400 `{ error: 'invalid', message, field }`
 * naming it; an unknown request id 404.
 */
export async function registerQueryRoutes(app: FastifyInstance, options: QueryRoutesOptions): Promise<void> {
  const { query } = options;
  const projectIdOf = options.projectIdOf ?? projectOf;
  const authorize = options.authorize ?? requireScope('read');
  const now = options.now ?? Date.now;

  const filterOf = (request: FastifyRequest): EventFilter => {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const plain: Record<string, unknown> = {};
    const segment: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k.startsWith('segment.')) {
        const key = k.slice('segment.'.length);
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) || typeof v !== 'string') {
          throw new QueryServiceError(
            'invalid',
            `${k}: expected segment.<key>=<value> with a key of letters, digits and _`,
            k,
          );
        }
        segment[key] = v;
      } else plain[k] = v;
    }
    const f = parse(FilterQuery.passthrough(), plain);
    const to = f.to ?? now();
    const from = f.from ?? to - DAY_MS;
    if (from > to)
      throw new QueryServiceError('invalid', `from: expected a time before to (got ${from} > ${to})`, 'from');
    return {
      projectId: projectIdOf(request),
      from,
      to,
      ...(f.model === undefined ? {} : { model: f.model }),
      ...(f.version === undefined ? {} : { version: f.version }),
      ...(f.variant === undefined ? {} : { variant: f.variant }),
      ...(f.experiment === undefined ? {} : { experiment: f.experiment }),
      ...(Object.keys(segment).length === 0 ? {} : { segment }),
    };
  };
  const extra = <T extends z.ZodType>(schema: T, request: FastifyRequest): z.output<T> => {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const keys = Object.keys((schema as unknown as z.ZodObject).shape);
    return parse(schema, Object.fromEntries(Object.entries(raw).filter(([k]) => keys.includes(k))));
  };

  await app.register(async (scope) => {
    scope.setErrorHandler(queryErrorHandler);
    const opts = { preHandler: authorize };
    scope.get('/v1/query/overview', opts, async (request) => {
      const filter = filterOf(request);
      return query.overview(filter, extra(RouteQuery.overview, request).bucket);
    });
    scope.get('/v1/query/errors', opts, async (request) => ({ errors: await query.errors(filterOf(request)) }));
    scope.get('/v1/query/models', opts, async (request) => ({ models: await query.models(filterOf(request)) }));
    scope.get('/v1/query/feedback', opts, async (request) => query.feedback(filterOf(request)));
    scope.get('/v1/query/scores', opts, async (request) => ({ scores: await query.scores(filterOf(request)) }));
    scope.get('/v1/query/distributions', opts, async (request) =>
      query.distributions(filterOf(request), extra(RouteQuery.distributions, request).bins),
    );
    scope.get('/v1/query/quality', opts, async (request) => {
      const q = extra(RouteQuery.quality, request);
      return query.quality(filterOf(request), {
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.positiveLabel === undefined ? {} : { positiveLabel: q.positiveLabel }),
      });
    });
    scope.get('/v1/query/slices', opts, async (request) => {
      const q = extra(RouteQuery.slices, request);
      return query.slices(filterOf(request), { minCount: q.minCount, limit: q.limit });
    });
    scope.get('/v1/query/samples', opts, async (request) => {
      const q = extra(RouteQuery.samples, request);
      if (q.kind === 'ood') {
        if (options.baselines === undefined) {
          throw new QueryServiceError('invalid', 'kind: ood needs baselines, which this server does not have', 'kind');
        }
        return options.baselines.oodSamples(filterOf(request), {
          limit: q.limit,
          ...(q.sample === undefined ? {} : { sample: q.sample }),
          ...(q.minScore === undefined ? {} : { minScore: q.minScore }),
        });
      }
      const samples = await query.samples(filterOf(request), {
        kind: q.kind as SampleKind,
        limit: q.limit,
        ...(q.score === undefined ? {} : { scoreName: q.score }),
      });
      return { samples };
    });
    const baselines = options.baselines;
    if (baselines !== undefined) {
      scope.get(
        '/v1/query/feature-distribution',
        {
          preHandler: authorize,
          config: {
            openapi: {
              summary:
                'One feature of the window’s recent events binned next to the model version’s baseline (?feature=&bins=20)',
              scope: 'read',
              tags: ['query'],
            },
          },
        },
        async (request) => {
          const q = extra(RouteQuery.featureDistribution, request);
          return baselines.featureDistribution(filterOf(request), {
            bins: q.bins,
            ...(q.feature === undefined ? {} : { feature: q.feature }),
            ...(q.sample === undefined ? {} : { sample: q.sample }),
          });
        },
      );
    }
    scope.get<{ Params: { requestId: string } }>('/v1/query/event/:requestId', opts, async (request) =>
      query.event(projectIdOf(request), request.params.requestId),
    );
  });
}

async function queryErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof QueryServiceError) {
    return reply.code(error.code === 'not_found' ? 404 : 400).send({
      error: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    });
  }
  throw error;
}
