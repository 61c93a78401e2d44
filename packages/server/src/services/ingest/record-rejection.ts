import type { z } from 'zod';
import { receivedValue } from './received-value.js';

/** Why one record of a batch was not stored: its position, the dotted field path and what was wrong. */
export interface RecordRejection {
  /** Position of the record in the request (array index or NDJSON record number, from 0). */
  readonly index: number;
  /** Dotted path of the offending field (`inputs.features.temp`, `latencyMs`); '' for the record itself. */
  readonly field: string;
  /** What was expected and what was received, e.g. `expected a number, got "fast"`. */
  readonly message: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Issues beyond the first are listed by field only, at most this many. */
const MORE_FIELDS = 3;

/**
 * The rejection of record `index` from zod's issues: the first issue gives the field and message
 * (always naming the expectation and the received value, never zod's bare "Invalid input"); any
 * further problems are listed by field at the end of the message.
 */
export function recordRejection(
  index: number,
  input: unknown,
  issues: readonly Issue[],
  schema: z.ZodType,
): RecordRejection {
  const described = issues.flatMap((issue) => describeIssue(issue, input, schema));
  const first = described[0] ?? { field: '', message: 'the record is invalid' };
  let message = first.message;
  if (described.length > 1) {
    const more = described.slice(1, 1 + MORE_FIELDS).map((d) => d.field || '(record)');
    const rest = described.length - 1 - more.length;
    message += `; also invalid: ${more.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
  }
  return { index, field: first.field, message };
}

/** Field and message of one issue (one per unknown key for `unrecognized_keys`). */
export function describeIssue(issue: Issue, input: unknown, schema?: z.ZodType): { field: string; message: string }[] {
  const path = issue.path as Path;
  const value = valueAt(input, path);
  const field = dotted(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = schema === undefined ? undefined : shapeKeysAt(schema, path);
      const hint = allowed === undefined ? 'check its spelling' : `expected one of ${allowed.join(', ')}`;
      return issue.keys.map((key) => ({
        field: dotted([...path, key]),
        message: `unknown field "${key}" (${hint}), got ${receivedValue(valueAt(value, [key]))}`,
      }));
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const key = path[path.length - 1];
      const why = inner === undefined ? 'invalid key' : messageOf(inner, key);
      return [{ field, message: `invalid key ${JSON.stringify(String(key))}: ${why}` }];
    }
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const name = (issue as { discriminator?: string }).discriminator ?? field;
        return [
          {
            field,
            message: `expected ${name} to be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${receivedValue(value)}`,
          },
        ];
      }
      // A branch whose type matched but whose checks failed explains the problem best.
      for (const branch of issue.errors) {
        const firstIssue = branch[0];
        if (firstIssue !== undefined && firstIssue.code !== 'invalid_type') {
          const sub = describeIssue(firstIssue, value)[0];
          if (sub !== undefined) {
            const subField = dotted([...path, ...(firstIssue.path as Path)]);
            return [{ field: subField, message: sub.message }];
          }
        }
      }
      const alternatives = issue.errors.map((branch) => {
        const b = branch[0];
        if (b === undefined) return 'another value';
        if (b.code === 'invalid_type' && !isCustom(b.message)) return typeName(b.expected);
        return isCustom(b.message) ? b.message.slice('expected '.length) : typeName(String(b.code));
      });
      const expectation = `${alternatives.slice(0, -1).join(', ')}${alternatives.length > 1 ? ' or ' : ''}${alternatives[alternatives.length - 1]}`;
      return [{ field, message: withValue(`expected ${expectation}`, value) }];
    }
    default:
      return [{ field, message: withValue(messageOf(issue, value), value) }];
  }
}

/** The expectation of a single issue, without the received value. */
function messageOf(issue: Issue, value: unknown): string {
  if (isCustom(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${typeName(issue.expected)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word =
        issue.code === 'too_small'
          ? issue.inclusive
            ? 'at least'
            : 'more than'
          : issue.inclusive
            ? 'at most'
            : 'less than';
      if (issue.origin === 'string') return `expected ${word} ${String(bound)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `expected ${word} ${String(bound)} items`;
      return `expected a number ${issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<'} ${String(bound)}`;
    }
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? `text matching ${String(issue.pattern)}` : `a valid ${issue.format}`}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return `expected a valid value (${typeof value})`;
  }
}

function withValue(expectation: string, value: unknown): string {
  if (value === undefined) return `required field is missing (${expectation})`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const n = Object.keys(value).length;
    return `${expectation}, got an object with ${n} key${n === 1 ? '' : 's'}: ${receivedValue(value)}`;
  }
  if (Array.isArray(value)) return `${expectation}, got an array of ${value.length} items: ${receivedValue(value)}`;
  return `${expectation}, got ${receivedValue(value)}`;
}

/** Our schemas' own messages start with "expected"; zod's defaults ("Invalid input…", "Too small…") do not. */
function isCustom(message: string): boolean {
  return message.startsWith('expected ');
}

function typeName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'an integer';
    case 'object':
    case 'array':
      return `an ${expected}`;
    case 'null':
    case 'undefined':
      return expected;
    default:
      return `a ${expected}`;
  }
}

function dotted(path: Path): string {
  return path.map((p) => String(p)).join('.');
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

interface SchemaInternals {
  _zod: {
    def: { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; options?: unknown[] };
  };
}

/** The field names an object schema accepts at `path`, for the "unknown field" message. */
function shapeKeysAt(schema: unknown, path: Path): string[] | undefined {
  let s = unwrap(schema);
  for (const key of path) {
    const shape = s?._zod.def.shape;
    if (shape === undefined || !Object.hasOwn(shape, key)) return undefined;
    s = unwrap(shape[key as string]);
  }
  if (s === undefined) return undefined;
  const def = s._zod.def;
  if (def.shape !== undefined) return Object.keys(def.shape);
  if (def.options !== undefined) {
    const keys = new Set<string>();
    for (const o of def.options) for (const k of Object.keys(unwrap(o)?._zod.def.shape ?? {})) keys.add(k);
    return [...keys];
  }
  return undefined;
}

function unwrap(schema: unknown): SchemaInternals | undefined {
  let s = schema as SchemaInternals | undefined;
  for (let i = 0; i < 8 && s?._zod !== undefined; i++) {
    const def = s._zod.def;
    if (def.innerType !== undefined) s = def.innerType as SchemaInternals;
    else if (def.type === 'pipe' && def.in !== undefined) s = def.in as SchemaInternals;
    else return s;
  }
  return s?._zod === undefined ? undefined : s;
}
