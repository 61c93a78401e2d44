import { writeFile } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option, type OutputConfiguration } from 'commander';
import {
  EVAL_TASKS,
  EvalInputError,
  type EvalOptions,
  EvalUsageError,
  evalHtmlReport,
  evalJson,
  evalTextReport,
  JUDGE_PROVIDERS,
  JUDGE_RUBRIC_NAMES,
  type JudgeEvalProgress,
  type JudgeProviderName,
  type JudgeSettings,
  runEval,
} from '../services/eval/index.js';
import { evalExitCode } from './eval-exit-code.js';

export { evalExitCode };

/** What the eval command needs from its surroundings; tests inject their own. */
export interface EvalCommandIo {
  /** Where the judge progress bar is drawn (default process.stderr); drawn only when it is a TTY. */
  readonly progressStream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Where API keys are read from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface EvalCliOptions {
  task: (typeof EVAL_TASKS)[number];
  label?: string;
  prediction?: string;
  score?: string;
  scoreColumns?: string[];
  labels?: string[];
  posLabel?: string;
  threshold?: number;
  calibrationBins?: number;
  query?: string;
  relevance?: string;
  k?: number;
  reference?: string;
  output?: string;
  prompt?: string;
  context?: string;
  slice?: string[];
  sliceMode?: 'each' | 'cross';
  minSliceSize?: number;
  ci?: boolean;
  seed: number;
  resamples: number;
  confidenceLevel: number;
  judge?: JudgeProviderName;
  judgeModel?: string;
  judgeBaseUrl?: string;
  rubric: string[];
  concurrency: number;
  progress: boolean;
  json?: string;
  html?: string;
}

const API_KEY_ENV: Readonly<Record<JudgeProviderName, string>> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
};

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected an integer >= ${min} (got ${JSON.stringify(value)})`);
    }
    return n;
  };
}

function openUnitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n > 0 && n < 1)) {
    throw new InvalidArgumentError(`expected a number between 0 and 1, exclusive (got ${JSON.stringify(value)})`);
  }
  return n;
}

function threshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new InvalidArgumentError(`expected a number (got ${JSON.stringify(value)})`);
  }
  return n;
}

function list(value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new InvalidArgumentError(
      `expected a comma-separated list without empty items (got ${JSON.stringify(value)})`,
    );
  }
  return items;
}

function rubrics(value: string): string[] {
  const names = list(value);
  const unknown = names.filter((n) => !(JUDGE_RUBRIC_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown rubric ${unknown.map((u) => JSON.stringify(u)).join(', ')}; choose from ${JUDGE_RUBRIC_NAMES.join(', ')}`,
    );
  }
  return names;
}

function evalOptions(opts: EvalCliOptions, env: Readonly<Record<string, string | undefined>>): EvalOptions {
  if (opts.judge === undefined && (opts.judgeModel !== undefined || opts.judgeBaseUrl !== undefined)) {
    throw new EvalUsageError('--judge-model and --judge-base-url need --judge anthropic|openai');
  }
  let judge: JudgeSettings | undefined;
  if (opts.judge !== undefined) {
    if (opts.judgeModel === undefined) throw new EvalUsageError('--judge needs --judge-model <model>');
    const variable = API_KEY_ENV[opts.judge];
    const apiKey = env[variable];
    if ((apiKey === undefined || apiKey === '') && opts.judgeBaseUrl === undefined) {
      throw new EvalUsageError(`--judge ${opts.judge} needs the API key in the ${variable} environment variable`);
    }
    judge = {
      provider: opts.judge,
      model: opts.judgeModel,
      rubrics: opts.rubric as JudgeSettings['rubrics'],
      concurrency: opts.concurrency,
      ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
      ...(opts.judgeBaseUrl === undefined ? {} : { baseUrl: opts.judgeBaseUrl }),
    };
  }
  return {
    task: opts.task,
    label: opts.label,
    prediction: opts.prediction,
    score: opts.score,
    scoreColumns: opts.scoreColumns,
    labels: opts.labels,
    posLabel: opts.posLabel,
    threshold: opts.threshold,
    calibrationBins: opts.calibrationBins,
    query: opts.query,
    relevance: opts.relevance,
    k: opts.k,
    reference: opts.reference,
    output: opts.output,
    prompt: opts.prompt,
    context: opts.context,
    slice: opts.slice,
    sliceMode: opts.sliceMode,
    minSliceSize: opts.minSliceSize,
    ci: opts.ci ? { nResamples: opts.resamples, confidenceLevel: opts.confidenceLevel, seed: opts.seed } : undefined,
    judge,
  };
}

/** A progress bar of the judge run (done/total, ETA, failures, dollars so far), or undefined when not wanted. */
function judgeProgressBar(
  stream: NodeJS.WritableStream & { readonly isTTY?: boolean },
  enabled: boolean,
): { update(p: JudgeEvalProgress): void; stop(): void } | undefined {
  if (!enabled || stream.isTTY !== true) return undefined;
  const bar = new SingleBar(
    {
      stream,
      format: 'judging |{bar}| {value}/{total} items | ETA {eta_formatted} | failed {failed} | cost {cost}',
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { failed: p.failed, cost: p.costUsd === undefined ? 'n/a' : `$${p.costUsd.toFixed(4)}` };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else {
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function writeOutput(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw new EvalInputError(`cannot write ${flag} ${path}: ${(err as Error).message}`);
  }
}

/**
 * `modelwatch eval <file> --task …`: evaluates predictions in a CSV, Parquet or JSON-lines file
 * and prints the report (aligned text, or JSON with `--json -`), optionally writing the full JSON
 * and a self-contained HTML report. Exit codes: 0 ok, 1 bad input, 2 usage error.
 */
export function evalCommand(out: (text: string) => void, io: EvalCommandIo = {}): Command {
  const command = new Command('eval');
  command
    .description(
      'evaluate predictions in a CSV, Parquet or JSONL file (classification, regression, ranking, generation)',
    )
    .argument('<file>', 'data file: .csv, .tsv, .parquet, .jsonl, .ndjson or .json')
    .addOption(new Option('--task <task>', 'what the predictions are').choices(EVAL_TASKS).makeOptionMandatory())
    .option('--label <column>', 'true label / target column (default: label, y_true or target)')
    .option('--prediction <column>', 'predicted label / value column (default: prediction, y_pred or predicted)')
    .option('--score <column>', 'binary: positive-class probability; ranking: item score (default: score, prob, …)')
    .option('--score-columns <columns>', 'multiclass: one probability column per class, comma separated', list)
    .option('--labels <labels>', 'class order of the report and of --score-columns, comma separated', list)
    .option('--pos-label <label>', 'binary: the positive class (default: the larger label)')
    .option(
      '--threshold <p>',
      'binary without a prediction column: predict positive when score >= p (default 0.5)',
      threshold,
    )
    .option('--calibration-bins <n>', 'bins of the calibration curve (default 10)', integer(1))
    .option('--query <column>', 'ranking: query id column (default: query, query_id or qid)')
    .option('--relevance <column>', 'ranking: graded relevance column (default: relevance, label or y_true)')
    .option('--k <k>', 'ranking: cut-off of the @k metrics, NDCG and DCG (default: whole lists)', integer(1))
    .option(
      '--reference <column>',
      'generation: reference text column, a text or a list of texts (default: reference, …)',
    )
    .option(
      '--output <column>',
      'generation: model output column (default: output, prediction, response or completion)',
    )
    .option('--prompt <column>', 'generation: prompt column (default: prompt, input or question; needed by --judge)')
    .option('--context <column>', 'generation: grounding context column (default: context)')
    .option('--slice <columns>', 'per-slice tables by these columns, comma separated', list)
    .addOption(
      new Option('--slice-mode <mode>', 'one slice per value of each column, or per combination').choices([
        'each',
        'cross',
      ]),
    )
    .option('--min-slice-size <n>', 'smaller slices are listed but not evaluated (default 30)', integer(1))
    .option('--ci', 'bootstrap confidence intervals of the headline metrics and slices')
    .option('--seed <n>', 'seed of the bootstrap', integer(0), 0)
    .option('--resamples <n>', 'bootstrap resamples', integer(2), 1000)
    .option('--confidence-level <p>', 'confidence level of the intervals', openUnitInterval, 0.95)
    .addOption(new Option('--judge <provider>', 'generation: score outputs with an LLM judge').choices(JUDGE_PROVIDERS))
    .option('--judge-model <model>', 'the judge model, e.g. gpt-4o-mini or claude-sonnet-4')
    .option('--judge-base-url <url>', 'API root of an OpenAI- or Anthropic-compatible server (with /v1)')
    .option('--rubric <names>', `judge rubrics, comma separated: ${JUDGE_RUBRIC_NAMES.join(', ')}`, rubrics, [
      'helpfulness',
    ])
    .option('--concurrency <n>', 'judge calls in flight', integer(1), 4)
    .option('--no-progress', 'no progress bar on stderr')
    .option('--json <path>', 'write the full result as JSON ("-": print it instead of the table)')
    .option('--html <path>', 'write a self-contained HTML report')
    .exitOverride((err) => {
      process.exit(evalExitCode(err));
    })
    .action(async function (this: Command, file: string, opts: EvalCliOptions) {
      const stderr =
        (this.configureOutput() as OutputConfiguration).writeErr ?? ((t: string) => process.stderr.write(t));
      let bar: ReturnType<typeof judgeProgressBar>;
      try {
        const options = evalOptions(opts, io.env ?? process.env);
        bar = judgeProgressBar(io.progressStream ?? process.stderr, opts.progress);
        const result = await runEval(
          file,
          options,
          bar === undefined ? {} : { onJudgeProgress: (p) => bar?.update(p) },
        );
        bar?.stop();
        bar = undefined;
        const json = evalJson(result);
        out(opts.json === '-' ? json : evalTextReport(result));
        if (opts.json !== undefined && opts.json !== '-') {
          await writeOutput(opts.json, json, '--json');
          stderr(`wrote ${opts.json}\n`);
        }
        if (opts.html !== undefined) {
          await writeOutput(opts.html, evalHtmlReport(result), '--html');
          stderr(`wrote ${opts.html}\n`);
        }
      } catch (err) {
        if (err instanceof EvalUsageError)
          this.error(`error: ${err.message}`, { exitCode: 2, code: 'modelwatch.usage' });
        if (err instanceof EvalInputError)
          this.error(`error: ${err.message}`, { exitCode: 1, code: 'modelwatch.input' });
        throw err;
      } finally {
        bar?.stop();
      }
    });
  return command;
}
