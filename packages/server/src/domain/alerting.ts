import { z } from 'zod';
import { NameSchema } from './identifiers.js';

/** Document kinds the alert engine keeps in the store (one document per id, per project). */
export const ALERT_DOCUMENTS = {
  rule: 'alert_rule',
  channel: 'alert_channel',
  silence: 'alert_silence',
  maintenance: 'alert_maintenance',
  routing: 'alert_routing',
  alert: 'alert',
  group: 'alert_group',
  series: 'alert_series',
  notification: 'alert_notification',
  digest: 'alert_digest',
  sloState: 'slo_state',
} as const;

/** page: wake someone up; ticket: work hours; info: the daily digest. */
export const SEVERITIES = ['page', 'ticket', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Alert states (Prometheus's pending and firing, then resolved). */
export const ALERT_STATES = ['pending', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** An alert name: a Prometheus-style identifier such as `HighInferenceLatency`. */
export const AlertNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'expected a letter then letters, digits or _ (at most 100)');
const LabelNameSchema = z.string().regex(LABEL_NAME, 'expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)');
/** Extra labels of a rule (Prometheus label names, values up to 200 characters). */
export const LabelSetSchema = z.record(LabelNameSchema, z.string().max(200, 'expected at most 200 characters'));
export type LabelSet = Readonly<Record<string, string>>;

const ms = (what: string) =>
  z
    .number()
    .int(`expected whole milliseconds (${what})`)
    .nonnegative(`expected milliseconds ≥ 0 (${what})`)
    .max(400 * 24 * 3_600_000, `expected at most 400 days of milliseconds (${what})`);
const positiveMs = (what: string) => ms(what).refine((x) => x > 0, `expected milliseconds > 0 (${what})`);

/**
 * A monitor name as the evaluator emits it (`sli.error_rate`, `quality.accuracy`, `drift.share`,
 * `drift.feature.<name>`), or a pattern ending in `*` (`drift.feature.*`) that matches every
 * monitor with that prefix; the matched suffix becomes the `feature` label for `drift.feature.*`.
 */
export const MonitorPatternSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*\*?$/,
    'expected a monitor name, optionally ending in * (e.g. drift.feature.*)',
  )
  .max(200, 'expected at most 200 characters');

/**
 * Which segments a rule watches: `overall` (the whole model, the default), `each` (every segment
 * separately, one alert per segment) or one segment `{ equals: "region=eu" }`.
 */
export const SegmentSelectorSchema = z.union([
  z.literal('overall'),
  z.literal('each'),
  z.object({ equals: z.string().min(1, 'expected a non-empty segment') }).strict(),
]);
export type SegmentSelector = z.output<typeof SegmentSelectorSchema>;

/** What the rule does when one of its alerts starts firing (each leaves an audit record). */
export const AlertActionSchema = z.discriminatedUnion('type', [
  /** Rolls the canary back: aborts `rolloutId`, or every active rollout of the project. */
  z.object({ type: z.literal('rollback_canary'), rolloutId: NameSchema.optional() }).strict(),
  /** Pauses the rollout `rolloutId`, or every active rollout of the project. */
  z.object({ type: z.literal('pause_rollout'), rolloutId: NameSchema.optional() }).strict(),
  /** Stops experiment `experimentId`. */
  z.object({ type: z.literal('pause_experiment'), experimentId: NameSchema }).strict(),
]);
export type AlertAction = z.output<typeof AlertActionSchema>;

const ruleCommon = {
  /** Stable id of the rule (document id). */
  id: NameSchema,
  /** The `alertname` label, e.g. `HighInferenceLatency`. */
  name: AlertNameSchema,
  severity: z.enum(SEVERITIES).default('ticket'),
  labels: LabelSetSchema.default({}),
  /** `summary` and `description` may use `{{value}}`, `{{model}}`, `{{version}}`, `{{segment}}`, `{{feature}}`. */
  annotations: z
    .object({
      summary: z.string().min(1).max(500),
      description: z.string().max(2000).optional(),
      /** Default: `docs/runbooks.md#<lower-case name>`. */
      runbookUrl: z.string().max(500).optional(),
    })
    .strict(),
  /** Only this model (default: every model). */
  model: NameSchema.optional(),
  /** Only this version (default: every version). */
  version: NameSchema.optional(),
  /** How long the condition must hold before the alert fires (Prometheus `for`). */
  forMs: ms('forMs').default(0),
  /**
   * How long a firing alert keeps firing after its condition stopped holding (Prometheus
   * `keep_firing_for`, default 0): a value that flaps around the threshold does not resolve and
   * re-fire the alert.
   */
  keepFiringForMs: ms('keepFiringForMs').default(0),
  enabled: z.boolean().default(true),
  actions: z.array(AlertActionSchema).max(10).default([]),
};

const COMPARATORS = ['>', '>=', '<', '<='] as const;

/** Fires while a monitor value crosses `threshold`. */
export const ThresholdRuleSchema = z
  .object({
    ...ruleCommon,
    type: z.literal('threshold'),
    monitor: MonitorPatternSchema,
    op: z.enum(COMPARATORS),
    threshold: z.number().refine(Number.isFinite, 'expected a finite number'),
    segment: SegmentSelectorSchema.default('overall'),
  })
  .strict();

/**
 * Fires while a monitor value deviates from its reference: the value's `details.baseline` when the
 * evaluator reports one, else the previous value of the same series (`relative`: |v − b| / |b|),
 * or the mean and standard deviation of the series' last `historySize` values (`sd`:
 * |v − mean| / sd, `details.baseline` and `details.baselineSd` when reported).
 */
export const DeviationRuleSchema = z
  .object({
    ...ruleCommon,
    type: z.literal('deviation'),
    monitor: MonitorPatternSchema,
    mode: z.enum(['relative', 'sd']),
    /** Relative change (0.2 = 20 %) or number of standard deviations. */
    threshold: z.number().positive('expected a threshold > 0'),
    direction: z.enum(['up', 'down', 'both']).default('both'),
    /** Values kept per series for `sd` (default 12). */
    historySize: z.number().int().min(3, 'expected at least 3').max(1000).default(12),
    segment: SegmentSelectorSchema.default('overall'),
  })
  .strict();

/**
 * A dead man's switch: fires for a model that sent events within `lookbackMs` but none in the last
 * `absentForMs` (seed 000: "monitor your monitoring"). With `model` set, also fires when that model
 * has sent nothing at all within the lookback.
 */
export const AbsenceRuleSchema = z
  .object({
    ...ruleCommon,
    type: z.literal('absence'),
    absentForMs: positiveMs('absentForMs'),
    lookbackMs: positiveMs('lookbackMs').default(24 * 3_600_000),
  })
  .strict();

/** An alert rule (store document kind `alert_rule`). */
export const AlertRuleSchema = z.discriminatedUnion('type', [
  ThresholdRuleSchema,
  DeviationRuleSchema,
  AbsenceRuleSchema,
]);
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;
export type AlertRule = z.output<typeof AlertRuleSchema>;

/**
 * A label matcher as Alertmanager's API v2 writes it: `isRegex` matches the whole value
 * (anchored), `isEqual: false` negates.
 */
export const LabelMatcherSchema = z
  .object({
    name: LabelNameSchema,
    value: z.string().max(500),
    isRegex: z.boolean().default(false),
    isEqual: z.boolean().default(true),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (!m.isRegex) return;
    try {
      new RegExp(`^(?:${m.value})$`);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected a valid regular expression (${String(err)})`,
      });
    }
  });
export type LabelMatcher = z.output<typeof LabelMatcherSchema>;

/** A silence (document kind `alert_silence`): matching alerts are not notified in [startsAt, endsAt). */
export const SilenceSchema = z
  .object({
    id: NameSchema,
    matchers: z.array(LabelMatcherSchema).min(1, 'expected at least one matcher').max(20),
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().nonnegative(),
    createdBy: z.string().min(1).max(200),
    comment: z.string().max(1000).default(''),
  })
  .strict()
  .refine((s) => s.endsAt > s.startsAt, { message: 'expected endsAt > startsAt', path: ['endsAt'] });
export type Silence = z.output<typeof SilenceSchema>;

/**
 * A suppression (maintenance) window, document kind `alert_maintenance`, like Alertmanager's
 * `time_intervals`: one-off [startsAt, endsAt) and/or weekly (UTC days 0 = Sunday … 6, `start`
 * "HH:MM" UTC, `durationMinutes`). Matching alerts are neither notified nor acted upon.
 */
export const MaintenanceWindowSchema = z
  .object({
    id: NameSchema,
    matchers: z.array(LabelMatcherSchema).max(20).default([]),
    startsAt: z.number().int().nonnegative().optional(),
    endsAt: z.number().int().nonnegative().optional(),
    weekly: z
      .object({
        days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)'),
        durationMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60),
      })
      .strict()
      .optional(),
    comment: z.string().max(1000).default(''),
  })
  .strict()
  .refine((w) => w.weekly !== undefined || (w.startsAt !== undefined && w.endsAt !== undefined), {
    message: 'expected startsAt and endsAt, or weekly',
    path: ['startsAt'],
  })
  .refine((w) => w.startsAt === undefined || w.endsAt === undefined || w.endsAt > w.startsAt, {
    message: 'expected endsAt > startsAt',
    path: ['endsAt'],
  });
export type MaintenanceWindow = z.output<typeof MaintenanceWindowSchema>;

/** Alertmanager's inhibit rule: a firing source alert mutes target alerts with equal `equal` labels. */
export const InhibitRuleSchema = z
  .object({
    sourceMatchers: z.array(LabelMatcherSchema).min(1).max(20),
    targetMatchers: z.array(LabelMatcherSchema).min(1).max(20),
    equal: z.array(LabelNameSchema).max(20).default([]),
  })
  .strict();
export type InhibitRule = z.output<typeof InhibitRuleSchema>;

/**
 * Grouping, inhibition and the digest of a project (document kind `alert_routing`, id `default`),
 * with Alertmanager's defaults where it has them (group_wait 30 s, group_interval 5 min,
 * repeat_interval 4 h).
 */
export const AlertRoutingSchema = z
  .object({
    groupBy: z.array(LabelNameSchema).max(20).default(['alertname', 'model']),
    groupWaitMs: ms('groupWaitMs').default(30_000),
    groupIntervalMs: ms('groupIntervalMs').default(300_000),
    repeatIntervalMs: positiveMs('repeatIntervalMs').default(4 * 3_600_000),
    inhibitRules: z
      .array(InhibitRuleSchema)
      .max(50)
      .default([
        {
          sourceMatchers: [{ name: 'alertname', value: 'ModelSilent|ModelDown', isRegex: true, isEqual: true }],
          targetMatchers: [
            {
              name: 'alertname',
              value: 'HighInferenceLatency|ModelQualityDegraded|InputDriftDetected',
              isRegex: true,
              isEqual: true,
            },
          ],
          equal: ['project', 'model'],
        },
      ]),
    /** Alerts of these severities go out once a day, at `hourUtc`, to channels with `digest: true`. */
    digest: z
      .object({
        severities: z.array(z.enum(SEVERITIES)).default(['ticket', 'info']),
        hourUtc: z.number().int().min(0).max(23).default(9),
      })
      .strict()
      .default({ severities: ['ticket', 'info'], hourUtc: 9 }),
    /** Resolved alerts are kept (listable, in the digest) this long (default 7 days). */
    resolvedRetentionMs: positiveMs('resolvedRetentionMs').default(7 * 24 * 3_600_000),
    /** A signal alert whose series has reported nothing for this long resolves (default 15 min). */
    staleAfterMs: positiveMs('staleAfterMs').default(15 * 60_000),
    /** The base of `generatorURL` (the dashboard's address). */
    externalUrl: z.string().max(500).default('http://localhost:8080'),
  })
  .strict();
export type AlertRouting = z.output<typeof AlertRoutingSchema>;

const retry = {
  /** Attempts per notification, the first included (default 5). */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  /** First backoff in ms; attempt n waits a uniform random time in [0, min(maxDelayMs, base·2^(n−1))]. */
  baseDelayMs: z.number().int().min(0).max(600_000).default(500),
  maxDelayMs: z.number().int().min(0).max(3_600_000).default(30_000),
  /** Per attempt. */
  timeoutMs: z.number().int().min(1).max(120_000).default(10_000),
};
const channelCommon = {
  id: NameSchema,
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  /** Severities this channel receives (default all). */
  severities: z
    .array(z.enum(SEVERITIES))
    .min(1)
    .default([...SEVERITIES]),
  /** Only alerts matching every matcher (default: all). */
  matchers: z.array(LabelMatcherSchema).max(20).default([]),
  /** Low-priority severities (routing.digest) go out in the daily digest instead of one by one. */
  digest: z.boolean().default(true),
  /** Overrides of the project's grouping for this channel. */
  groupBy: z.array(LabelNameSchema).max(20).optional(),
  groupWaitMs: ms('groupWaitMs').optional(),
  groupIntervalMs: ms('groupIntervalMs').optional(),
  repeatIntervalMs: positiveMs('repeatIntervalMs').optional(),
  enabled: z.boolean().default(true),
  ...retry,
};

/** A notification channel (document kind `alert_channel`). */
export const AlertChannelSchema = z.discriminatedUnion('type', [
  /** JSON body signed `X-Modelwatch-Signature: sha256=<hex HMAC(secret, timestamp + "." + body)>`. */
  z
    .object({
      ...channelCommon,
      type: z.literal('webhook'),
      secret: z.string().min(16, 'expected a secret of at least 16 characters').max(500),
    })
    .strict(),
  /** Slack incoming-webhook body `{ text, blocks }`. */
  z.object({ ...channelCommon, type: z.literal('slack') }).strict(),
  /**
   * Alertmanager's `POST /api/v2/alerts` at `url` (its base address). Alertmanager groups, routes
   * and repeats by itself, so this channel resends its firing alerts every minute with `endsAt`
   * four minutes ahead (as Prometheus does) and never uses the digest.
   */
  z.object({ ...channelCommon, type: z.literal('alertmanager') }).strict(),
]);
export type AlertChannelInput = z.input<typeof AlertChannelSchema>;
export type AlertChannel = z.output<typeof AlertChannelSchema>;
export type ChannelType = AlertChannel['type'];

/** One alert (document kind `alert`, id = its fingerprint). */
export const AlertRecordSchema = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  state: z.enum(ALERT_STATES),
  /** When the condition started to hold in the current episode. */
  activeAt: z.number(),
  firedAt: z.number().optional(),
  resolvedAt: z.number().optional(),
  /** A firing alert whose condition stopped holding at this time and that keeps firing (keepFiringForMs). */
  keepFiringSince: z.number().optional(),
  /** The last time the condition was seen, true or false. */
  lastEvaluatedAt: z.number(),
  /** The value behind the condition at `lastEvaluatedAt`. */
  value: z.number().nullable(),
  /** Episodes so far (each pending → firing → resolved counts once it fires). */
  episodes: z.number().int().nonnegative(),
});
export type AlertRecord = z.output<typeof AlertRecordSchema>;

/** Outcome of a notification after its retries. */
export const NOTIFICATION_STATUSES = ['sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One notification attempt series (document kind `alert_notification`). */
export const NotificationRecordSchema = z.object({
  id: z.string(),
  at: z.number(),
  channelId: z.string(),
  channelType: z.string(),
  kind: z.enum(['group', 'digest']),
  groupKey: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int().positive(),
  /** The last error (failed), or the error of a retried attempt (sent after a retry). */
  error: z.string().optional(),
  firing: z.array(z.string()),
  resolved: z.array(z.string()),
});
export type NotificationRecord = z.output<typeof NotificationRecordSchema>;
