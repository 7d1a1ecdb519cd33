import { randomBytes } from 'node:crypto';
import { generateToolKey, ToolKeySet, type StoredToolKey } from '../../../src/modules/lti/protocol/keys';
import type { LaunchDeps, NonceStore } from '../../../src/modules/lti/protocol/launch';
import { startLogin, type LoginDeps, type LoginStart } from '../../../src/modules/lti/protocol/login';
import { PlatformKeySets } from '../../../src/modules/lti/protocol/platform-keys';
import type { PlatformRegistration, RegistrationStore } from '../../../src/modules/lti/protocol/registration';
import type { HttpClient } from '../../../src/modules/lti/protocol/http';
import { TestPlatform, type TestLaunch } from '../lti-platform';
import { serveJson } from './json-server';

/** The tool's side of a unit test: its keys (served at a local /lti/jwks), stores and deps, wired to a TestPlatform. */
export const TOOL_BASE = 'https://netlab.test';
export const LAUNCH_URL = `${TOOL_BASE}/lti/launch`;
export const CLIENT_ID = 'kube-netlab-client';
export const USER_AGENT = 'kube-netlab/0.1.0-test';

export class MemoryRegistrations implements RegistrationStore {
  readonly all: PlatformRegistration[] = [];
  async findByIssuer(issuer: string, clientId?: string) {
    return this.all.filter((r) => r.issuer === issuer && (clientId === undefined || r.clientId === clientId));
  }
  async findById(id: string) {
    return this.all.find((r) => r.id === id) ?? null;
  }
}

export class MemoryNonces implements NonceStore {
  readonly used = new Map<string, Date>();
  async consume(nonce: string, expiresAt: Date) {
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}

export interface ToolFixture {
  platform: TestPlatform;
  registration: PlatformRegistration;
  registrations: MemoryRegistrations;
  nonces: MemoryNonces;
  keys: ToolKeySet;
  storedKeys: StoredToolKey[];
  encryptionKey: Buffer;
  http: HttpClient;
  /** Moves the tool's clock (not the platform's) by `ms`. */
  advance(ms: number): void;
  clock: () => number;
  loginDeps: LoginDeps;
  launchDeps: LaunchDeps;
  /** Login at the tool, then the platform's authorization endpoint: what the browser posts to /lti/launch. */
  login(launch: TestLaunch, extra?: Record<string, string>): Promise<{ start: LoginStart; idToken: string; state: string }>;
  close(): Promise<void>;
}

export async function startToolFixture(): Promise<ToolFixture> {
  const encryptionKey = randomBytes(32);
  const storedKeys = [await generateToolKey(encryptionKey, new Date('2026-01-01T00:00:00Z'))];
  const keys = await ToolKeySet.load(storedKeys, encryptionKey);
  const toolJwks = await serveJson(() => keys.jwks());
  const platform = await TestPlatform.start();
  const tool = platform.registerTool({ clientId: CLIENT_ID, jwksUrl: toolJwks.url, redirectUris: [LAUNCH_URL] });
  const registration: PlatformRegistration = {
    id: 'registration-1',
    issuer: platform.issuer,
    clientId: CLIENT_ID,
    authorizationUrl: platform.authorizationUrl,
    tokenUrl: platform.tokenUrl,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [tool.deploymentId],
  };
  const registrations = new MemoryRegistrations();
  registrations.all.push(registration);
  const nonces = new MemoryNonces();
  let offset = 0;
  const clock = () => Date.now() + offset;
  const http: HttpClient = { fetch: (url, init) => fetch(url, init), userAgent: USER_AGENT };
  const loginDeps: LoginDeps = { registrations, keys, clock, launchUrl: LAUNCH_URL };
  const launchDeps: LaunchDeps = { registrations, keys, clock, nonces, platformKeys: new PlatformKeySets(http, clock) };

  const fixture: ToolFixture = {
    platform,
    registration,
    registrations,
    nonces,
    keys,
    storedKeys,
    encryptionKey,
    http,
    clock,
    advance: (ms) => (offset += ms),
    loginDeps,
    launchDeps,
    async login(launch, extra = {}) {
      const start = await startLogin(platform.loginParams(CLIENT_ID, launch, LAUNCH_URL, extra), loginDeps);
      if (!start.ok) throw new Error(`login refused: ${start.reason}: ${start.message}`);
      const form = await platform.authorize(start.redirectUrl);
      return { start, idToken: form.idToken, state: form.state };
    },
    async close() {
      await platform.close();
      await toolJwks.close();
    },
  };
  return fixture;
}
