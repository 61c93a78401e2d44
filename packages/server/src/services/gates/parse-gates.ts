import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import {
  GATE_OPERATORS,
  type GateBaseline,
  type GateCondition,
  type GateOperator,
  type GateSource,
} from '../../domain/gate.js';
import { ALL_METRIC_NAMES, isMetricName, METRIC_NAME_PATTERNS } from '../eval-runs/run-metrics.js';
import { GateError } from './gate-error.js';

// A metric name: `f1_macro`, or dotted for check and judge metrics (`check.json_schema.pass_rate`).
const METRIC = '([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)';
const NUMBER = '(-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?)';
const BASELINE = '(?:against\\s+(production|run\\s+([A-Za-z0-9][A-Za-z0-9._-]*)))';
const DROP = `${NUMBER}(\\s*points?)?`;

const THRESHOLD = new RegExp(`^${METRIC}\\s*(>=|<=|==|>|<)\\s*${NUMBER}$`, 'i');
const METRIC_REGRESSION = new RegExp(
  `^${METRIC}\\s+does\\s+not\\s+regress\\s+by\\s+more\\s+than\\s+${DROP}\\s+${BASELINE}$`,
  'i',
);
const SLICE_REGRESSION = new RegExp(
  `^no\\s+slice\\s+with\\s+at\\s+least\\s+(\\d+)\\s+examples?\\s+regresses\\s+by\\s+more\\s+than\\s+${DROP}(?:\\s+in\\s+${METRIC})?\\s+${BASELINE}$`,
  'i',
);

const FORMS = [
  '<metric> >= <number> (or <=, >, <, ==)',
  '<metric> does not regress by more than <n> points against production',
  'no slice with at least <n> examples regresses by more than <n> points [in <metric>] against production',
];

function knownMetric(metric: string, where: string, line: number): string {
  const m = metric.toLowerCase();
  if (!isMetricName(m)) {
    throw new GateError(
      'invalid',
      `${where}: unknown metric ${JSON.stringify(metric)}; known metrics: ${[...ALL_METRIC_NAMES, ...METRIC_NAME_PATTERNS].join(', ')}`,
      line,
    );
  }
  return m;
}

function baselineOf(runId: string | undefined): GateBaseline {
  return runId !== undefined ? { kind: 'run', runId } : { kind: 'production' };
}

function drop(value: string, points: string | undefined): number {
  const n = Number(value);
  return points === undefined ? n : n / 100;
}

/**
 * Parses one condition into the gate AST.
 * @throws {GateError} `invalid` naming `where` (file and line), the condition and the accepted forms.
 */
export function parseGateCondition(text: string, source: Omit<GateSource, 'text'>, where: string): GateCondition {
  const t = text.trim().replace(/\s+/g, ' ');
  const full: GateSource = { ...source, text: t };
  let m = THRESHOLD.exec(t);
  if (m !== null) {
    return {
      kind: 'threshold',
      metric: knownMetric(m[1] as string, where, source.line),
      operator: m[2] as GateOperator,
      value: Number(m[3]),
      source: full,
    };
  }
  m = METRIC_REGRESSION.exec(t);
  if (m !== null) {
    return {
      kind: 'metric_regression',
      metric: knownMetric(m[1] as string, where, source.line),
      maxDrop: drop(m[2] as string, m[3]),
      baseline: baselineOf(m[5]),
      source: full,
    };
  }
  m = SLICE_REGRESSION.exec(t);
  if (m !== null) {
    return {
      kind: 'slice_regression',
      minExamples: Number(m[1]),
      maxDrop: drop(m[2] as string, m[3]),
      metric: m[4] === undefined ? undefined : knownMetric(m[4], where, source.line),
      baseline: baselineOf(m[6]),
      source: full,
    };
  }
  const operator = GATE_OPERATORS.find((o) => t.includes(o));
  const hint = operator !== undefined ? ` (a threshold needs a metric name, ${operator} and a number)` : '';
  throw new GateError(
    'invalid',
    `${where}: cannot parse condition ${JSON.stringify(t)}${hint}; expected one of: ${FORMS.join(' | ')}`,
    source.line,
  );
}

/**
 * Parses a gate file (YAML): `gates:` followed by a list whose items are condition strings or
 * `{ name, condition }` maps (a top-level list works too).
 * @throws {GateError} `invalid` naming the file, the line and the condition.
 */
export function parseGates(text: string, file = 'gates'): GateCondition[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new GateError('invalid', `${file}: not valid YAML: ${e?.message}`, e?.linePos?.[0].line);
  }
  const root = doc.contents;
  const list = isMap(root) ? root.get('gates', true) : root;
  if (!isSeq(list)) {
    throw new GateError(
      'invalid',
      `${file}: expected a list of conditions under "gates:" (got ${JSON.stringify(doc.toJS())})`,
      1,
    );
  }
  if (list.items.length === 0) throw new GateError('invalid', `${file}: gates: expected at least one condition`, 1);
  return list.items.map((item, i) => {
    const line = lines.linePos((item as { range?: readonly number[] | null }).range?.[0] ?? 0).line;
    const where = `${file}:${line} (gate ${i + 1})`;
    if (isScalar(item) && typeof item.value === 'string') return parseGateCondition(item.value, { line }, where);
    if (isMap(item)) {
      const condition = item.get('condition');
      const name = item.get('name');
      if (typeof condition !== 'string') {
        throw new GateError(
          'invalid',
          `${where}: expected a "condition" string (got ${JSON.stringify(condition)})`,
          line,
        );
      }
      return parseGateCondition(condition, { line, ...(typeof name === 'string' ? { name } : {}) }, where);
    }
    throw new GateError(
      'invalid',
      `${where}: expected a condition string or { name, condition } (got ${JSON.stringify((item as { toJSON?: () => unknown }).toJSON?.() ?? item)})`,
      line,
    );
  });
}
