import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so secret scanners and logs can recognise one. */
export const API_KEY_PREFIX = 'mw_';

/** Characters of the secret kept as the key's public `prefix` (the `mw_` plus 8). */
const SHOWN = API_KEY_PREFIX.length + 8;

/** A new API key: the secret (shown once, never stored), its SHA-256 and its public prefix. */
export interface NewApiKeySecret {
  readonly secret: string;
  readonly hash: string;
  readonly prefix: string;
}

/**
 * Generates an API key: `mw_` + 43 characters of base64url (256 random bits). Keys carry full
 * entropy, so one unsalted SHA-256 is the right at-rest form (as GitHub and Stripe tokens): a slow
 * password hash protects guessable secrets, and these are not guessable.
 */
export function newApiKeySecret(): NewApiKeySecret {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: apiKeyHash(secret), prefix: secret.slice(0, SHOWN) };
}

/** The stored form of a key: SHA-256, lower-case hex. */
export function apiKeyHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `s` has the shape of a modelwatch key (cheap check before any lookup). */
export function looksLikeApiKey(s: string): boolean {
  return s.length === API_KEY_PREFIX.length + 43 && s.startsWith(API_KEY_PREFIX) && /^[A-Za-z0-9_-]+$/.test(s.slice(3));
}
