import { randomBytes } from 'node:crypto';
import { jwtVerify, createLocalJWKSet } from 'jose';
import { decryptPrivateKey, encryptPrivateKey, generateToolKey, ToolKeySet } from './keys';

describe('tool keys', () => {
  const encryptionKey = randomBytes(32);

  it('encrypts private keys with AES-256-GCM: round trip, and a wrong key or a flipped byte fails', () => {
    const stored = encryptPrivateKey('-----BEGIN PRIVATE KEY-----\nabc', encryptionKey);
    expect(stored).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/); // 12-byte IV, 16-byte tag
    expect(decryptPrivateKey(stored, encryptionKey)).toBe('-----BEGIN PRIVATE KEY-----\nabc');
    expect(() => decryptPrivateKey(stored, randomBytes(32))).toThrow('wrong encryption key or tampered');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(() => decryptPrivateKey([...parts.slice(0, 3), body.toString('base64url')].join('.'), encryptionKey)).toThrow('tampered');
    expect(() => encryptPrivateKey('x', randomBytes(16))).toThrow('must be 32 bytes');
  });

  it('publishes every active key, signs with the newest, and drops retired keys', async () => {
    const old = await generateToolKey(encryptionKey, new Date('2026-01-01T00:00:00Z'));
    const fresh = await generateToolKey(encryptionKey, new Date('2026-02-01T00:00:00Z'));
    expect(old.encryptedPrivateKey).not.toContain('PRIVATE KEY');

    const set = await ToolKeySet.load([old, fresh], encryptionKey);
    const jwks = set.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([fresh.kid, old.kid]);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(key).not.toHaveProperty('d'); // no private parameters in the published set
    }
    const jwt = await set.sign({ sub: 'x' });
    const { protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks));
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: fresh.kid, typ: 'JWT' });

    const afterRetire = await ToolKeySet.load([old, { ...fresh, retiredAt: new Date() }], encryptionKey);
    expect(afterRetire.jwks().keys.map((k) => k.kid)).toEqual([old.kid]);
    expect(afterRetire.signingKid).toBe(old.kid);
    await expect(ToolKeySet.load([{ ...old, retiredAt: new Date() }], encryptionKey)).rejects.toThrow('no active LTI tool key');
  });
});
