import { JUDGE_RUBRICS, type JudgePromptInput, type JudgeRubric } from '@modelwatch/core/metrics';
import type { TokenUsage } from '../../domain/pricing.js';
import { createJudgeCache } from '../judge/judge-cache.js';
import { runJudge } from '../judge/run-judge.js';
import { AnthropicChatClient, type ChatProvider, OpenAiChatClient } from '../providers/index.js';
import type { ExampleJudgement } from './eval-run.js';
import { EvalRunError } from './eval-run-error.js';
import { priceTableFor } from './generation-answers.js';
import { type JudgeSuite, rubricName } from './generation-suite.js';

/** Progress of the judge over every (example, rubric) pair. */
export interface JudgeRunProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

/** The judge's verdicts per example (index into the judged items) and rubric, with totals. */
export interface GenerationJudgement {
  readonly provider: string;
  readonly model: string;
  /** For each item: rubric name → verdict. */
  readonly verdicts: readonly Readonly<Record<string, ExampleJudgement>>[];
  readonly cacheHits: number;
  readonly usage: TokenUsage;
  readonly costUsd?: number;
}

/** One item to judge: the input, the model's output, and the reference and context when the suite has them. */
export type JudgeItem = JudgePromptInput;

/** The chat client of the suite's judge. */
export function judgeClient(judge: JudgeSuite, env: Readonly<Record<string, string | undefined>>): ChatProvider {
  const apiKey = judge.apiKeyEnv === undefined ? undefined : env[judge.apiKeyEnv];
  if (judge.apiKeyEnv !== undefined && (apiKey === undefined || apiKey === '')) {
    throw new EvalRunError(
      'invalid',
      `judge.apiKeyEnv: the environment variable ${judge.apiKeyEnv} is not set`,
      'judge.apiKeyEnv',
    );
  }
  const options = {
    ...(judge.baseUrl === undefined ? {} : { baseUrl: judge.baseUrl }),
    ...(apiKey === undefined ? {} : { apiKey }),
    concurrency: judge.concurrency,
    maxRetries: judge.maxRetries,
    timeoutMs: judge.timeoutMs,
  };
  return judge.provider === 'anthropic' ? new AnthropicChatClient(options) : new OpenAiChatClient(options);
}

/**
 * Judges every item under each of the suite's rubrics with the judge runner (the core's anchored
 * 1–5 prompt; an unparseable answer re-asked once, then recorded as a failure, never scored;
 * provider errors recorded per item), answers cached under `cacheDir` when given. Tokens and
 * dollars are summed over every call; the price is the suite's `price` or the built-in table's.
 * @throws {EvalRunError} `invalid` when a rubric needs a reference or context the suite lacks.
 */
export async function judgeGenerations(
  items: readonly JudgeItem[],
  judge: JudgeSuite,
  provider: ChatProvider,
  available: { readonly reference: boolean; readonly context: boolean },
  cacheDir: string | undefined,
  onProgress?: (p: JudgeRunProgress) => void,
): Promise<GenerationJudgement> {
  for (const [i, r] of judge.rubrics.entries()) {
    const requires = typeof r === 'string' ? JUDGE_RUBRICS[r].requires : r.requires;
    for (const need of requires) {
      if (!available[need]) {
        throw new EvalRunError(
          'invalid',
          `judge.rubrics.${i}: rubric ${rubricName(r)} needs a ${need} column (set ${need}: in the suite)`,
          `judge.rubrics.${i}`,
        );
      }
    }
  }
  const cache = judge.cache && cacheDir !== undefined ? createJudgeCache({ directory: cacheDir }) : undefined;
  const priceTable = priceTableFor(judge.model, judge.price);
  const verdicts: Record<string, ExampleJudgement>[] = items.map(() => ({}));
  const total = items.length * judge.rubrics.length;
  let doneBefore = 0;
  let failedBefore = 0;
  let cacheHits = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let cost: number | undefined = 0;
  for (const r of judge.rubrics) {
    const name = rubricName(r);
    const result = await runJudge(items, {
      rubric: typeof r === 'string' ? r : (r as unknown as JudgeRubric),
      provider,
      model: judge.model,
      concurrency: judge.concurrency,
      priceTable,
      ...(cache === undefined ? {} : { cache }),
      onProgress: (p) => onProgress?.({ done: doneBefore + p.done, total, failed: failedBefore + p.failed }),
    });
    doneBefore += items.length;
    failedBefore += result.failed;
    cacheHits += result.cacheHits;
    inputTokens += result.usage.inputTokens;
    outputTokens += result.usage.outputTokens;
    cost = result.costUsd === undefined || cost === undefined ? undefined : cost + result.costUsd;
    for (const o of result.outcomes) {
      (verdicts[o.index] as Record<string, ExampleJudgement>)[name] =
        o.status === 'judged'
          ? {
              score: o.verdict.score,
              rationale: o.verdict.reasoning,
              issues: o.verdict.issues,
              asks: o.asks,
              cached: o.cached,
            }
          : { error: o.message, reason: o.reason, asks: o.asks };
    }
  }
  return {
    provider: provider.name,
    model: judge.model,
    verdicts,
    cacheHits,
    usage: { inputTokens, outputTokens },
    ...(cost === undefined ? {} : { costUsd: cost }),
  };
}
