import { PII_TYPES, type PiiType, redactPii } from '@modelwatch/core/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiRedactor } from './pii-redactor.js';

const SAMPLES = [
  'jane.doe@example.com',
  '+1 415 555 2671',
  '(415) 555-2671',
  '020 7946 0958',
  '0049 30 1234567',
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  'DE89 3704 0044 0532 0130 00',
  'GB82WEST12345698765432',
  '123-45-6789',
  '10.1.2.3',
  '192.168.0.1',
  'fe80::1ff:fe23:4567:890a',
  '2001:db8::1',
  'abcd::ef01',
];

/** Text made of PII samples, near misses and filler, so both sides of every pre-check are hit. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SAMPLES),
      fc.string({ unit: fc.constantFrom(...'0123456789 .:-+@()abcDEF'.split('')), maxLength: 20 }),
      fc.constantFrom('order 10000: due Monday', 'v1.2', 'a:b', 'x@y', 'AB12', 'ab 12', '12:30:45', 'call 555-2671'),
      fc.string({ maxLength: 10 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

describe('PiiRedactor', () => {
  it('equals redactPii for every type subset (the pre-check never skips a real span)', () => {
    fc.assert(
      fc.property(text, fc.subarray([...PII_TYPES] as PiiType[]), (s, types) => {
        expect(new PiiRedactor({ types }).text(s)).toBe(redactPii(s, { types }));
        expect(new PiiRedactor().text(s)).toBe(redactPii(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('masks each sample and leaves plain text untouched (same string)', () => {
    const r = new PiiRedactor();
    for (const sample of SAMPLES) expect(r.text(`see ${sample} now`)).not.toContain(sample);
    const plain = 'Customer asks about the delivery of order 10000: it was due on Monday.';
    expect(r.text(plain)).toBe(plain);
  });

  it('rejects unknown types', () => {
    expect(() => new PiiRedactor({ types: ['passport' as PiiType] })).toThrow(
      'PiiRedactor: types must contain only iban, credit_card, us_ssn, email, ipv6, ipv4, phone (got "passport")',
    );
  });
});
