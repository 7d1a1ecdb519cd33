import { importJWK, type CryptoKey, type JWK } from 'jose';
import { sendForJson, type Clock, type HttpClient } from './http';

/**
 * The platforms' public key sets (LTI Security Framework 1.0 §6.3), fetched from each
 * registration's JWKS URL and cached. A kid missing from the cached set makes one refetch
 * (the platform may have rotated), but no more often than once per `cooldownMs`, so
 * tokens naming random kids cannot make the tool hammer the platform.
 */
export interface PlatformKeySetOptions {
  /** How long a fetched set is used before it is fetched again; default 10 minutes. */
  maxAgeMs?: number;
  /** Minimum time between two fetches of one set; default 30 s (jose's default too). */
  cooldownMs?: number;
}

interface CachedSet {
  keys: JWK[];
  fetchedAt: number;
}

export class PlatformKeySets {
  private readonly cache = new Map<string, CachedSet>();
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;

  constructor(
    private readonly http: HttpClient,
    private readonly clock: Clock,
    options: PlatformKeySetOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
  }

  /**
   * The key `kid` of the set at `jwksUrl` for algorithm `alg`, or null when the set (after
   * at most one refetch) has no such key. Fetch failures throw `LtiHttpError`.
   */
  async key(jwksUrl: string, kid: string, alg: string): Promise<CryptoKey | null> {
    let set = this.cache.get(jwksUrl);
    const now = this.clock();
    if (!set || now - set.fetchedAt >= this.maxAgeMs) set = await this.refresh(jwksUrl);
    let jwk = set.keys.find((key) => key.kid === kid);
    if (!jwk && now - set.fetchedAt >= this.cooldownMs) {
      set = await this.refresh(jwksUrl);
      jwk = set.keys.find((key) => key.kid === kid);
    }
    if (!jwk) return null;
    if (jwk.alg && jwk.alg !== alg) return null;
    return (await importJWK(jwk, alg)) as CryptoKey;
  }

  private async refresh(jwksUrl: string): Promise<CachedSet> {
    const { body } = await sendForJson<{ keys?: unknown }>(this.http, jwksUrl, { headers: { Accept: 'application/json' } });
    if (!Array.isArray(body.keys)) throw new Error(`platform key set ${jwksUrl} has no "keys" array`);
    const set = { keys: body.keys as JWK[], fetchedAt: this.clock() };
    this.cache.set(jwksUrl, set);
    return set;
  }
}
