import { PII_TYPES, type PiiType, redactPii } from '@modelwatch/core/metrics';
import type { IngestRecord, RecordKind } from './record-kind.js';

/** Options of `PiiRedactor`. */
export interface PiiRedactorOptions {
  /** The kinds of personal data to mask (default: all of `PII_TYPES`); `[]` turns redaction off. */
  readonly types?: readonly PiiType[];
}

type Writable = Record<string, unknown>;

const DIGIT_DOT_DIGIT = /\d\.\d/;
const IBAN_START = /[A-Za-z]{2}\d{2}/;

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
  readonly #email: boolean;
  readonly #ipv6: boolean;
  readonly #ipv4: boolean;
  readonly #iban: boolean;
  /** Fewest digits a phone (8), SSN (9) or card number (13) has, among the enabled types. */
  readonly #minDigits: number;

  constructor(options: PiiRedactorOptions = {}) {
    const types = options.types ?? PII_TYPES;
    for (const t of types) {
      if (!PII_TYPES.includes(t)) {
        throw new RangeError(`PiiRedactor: types must contain only ${PII_TYPES.join(', ')} (got ${JSON.stringify(t)})`);
      }
    }
    this.types = [...types];
    this.#options = { types: this.types };
    this.#email = types.includes('email');
    this.#ipv6 = types.includes('ipv6');
    this.#ipv4 = types.includes('ipv4');
    this.#iban = types.includes('iban');
    this.#minDigits = Math.min(
      types.includes('phone') ? 8 : Number.POSITIVE_INFINITY,
      types.includes('us_ssn') ? 9 : Number.POSITIVE_INFINITY,
      types.includes('credit_card') ? 13 : Number.POSITIVE_INFINITY,
    );
  }

  /** `text` with every enabled PII type masked; the same string when there is nothing to mask. */
  text(text: string): string {
    return this.#mayContain(text) ? redactPii(text, this.#options) : text;
  }

  /**
   * A necessary condition for any enabled type to occur, from one pass over the characters:
   * an email needs '@'; an IPv6 address two ':'; a phone 8 digits, an SSN 9, a card 13; an IPv4
   * address "digit.digit"; an IBAN two letters then two digits. Most text fails all of them and
   * skips the detectors (property-tested against `redactPii`).
   */
  #mayContain(text: string): boolean {
    let digits = 0;
    let colons = 0;
    let at = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 58) colons++;
      else if (c === 64) at = true;
    }
    if (at && this.#email) return true;
    if (colons >= 2 && this.#ipv6) return true;
    if (digits >= this.#minDigits) return true;
    if (digits >= 4 && this.#ipv4 && DIGIT_DOT_DIGIT.test(text)) return true;
    return digits >= 2 && this.#iban && IBAN_START.test(text);
  }

  /** Redacts the free-text fields of one validated record of `kind`, in place; returns it. */
  record<R extends IngestRecord>(kind: RecordKind, record: R): R {
    if (this.types.length === 0) return record;
    const r = record as unknown as Writable;
    switch (kind) {
      case 'events': {
        const inputs = r.inputs as Writable;
        if (typeof inputs.text === 'string') inputs.text = this.text(inputs.text);
        const features = inputs.features as Writable | undefined;
        if (features !== undefined) {
          for (const key in features) {
            const v = features[key];
            if (typeof v === 'string') {
              const masked = this.text(v);
              if (masked !== v) features[key] = masked;
            }
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
