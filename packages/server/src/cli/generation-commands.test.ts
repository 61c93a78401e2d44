import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateReport } from '../domain/gate.js';
import type { EvalRun, RunComparison, RunExample } from '../services/eval-runs/index.js';
import {
  FakeProviderServer,
  openAiChatBody,
  type RecordedRequest,
} from '../services/providers/fake-provider-server.js';
import { buildProgram } from './program.js';

// Generation runs end to end through the CLI: a small question-answering set, the model under
// test and the LLM judge both served by the local fake OpenAI-compatible server with scripted,
// deterministic answers (v1 answers well; v2 refuses two questions and leaks an e-mail address).
const QA = [
  ['a0', 'geo', 'What is the capital of France?', 'The capital of France is Paris.'],
  ['a1', 'geo', 'What is the capital of Italy?', 'The capital of Italy is Rome.'],
  ['a2', 'geo', 'What is the capital of Japan?', 'The capital of Japan is Tokyo.'],
  ['a3', 'sci', 'What is the chemical symbol of gold?', 'The chemical symbol of gold is Au.'],
  ['a4', 'sci', 'How many legs does an insect have?', 'An insect has six legs.'],
  ['a5', 'sci', 'What gas do plants absorb?', 'Plants absorb carbon dioxide.'],
] as const;
const REFUSAL = "I'm sorry, but I can't help with that.";
const answer = (model: string, id: string, reference: string): string => {
  if (model === 'gpt-4o-mini') return id === 'a1' ? 'Rome is the capital of Italy.' : reference;
  if (id === 'a0' || id === 'a3') return REFUSAL;
  return id === 'a5' ? 'Plants absorb carbon dioxide. Mail me at grower@example.com.' : reference;
};

function block(content: string, tag: string): string {
  return new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(content)?.[1] ?? '';
}

function respond(r: RecordedRequest) {
  const body = r.body as { model: string; messages: { role: string; content: string }[] };
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  if (body.model === 'gpt-4o') {
    const response = block(user, 'response');
    const row = QA.find((q) => q[2] === block(user, 'prompt'));
    const score = response === REFUSAL ? 1 : response === row?.[3] ? 5 : 4;
    return {
      status: 200,
      body: openAiChatBody(JSON.stringify({ reasoning: 'scripted', issues: [], score }), 90, 15),
    };
  }
  const row = QA.find((q) => q[2] === user);
  if (row === undefined) return { status: 400, body: { error: { message: 'unknown prompt' } } };
  return { status: 200, body: openAiChatBody(answer(body.model, row[0], row[3]), 10, 7, body.model) };
}

interface CliResult {
  readonly out: string;
  readonly exitCode: number;
  readonly stderr: string;
}

async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let stderr = '';
  const program = buildProgram((t) => {
    out += t;
  });
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap((s) => all(s as Command))];
  for (const c of all(program)) {
    c.exitOverride();
    c.configureOutput({ writeErr: (t) => (stderr += t), writeOut: (t) => (out += t) });
  }
  try {
    await program.parseAsync(['node', 'modelwatch', ...args]);
    return { out, exitCode: 0, stderr };
  } catch (err) {
    if (err instanceof CommanderError) return { out, exitCode: err.exitCode, stderr: stderr + err.message };
    return { out, exitCode: 1, stderr: stderr + (err as Error).message };
  }
}

const suite = (url: string, model: string) => `
name: qa
task: generation
id: id
input: question
reference: answer
slices: [topic]
minSliceSize: 3
bootstrap: { resamples: 300, seed: 5 }
checks:
  - type: refusal
  - type: pii_leak
  - type: max_length
    max: 15
judge:
  provider: openai
  model: gpt-4o
  baseUrl: ${url}
  rubrics: [helpfulness]
model:
  endpoint:
    url: ${url}
    protocol: openai-chat
    model: ${model}
    concurrency: 2
`;

const GATES = `gates:
  - check.refusal.pass_rate >= 0.98
  - name: judged helpful
    condition: judge.helpfulness.mean >= 4
  - rouge_l >= 0.3
  - cost_usd_per_example <= 0.002
  - judge.helpfulness.mean does not regress by more than 0.5 against production
`;

describe('generation runs end to end (CLI, fake OpenAI-compatible model and judge, real DuckDB file)', () => {
  let dir: string;
  let fake: FakeProviderServer;
  const common = () => ['--data-dir', join(dir, 'data')];
  let dataset = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-generation-e2e-'));
    fake = await FakeProviderServer.start(respond);
    writeFileSync(
      join(dir, 'qa.csv'),
      `id,topic,question,answer\n${QA.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n')}\n`,
    );
    writeFileSync(join(dir, 'v1.yaml'), suite(fake.baseUrl, 'gpt-4o-mini'));
    writeFileSync(join(dir, 'v2.yaml'), suite(fake.baseUrl, 'gpt-4o-mini-2024-07-18'));
    writeFileSync(join(dir, 'gates.yaml'), GATES);
    writeFileSync(join(dir, 'artifact.txt'), 'a prompt template and a model name');
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the data set, registers two versions, runs both suites and persists outputs, verdicts and cost', async () => {
    const added = await cli([
      'datasets',
      'add',
      join(dir, 'qa.csv'),
      '--name',
      'qa',
      '--kind',
      'golden',
      '--json',
      ...common(),
    ]);
    expect(added.exitCode, added.stderr).toBe(0);
    const ds = JSON.parse(added.out) as { name: string; version: string };
    dataset = `${ds.name}@${ds.version}`;
    for (const v of ['v1', 'v2']) {
      const r = await cli(['models', 'register', 'qa-bot', v, '--artifact', join(dir, 'artifact.txt'), ...common()]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    for (const v of ['v1', 'v2']) {
      const r = await cli([
        'runs',
        'create',
        '--suite',
        join(dir, `${v}.yaml`),
        '--model',
        'qa-bot',
        '--model-version',
        v,
        '--dataset',
        dataset,
        '--run-id',
        `gen-${v}`,
        '--html',
        join(dir, `${v}.html`),
        ...common(),
      ]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.out).toMatch(/check\.refusal\.pass_rate\s+[\d.]+\s+\[/);
    }
    const run = JSON.parse(readFileSync(join(dir, 'data', 'runs', 'gen-v1', 'run.json'), 'utf8')) as EvalRun;
    expect(run.task).toBe('generation');
    expect(run.metrics['judge.helpfulness.mean']?.value).toBeCloseTo((5 * 5 + 4) / 6, 12);
    expect(run.metrics.cost_usd_per_example?.value).toBeCloseTo((10 * 0.15 + 7 * 0.6) / 1e6, 15);
    expect(run.metrics.judge_cost_usd?.value).toBeCloseTo((6 * (90 * 2.5 + 15 * 10)) / 1e6, 15);
    const examples = readFileSync(join(dir, 'data', 'runs', 'gen-v2', 'examples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunExample);
    expect(examples).toHaveLength(6);
    expect(examples[0]).toMatchObject({
      id: 'a0',
      prediction: REFUSAL,
      input: 'What is the capital of France?',
      checks: { refusal: { pass: false } },
      judge: { helpfulness: { score: 1, rationale: 'scripted' } },
      usage: { inputTokens: 10, outputTokens: 7 },
    });
    const html = readFileSync(join(dir, 'v2.html'), 'utf8');
    expect(html).toContain('id="check-table"');
    expect(html).toContain('id="worst-table"');
    // The worst examples table shows outputs with personal data redacted.
    expect(html).not.toContain('grower@example.com');
  });

  it('gates: v1 passes (exit 0) and is promoted; v2 fails (exit 1, Markdown, JUnit) and is refused production', async () => {
    const pass = await cli([
      'gate',
      '--run',
      'gen-v1',
      '--gates',
      join(dir, 'gates.yaml'),
      '--json',
      join(dir, 'g1.json'),
      ...common(),
    ]);
    expect(pass.exitCode, pass.stderr).toBe(0);
    const g1 = JSON.parse(readFileSync(join(dir, 'g1.json'), 'utf8')) as GateReport;
    expect(g1.conditions.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'skipped']);
    const promoted = await cli(['models', 'promote', 'qa-bot', 'v1', '--reason', 'gates passed', ...common()]);
    expect(promoted.exitCode, promoted.stderr).toBe(0);

    const fail = await cli([
      'gate',
      '--run',
      'gen-v2',
      '--gates',
      join(dir, 'gates.yaml'),
      '--markdown',
      join(dir, 'g2.md'),
      '--junit',
      join(dir, 'g2.xml'),
      ...common(),
    ]);
    expect(fail.exitCode).toBe(1);
    expect(fail.stderr).toContain('check.refusal.pass_rate >= 0.98');
    const md = readFileSync(join(dir, 'g2.md'), 'utf8');
    expect(md).toContain('❌ Gates failed');
    expect(md).toContain('| ❌ | check.refusal.pass_rate >= 0.98 | check.refusal.pass_rate = 0.6667, needs >= 0.98 |');
    const xml = readFileSync(join(dir, 'g2.xml'), 'utf8');
    expect(xml).toContain('tests="5" failures="3"');
    expect(xml).toContain('name="judged helpful"');
    const refused = await cli(['models', 'promote', 'qa-bot', 'v2', '--reason', 'ship it', ...common()]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/gate/);
  });

  it('compares the runs: paired deltas and the examples that regressed, with reasons', async () => {
    const json = await cli([
      'runs',
      'compare',
      'gen-v1',
      'gen-v2',
      '--json',
      '--html',
      join(dir, 'cmp.html'),
      ...common(),
    ]);
    expect(json.exitCode, json.stderr).toBe(0);
    const cmp = JSON.parse(json.out) as RunComparison;
    expect(cmp.regressions.map((r) => r.id)).toEqual(['a0', 'a3', 'a5']);
    expect(cmp.regressions[2]?.reasons).toEqual([expect.stringMatching(/^check pii_leak passed, now fails/)]);
    expect(cmp.metrics.find((m) => m.metric === 'check.refusal.pass_rate')?.delta).toBeCloseTo(-2 / 6, 12);
    const text = await cli(['runs', 'compare', 'gen-v1', 'gen-v2', ...common()]);
    expect(text.out).toContain('3 example regressions');
    expect(text.out).toContain('a0: check refusal passed, now fails');
    const html = readFileSync(join(dir, 'cmp.html'), 'utf8');
    expect(html).toContain('what regressed');
    expect(html).not.toContain('grower@example.com');
  });
});
