import { ConfigError, DEV_JWT_SECRET, DEV_LTI_KEY_ENCRYPTION_KEY, loadConfig } from './app-config';

describe('configuration: the token secret and lifetime', () => {
  it('outside production, falls back to the published development secret and a 1 h token', () => {
    const config = loadConfig({});
    expect(config.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(config.tokenTtlSeconds).toBe(3600);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
  });

  it('takes JWT_SECRET and TOKEN_TTL_SECONDS from the environment', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, TOKEN_TTL_SECONDS: '900', LTI_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(config.jwtSecret).toBe(secret);
    expect(config.tokenTtlSeconds).toBe(900);
  });

  it('names every bad variable at once: a short secret and an out-of-range lifetime', () => {
    try {
      loadConfig({ JWT_SECRET: 'short', TOKEN_TTL_SECONDS: '5' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'JWT_SECRET must be at least 32 characters long',
        'TOKEN_TTL_SECONDS="5" must be a whole number from 60 to 86400',
      ]);
    }
  });
});

describe('configuration: queue fairness and limits', () => {
  it('defaults: 200 unfinished runs per organization, 20,000 requests per 60 s window, API keys run batch', () => {
    const config = loadConfig({});
    expect(config.orgMaxActiveRuns).toBe(200);
    expect(config.rateLimitRequests).toBe(20000);
    expect(config.rateLimitWindowSeconds).toBe(60);
    expect(config.apiKeyDefaultPriority).toBe('batch');
  });

  it('RATE_LIMIT_REQUESTS=0 turns the limit off; a bad priority or cap is named', () => {
    expect(loadConfig({ RATE_LIMIT_REQUESTS: '0' }).rateLimitRequests).toBe(0);
    expect(() => loadConfig({ API_KEY_DEFAULT_PRIORITY: 'urgent', ORG_MAX_ACTIVE_RUNS: '0' })).toThrow(
      /ORG_MAX_ACTIVE_RUNS="0" must be a whole number from 1 to 1000000[\s\S]*API_KEY_DEFAULT_PRIORITY="urgent" must be one of interactive, batch/,
    );
  });
});

/** The secrets production requires. */
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), LTI_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('configuration: webhooks', () => {
  it('defaults: 10 attempts from a 60 s base delay, 10 s per attempt; private addresses (webhooks and LMS calls) allowed outside production only', () => {
    const config = loadConfig({});
    expect([config.webhookAttempts, config.webhookRetryBaseMs, config.webhookTimeoutMs]).toEqual([10, 60000, 10000]);
    expect(config.webhookAllowPrivateAddresses).toBe(true);
    expect(loadConfig({ ...PRODUCTION }).webhookAllowPrivateAddresses).toBe(false);
    expect(loadConfig({ ...PRODUCTION, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }).webhookAllowPrivateAddresses).toBe(true);
    expect(config.ltiAllowPrivateAddresses).toBe(true);
    expect(loadConfig({ ...PRODUCTION }).ltiAllowPrivateAddresses).toBe(false);
  });

  it('names a bad flag and an out-of-range attempt count', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes', WEBHOOK_ATTEMPTS: '0' })).toThrow(
      /WEBHOOK_ATTEMPTS="0" must be a whole number from 1 to 30[\s\S]*WEBHOOK_ALLOW_PRIVATE_ADDRESSES="yes" must be one of true, false/,
    );
  });
});

describe('configuration: LTI', () => {
  it('outside production: the published development key; the public URL is localhost on PORT', () => {
    const config = loadConfig({ PORT: '4123' });
    expect(config.ltiKeyEncryptionKey.equals(Buffer.from(DEV_LTI_KEY_ENCRYPTION_KEY, 'base64'))).toBe(true);
    expect(config.ltiKeyEncryptionKey).toHaveLength(32);
    expect(config.publicUrl).toBe('http://localhost:4123');
  });

  it('takes PUBLIC_URL without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://netlab.example.edu/' }).publicUrl).toBe('https://netlab.example.edu');
  });

  it('refuses production without LTI_KEY_ENCRYPTION_KEY, and a key that is not 32 bytes anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/LTI_KEY_ENCRYPTION_KEY must be set in production/);
    expect(() => loadConfig({ LTI_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/LTI_KEY_ENCRYPTION_KEY must be base64 of exactly 32 bytes/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL="ftp:\/\/x" must start with http:\/\/ or https:\/\//);
  });
});
