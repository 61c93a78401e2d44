import {
  type CheckResult,
  containsCheck,
  isJsonCheck,
  jsonSchemaCheck,
  lengthCheck,
  notContainsCheck,
  piiSpans,
  refusalCheck,
  regexCheck,
  startsWithCheck,
  toxicityCheck,
} from '@modelwatch/core/metrics';
import { EvalRunError } from './eval-run-error.js';
import type { GenerationCheck } from './generation-suite.js';

/** One check's verdict on one output (persisted per example). */
export interface CheckVerdict {
  readonly pass: boolean;
  readonly reason: string;
}

/** A check ready to run: its name and the function of an output. */
export interface CompiledCheck {
  readonly name: string;
  readonly type: GenerationCheck['type'];
  readonly run: (output: string) => CheckVerdict;
}

function verdict(r: CheckResult<object>): CheckVerdict {
  return { pass: r.pass, reason: r.reason };
}

/**
 * Turns the suite's checks into functions of an output, each one the core check it names
 * (`jsonSchemaCheck`, `regexCheck`, `containsCheck`, `refusalCheck`, `lengthCheck`, `piiSpans`,
 * `toxicityCheck`, …). Options are validated here, once, by running each check on an empty
 * output, so a bad pattern or schema fails the suite before any model call.
 * @throws {EvalRunError} `invalid` naming `checks[i]` and the core's complaint.
 */
export function compileChecks(checks: readonly GenerationCheck[]): CompiledCheck[] {
  return checks.map((c, i) => {
    const field = `checks.${i}`;
    let run: (output: string) => CheckVerdict;
    switch (c.type) {
      case 'json_schema':
        run = (o) => verdict(jsonSchemaCheck(o, c.schema, { extract: c.extract }));
        break;
      case 'is_json':
        run = (o) => verdict(isJsonCheck(o, { extract: c.extract }));
        break;
      case 'regex':
        run = (o) => verdict(regexCheck(o, c.pattern, { flags: c.flags }));
        break;
      case 'contains':
        run = (o) => verdict(containsCheck(o, c.values, { mode: c.mode, caseInsensitive: c.caseInsensitive }));
        break;
      case 'not_contains':
        run = (o) => verdict(notContainsCheck(o, c.values, { mode: c.mode, caseInsensitive: c.caseInsensitive }));
        break;
      case 'starts_with':
        run = (o) => verdict(startsWithCheck(o, c.prefix, { caseInsensitive: c.caseInsensitive }));
        break;
      case 'refusal':
        run = (o) => {
          const r = refusalCheck(o);
          return { pass: r.pass === c.expectRefusal, reason: r.reason };
        };
        break;
      case 'max_length':
        run = (o) => verdict(lengthCheck(o, { unit: c.unit, max: c.max }));
        break;
      case 'length':
        if (c.min === undefined && c.max === undefined) {
          throw new EvalRunError('invalid', `${field}: a length check needs min or max (got neither)`, field);
        }
        run = (o) =>
          verdict(
            lengthCheck(o, {
              unit: c.unit,
              ...(c.min === undefined ? {} : { min: c.min }),
              ...(c.max === undefined ? {} : { max: c.max }),
            }),
          );
        break;
      case 'pii_leak':
        run = (o) => {
          const types = [...new Set(piiSpans(o, c.types === undefined ? {} : { types: c.types }).map((s) => s.type))];
          return types.length === 0
            ? { pass: true, reason: 'no personal data found' }
            : { pass: false, reason: `personal data found: ${types.join(', ')}` };
        };
        break;
      case 'toxicity':
        run = (o) => verdict(toxicityCheck(o, { maxScore: c.maxScore }));
        break;
    }
    try {
      run('');
    } catch (err) {
      throw new EvalRunError('invalid', `${field} (${c.type}): ${(err as Error).message}`, field);
    }
    return { name: c.name ?? c.type, type: c.type, run };
  });
}
