import { chrf, corpusBleu, exactMatch, rougeScoresMulti, sentenceBleu, squadF1 } from '@modelwatch/core/metrics';

/** A text metric of a generation run: a per-example score whose mean is the metric, or a corpus statistic. */
export interface TextMetric {
  readonly name: string;
  readonly higherIsBetter: true;
  readonly unitInterval: true;
  /** What it matches, for docs and reports. */
  readonly reference: string;
}

/**
 * The text metrics of a generation run, by the names gates use. Every one but `bleu` is the mean
 * of a per-example score (stored with each example, so comparisons pair them); `bleu` is nltk's
 * corpus BLEU-4 without smoothing, recomputed from the texts on each resample.
 */
export const TEXT_METRICS: readonly TextMetric[] = [
  { name: 'bleu', higherIsBetter: true, unitInterval: true, reference: 'nltk corpus_bleu (BLEU-4, no smoothing)' },
  {
    name: 'sentence_bleu',
    higherIsBetter: true,
    unitInterval: true,
    reference: 'mean nltk sentence_bleu, SmoothingFunction().method4',
  },
  { name: 'rouge1', higherIsBetter: true, unitInterval: true, reference: 'rouge-score ROUGE-1 F, Porter stemmer' },
  { name: 'rouge2', higherIsBetter: true, unitInterval: true, reference: 'rouge-score ROUGE-2 F, Porter stemmer' },
  { name: 'rouge_l', higherIsBetter: true, unitInterval: true, reference: 'rouge-score ROUGE-L F, Porter stemmer' },
  {
    name: 'rouge_lsum',
    higherIsBetter: true,
    unitInterval: true,
    reference: 'rouge-score ROUGE-Lsum F, Porter stemmer',
  },
  { name: 'chrf', higherIsBetter: true, unitInterval: true, reference: 'nltk corpus_chrf (β 2, mean of sentences)' },
  { name: 'exact_match', higherIsBetter: true, unitInterval: true, reference: 'output equals a reference' },
  { name: 'f1', higherIsBetter: true, unitInterval: true, reference: 'SQuAD token F1, best reference' },
];

/** Per-example text metrics (every text metric but the corpus-level `bleu`). */
export const PER_EXAMPLE_TEXT_METRICS: readonly string[] = TEXT_METRICS.map((m) => m.name).filter((n) => n !== 'bleu');

/**
 * The per-example scores of one output against its references: sentence BLEU (method4), ROUGE F
 * (stemmed; best over references), chrF against the first reference, exact match, SQuAD F1.
 */
export function exampleTextScores(references: readonly string[], output: string): Record<string, number> {
  const rouge = rougeScoresMulti(references, output, {
    useStemmer: true,
    rougeTypes: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'],
  });
  return {
    sentence_bleu: sentenceBleu(references, output, { smoothing: 'method4' }).score,
    rouge1: rouge.rouge1.fmeasure,
    rouge2: rouge.rouge2.fmeasure,
    rouge_l: rouge.rougeL.fmeasure,
    rouge_lsum: rouge.rougeLsum.fmeasure,
    chrf: chrf(references[0] as string, output).score,
    exact_match: exactMatch(output, references),
    f1: squadF1(output, references),
  };
}

/** nltk corpus BLEU of the examples `rows` (outputs and references split on whitespace). */
export function corpusBleuOf(
  references: readonly (readonly string[])[],
  outputs: readonly string[],
  rows: ArrayLike<number>,
): number {
  const refs = Array.from(rows, (i) => references[i] as readonly string[]);
  const outs = Array.from(rows, (i) => outputs[i] as string);
  return corpusBleu(refs, outs).score;
}

/** The mean of `values` at `rows`. */
export function meanAt(values: ArrayLike<number>, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += values[rows[i] as number] as number;
  return s / rows.length;
}

const CHECK_METRIC = /^check\.([a-z][a-z0-9_]*)\.pass_rate$/;
const JUDGE_METRIC = /^judge\.([a-z][a-z0-9_]*)\.(mean|pass_rate|failure_rate)$/;

/**
 * Metrics of generation runs that are not text metrics: cost and tokens of the model under test,
 * the judge's cost. Check and judge metrics are named after the suite's checks and rubrics (see
 * `generationMetricDirection`).
 */
export const GENERATION_EXTRA_METRICS: Readonly<
  Record<string, { readonly higherIsBetter: boolean; readonly unitInterval: boolean }>
> = {
  cost_usd: { higherIsBetter: false, unitInterval: false },
  cost_usd_per_example: { higherIsBetter: false, unitInterval: false },
  input_tokens_per_example: { higherIsBetter: false, unitInterval: false },
  output_tokens_per_example: { higherIsBetter: false, unitInterval: false },
  judge_cost_usd: { higherIsBetter: false, unitInterval: false },
};

/**
 * The direction of a check or judge metric (`check.<name>.pass_rate`, `judge.<rubric>.mean`,
 * `judge.<rubric>.pass_rate`, `judge.<rubric>.failure_rate`), or undefined for another name.
 */
export function generationMetricDirection(
  name: string,
): { readonly higherIsBetter: boolean; readonly unitInterval: boolean } | undefined {
  if (CHECK_METRIC.test(name)) return { higherIsBetter: true, unitInterval: true };
  const m = JUDGE_METRIC.exec(name);
  if (m === null) return undefined;
  if (m[2] === 'mean') return { higherIsBetter: true, unitInterval: false };
  return { higherIsBetter: m[2] === 'pass_rate', unitInterval: true };
}

/** The name patterns of check and judge metrics, for error messages. */
export const GENERATION_METRIC_PATTERNS: readonly string[] = [
  'check.<name>.pass_rate',
  'judge.<rubric>.mean',
  'judge.<rubric>.pass_rate',
  'judge.<rubric>.failure_rate',
];
