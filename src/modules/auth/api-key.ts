import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys: `knl_` and 32 random bytes in base64url (43 characters). The prefix makes a
 * leaked key recognisable to secret scanners and tells the guard it is not a signed
 * token; only the SHA-256 of the whole key is stored (a 256-bit random secret needs no
 * slow hash), and the first characters are kept to tell keys apart in lists.
 */
export const API_KEY_PREFIX = 'knl_';
const SECRET_BYTES = 32;
const DISPLAY_CHARS = API_KEY_PREFIX.length + 8;
const SHAPE = /^knl_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** The whole key: shown once to its creator, never stored. */
  secret: string;
  /** What lists show, e.g. `knl_Ab12Cd34`. */
  prefix: string;
  /** sha-256 of the secret, hex: what is stored and looked up. */
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const secret = API_KEY_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return { secret, prefix: secret.slice(0, DISPLAY_CHARS), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Credentials that claim to be an API key (rather than a signed token). */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/** Well-formed API key: anything else is refused without a database lookup. */
export function isWellFormedApiKey(credential: string): boolean {
  return SHAPE.test(credential);
}
