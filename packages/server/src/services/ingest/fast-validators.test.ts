import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from './record-kind.js';
import { FAST_VALIDATORS, RECORD_SCHEMAS } from './validate-records.js';

/*
 * The hand-written validators must accept exactly what the zod schemas accept and return the
 * same output (deep-equal, and the same key order, since features are stored as JSON text).
 * Inputs are JSON values as JSON.parse makes them: Infinity (from 1e400) and -0 included, NaN
 * and undefined never; objects built with Object.fromEntries so "__proto__" is an own key.
 */

/** Same decision and output as zod; the fast path may decline (→ zod) only for "__proto__" keys. */
function expectEquivalent(kind: RecordKind, input: unknown): void {
  const fast = FAST_VALIDATORS[kind](input);
  const zod = RECORD_SCHEMAS[kind].safeParse(input);
  if (fast !== undefined) {
    expect(zod.success, `zod rejected what the fast path accepted: ${JSON.stringify(input)}`).toBe(true);
    expect(fast).toStrictEqual(zod.data);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  } else if (!JSON.stringify(input ?? null).includes('"__proto__"')) {
    expect(zod.success, `the fast path declined what zod accepted: ${JSON.stringify(input)}`).toBe(false);
  }
}

const obj = (entries: [string, unknown][]) => Object.fromEntries(entries);
const long = (n: number) => 'x'.repeat(n);
const specialNumber = fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53, 1e21, 0.1);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant([1, 'a']),
  specialNumber,
);
const controlString = fc.constantFrom('a\u0000b', 'tab\there', 'del\u007f');
const id = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('', long(200), long(201), 'r-1'),
  controlString,
  anyJson,
);
const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,8}$/),
  fc.constantFrom('', '-x', 'a b', 'ok', long(200), long(201), 'm@v1+2'),
  anyJson,
);
const isoDate = fc
  .tuple(
    fc.integer({ min: 946_684_800_000, max: 2_000_000_000_000 }),
    fc.constantFrom('Z', '+01:00', '-05:30', '+23:59', '-00:00', '+24:00', ''),
    fc.constantFrom('', '.1', '.123', '.123456789'),
  )
  .map(([ms, zone, frac]) => new Date(ms).toISOString().slice(0, 19) + frac + zone);
const timestamp = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
  isoDate,
  fc.constantFrom(
    -1,
    1.5,
    2 ** 53,
    2 ** 53 - 1,
    Number.POSITIVE_INFINITY,
    -0,
    '2024-02-29T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2023-02-31T00:00:00Z',
    '2023-01-01',
    '2023-01-01 10:00:00Z',
    '2023-01-01T24:00:00Z',
  ),
  anyJson,
);
const segmentKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/),
  fc.constantFrom('a-b', '', '1x', '__proto__', 'k'.repeat(64), 'k'.repeat(65), 'constructor', 'toString'),
);
const segmentValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(long(128), long(129)),
  fc.double(),
  fc.boolean(),
  specialNumber,
  anyJson,
);
const segment = fc.oneof(
  fc.array(fc.tuple(segmentKey, segmentValue), { maxLength: 18 }).map(obj),
  fc.integer({ min: 15, max: 18 }).map((n) => obj(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  anyJson,
);
const featureValue = fc.oneof(
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(long(4096), long(4097)),
  specialNumber,
  anyJson,
);
const featureKey = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', long(128), long(129), '__proto__', '0', '10'),
);
const features = fc.oneof(
  fc.array(fc.tuple(featureKey, featureValue), { maxLength: 8 }).map(obj),
  fc.constantFrom(512, 513).map((n) => obj(Array.from({ length: n }, (_, i) => [`f${i}`, i]))),
  anyJson,
);
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(long(100_000), long(100_001)), anyJson);
const optionalEntries = (fields: [string, fc.Arbitrary<unknown>][], extra = true) =>
  fc
    .tuple(
      ...fields.map(([k, a]) =>
        fc.option(
          a.map((v) => [k, v] as [string, unknown]),
          { freq: 4, nil: undefined },
        ),
      ),
      extra
        ? fc.option(fc.tuple(fc.constantFrom('extra', '__proto__', 'latencyMS'), anyJson), { freq: 8, nil: undefined })
        : fc.constant(undefined),
    )
    .map((entries) => obj(entries.filter((e): e is [string, unknown] => e !== undefined)));
const inputs = fc.oneof(
  optionalEntries([
    ['features', features],
    ['text', text],
  ]),
  anyJson,
);
const probabilities = fc.oneof(
  fc
    .array(
      fc.tuple(
        featureKey,
        fc.oneof(fc.double({ min: 0, max: 1 }), fc.constantFrom(-0, 1, 1.0000001, -0.1, 2), specialNumber, anyJson),
      ),
      { maxLength: 5 },
    )
    .map(obj),
  anyJson,
);
const label = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(long(128), long(129), 2 ** 53, 2 ** 53 - 1, -0, 1.5),
  anyJson,
);
const output = fc.oneof(
  optionalEntries([
    ['label', label],
    ['probabilities', probabilities],
    ['score', fc.oneof(fc.double(), specialNumber, anyJson)],
    ['value', fc.oneof(fc.double(), anyJson)],
    ['text', text],
  ]),
  anyJson,
);
const count = fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(-1, 1.5, 1e9 + 1, 1e9, -0), anyJson);
const tokens = fc.oneof(
  optionalEntries([
    ['input', count],
    ['output', count],
  ]),
  anyJson,
);
const nonNegative = fc.oneof(
  fc.double({ min: 0, max: 100_000 }),
  fc.constantFrom(-0, -1, 86_400_000, 86_400_001, 1e-300),
  specialNumber,
  anyJson,
);
const embedding = fc.oneof(
  fc.array(fc.oneof(fc.double(), specialNumber), { maxLength: 5 }),
  fc.constantFrom(8192, 8193).map((n) => new Array(n).fill(0.5)),
  fc.array(anyJson, { maxLength: 3 }),
  anyJson,
);
const status = fc.oneof(fc.constantFrom('ok', 'error', 'OK'), anyJson);
const errorType = fc.oneof(fc.constantFrom('timeout', 'internal', 'other', 'nope'), anyJson);
const variant = fc.oneof(fc.constantFrom('production', 'control', 'treatment', 'canary', 'shadow', 'beta'), anyJson);

const event = fc.oneof(
  optionalEntries([
    ['requestId', id],
    ['timestamp', timestamp],
    ['model', name],
    ['version', name],
    ['variant', variant],
    ['experiment', name],
    ['unitId', id],
    ['segment', segment],
    ['inputs', inputs],
    ['output', output],
    ['tokens', tokens],
    ['latencyMs', nonNegative],
    ['costUsd', nonNegative],
    ['status', status],
    ['errorType', errorType],
    ['embedding', embedding],
  ]),
  anyJson,
);

/** A mostly valid event with one field replaced, so the property explores near the boundary. */
const nearValidEvent = fc
  .tuple(
    fc.record({
      requestId: fc.stringMatching(/^[A-Za-z0-9 ._~!-]{1,8}$/),
      timestamp: fc.integer({ min: 946_684_800_000, max: 2_000_000_000_000 }),
      model: fc.constantFrom('ranker', 'gpt-x'),
      version: fc.constantFrom('v1', '2024.1'),
      latencyMs: fc.double({ min: 0, max: 1000, noNaN: true }),
    }),
    fc.constantFrom(
      'segment',
      'inputs',
      'output',
      'tokens',
      'embedding',
      'status',
      'errorType',
      'variant',
      'costUsd',
      'timestamp',
      'experiment',
      'unitId',
    ),
    fc.oneof(segment, inputs, output, tokens, embedding, status, errorType, variant, nonNegative, timestamp, name, id),
  )
  .map(([base, key, value]) => obj([...Object.entries(base), [key, value]]));

const outcome = optionalEntries([
  ['requestId', id],
  ['timestamp', timestamp],
  ['label', label],
  ['value', fc.oneof(fc.double(), specialNumber, anyJson)],
]);
const feedback = optionalEntries([
  ['kind', fc.oneof(fc.constantFrom('thumbs', 'correction', 'escalation', 'like'), anyJson)],
  ['feedbackId', id],
  ['requestId', id],
  ['timestamp', timestamp],
  ['value', fc.oneof(fc.constantFrom('up', 'down', 'sideways'), anyJson)],
  ['correction', fc.oneof(text, fc.constant(''))],
  ['comment', text],
]);
const score = optionalEntries([
  ['requestId', id],
  ['timestamp', timestamp],
  ['name', name],
  ['value', fc.oneof(fc.double(), specialNumber, anyJson)],
  ['source', fc.oneof(fc.constantFrom('judge', 'human', 'robot'), anyJson)],
  ['scorer', fc.oneof(id, fc.constant(long(200)))],
  ['rationale', text],
]);

describe('fast validators ≡ zod schemas', () => {
  it('events: random records', () => {
    fc.assert(
      fc.property(event, (e) => expectEquivalent('events', e)),
      { numRuns: 3000 },
    );
  });

  it('events: near-valid records (one field varied)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearValidEvent, (e) => {
        expectEquivalent('events', e);
        if (FAST_VALIDATORS.events(e) !== undefined) accepted++;
      }),
      { numRuns: 3000 },
    );
    // Both outcomes are explored, not just rejections.
    expect(accepted).toBeGreaterThan(100);
  });

  it('outcomes, feedback and scores: random records', () => {
    fc.assert(
      fc.property(outcome, (o) => expectEquivalent('outcomes', o)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(feedback, (f) => expectEquivalent('feedback', f)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(score, (s) => expectEquivalent('scores', s)),
      { numRuns: 1500 },
    );
  });

  const base = { requestId: 'r', timestamp: 1_700_000_000_000, model: 'm', version: 'v', latencyMs: 1 };
  const cases: [string, Record<string, unknown>][] = [
    ['minimal', {}],
    [
      'every field',
      {
        variant: 'canary',
        experiment: 'exp-1',
        unitId: 'u',
        segment: { region: 'eu', n: 3, b: false },
        inputs: { features: { a: 1, b: 'x', c: true, d: null }, text: 'hi' },
        output: { label: 7, probabilities: { a: 0, b: 1 }, score: -2, value: 1e300, text: '' },
        tokens: { input: 0, output: 1e9 },
        costUsd: 0,
        status: 'error',
        errorType: 'timeout',
        embedding: [0.5, -1],
      },
    ],
    ['id of 200', { requestId: long(200) }],
    ['id of 201', { requestId: long(201) }],
    ['16 segment keys', { segment: obj(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])) }],
    ['17 segment keys', { segment: obj(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }],
    ['segment key __proto__', { segment: JSON.parse('{"__proto__": "x", "a": 1}') }],
    ['feature __proto__', { inputs: { features: JSON.parse('{"__proto__": 1}') } }],
    ['top-level __proto__', JSON.parse('{"__proto__": 1}')],
    ['latency at the limit', { latencyMs: 86_400_000 }],
    ['latency over the limit', { latencyMs: 86_400_001 }],
    ['negative zero', { latencyMs: -0, output: { label: -0 }, segment: { z: -0 } }],
    ['label 2^53', { output: { label: 2 ** 53 } }],
    ['probability above 1', { output: { probabilities: { a: 1.0000001 } } }],
    ['status error without type', { status: 'error' }],
    ['status ok with type', { errorType: 'timeout' }],
    ['empty embedding', { embedding: [] }],
    ['leap day', { timestamp: '2024-02-29T23:59:59.999999+05:00' }],
    ['not a leap day', { timestamp: '2023-02-29T00:00:00Z' }],
    ['no time zone', { timestamp: '2024-01-01T00:00:00' }],
    ['infinite latency', { latencyMs: Number.POSITIVE_INFINITY }],
    ['null optional', { experiment: null }],
    ['numeric-looking feature keys keep zod order', { inputs: { features: { b: 1, 10: 2, 2: 3, a: 4 } } }],
  ];
  it.each(cases)('targeted event: %s', (_, overrides) => {
    expectEquivalent('events', { ...base, ...overrides });
  });
});
