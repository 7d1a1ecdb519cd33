import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * The tool's own signing keys (LTI Security Framework 1.0 §6): RS256 key pairs whose
 * public halves the tool publishes at /lti/jwks and whose newest private half signs
 * client assertions, deep linking responses and login state. Private keys are stored
 * encrypted with AES-256-GCM under a key from the configuration.
 *
 * Rotation: `generateToolKey` adds a key, which signs from then on; older keys stay in
 * the published set (platforms may hold tokens or cached sets that name them) until the
 * service sets `retiredAt`.
 */

export const TOOL_KEY_ALG = 'RS256';

/** A tool key as the service stores it. */
export interface StoredToolKey {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  publicJwk: JWK;
  /** `encryptPrivateKey` of the PKCS#8 PEM. */
  encryptedPrivateKey: string;
  createdAt: Date;
  /** Set when the key leaves the published set; a retired key neither signs nor verifies. */
  retiredAt?: Date | null;
}

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT = 'v1';

function checkEncryptionKey(encryptionKey: Buffer): void {
  if (encryptionKey.length !== 32) throw new Error(`LTI key encryption key must be 32 bytes for AES-256-GCM, got ${encryptionKey.length}`);
}

/** AES-256-GCM with a random 96-bit IV: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptPrivateKey(plaintext: string, encryptionKey: Buffer): string {
  checkEncryptionKey(encryptionKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Inverse of `encryptPrivateKey`; a wrong key or tampered text throws. */
export function decryptPrivateKey(stored: string, encryptionKey: Buffer): string {
  checkEncryptionKey(encryptionKey);
  const parts = stored.split('.');
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new Error(`encrypted LTI private key is not in the ${FORMAT}.<iv>.<tag>.<ciphertext> format`);
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv(CIPHER, encryptionKey, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('cannot decrypt LTI private key: wrong encryption key or tampered ciphertext');
  }
}

/** A new RS256 key pair (2048-bit), private half encrypted, ready for the service to store. */
export async function generateToolKey(encryptionKey: Buffer, createdAt: Date): Promise<StoredToolKey> {
  const { publicKey, privateKey } = await generateKeyPair(TOOL_KEY_ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    publicJwk: { ...jwk, kid, alg: TOOL_KEY_ALG, use: 'sig' },
    encryptedPrivateKey: encryptPrivateKey(await exportPKCS8(privateKey), encryptionKey),
    createdAt,
    retiredAt: null,
  };
}

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  createdAt: Date;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The tool's active keys, decrypted: publishes, signs with the newest, verifies its own JWTs. */
export class ToolKeySet {
  private constructor(private readonly keys: LoadedKey[]) {}

  /** Loads the active (not retired) keys; fails when there is none. */
  static async load(stored: StoredToolKey[], encryptionKey: Buffer): Promise<ToolKeySet> {
    const active = stored.filter((key) => !key.retiredAt).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    if (active.length === 0) throw new Error('no active LTI tool key: generate one with generateToolKey');
    const keys = await Promise.all(
      active.map(async (key) => ({
        kid: key.kid,
        publicJwk: key.publicJwk,
        createdAt: key.createdAt,
        privateKey: await importPKCS8(decryptPrivateKey(key.encryptedPrivateKey, encryptionKey), TOOL_KEY_ALG),
        publicKey: (await importJWK(key.publicJwk, TOOL_KEY_ALG)) as CryptoKey,
      })),
    );
    return new ToolKeySet(keys);
  }

  /** The JWKS document for /lti/jwks: every active public key, newest first. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** The kid that signs now (the newest key). */
  get signingKid(): string {
    return this.keys[0].kid;
  }

  /** Signs `payload` as a JWT with the newest key (`alg` RS256, its `kid`, `typ` JWT). */
  sign(payload: JWTPayload): Promise<string> {
    const key = this.keys[0];
    return new SignJWT(payload).setProtectedHeader({ alg: TOOL_KEY_ALG, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  /** The public key for `kid`, or undefined when it is not (or no longer) in the set. */
  verificationKey(kid: string | undefined): CryptoKey | undefined {
    return this.keys.find((key) => key.kid === kid)?.publicKey;
  }
}
