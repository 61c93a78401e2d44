import { describe, expect, it } from 'vitest';
import { GateError } from './gate-error.js';
import { gateJunit, gateMarkdown } from './gate-outputs.js';
import { parseGates } from './parse-gates.js';

describe('parseGates', () => {
  it('parses the four forms of the issue into the typed AST with their lines', () => {
    const ast = parseGates(
      `# release gates
gates:
  - f1_macro >= 0.85
  - p95_latency_ms <= 300
  - no slice with at least 200 examples regresses by more than 1 point against production
  - name: four-fifths
    condition: disparate_impact >= 0.8
  - accuracy does not regress by more than 0.5 points against run run-7
  - no slice with at least 50 examples regresses by more than 0.02 in f1_macro against production
`,
      'gates.yaml',
    );
    expect(ast).toEqual([
      {
        kind: 'threshold',
        metric: 'f1_macro',
        operator: '>=',
        value: 0.85,
        source: { line: 3, text: 'f1_macro >= 0.85' },
      },
      {
        kind: 'threshold',
        metric: 'p95_latency_ms',
        operator: '<=',
        value: 300,
        source: { line: 4, text: 'p95_latency_ms <= 300' },
      },
      {
        kind: 'slice_regression',
        minExamples: 200,
        maxDrop: 0.01,
        metric: undefined,
        baseline: { kind: 'production' },
        source: {
          line: 5,
          text: 'no slice with at least 200 examples regresses by more than 1 point against production',
        },
      },
      {
        kind: 'threshold',
        metric: 'disparate_impact',
        operator: '>=',
        value: 0.8,
        source: { line: 6, name: 'four-fifths', text: 'disparate_impact >= 0.8' },
      },
      {
        kind: 'metric_regression',
        metric: 'accuracy',
        maxDrop: 0.005,
        baseline: { kind: 'run', runId: 'run-7' },
        source: { line: 8, text: 'accuracy does not regress by more than 0.5 points against run run-7' },
      },
      expect.objectContaining({ kind: 'slice_regression', minExamples: 50, maxDrop: 0.02, metric: 'f1_macro' }),
    ]);
  });

  it('parses the dotted check and judge metrics of generation runs', () => {
    const ast = parseGates(
      'gates:\n  - check.json_schema.pass_rate >= 0.98\n  - judge.faithfulness.mean >= 4\n  - cost_usd_per_example <= 0.002\n  - no slice with at least 20 examples regresses by more than 0.5 in judge.faithfulness.mean against production\n',
      'g.yaml',
    );
    expect(ast.map((c) => [c.kind, c.kind === 'slice_regression' ? c.metric : c.metric])).toEqual([
      ['threshold', 'check.json_schema.pass_rate'],
      ['threshold', 'judge.faithfulness.mean'],
      ['threshold', 'cost_usd_per_example'],
      ['slice_regression', 'judge.faithfulness.mean'],
    ]);
    expect(() => parseGates('gates:\n  - judge.faithfulness.median >= 4\n', 'g.yaml')).toThrow(
      /g\.yaml:2 \(gate 1\): unknown metric "judge\.faithfulness\.median"; known metrics: .*judge\.<rubric>\.mean/,
    );
  });

  it('names the file, line and condition of a bad one', () => {
    const bad = (text: string) => {
      try {
        parseGates(text, 'g.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(GateError);
        return (err as GateError).message;
      }
      throw new Error('expected a GateError');
    };
    expect(bad('gates:\n  - f1_macro >= 0.8\n  - f1_macro >= high\n')).toMatch(
      /^g\.yaml:3 \(gate 2\): cannot parse condition "f1_macro >= high" \(a threshold needs a metric name, >= and a number\)/,
    );
    expect(bad('gates:\n  - f1_makro >= 0.8\n')).toMatch(
      /^g\.yaml:2 \(gate 1\): unknown metric "f1_makro"; known metrics: accuracy/,
    );
    expect(bad('gates:\n  - name: x\n')).toMatch(
      /g\.yaml:2 \(gate 1\): expected a "condition" string \(got undefined\)/,
    );
    expect(bad('gates: f1_macro >= 0.8\n')).toMatch(/expected a list of conditions under "gates:"/);
    expect(bad('gates:\n  - [a\n')).toMatch(/not valid YAML/);
  });

  it('escapes Markdown table cells and XML attributes', () => {
    const report = {
      passed: false,
      gates: 'g.yaml',
      runId: 'r1',
      model: 'm<&>"',
      version: '1',
      evaluatedAt: 0,
      conditions: [
        { condition: 'accuracy >= 0.9', line: 2, status: 'failed' as const, actual: 0.5, detail: 'a|b <x> & "y"' },
      ],
    };
    expect(gateMarkdown(report)).toContain('| ❌ | accuracy >= 0.9 | a\\|b <x> & "y" |');
    const xml = gateJunit(report);
    expect(xml).toContain('classname="modelwatch.gates.m&lt;&amp;&gt;&quot;"');
    expect(xml).toContain('message="a|b &lt;x&gt; &amp; &quot;y&quot;"');
  });
});
