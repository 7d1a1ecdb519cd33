import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword, type ScryptCost } from './password';

// A cheap cost keeps the unit tests fast; the format and the checks are the same.
const CHEAP: ScryptCost = { log2N: 10, r: 8, p: 1 };

describe('password hashing (scrypt, RFC 7914)', () => {
  it('stores the parameters, a 16-byte salt and a 32-byte key, never the password', async () => {
    const stored = await hashPassword('s3cret-pass', CHEAP);
    const [scheme, log2N, r, p, salt, key] = stored.split('$');
    expect([scheme, log2N, r, p]).toEqual(['scrypt', '10', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('s3cret-pass');
  });

  it('is standard scrypt: node:crypto with the stored salt and parameters gives the stored key', async () => {
    const stored = await hashPassword('s3cret-pass', CHEAP);
    const [, , , , salt, key] = stored.split('$');
    const expected = scryptSync('s3cret-pass', Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 });
    expect(Buffer.from(key, 'base64url').equals(expected)).toBe(true);
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    expect(await hashPassword('same', CHEAP)).not.toBe(await hashPassword('same', CHEAP));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('right password', CHEAP);
    await expect(verifyPassword('right password', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong password', stored)).resolves.toBe(false);
    await expect(verifyPassword('right password ', stored)).resolves.toBe(false);
  });

  it('defaults to the OWASP-recommended cost, N = 2^17, r = 8, p = 1', async () => {
    const stored = await hashPassword('x');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', '17', '8', '1']);
    await expect(verifyPassword('x', stored)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another scheme', 'bcrypt$10$abc'],
    ['too few fields', 'scrypt$10$8$1$AAAA'],
    ['absurd cost', 'scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['short key', 'scrypt$10$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('a malformed stored hash (%s) never matches', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });
});
