import type { SeededRandom } from './seeded-random.js';

const FIRST = ['alex', 'maria', 'wei', 'fatima', 'john', 'priya', 'lucas', 'emma', 'omar', 'yuki', 'sofia', 'noah'];
const LAST = ['smith', 'garcia', 'chen', 'khan', 'mueller', 'patel', 'silva', 'jones', 'haddad', 'tanaka', 'rossi'];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com'];

/**
 * Synthetic personal data for demo prompts, so PII redaction has something to redact. None of it
 * is real: e-mail domains are the reserved example.* (RFC 2606), phone numbers use the fictional
 * 555-01xx range, card numbers are random Luhn-valid numbers no issuer has assigned on purpose.
 */
export const syntheticPii = {
  name(rng: SeededRandom): string {
    const first = rng.pick(FIRST);
    return first.charAt(0).toUpperCase() + first.slice(1);
  },
  email(rng: SeededRandom): string {
    return `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.index(100)}@${rng.pick(DOMAINS)}`;
  },
  phone(rng: SeededRandom): string {
    const area = rng.pick(['206', '415', '212', '312', '617']);
    return `+1 ${area}-555-01${String(rng.index(100)).padStart(2, '0')}`;
  },
  /** A 16-digit Luhn-valid number starting with 4, in groups of four. */
  cardNumber(rng: SeededRandom): string {
    const digits = [4];
    for (let i = 1; i < 15; i++) digits.push(rng.index(10));
    digits.push(luhnCheckDigit(digits));
    const s = digits.join('');
    return `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8, 12)} ${s.slice(12)}`;
  },
};

/** The Luhn check digit that makes `digits` followed by it a valid number. */
export function luhnCheckDigit(digits: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the final number (check digit excluded).
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
