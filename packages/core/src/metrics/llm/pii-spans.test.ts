import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors.js';
import { IBAN_LENGTHS, ibanMod97, ibanValid } from './iban.js';
import { luhnValid } from './luhn.js';
import { ipv6Valid, type PiiType, piiSpans } from './pii-spans.js';
import { redactedText, redactPii } from './redact-pii.js';

/** The spans of `text` as [type, matched] pairs. */
function found(text: string, types?: readonly PiiType[]): [PiiType, string][] {
  return piiSpans(text, types === undefined ? {} : { types }).map((s) => [s.type, s.matched]);
}

/** Asserts that `value`, embedded in a sentence, is found exactly once as `type`. */
function expectDetected(type: PiiType, value: string): void {
  const text = `Contact: ${value}. Thanks`;
  const spans = piiSpans(text);
  expect(spans, `${type} ${JSON.stringify(value)}`).toEqual([
    { start: 9, end: 9 + value.length, type, matched: value },
  ]);
}

/** Asserts that nothing is detected in `text` (for the given types). */
function expectClean(text: string, types?: readonly PiiType[]): void {
  expect(found(text, types), JSON.stringify(text)).toEqual([]);
}

describe('luhnValid', () => {
  // Reference: a plain, independent transcription of ISO/IEC 7812-1 Annex B (check digit computed
  // over the payload, compared with the last digit).
  function referenceLuhn(digits: string): boolean {
    if (!/^\d+$/.test(digits)) return false;
    const payload = digits.slice(0, -1);
    let sum = 0;
    for (let i = 0; i < payload.length; i++) {
      const d = Number(payload[payload.length - 1 - i]);
      sum += i % 2 === 0 ? ([0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d] as number) : d;
    }
    return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
  }

  it('accepts the public test card numbers and rejects altered ones', () => {
    const valid = [
      '4111111111111111',
      '4012888888881881',
      '4222222222222',
      '5555555555554444',
      '5105105105105100',
      '2223003122003222',
      '378282246310005',
      '371449635398431',
      '6011111111111117',
      '6011000990139424',
      '3530111333300000',
      '3566002020360505',
      '30569309025904',
      '38520000023237',
      '6200000000000005',
      '79927398713',
      '0',
      '18',
    ];
    for (const v of valid) expect(luhnValid(v), v).toBe(true);
    const invalid = ['4111111111111112', '5555555555554443', '378282246310006', '79927398710', '1', '', '4111-1111'];
    for (const v of invalid) expect(luhnValid(v), v).toBe(false);
  });

  it('agrees with a reference implementation on random digit strings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 25 }), (ds) => {
        const s = ds.join('');
        expect(luhnValid(s)).toBe(referenceLuhn(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 19 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (ds, at, delta) => {
          // Make a valid number by choosing the check digit, then change one digit.
          const payload = ds.slice(0, -1).join('');
          let check = 0;
          while (!luhnValid(payload + check)) check++;
          const valid = payload + check;
          const i = at % valid.length;
          const changed = valid.slice(0, i) + ((Number(valid[i]) + delta) % 10) + valid.slice(i + 1);
          expect(luhnValid(changed)).toBe(false);
        },
      ),
    );
  });
});

// The example IBANs published in the SWIFT IBAN Registry (one per country).
const REGISTRY_IBANS = [
  'AD12 0001 2030 2003 5910 0100',
  'AE07 0331 2345 6789 0123 456',
  'AL47 2121 1009 0000 0002 3569 8741',
  'AT61 1904 3002 3457 3201',
  'AZ21 NABZ 0000 0000 1370 1000 1944',
  'BA39 1290 0794 0102 8494',
  'BE68 5390 0754 7034',
  'BG80 BNBG 9661 1020 3456 78',
  'BH67 BMAG 0000 1299 1234 56',
  'BR18 0036 0305 0000 1000 9795 493C 1',
  'BY13 NBRB 3600 9000 0000 2Z00 AB00',
  'CH93 0076 2011 6238 5295 7',
  'CR05 0152 0200 1026 2840 66',
  'CY17 0020 0128 0000 0012 0052 7600',
  'CZ65 0800 0000 1920 0014 5399',
  'DE89 3704 0044 0532 0130 00',
  'DK50 0040 0440 1162 43',
  'DO28 BAGR 0000 0001 2124 5361 1324',
  'EE38 2200 2210 2014 5685',
  'ES91 2100 0418 4502 0005 1332',
  'FI21 1234 5600 0007 85',
  'FO62 6460 0001 6316 34',
  'FR14 2004 1010 0505 0001 3M02 606',
  'GB29 NWBK 6016 1331 9268 19',
  'GB82 WEST 1234 5698 7654 32',
  'GE29 NB00 0000 0101 9049 17',
  'GI75 NWBK 0000 0000 7099 453',
  'GL89 6471 0001 0002 06',
  'GR16 0110 1250 0000 0001 2300 695',
  'GT82 TRAJ 0102 0000 0012 1002 9690',
  'HR12 1001 0051 8630 0016 0',
  'HU42 1177 3016 1111 1018 0000 0000',
  'IE29 AIBK 9311 5212 3456 78',
  'IL62 0108 0000 0009 9999 999',
  'IQ98 NBIQ 8501 2345 6789 012',
  'IS14 0159 2600 7654 5510 7303 39',
  'IT60 X054 2811 1010 0000 0123 456',
  'JO94 CBJO 0010 0000 0000 0131 0003 02',
  'KW81 CBKU 0000 0000 0000 1234 5601 01',
  'KZ86 125K ZT50 0410 0100',
  'LB62 0999 0000 0001 0019 0122 9114',
  'LC55 HEMM 0001 0001 0012 0012 0002 3015',
  'LI21 0881 0000 2324 013A A',
  'LT12 1000 0111 0100 1000',
  'LU28 0019 4006 4475 0000',
  'LV80 BANK 0000 4351 9500 1',
  'MC58 1122 2000 0101 2345 6789 030',
  'MD24 AG00 0225 1000 1310 4168',
  'ME25 5050 0001 2345 6789 51',
  'MK07 2501 2000 0058 984',
  'MR13 0002 0001 0100 0012 3456 753',
  'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
  'MU17 BOMM 0101 1010 3030 0200 000M UR',
  'NL91 ABNA 0417 1643 00',
  'NO93 8601 1117 947',
  'PK36 SCBL 0000 0011 2345 6702',
  'PL61 1090 1014 0000 0712 1981 2874',
  'PS92 PALS 0000 0000 0400 1234 5670 2',
  'PT50 0002 0123 1234 5678 9015 4',
  'QA58 DOHB 0000 1234 5678 90AB CDEF G',
  'RO49 AAAA 1B31 0075 9384 0000',
  'RS35 2600 0560 1001 6113 79',
  'SA03 8000 0000 6080 1016 7519',
  'SC18 SSCB 1101 0000 0000 0000 1497 USD',
  'SE45 5000 0000 0583 9825 7466',
  'SI56 2633 0001 2039 086',
  'SK31 1200 0000 1987 4263 7541',
  'SM86 U032 2509 8000 0000 0270 100',
  'ST68 0001 0001 0051 8453 1011 2',
  'SV62 CENR 0000 0000 0000 0070 0025',
  'TL38 0080 0123 4567 8910 157',
  'TN59 1000 6035 1835 9847 8831',
  'TR33 0006 1005 1978 6457 8413 26',
  'UA21 3223 1300 0002 6007 2335 6600 1',
  'VA59 0011 2300 0012 3456 78',
  'VG96 VPVG 0000 0123 4567 8901',
  'XK05 1212 0123 4567 8906',
];

describe('ibanValid', () => {
  it('accepts the registry examples, compact, spaced and lower case', () => {
    for (const iban of REGISTRY_IBANS) {
      expect(ibanValid(iban), iban).toBe(true);
      expect(ibanValid(iban.replace(/ /g, '')), iban).toBe(true);
      expect(ibanValid(iban.toLowerCase()), iban).toBe(true);
      expect(IBAN_LENGTHS.get(iban.slice(0, 2)), iban).toBe(iban.replace(/ /g, '').length);
    }
  });

  it('rejects a changed check digit, a changed BBAN character, a wrong length or an unknown country', () => {
    for (const iban of REGISTRY_IBANS) {
      const c = iban.replace(/ /g, '');
      const badCheck = c.slice(0, 2) + String((Number(c.slice(2, 4)) + 1) % 100).padStart(2, '0') + c.slice(4);
      expect(ibanValid(badCheck), badCheck).toBe(false);
      const last = c.charAt(c.length - 1);
      const swapped = c.slice(0, -1) + (last === '7' ? '8' : last === 'A' ? 'B' : '7');
      expect(ibanValid(swapped), swapped).toBe(false);
      expect(ibanValid(`${c}0`), `${c}0`).toBe(false);
      expect(ibanValid(c.slice(0, -1)), c.slice(0, -1)).toBe(false);
    }
    expect(ibanValid('ZZ12 3456 7890 1234 5678 90')).toBe(false);
    expect(ibanValid('')).toBe(false);
    expect(ibanValid('DE89-3704-0044-0532-0130-00')).toBe(false);
  });

  it('computes MOD 97-10 like BigInt arithmetic', () => {
    for (const iban of REGISTRY_IBANS) {
      const c = iban.replace(/ /g, '');
      const rearranged = (c.slice(4) + c.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
      expect(ibanMod97(c)).toBe(Number(BigInt(rearranged) % 97n));
    }
  });
});

describe('piiSpans: positives', () => {
  it('emails', () => {
    for (const v of [
      'jane.doe@example.com',
      'j+tag@sub.example.co.uk',
      "o'brien@example.ie",
      'x_y-z@mail-server.io',
      'user@xn--bcher-kva.example',
      'josé@correo.españa.es',
      'a@b.cd',
    ]) {
      expectDetected('email', v);
    }
    expect(found('mailto:jane@example.com>')).toEqual([['email', 'jane@example.com']]);
    expect(found('<jane@example.com>, bob@example.org;')).toEqual([
      ['email', 'jane@example.com'],
      ['email', 'bob@example.org'],
    ]);
  });

  it('phone numbers in E.164, NANP and European formats', () => {
    for (const v of [
      '+14155552671',
      '+1 415 555 2671',
      '+1 (415) 555-2671',
      '+1-415-555-2671',
      '+44 20 7946 0958',
      '+44 (0)20 7946 0958',
      '+49 30 12345678',
      '+49 (0)30 1234567',
      '+33 1 23 45 67 89',
      '+33 6 12 34 56 78',
      '+31 20 123 4567',
      '+34 912 345 678',
      '+39 06 1234 5678',
      '+46 8 123 456 78',
      '+353 1 234 5678',
      '0044 20 7946 0958',
      '0049 30 12345678',
      '(415) 555-2671',
      '415-555-2671',
      '415.555.2671',
      '415 555 2671',
      '1-415-555-2671',
      '1 (800) 555-0199',
      '020 7946 0958',
      '030 1234567',
      '030 12345678',
      '06 12 34 56 78',
      '01 23 45 67 89',
      '06.12.34.56.78',
      '(030) 1234567',
      '07700 900123',
      '07700900123',
      '089 1234 5678',
      '0612-345678',
    ]) {
      expectDetected('phone', v);
    }
  });

  it('credit card numbers that pass Luhn, compact, spaced or hyphenated', () => {
    for (const v of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '5555 5555 5555 4444',
      '2223 0031 2200 3222',
      '3782 822463 10005',
      '378282246310005',
      '6011 1111 1111 1117',
      '3530 1113 3330 0000',
      '3056 9309 0259 04',
      '6200 0000 0000 0005',
      '4222222222222',
    ]) {
      expectDetected('credit_card', v);
    }
  });

  it('IBANs from the registry examples, spaced, compact and lower case', () => {
    for (const v of REGISTRY_IBANS) {
      expectDetected('iban', v);
      expectDetected('iban', v.replace(/ /g, ''));
    }
    expectDetected('iban', 'de89 3704 0044 0532 0130 00');
    // Followed by an upper-case word: the span stops at the country's length.
    expect(found('IBAN GB82 WEST 1234 5698 7654 32 THANKS')).toEqual([['iban', 'GB82 WEST 1234 5698 7654 32']]);
  });

  it('US SSNs outside the never-issued ranges', () => {
    for (const v of ['123-45-6789', '123 45 6789', '001-01-0001', '665-99-9999', '667-12-3456', '899-99-9999']) {
      expectDetected('us_ssn', v);
    }
  });

  it('IPv4 and IPv6 addresses', () => {
    for (const v of ['192.168.1.1', '10.0.0.255', '8.8.8.8', '255.255.255.255', '0.0.0.0', '172.16.254.1']) {
      expectDetected('ipv4', v);
    }
    for (const v of [
      '2001:db8:85a3:0:0:8a2e:370:7334',
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '2001:db8::1',
      'fe80::1',
      'fe80::1ff:fe23:4567:890a',
      '::ffff:192.0.2.128',
      '2001:db8::',
      'FE80::0202:B3FF:FE1E:8329',
      'fe80::1%eth0',
      '1:2:3:4:5:6:7:8',
      '::2:3:4:5:6:7:8',
      '64:ff9b::192.0.2.33',
    ]) {
      expectDetected('ipv6', v);
    }
    expect(found('[2001:db8::1]:8080')).toEqual([['ipv6', '2001:db8::1']]);
    expect(found('host 192.168.0.1:8080')).toEqual([['ipv4', '192.168.0.1']]);
    expect(found('subnet 10.0.0.0/8')).toEqual([['ipv4', '10.0.0.0']]);
  });

  it('reports several types in text order with UTF-16 offsets', () => {
    const text =
      '😀 Mail jane@example.com, SSN 123-45-6789, card 4111 1111 1111 1111, ip 10.1.2.3, tel +44 20 7946 0958.';
    const spans = piiSpans(text);
    expect(spans.map((s) => s.type)).toEqual(['email', 'us_ssn', 'credit_card', 'ipv4', 'phone']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.matched);
    expect(spans[0]?.start).toBe(8);
  });

  it('restricts detection to the requested types', () => {
    const text = 'jane@example.com 123-45-6789 10.1.2.3';
    expect(found(text, ['us_ssn'])).toEqual([['us_ssn', '123-45-6789']]);
    expect(found(text, ['email', 'ipv4'])).toEqual([
      ['email', 'jane@example.com'],
      ['ipv4', '10.1.2.3'],
    ]);
    expect(found(text, [])).toEqual([]);
  });
});

describe('piiSpans: negatives', () => {
  it('invalid or non-personal look-alikes are not reported', () => {
    const clean = [
      'The meeting is on 2024-01-15 at 12:30:45.',
      'Dates: 01.02.2024, 15/03/2023 and 2023.12.31.',
      'Version 1.2.3 and build 4.5.6.7.8 are out.',
      'ISBN 978-3-16-148410-0 and order #1234567890.',
      'Pi is 3.14159265358979 and e is 2.718281828.',
      'We sold 1,234,567 units for $12,345,678.90.',
      'Card 4111 1111 1111 1112 fails Luhn.',
      'Card 1234 5678 9012 3452 is outside the issuer ranges.',
      'Digits 7992 7398 713 pass Luhn but are too short.',
      // Invalid IBANs (a spaced one's digit groups can still look like a phone: "DE89 3704 0044 …").
      'IBAN DE89370400440532013001 has a wrong check.',
      'IBAN GB82 WEST 1234 5698 7654 33 has a wrong check.',
      'IBAN ZZ12 3456 7890 1234 5678 90 has no country.',
      'SSN 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567 and 123-45-0000 are never issued.',
      'SSN-like 123-456-789 has the wrong grouping.',
      'IP 256.1.1.1, 1.2.3, 192.168.01.1 and 1.2.3.4.5 are not addresses.',
      'Time 10:30, ratio 3:2, std::vector, a::b and MAC 00:1A:2B:3C:4D:5E.',
      'IPv6-like 1:2:3:4:5:6:7 and 2001:db8::1::2 and 12345::1 are invalid; ::, ::1 and 1:: have one group.',
      'Short compressed forms a::b, 1::2, ab::c and std::cout are not reported.',
      'Email-like user@localhost, @handle, name@, a@b.c and x@-y.com.',
      'Call 555-1234 or extension 1234.',
      'NANP needs codes from 2: 123-456-7890 and 415-155-2671.',
      'A temperature of -40 and coordinates 48.8566, 2.3522.',
      'hash 3f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d and uuid 123e4567-e89b-12d3-a456-426614174000',
    ];
    for (const t of clean) expectClean(t);
  });
});

describe('redactPii', () => {
  it('masks each type with its label and keeps the rest', () => {
    const text = 'Reach me at jane@example.com, card 4111 1111 1111 1111, SSN 123-45-6789.';
    expect(redactPii(text)).toBe('Reach me at [EMAIL], card [CREDIT_CARD], SSN [US_SSN].');
    expect(redactPii('ip 10.1.2.3 and fe80::1 and DE89 3704 0044 0532 0130 00 or +1 415 555 2671')).toBe(
      'ip [IPV4] and [IPV6] and [IBAN] or [PHONE]',
    );
  });

  it('honours types and replacement templates or functions', () => {
    const text = 'jane@example.com / 123-45-6789';
    expect(redactPii(text, { types: ['us_ssn'] })).toBe('jane@example.com / [US_SSN]');
    expect(redactPii(text, { replacement: '***' })).toBe('*** / ***');
    expect(redactPii(text, { replacement: '<{type}>' })).toBe('<EMAIL> / <US_SSN>');
    expect(redactPii(text, { replacement: (s) => '#'.repeat(s.matched.length) })).toBe(
      `${'#'.repeat(16)} / ${'#'.repeat(11)}`,
    );
  });

  it('returns the same string when nothing is found', () => {
    const text = 'Nothing personal here, just 42 apples.';
    expect(redactPii(text)).toBe(text);
    expect(redactPii('')).toBe('');
  });

  it('redactedText applies given spans and matches redactPii', () => {
    const text = 'a jane@example.com b 10.0.0.1 c';
    expect(redactedText(text, piiSpans(text))).toBe(redactPii(text));
    expect(redactedText(text, [])).toBe(text);
  });

  it('rejects bad input with CoreErrors', () => {
    const bad = (f: () => unknown, code: string, message: RegExp) => {
      try {
        f();
        expect.unreachable('should throw');
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        expect((e as CoreError).code).toBe(code);
        expect((e as CoreError).message).toMatch(message);
      }
    };
    bad(() => redactPii(42 as unknown as string), 'invalid_value', /^redactPii: text must be a string \(got 42\)$/);
    bad(() => piiSpans(null as unknown as string), 'invalid_value', /^piiSpans: text must be a string \(got null\)$/);
    bad(
      () => redactPii('x', { types: ['email', 'passport' as PiiType] }),
      'invalid_option',
      /options\.types must contain only .*\(got "passport"\)/,
    );
    bad(
      () => redactPii('x', { types: 'email' as unknown as PiiType[] }),
      'invalid_option',
      /options\.types must be an array/,
    );
    bad(
      () => redactPii('x', { replacement: 3 as unknown as string }),
      'invalid_option',
      /options\.replacement must be a string or a function \(got 3\)/,
    );
    bad(
      () => redactPii('a@b.co', { replacement: (() => 1) as unknown as () => string }),
      'invalid_option',
      /options\.replacement must return a string \(got 1\)/,
    );
    bad(
      () => redactedText('abc', [{ start: 2, end: 5, type: 'email', matched: 'c' }]),
      'invalid_value',
      /spans must be sorted, non-overlapping and within the text/,
    );
    bad(
      () =>
        redactedText('abcdef', [
          { start: 2, end: 4, type: 'email', matched: 'cd' },
          { start: 3, end: 5, type: 'email', matched: 'de' },
        ]),
      'invalid_value',
      /at index 1, after position 4/,
    );
  });
});

describe('PII properties', () => {
  const piiValues = fc.constantFrom(
    'jane.doe@example.com',
    'bob+x@mail.example.org',
    '+1 (415) 555-2671',
    '+44 20 7946 0958',
    '020 7946 0958',
    '415-555-2671',
    '4111 1111 1111 1111',
    '5555555555554444',
    '378282246310005',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    '123-45-6789',
    '192.168.1.1',
    '10.0.0.255',
    '2001:db8::1',
    'fe80::1ff:fe23:4567:890a',
  );
  const filler = fc.constantFrom(
    'hello',
    'the',
    'order 42',
    'at',
    'version 1.2',
    'é',
    '😀',
    'ok.',
    '2024-01-15',
    'id: 7',
  );
  const separator = fc.constantFrom(' ', ', ', '\n', ' (', ') ', ': ', '; ');
  const document = fc
    .array(fc.tuple(fc.oneof(piiValues, filler), separator), { maxLength: 12 })
    .map((parts) => parts.map(([a, b]) => a + b).join(''));

  it('redacted output contains none of the detected spans and nothing detectable', () => {
    fc.assert(
      fc.property(document, (text) => {
        const spans = piiSpans(text);
        const redacted = redactPii(text);
        for (const s of spans) expect(redacted.includes(s.matched), s.matched).toBe(false);
        expect(piiSpans(redacted)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every embedded value and reports spans that slice the text', () => {
    fc.assert(
      fc.property(fc.array(piiValues, { minLength: 1, maxLength: 6 }), (values) => {
        const text = values.join(' and ');
        const spans = piiSpans(text);
        expect(spans.map((s) => s.matched)).toEqual(values);
        for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.matched);
      }),
    );
  });

  it('spans are sorted, non-overlapping and exact on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789 .-:@+()abcdefABCDEF'.split('')), maxLength: 80 }),
        (text) => {
          let pos = 0;
          for (const s of piiSpans(text)) {
            expect(s.start).toBeGreaterThanOrEqual(pos);
            expect(s.end).toBeGreaterThan(s.start);
            expect(text.slice(s.start, s.end)).toBe(s.matched);
            pos = s.end;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('ipv6Valid agrees with the URL parser on candidate strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('1', 'db8', 'ffff', '0', '::', ':', '2001', 'abcd', '12345', '1.2.3.4'), {
          minLength: 1,
          maxLength: 10,
        }),
        (parts) => {
          const s = parts.join('');
          let parsed = false;
          try {
            new URL(`http://[${s}]/`);
            parsed = true;
          } catch {
            parsed = false;
          }
          const groups = s.split(/::?/).filter((g) => g !== '');
          if (groups.length >= 2 && groups.join('').replace(/\./g, '').length >= 4)
            expect(ipv6Valid(s), s).toBe(parsed);
          else expect(ipv6Valid(s), s).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// Speed and linear scaling on adversarial input are measured in bench/metrics/pii-redaction.mjs
// (no timed assertions in tests); here the same inputs are checked for correct output.
describe('redactPii on large and adversarial input', () => {
  it('redacts 1 MB of mixed text completely', () => {
    const chunk = 'User jane.doe@example.com paid with 4111 1111 1111 1111 from 192.168.0.10 on 2024-01-15; ';
    const prose = 'The quick brown fox jumps over the lazy dog while the model answers politely. ';
    let text = '';
    while (text.length < 1_000_000) text += chunk + prose.repeat(5);
    const out = redactPii(text);
    expect(out.includes('@example.com')).toBe(false);
    expect(out.includes('4111 1111 1111 1111')).toBe(false);
    expect(out.includes('192.168.0.10')).toBe(false);
    expect(out.includes('2024-01-15')).toBe(true);
  });

  it('leaves adversarial near-misses unchanged (nothing in them is personal data)', () => {
    const inputs = [
      `${'a'.repeat(200_000)}@`,
      `@${'a.'.repeat(100_000)}`,
      '1 '.repeat(100_000),
      'f:'.repeat(100_000),
      'DE89'.repeat(50_000),
    ];
    for (const text of inputs) expect(redactPii(text)).toBe(text);
  });
});
