import { PII_TYPES, type PiiType, redactPii } from '@modelwatch/core/metrics';
import type { IngestRecord, RecordKind } from './record-kind.js';

/** Options of `PiiRedactor`. */
export interface PiiRedactorOptions {
  /** The kinds of personal data to mask (default: all of `PII_TYPES`); `[]` turns redaction off. */
  readonly types?: readonly PiiType[];
}

type Writable = Record<string, unknown>;

/**
 * Masks personal data (emails, phones, card numbers, IBANs, SSNs, IP addresses; see core's
 * `piiSpans`) in the free text of records before they are stored or logged: `inputs.text`,
 * `output.text`, string feature values, feedback comments and corrections, score rationales.
 * Spans become `[EMAIL]`, `[PHONE]`, … A one-pass pre-check skips text that cannot contain any
 * enabled type (no digit, no `@`, no `:`), which is most feature values and short texts.
 * Records are redacted in place: they are the validator's fresh copies, never the caller's input.
 */
export class PiiRedactor {
  readonly types: readonly PiiType[];
  readonly #options: { types: readonly PiiType[] };
  readonly #candidate: RegExp | undefined;

  constructor(options: PiiRedactorOptions = {}) {
    const types = options.types ?? PII_TYPES;
    for (const t of types) {
      if (!PII_TYPES.includes(t)) {
        throw new RangeError(`PiiRedactor: types must contain only ${PII_TYPES.join(', ')} (got ${JSON.stringify(t)})`);
      }
    }
    this.types = [...types];
    this.#options = { types: this.types };
    // Every digit-based type needs a digit; email needs '@'; IPv6 needs ':' (it may have no decimal digit).
    const chars = [
      types.some((t) => t !== 'email' && t !== 'ipv6') ? '0-9' : '',
      types.includes('email') ? '@' : '',
      types.includes('ipv6') ? ':' : '',
    ].join('');
    this.#candidate = chars === '' ? undefined : new RegExp(`[${chars}]`);
  }

  /** `text` with every enabled PII type masked; the same string when there is nothing to mask. */
  text(text: string): string {
    if (this.#candidate === undefined || !this.#candidate.test(text)) return text;
    return redactPii(text, this.#options);
  }

  /** Redacts the free-text fields of one validated record of `kind`, in place; returns it. */
  record<R extends IngestRecord>(kind: RecordKind, record: R): R {
    if (this.#candidate === undefined) return record;
    const r = record as unknown as Writable;
    switch (kind) {
      case 'events': {
        const inputs = r.inputs as Writable;
        if (typeof inputs.text === 'string') inputs.text = this.text(inputs.text);
        const features = inputs.features as Writable | undefined;
        if (features !== undefined) {
          for (const key in features) {
            const v = features[key];
            if (typeof v === 'string') features[key] = this.text(v);
          }
        }
        const output = r.output as Writable;
        if (typeof output.text === 'string') output.text = this.text(output.text);
        break;
      }
      case 'feedback':
        if (typeof r.comment === 'string') r.comment = this.text(r.comment);
        if (typeof r.correction === 'string') r.correction = this.text(r.correction);
        break;
      case 'scores':
        if (typeof r.rationale === 'string') r.rationale = this.text(r.rationale);
        break;
      case 'outcomes':
        break;
    }
    return record;
  }
}
