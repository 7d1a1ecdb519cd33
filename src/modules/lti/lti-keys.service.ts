import { Injectable } from '@nestjs/common';
import { ENGINE_VERSION } from '../../engine';
import { AppConfig } from '../../platform/config/app-config';
import { InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { publicFetch } from '../../platform/http/public-fetch';
import { LtiRepository } from './lti.repository';
import { generateToolKey, ltiUserAgent, PlatformKeySets, ServiceTokens, ToolKeySet, type HttpClient, type StoredToolKey } from './protocol';

/** How long one call to an LMS may take. */
const LMS_TIMEOUT_MS = 10_000;

/** How long a process uses the keys it loaded before reading them again (a rotation elsewhere shows within this). */
const KEY_CACHE_MS = 30_000;

/**
 * The tool's keys and the protocol's per-process helpers: the key set (made at first use,
 * reloaded every 30 s so that a rotation in another process is picked up), the platforms'
 * key sets, and the service tokens (one cache per loaded key set).
 */
@Injectable()
export class LtiKeysService {
  /** Every call to an LMS: its URLs are chosen by organization owners, so they may not reach internal addresses (LTI_ALLOW_PRIVATE_ADDRESSES). */
  readonly http: HttpClient;
  readonly platformKeys: PlatformKeySets;
  private loaded?: { at: number; keys: ToolKeySet; tokens: ServiceTokens };

  constructor(
    private readonly repository: LtiRepository,
    private readonly config: AppConfig,
  ) {
    this.http = { fetch: publicFetch({ allowPrivateAddresses: config.ltiAllowPrivateAddresses, timeoutMs: LMS_TIMEOUT_MS }), userAgent: ltiUserAgent(ENGINE_VERSION) };
    this.platformKeys = new PlatformKeySets(this.http, Date.now);
  }

  /** The active keys: the newest signs, all verify and are published. */
  async keySet(): Promise<ToolKeySet> {
    return (await this.load()).keys;
  }

  /** Access tokens for the platforms' services, signed with the current keys. */
  async serviceTokens(): Promise<ServiceTokens> {
    return (await this.load()).tokens;
  }

  async list(): Promise<StoredToolKey[]> {
    await this.load();
    return this.repository.toolKeys();
  }

  /** Adds a key that signs from now on; the older ones stay published until retired. */
  async rotate(): Promise<StoredToolKey> {
    const key = await generateToolKey(this.config.ltiKeyEncryptionKey, new Date());
    await this.repository.addToolKey(key);
    this.loaded = undefined;
    return key;
  }

  /** Takes a key out of the published set; the newest active key cannot be retired (rotate first). */
  async retire(kid: string): Promise<void> {
    const keys = await this.keySet();
    if (!keys.verificationKey(kid)) throw new NotFoundError('LtiToolKey', kid);
    if (keys.signingKid === kid) throw new InvalidInputError(`key ${kid} is the one that signs now: rotate first, then retire it`);
    await this.repository.retireToolKey(kid, new Date());
    this.loaded = undefined;
  }

  private async load() {
    if (this.loaded && Date.now() - this.loaded.at < KEY_CACHE_MS) return this.loaded;
    await this.repository.ensureToolKey(() => generateToolKey(this.config.ltiKeyEncryptionKey, new Date()));
    const keys = await ToolKeySet.load(await this.repository.toolKeys(), this.config.ltiKeyEncryptionKey);
    // Tokens cached under the old set stay valid at the platform; a new cache costs one token request.
    const tokens = this.loaded && this.loaded.keys.signingKid === keys.signingKid ? this.loaded.tokens : new ServiceTokens({ http: this.http, keys, clock: Date.now });
    this.loaded = { at: Date.now(), keys, tokens };
    return this.loaded;
  }
}
