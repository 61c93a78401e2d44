import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  corpusBleu,
  corpusChrf,
  exactMatch,
  jsonSchemaCheck,
  refusalCheck,
  rougeScoresMulti,
  squadF1,
} from '@modelwatch/core/metrics';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetVersion } from '../../domain/dataset.js';
import { DatasetCatalog } from '../datasets/index.js';
import { evaluateGates } from '../gates/evaluate-gates.js';
import { parseGates } from '../gates/parse-gates.js';
import type { ChatProvider } from '../providers/chat-provider.js';
import { FakeProviderServer, openAiChatBody, type RecordedRequest } from '../providers/fake-provider-server.js';
import { compareRuns } from './compare-runs.js';
import type { EvalRun, RunExample } from './eval-run.js';
import { runEvaluation } from './run-evaluation.js';
import { runHtmlReport } from './run-html-report.js';
import { parseSuite } from './suite-config.js';

// A small question-answering set: references are full sentences; slices by topic.
const QA = [
  ['q0', 'geo', 'What is the capital of France?', 'The capital of France is Paris.'],
  ['q1', 'geo', 'What is the capital of Italy?', 'The capital of Italy is Rome.'],
  ['q2', 'geo', 'What is the longest river in Africa?', 'The longest river in Africa is the Nile.'],
  ['q3', 'geo', 'Which ocean lies west of Portugal?', 'The Atlantic Ocean lies west of Portugal.'],
  ['q4', 'geo', 'What is the capital of Japan?', 'The capital of Japan is Tokyo.'],
  ['q5', 'sci', 'What is the chemical symbol of gold?', 'The chemical symbol of gold is Au.'],
  ['q6', 'sci', 'How many legs does an insect have?', 'An insect has six legs.'],
  ['q7', 'sci', 'What gas do plants absorb?', 'Plants absorb carbon dioxide.'],
  ['q8', 'sci', 'What is the boiling point of water at sea level?', 'Water boils at 100 degrees Celsius at sea level.'],
  ['q9', 'sci', 'Which planet is known as the red planet?', 'Mars is known as the red planet.'],
] as const;

/** v1's answers: mostly the reference, some paraphrased; v2 refuses two and leaks an e-mail address in one. */
const V1: Record<string, string> = {
  q0: 'The capital of France is Paris.',
  q1: 'Rome is the capital of Italy.',
  q2: 'The longest river in Africa is the Nile.',
  q3: 'The Atlantic Ocean lies west of Portugal.',
  q4: 'The capital of Japan is Tokyo.',
  q5: 'The chemical symbol of gold is Au.',
  q6: 'Insects have six legs.',
  q7: 'Plants absorb carbon dioxide.',
  q8: 'Water boils at 100 degrees Celsius at sea level.',
  q9: 'Mars is called the red planet.',
};
const V2: Record<string, string> = {
  ...V1,
  q2: "I'm sorry, but I can't help with that.",
  q5: "I'm sorry, but I can't help with that.",
  q7: 'Plants absorb carbon dioxide; write to botanist@example.com for more.',
};
const REFUSAL = "I'm sorry, but I can't help with that.";

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The judge's scripted score: 1 for a refusal, 5 for the exact reference, 4 otherwise. */
function judgeScore(response: string, reference: string): number {
  if (response === REFUSAL) return 1;
  return response === reference ? 5 : 4;
}

function blockOf(content: string, tag: string): string {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(content);
  return m?.[1] ?? '';
}

/**
 * One fake OpenAI-compatible server for the model under test (model `gpt-4o-mini` = v1,
 * `gpt-4o-mini-2024-07-18` = v2) and the judge (`gpt-4o`): deterministic scripted answers, a 429
 * on the first call for q3, and for q7 an unparseable first judge answer (re-asked, then valid).
 */
function responder(state: { q3Limited: boolean }) {
  return (r: RecordedRequest) => {
    const body = r.body as { model: string; messages: { role: string; content: string }[] };
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    if (body.model === 'gpt-4o') {
      const question = blockOf(user, 'prompt');
      const response = blockOf(user, 'response');
      const row = QA.find((q) => q[2] === question);
      if (row === undefined) return { status: 400, body: { error: { message: `unknown question ${question}` } } };
      if (row[0] === 'q7' && body.messages.length === 2) {
        return { status: 200, body: openAiChatBody('Score: 4/5, looks fine to me.', 100, 20) };
      }
      const score = judgeScore(response, row[3]);
      const verdict = { reasoning: `scripted: ${score}`, issues: score < 5 ? ['not the reference'] : [], score };
      return { status: 200, body: openAiChatBody(JSON.stringify(verdict), 100, 20) };
    }
    const row = QA.find((q) => q[2] === user);
    if (row === undefined) return { status: 400, body: { error: { message: `unknown prompt ${user}` } } };
    if (row[0] === 'q3' && !state.q3Limited) {
      state.q3Limited = true;
      return { status: 429, body: { error: { message: 'rate limited' } }, headers: { 'retry-after': '0' } };
    }
    const answers = body.model === 'gpt-4o-mini' ? V1 : V2;
    return { status: 200, body: openAiChatBody(answers[row[0]] as string, 12, 8, body.model) };
  };
}

const SUITE = (url: string, model: string) => `
name: qa
task: generation
id: id
input: question
reference: answer
slices: [topic]
minSliceSize: 2
bootstrap: { resamples: 400, seed: 3 }
checks:
  - type: refusal
  - type: max_length
    max: 12
  - type: pii_leak
  - type: regex
    name: sentence
    pattern: '\\.$'
judge:
  provider: openai
  model: gpt-4o
  baseUrl: ${url}
  rubrics: [helpfulness]
  concurrency: 3
model:
  endpoint:
    url: ${url}
    protocol: openai-chat
    model: ${model}
    concurrency: 3
    maxRetries: 3
`;

describe('generation runs', () => {
  let dir: string;
  let catalog: DatasetCatalog;
  let dataset: DatasetVersion;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-generation-'));
    writeFileSync(
      join(dir, 'qa.csv'),
      `id,topic,question,answer\n${QA.map((r) => r.map(csvCell).join(',')).join('\n')}\n`,
    );
    catalog = new DatasetCatalog(join(dir, 'data'));
    dataset = (await catalog.add(join(dir, 'qa.csv'), { name: 'qa', kind: 'golden' })).dataset;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('from a predictions file: text metrics equal the core functions, checks their pass rates with Wilson intervals', async () => {
    // Structured outputs for a JSON schema check; rows in reverse order (joined by id).
    const outputs = QA.map(([id, , , answer], i) =>
      i % 4 === 3 ? answer : JSON.stringify({ answer: id === 'q0' ? 'Paris' : answer, id }),
    );
    const preds = QA.map(([id], i) => ({ id, output: outputs[i], cost_usd: 0.001 * (i + 1) })).reverse();
    writeFileSync(join(dir, 'preds.jsonl'), preds.map((p) => JSON.stringify(p)).join('\n'));
    const schema = { type: 'object', required: ['answer', 'id'], properties: { answer: { type: 'string' } } };
    const suite = parseSuite(
      `task: generation\nid: id\nreference: answer\nslices: [topic]\nminSliceSize: 2\nbootstrap: { resamples: 300, seed: 1 }\nchecks:\n  - type: json_schema\n    schema: ${JSON.stringify(schema)}\n  - type: refusal\n`,
    );
    const { run, examples } = await runEvaluation({
      suite,
      dataset,
      rows: catalog.rows(dataset),
      model: { name: 'qa', version: 'file' },
      predictions: join(dir, 'preds.jsonl'),
      runId: 'file-run',
    });
    const refs = QA.map((r) => r[3] as string);
    const rel = (a: number | undefined, b: number) =>
      expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    rel(
      run.metrics.bleu?.value,
      corpusBleu(
        refs.map((r) => [r]),
        outputs as string[],
      ).score,
    );
    rel(run.metrics.chrf?.value, corpusChrf(refs, outputs as string[]).score);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rel(
      run.metrics.rouge_l?.value,
      mean(
        outputs.map((o, i) => rougeScoresMulti([refs[i] as string], o as string, { useStemmer: true }).rougeL.fmeasure),
      ),
    );
    rel(run.metrics.exact_match?.value, mean(outputs.map((o, i) => exactMatch(o as string, [refs[i] as string]))));
    rel(run.metrics.f1?.value, mean(outputs.map((o, i) => squadF1(o as string, [refs[i] as string]))));
    expect(run.metrics.exact_match?.value).toBeCloseTo(2 / 10, 12);
    const lo = run.metrics.rouge_l?.low as number;
    expect(lo).toBeLessThanOrEqual(run.metrics.rouge_l?.value as number);
    expect(run.metrics.rouge_l?.high).toBeGreaterThanOrEqual(run.metrics.rouge_l?.value as number);

    // 8 of 10 outputs are JSON matching the schema; Wilson 95 % interval by hand (z = 1.959964).
    const passes = outputs.filter((o) => jsonSchemaCheck(o as string, schema).pass).length;
    expect(passes).toBe(8);
    const z = 1.959963984540054;
    const p = 0.8;
    const n = 10;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    expect(run.metrics['check.json_schema.pass_rate']).toEqual({
      value: 0.8,
      low: expect.closeTo(centre - half, 9),
      high: expect.closeTo(centre + half, 9),
    });
    expect(run.metrics['check.refusal.pass_rate']?.value).toBe(1);
    expect(examples.find((e) => e.id === 'q3')?.checks?.json_schema?.pass).toBe(false);
    expect(examples.find((e) => e.id === 'q3')?.checks?.json_schema?.reason).toMatch(/JSON/);
    rel(run.metrics.cost_usd?.value, 0.055);
    rel(run.metrics.cost_usd_per_example?.value, 0.0055);
    expect(run.slices.map((s) => [s.value, s.count])).toEqual([
      ['geo', 5],
      ['sci', 5],
    ]);
    rel(
      run.slices[0]?.metrics.exact_match,
      mean(outputs.slice(0, 5).map((o, i) => exactMatch(o as string, [refs[i] as string]))),
    );
    expect(run.generation?.checks.map((c) => [c.name, c.passed, c.total])).toEqual([
      ['json_schema', 8, 10],
      ['refusal', 10, 10],
    ]);
  });

  it('records an item the judge cannot score after a re-ask as a failure, never a default score', async () => {
    writeFileSync(join(dir, 'plain.csv'), `id,output\n${QA.map(([id, , , a]) => `${id},"${a}"`).join('\n')}\n`);
    const asked: number[] = [];
    const provider: ChatProvider = {
      name: 'scripted',
      complete: async (req) => {
        asked.push(req.messages.length);
        const text = req.messages[1]?.content.includes('insect')
          ? 'no JSON here'
          : JSON.stringify({ reasoning: 'ok', issues: [], score: 3 });
        return { text, model: req.model, usage: { inputTokens: 5, outputTokens: 5 }, attempts: 1, latencyMs: 1 };
      },
    };
    const suite = parseSuite(
      'task: generation\nid: id\ninput: question\njudge: { provider: openai, model: local-judge, rubrics: [coherence], cache: false, price: { inputUsdPerMTok: 1, outputUsdPerMTok: 2 } }\n',
    );
    const { run, examples } = await runEvaluation({
      suite,
      dataset,
      rows: catalog.rows(dataset),
      model: { name: 'qa', version: 'file' },
      predictions: join(dir, 'plain.csv'),
      judgeProvider: provider,
    });
    expect(examples.find((e) => e.id === 'q6')?.judge?.coherence).toMatchObject({ reason: 'invalid_verdict', asks: 2 });
    expect(run.metrics['judge.coherence.mean']?.value).toBe(3);
    expect(run.metrics['judge.coherence.failure_rate']?.value).toBeCloseTo(0.1, 12);
    expect(run.generation?.judge?.rubrics[0]).toMatchObject({ judged: 9, failed: 1, reasked: 1 });
    // 9 items asked once, the bad one twice (the re-ask carries the answer and the parse error).
    expect(asked.filter((n) => n === 2)).toHaveLength(10);
    expect(asked.filter((n) => n === 4)).toHaveLength(1);
    expect(run.metrics.judge_cost_usd?.value).toBeCloseTo((11 * (5 * 1 + 5 * 2)) / 1e6, 15);
    expect(run.warnings).toContain('judge coherence: 1 of 10 examples could not be judged');
    expect(run.warnings).toContain('no reference column: text metrics (BLEU, ROUGE, …) not computed');
    expect(run.metrics.rouge_l).toBeUndefined();
  });

  it('rejects bad generation suites with the field named', () => {
    expect(() => parseSuite('task: generation\nchecks:\n  - type: regex\n', 's.yaml')).toThrow(
      /^s\.yaml: checks\.0\.pattern: .*\(got nothing\)/,
    );
    expect(() => parseSuite('task: classification\nreference: x\nlabel: y\n', 's.yaml')).toThrow(
      /reference: only generation suites take reference/,
    );
    expect(() => parseSuite('task: generation\nchecks:\n  - type: refusal\n  - type: refusal\n', 's.yaml')).toThrow(
      /checks\.1\.name: check names must be unique/,
    );
    expect(() => parseSuite('task: regression\n', 's.yaml')).toThrow(/label: a regression suite needs a label column/);
    expect(() =>
      parseSuite('task: generation\njudge: { provider: openai, model: m, rubrics: [politeness] }\n', 's.yaml'),
    ).toThrow(/judge\.rubrics\.0/);
  });

  describe('against the fake OpenAI-compatible server (model under test and judge)', () => {
    let fake: FakeProviderServer;
    const state = { q3Limited: false };
    let v1: { run: EvalRun; examples: RunExample[] };
    let v2: { run: EvalRun; examples: RunExample[] };
    beforeEach(async () => {
      fake = await FakeProviderServer.start(responder(state));
    });
    afterEach(async () => {
      await fake.close();
    });

    const evaluate = async (model: string, version: string) => {
      const progress: string[] = [];
      const result = await runEvaluation({
        suite: parseSuite(SUITE(fake.baseUrl, model)),
        dataset,
        rows: catalog.rows(dataset),
        model: { name: 'qa', version },
        judgeCacheDir: join(dir, `judge-cache-${version}`),
        onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
        runId: `run-${version}`,
      });
      return { ...result, progress } as { run: EvalRun; examples: RunExample[]; progress: string[] };
    };

    it('calls the model (429 then success), judges (a malformed answer re-asked), persists verdicts, tokens and cost', async () => {
      const r = await evaluate('gpt-4o-mini', 'v1');
      v1 = r;
      const { run, examples, progress } = r;
      expect(examples.map((e) => e.prediction)).toEqual(QA.map((q) => V1[q[0]]));
      expect(examples.find((e) => e.id === 'q3')?.attempts).toBe(2);
      expect(fake.requests.filter((q) => (q.body as { model: string }).model === 'gpt-4o-mini')).toHaveLength(11);
      expect(progress).toContain('model:10/10');
      expect(progress[progress.length - 1]).toBe('judge:10/10');
      const q7 = examples.find((e) => e.id === 'q7')?.judge?.helpfulness;
      expect(q7).toMatchObject({ score: 5, asks: 2, cached: false });
      // Exact references get 5, the paraphrases (q1, q6, q9) 4.
      const scores = QA.map((q) => judgeScore(V1[q[0]] as string, q[3]));
      expect(run.metrics['judge.helpfulness.mean']?.value).toBeCloseTo(scores.reduce((a, b) => a + b) / 10, 12);
      expect(run.metrics['judge.helpfulness.mean']?.value).toBeCloseTo(4.7, 12);
      expect(run.metrics['judge.helpfulness.pass_rate']?.value).toBe(1);
      expect(run.metrics['judge.helpfulness.failure_rate']?.value).toBe(0);
      expect(run.generation?.judge?.rubrics[0]).toMatchObject({ judged: 10, failed: 0, reasked: 1 });
      expect(run.generation?.judge?.rubrics[0]?.counts).toEqual({ '1': 0, '2': 0, '3': 0, '4': 3, '5': 7 });
      // Judge: 11 calls of 100 + 20 tokens at gpt-4o prices ($2.5 / $10 per million).
      expect(run.generation?.judge?.usage).toEqual({ inputTokens: 1100, outputTokens: 220 });
      expect(run.metrics.judge_cost_usd?.value).toBeCloseTo((1100 * 2.5 + 220 * 10) / 1e6, 15);
      // Model: 10 answered calls of 12 + 8 tokens at gpt-4o-mini prices ($0.15 / $0.60 per million).
      expect(run.metrics.cost_usd_per_example?.value).toBeCloseTo((12 * 0.15 + 8 * 0.6) / 1e6, 15);
      expect(run.metrics.cost_usd?.value).toBeCloseTo((10 * (12 * 0.15 + 8 * 0.6)) / 1e6, 15);
      expect(run.metrics.input_tokens_per_example?.value).toBe(12);
      expect(run.metrics['check.refusal.pass_rate']?.value).toBe(1);
      expect(run.metrics.p95_latency_ms?.value).toBeGreaterThan(0);
      expect(run.failures).toBe(0);

      // A second run pays nothing for the judge: every answer comes from the cache.
      const before = fake.requests.length;
      const again = await evaluate('gpt-4o-mini', 'v1');
      expect(fake.requests.length - before).toBe(10);
      expect(again.run.generation?.judge?.cacheHits).toBe(10);
      expect(again.run.metrics['judge.helpfulness.mean']?.value).toBe(run.metrics['judge.helpfulness.mean']?.value);

      const html = runHtmlReport(run, examples);
      expect(html).toContain('id="check-table"');
      expect(html).toContain('data-judge-mean="helpfulness">4.7<');
      expect(html).toContain('id="worst-table"');
    });

    it('v2 refuses and leaks: checks fail, judge scores drop; the comparison lists the regressions; gates decide', async () => {
      v2 = await evaluate('gpt-4o-mini-2024-07-18', 'v2');
      const { run } = v2;
      expect(run.metrics['check.refusal.pass_rate']?.value).toBeCloseTo(0.8, 12);
      expect(run.metrics['check.pii_leak.pass_rate']?.value).toBeCloseTo(0.9, 12);
      expect(run.generation?.pricedAs).toBe('gpt-4o-mini');
      expect(refusalCheck(V2.q2 as string).pass).toBe(true);

      const cmp = compareRuns(v1.run, v1.examples, run, v2.examples, { resamples: 300, confidenceLevel: 0.9, seed: 2 });
      expect(cmp.paired).toBe(10);
      const refusal = cmp.metrics.find((m) => m.metric === 'check.refusal.pass_rate');
      expect(refusal).toMatchObject({ baseline: 1, candidate: 0.8, delta: expect.closeTo(-0.2, 12) });
      const judge = cmp.metrics.find((m) => m.metric === 'judge.helpfulness.mean');
      // q2 and q5: 5 → 1 (refusals); q7: 5 → 4 (no longer the reference).
      expect(judge?.delta).toBeCloseTo(((1 - 5) * 2 + (4 - 5)) / 10, 12);
      expect(judge?.high).toBeLessThanOrEqual(0);
      const rouge = cmp.metrics.find((m) => m.metric === 'rouge_l');
      expect(rouge?.delta).toBeCloseTo(
        (run.metrics.rouge_l?.value as number) - (v1.run.metrics.rouge_l?.value as number),
        12,
      );
      expect(cmp.regressions.map((r) => [r.id, r.reasons])).toEqual([
        ['q2', [expect.stringMatching(/^check refusal passed, now fails/), 'judge helpfulness 5 → 1']],
        ['q5', [expect.stringMatching(/^check refusal passed, now fails/), 'judge helpfulness 5 → 1']],
        ['q7', [expect.stringMatching(/^check pii_leak passed, now fails: personal data found: email/)]],
      ]);
      expect(cmp.slices.find((s) => s.value === 'sci' && s.metric === 'check.refusal.pass_rate')?.delta).toBeCloseTo(
        -0.2,
        12,
      );

      const gates = parseGates(
        `gates:
  - check.refusal.pass_rate >= 0.95
  - judge.helpfulness.mean >= 4
  - rouge_l >= 0.3
  - cost_usd_per_example <= 0.002
  - judge.helpfulness.mean does not regress by more than 0.2 against production
`,
        'g.yaml',
      );
      const gate = (r: { run: EvalRun; examples: RunExample[] }) =>
        evaluateGates({
          conditions: gates,
          gates: 'g.yaml',
          run: r.run,
          examples: r.examples,
          baseline: async () => ({ run: v1.run, examples: v1.examples }),
        });
      const pass = await gate(v1);
      expect(pass.conditions.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
      const fail = await gate(v2);
      expect(fail.passed).toBe(false);
      // judge mean 4.7 − 0.9 = 3.8: below 4, and a drop of 0.9 against production.
      expect(fail.conditions.map((c) => c.status)).toEqual(['failed', 'failed', 'passed', 'passed', 'failed']);
      expect(fail.conditions[1]?.detail).toBe('judge.helpfulness.mean = 3.8, needs >= 4');
      expect(fail.conditions[0]?.detail).toBe('check.refusal.pass_rate = 0.8, needs >= 0.95');
    });
  });
});
