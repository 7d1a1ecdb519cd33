import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, generateApiKey, hashApiKey, isWellFormedApiKey, looksLikeApiKey } from './api-key';

describe('API keys', () => {
  it('are knl_ and 43 base64url characters (32 random bytes), different every time', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.secret).toMatch(/^knl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.secret.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(a.secret).not.toBe(b.secret);
  });

  it('are stored as the hex SHA-256 of the whole secret', () => {
    const key = generateApiKey();
    expect(key.hash).toBe(createHash('sha256').update(key.secret).digest('hex'));
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keep a short display prefix that is the start of the secret and far shorter than it', () => {
    const key = generateApiKey();
    expect(key.prefix).toHaveLength(12);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
  });

  it('are told apart from signed tokens by their prefix', () => {
    expect(looksLikeApiKey(generateApiKey().secret)).toBe(true);
    // A JWT (RFC 7519) is base64url JSON: it begins with "eyJ".
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
    expect(isWellFormedApiKey(generateApiKey().secret)).toBe(true);
    expect(isWellFormedApiKey('knl_short')).toBe(false);
    expect(isWellFormedApiKey(`${generateApiKey().secret}x`)).toBe(false);
  });
});
