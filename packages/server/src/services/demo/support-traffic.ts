import { type AssignmentExperiment, assignmentExperiment, assignVariant } from '@modelwatch/core/experiments';
import type { ErrorType, InferenceEventInput } from '../../domain/inference-event.js';
import { DEFAULT_PRICE_TABLE } from '../../domain/pricing.js';
import { costUsd } from '../tokens/cost-usd.js';
import { countTokens } from '../tokens/count-tokens.js';
import type { DelayedRecord, GeneratedRequest } from './demo-batch.js';
import { type DemoSegment, demoSegment } from './demo-segments.js';
import { affectsRegion, type IncidentEffects } from './incident-effects.js';
import { SeededRandom } from './seeded-random.js';
import { SUPPORT_INTENTS, supportConversation } from './support-conversation.js';

export const SUPPORT_MODEL = 'support-assistant';
export const SUPPORT_EXPERIMENT = 'prompt-v2';
/** The provider model behind the assistant, priced from the default price table. */
export const SUPPORT_PROVIDER_MODEL = 'gpt-4o-mini';
/** The judge model named as the scorer of faithfulness and helpfulness. */
export const SUPPORT_JUDGE = 'gpt-4.1';

const CONTEXT_WINDOW = 128_000;
/** Tokens of the system prompt of each variant (prompt-v2 is longer). */
const SYSTEM_PROMPT_TOKENS = { control: 420, treatment: 610 } as const;
/** Mean judge scores per variant: prompt-v2 is a little more helpful, as faithful. */
const QUALITY = {
  control: { faithfulness: 0.86, helpfulness: 0.7 },
  treatment: { faithfulness: 0.87, helpfulness: 0.77 },
  degraded: { faithfulness: 0.45, helpfulness: 0.4 },
} as const;
const SPREAD = 0.8;
const TOKEN_CACHE_SIZE = 10_000;

export interface SupportTrafficOptions {
  readonly seed: number;
  /** Multiplier of every delay (1 / speed). */
  readonly delayScale: number;
  /** Number of distinct users (experiment units). Default 2 000. */
  readonly users?: number;
  /** Probability a prompt carries synthetic personal data. Default 0.25. */
  readonly piiShare?: number;
}

interface User {
  readonly unitId: string;
  readonly segment: DemoSegment;
  readonly variant: 'control' | 'treatment';
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * The `support-assistant` service: an LLM answering customer questions, in an A/B experiment
 * (`prompt-v2`: control v7 with prompt v1 vs treatment v8 with prompt v2, assigned per user by
 * `assignVariant`). Token counts come from js-tiktoken, cost from the default price table,
 * latency grows with output tokens. Judge scores and thumbs follow later.
 */
export class SupportTraffic {
  private readonly users: readonly User[];
  readonly experiment: AssignmentExperiment;
  private readonly piiShare: number;
  private readonly tokenCache = new Map<string, number>();

  constructor(private readonly options: SupportTrafficOptions) {
    const rng = new SeededRandom(options.seed ^ 0xa55157);
    this.experiment = assignmentExperiment({
      key: SUPPORT_EXPERIMENT,
      seed: `${SUPPORT_EXPERIMENT}:${options.seed}`,
      variants: ['control', 'treatment'],
    });
    this.users = Array.from({ length: options.users ?? 2000 }, (_, i) => {
      const unitId = `user-${i}`;
      const variant = assignVariant(unitId, this.experiment).variant as 'control' | 'treatment';
      return { unitId, segment: demoSegment(rng), variant };
    });
    this.piiShare = options.piiShare ?? 0.25;
  }

  request(rng: SeededRandom, requestId: string, t: number, effects: IncidentEffects): GeneratedRequest {
    const user = rng.pick(this.users);
    const intent = rng.weighted(SUPPORT_INTENTS.map((i, k) => [i, [0.35, 0.3, 0.2, 0.15][k] as number] as const));
    const treatment = user.variant === 'treatment';
    const convo = supportConversation(rng, intent, treatment ? 'prompt-v2' : 'prompt-v1', this.piiShare);
    const contextTokens = Math.round(rng.logNormal(700, 0.5));
    const inputTokens = SYSTEM_PROMPT_TOKENS[user.variant] + contextTokens + this.tokensOf(convo.promptParts);
    const outputTokens = this.tokensOf(convo.responseParts);
    const timestamp = Math.floor(t);
    const base = {
      requestId,
      timestamp,
      model: SUPPORT_MODEL,
      version: treatment ? 'v8' : 'v7',
      variant: user.variant,
      experiment: SUPPORT_EXPERIMENT,
      unitId: user.unitId,
      segment: { ...user.segment, intent },
      inputs: { text: convo.prompt },
    } satisfies Partial<InferenceEventInput>;

    const error = this.drawError(rng, effects);
    if (error !== undefined) {
      const overflow = error === 'context_overflow';
      const latencyMs =
        error === 'timeout'
          ? 30_000
          : error === 'rate_limited'
            ? rng.logNormal(40, 0.3)
            : rng.logNormal(overflow ? 150 : 900, 0.4) * effects.latencyFactor;
      const event: InferenceEventInput = {
        ...base,
        tokens: { input: overflow ? CONTEXT_WINDOW + Math.round(rng.exponential(20_000)) : inputTokens },
        latencyMs: round(latencyMs, 1),
        status: 'error',
        errorType: error,
      };
      const later: DelayedRecord[] = [];
      if (rng.chance(0.1))
        later.push(this.escalation(rng, requestId, t, 'The assistant failed; customer asked for an agent.'));
      return { event, later };
    }

    // Time to first token, then generation at ~70–90 tokens/s: latency grows with output tokens.
    const latencyMs = (rng.logNormal(380, 0.3) + outputTokens * rng.logNormal(12.5, 0.15)) * effects.latencyFactor;
    const event: InferenceEventInput = {
      ...base,
      output: { text: convo.response },
      tokens: { input: inputTokens, output: outputTokens },
      latencyMs: round(latencyMs, 1),
      costUsd: costUsd({ inputTokens, outputTokens }, SUPPORT_PROVIDER_MODEL, DEFAULT_PRICE_TABLE),
    };

    const quality = affectsRegion(effects.qualityDropRegion, user.segment.region)
      ? QUALITY.degraded
      : QUALITY[user.variant];
    const faithfulness = rng.logitNormal(quality.faithfulness, SPREAD);
    const helpfulness = rng.logitNormal(quality.helpfulness, SPREAD);
    const later: DelayedRecord[] = [];
    if (rng.chance(0.4)) {
      const due = Math.floor(t + rng.between(5_000, 90_000) * this.options.delayScale) + 1;
      for (const [name, value] of [
        ['faithfulness', faithfulness],
        ['helpfulness', helpfulness],
      ] as const) {
        later.push({
          kind: 'score',
          record: { requestId, timestamp: due, name, value: round(value, 3), source: 'judge', scorer: SUPPORT_JUDGE },
        });
      }
    }
    if (rng.chance(0.12)) {
      const up = rng.chance(helpfulness);
      const due = Math.floor(t + rng.between(3_000, 120_000) * this.options.delayScale) + 1;
      const comment = !up && rng.chance(0.3) ? { comment: 'That did not answer my question.' } : {};
      later.push({
        kind: 'feedback',
        record: { kind: 'thumbs', requestId, timestamp: due, value: up ? 'up' : 'down', ...comment },
      });
    }
    if (rng.chance(0.01 + 0.08 * (1 - helpfulness))) {
      later.push(this.escalation(rng, requestId, t, 'Customer asked to talk to a human agent.'));
    }
    return { event, later };
  }

  /**
   * Tokens of a text as the sum of its sentences' counts (js-tiktoken, cached per sentence). The
   * tokenizer's pre-split also breaks at these sentence boundaries, so the sum equals the count of
   * the whole text but for rare merges across a boundary.
   */
  private tokensOf(parts: readonly string[]): number {
    let total = 0;
    for (const part of parts) {
      let n = this.tokenCache.get(part);
      if (n === undefined) {
        n = countTokens(part, SUPPORT_PROVIDER_MODEL).tokens;
        if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
        this.tokenCache.set(part, n);
      }
      total += n;
    }
    return total;
  }

  private drawError(rng: SeededRandom, effects: IncidentEffects): ErrorType | undefined {
    const rates: readonly (readonly [ErrorType, number])[] = effects.errorBurst
      ? [
          ['timeout', 0.12],
          ['upstream', 0.09],
          ['rate_limited', 0.04],
          ['context_overflow', 0.002],
        ]
      : [
          ['timeout', 0.004],
          ['upstream', 0.003],
          ['rate_limited', 0.005],
          ['context_overflow', 0.002],
        ];
    // The burst's rates sum to the subtle share; a clear-cut burst scales them to its share.
    const scale = effects.errorBurst ? effects.errorBurstShares.support / 0.252 : 1;
    let u = rng.uniform() / scale;
    for (const [type, p] of rates) {
      if (u < p) return type;
      u -= p;
    }
    return undefined;
  }

  private escalation(rng: SeededRandom, requestId: string, t: number, comment: string): DelayedRecord {
    const due = Math.floor(t + rng.between(10_000, 180_000) * this.options.delayScale) + 1;
    return { kind: 'feedback', record: { kind: 'escalation', requestId, timestamp: due, comment } };
  }
}
