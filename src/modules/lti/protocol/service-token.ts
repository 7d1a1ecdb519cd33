import { LtiHttpError, send, sendForJson, type Clock, type HttpClient } from './http';
import type { ToolKeySet } from './keys';
import type { PlatformRegistration } from './registration';
import { randomToken } from './state';
import { JWT_BEARER_ASSERTION } from './uris';

/**
 * Access tokens for the LTI Advantage services (Security Framework 1.0 §4.1): the
 * client-credentials grant authenticated by a JWT client assertion (RFC 7523 §2.2,
 * RFC 7521 §4.2) signed with the tool's key, iss = sub = client_id, aud = the token URL.
 * Tokens are cached per registration and scope set until `expires_in` minus a margin,
 * and concurrent requests for the same key share one token request.
 */
export interface ServiceTokenOptions {
  /** Refresh this long before the platform's expiry; default 60 s. */
  marginSeconds?: number;
  /** Lifetime of a client assertion; default 5 minutes. */
  assertionTtlSeconds?: number;
}

interface CachedToken {
  accessToken: string;
  /** Milliseconds since the epoch after which the token is not used again. */
  refreshAt: number;
}

export class ServiceTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly deps: { http: HttpClient; keys: ToolKeySet; clock: Clock },
    private readonly options: ServiceTokenOptions = {},
  ) {}

  /** A bearer token for `scopes` at the registration's platform. Errors: `LtiHttpError` from the token endpoint. */
  async token(registration: PlatformRegistration, scopes: string[]): Promise<string> {
    const scope = scopeOf(scopes);
    const cacheKey = cacheKeyOf(registration, scopes);
    const cached = this.cache.get(cacheKey);
    if (cached && this.deps.clock() < cached.refreshAt) return cached.accessToken;

    let request = this.pending.get(cacheKey);
    if (!request) {
      request = this.request(registration, scope).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, request);
    }
    const token = await request;
    this.cache.set(cacheKey, token);
    return token.accessToken;
  }

  /**
   * A service call with a bearer token for `scopes`. A 401 means the platform dropped the
   * token before its expiry: the call is made once more with a fresh one.
   */
  async call(registration: PlatformRegistration, scopes: string[], url: string, init: RequestInit = {}): Promise<Response> {
    const attempt = async () => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${await this.token(registration, scopes)}`);
      return send(this.deps.http, url, { ...init, headers });
    };
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LtiHttpError && error.status === 401)) throw error;
      this.cache.delete(cacheKeyOf(registration, scopes));
      return attempt();
    }
  }

  private async request(registration: PlatformRegistration, scope: string): Promise<CachedToken> {
    const now = Math.floor(this.deps.clock() / 1000);
    const assertion = await this.deps.keys.sign({
      iss: registration.clientId,
      sub: registration.clientId,
      aud: registration.tokenAudience ?? registration.tokenUrl,
      iat: now,
      exp: now + (this.options.assertionTtlSeconds ?? 300),
      jti: randomToken(),
    });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: assertion,
      scope,
    });
    const { body } = await sendForJson<{ access_token?: unknown; expires_in?: unknown }>(this.deps.http, registration.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    if (typeof body.access_token !== 'string') throw new Error(`token endpoint ${registration.tokenUrl} answered without access_token`);
    // RFC 6749 §5.1: expires_in is recommended, not required; assume an hour, LTI platforms' usual lifetime.
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    const margin = Math.min(this.options.marginSeconds ?? 60, expiresIn / 2);
    return { accessToken: body.access_token, refreshAt: this.deps.clock() + (expiresIn - margin) * 1000 };
  }
}

function scopeOf(scopes: string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

function cacheKeyOf(registration: PlatformRegistration, scopes: string[]): string {
  return `${registration.id}\n${scopeOf(scopes)}`;
}
