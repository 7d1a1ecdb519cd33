import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A test LMS platform (LTI 1.3 Advantage) on a free local port, written from the IMS
 * specs independently of the tool code it tests: its own RSA keys and key set, the OIDC
 * authorization endpoint (answers with an auto-posting form carrying a signed id_token,
 * with hooks to tamper with it), the token endpoint (checks the tool's client assertion
 * against the tool's key set URL), AGS line items and scores, NRPS memberships (paged),
 * the deep linking return endpoint and dynamic registration. Usable from unit tests
 * (in-process) and from e2e tests (the service talks to it over HTTP).
 */

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
};
const LINE_ITEM = 'application/vnd.ims.lis.v2.lineitem+json';
const LINE_ITEM_CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCORE = 'application/vnd.ims.lis.v1.score+json';
const MEMBERSHIPS = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

export const ROLE = {
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  administrator: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator',
};

/** A launch the platform will make: the user, where, and what the test does to the id_token. */
export interface TestLaunch {
  messageType?: string;
  user: { id: string; name?: string; email?: string; roles: string[] };
  context?: { id: string; label?: string; title?: string };
  resourceLink?: { id: string; title?: string };
  custom?: Record<string, string>;
  /** Changes the claims before signing (wrong aud, expired, other deployment, ...). */
  tamper?: (claims: Record<string, any>) => void;
  /** `unknown_kid`: signed with a key the key set does not publish; `bad_signature`: signed with another key under a published kid. */
  signing?: 'unknown_kid' | 'bad_signature';
}

interface Tool {
  clientId: string;
  jwksUrl: string;
  redirectUris: string[];
  initiateLoginUri?: string;
  deploymentId: string;
}

interface PlatformKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface LineItemRecord {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
}

export interface Member {
  user_id: string;
  roles: string[];
  status?: string;
  name?: string;
  email?: string;
}

/** Every HTTP request the platform received (method, path with query, User-Agent). */
export interface RequestRecord {
  method: string;
  path: string;
  userAgent?: string;
}

export class TestPlatform {
  readonly tools = new Map<string, Tool>();
  readonly lineItems = new Map<string, LineItemRecord[]>();
  readonly rosters = new Map<string, Member[]>();
  /** Every score POSTed, in order. */
  readonly scores: Array<{ lineItemId: string; body: any; contentType?: string }> = [];
  /** Every token request, granted or not. */
  readonly tokenRequests: Array<{ clientId?: string; scope: string; granted: boolean; error?: string }> = [];
  readonly deepLinkResponses: Array<{ clientId: string; claims: Record<string, any> }> = [];
  readonly registrationRequests: any[] = [];
  readonly requests: RequestRecord[] = [];
  /** Page size of line item and membership containers. */
  pageSize = 2;
  /** `expires_in` of access tokens. */
  tokenLifetimeSeconds = 3600;
  /** While true, every request is answered 503 (a platform that is down for maintenance). */
  down = false;

  private keys: PlatformKey[] = [];
  private readonly launches = new Map<string, { launch: TestLaunch; targetLinkUri: string }>();
  private readonly accessTokens = new Map<string, { clientId: string; scopes: string[]; expiresAt: number }>();
  private readonly registrationTokens = new Set<string>();
  private nextLineItem = 1;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** Starts the platform on 127.0.0.1 and a free port, with one signing key. */
  static async start(): Promise<TestPlatform> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const platform = new TestPlatform(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => void platform.handle(req, res));
    await platform.rotateKey();
    return platform;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  get authorizationUrl(): string {
    return `${this.issuer}/auth`;
  }
  get tokenUrl(): string {
    return `${this.issuer}/token`;
  }
  get jwksUrl(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }
  get openIdConfigurationUrl(): string {
    return `${this.issuer}/.well-known/openid-configuration`;
  }
  get deepLinkReturnUrl(): string {
    return `${this.issuer}/deep-link-return`;
  }
  lineItemsUrl(contextId: string): string {
    return `${this.issuer}/contexts/${encodeURIComponent(contextId)}/lineitems`;
  }
  membershipsUrl(contextId: string): string {
    return `${this.issuer}/contexts/${encodeURIComponent(contextId)}/memberships`;
  }

  /** Registers a tool by hand (what an LMS administrator does). */
  registerTool(tool: Omit<Tool, 'deploymentId'> & { deploymentId?: string }): Tool {
    const registered = { ...tool, deploymentId: tool.deploymentId ?? `deployment-${this.tools.size + 1}` };
    this.tools.set(tool.clientId, registered);
    return registered;
  }

  /** Adds a key that signs from now on; earlier keys stay in the key set. Returns its kid. */
  async rotateKey(): Promise<string> {
    const key = await newKey();
    this.keys.unshift(key);
    return key.kid;
  }

  /** The published key set. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** A one-time registration token for a dynamic registration. */
  issueRegistrationToken(): string {
    const token = randomUUID();
    this.registrationTokens.add(token);
    return token;
  }

  /** The login initiation parameters the platform sends the browser with to the tool's login URL. */
  loginParams(clientId: string, launch: TestLaunch, targetLinkUri: string, extra: Record<string, string> = {}): Record<string, string> {
    const tool = this.tool(clientId);
    const hint = randomUUID();
    this.launches.set(hint, { launch, targetLinkUri });
    return {
      iss: this.issuer,
      login_hint: launch.user.id,
      target_link_uri: targetLinkUri,
      lti_message_hint: hint,
      client_id: clientId,
      lti_deployment_id: tool.deploymentId,
      ...extra,
    };
  }

  /** Follows the tool's authentication request like a browser: returns the auto-posted form (or the platform's error). */
  async authorize(authRequestUrl: string): Promise<{ action: string; idToken: string; state: string }> {
    const response = await fetch(authRequestUrl);
    const html = await response.text();
    if (!response.ok) throw new Error(`authorization endpoint answered ${response.status}: ${html}`);
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    return { action: /action="([^"]*)"/.exec(html)?.[1] ?? '', idToken: field('id_token'), state: field('state') };
  }

  private tool(clientId: string): Tool {
    const tool = this.tools.get(clientId);
    if (!tool) throw new Error(`test platform: no tool with client_id ${clientId}`);
    return tool;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, userAgent: req.headers['user-agent'] });
    try {
      const body = await readBody(req);
      if (this.down) return json(res, 503, { error: 'temporarily_unavailable' });
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /.well-known/jwks.json') return json(res, 200, this.jwks());
      if (route === 'GET /.well-known/openid-configuration') return json(res, 200, this.openIdConfiguration());
      if (route === 'GET /auth' || route === 'POST /auth') return await this.authorizeRequest(res, req.method === 'GET' ? url.searchParams : new URLSearchParams(body));
      if (route === 'POST /token') return await this.token(res, new URLSearchParams(body));
      if (route === 'POST /register') return this.register(req, res, body);
      if (route === 'POST /deep-link-return') return await this.deepLinkReturn(res, new URLSearchParams(body));
      const service = /^\/contexts\/([^/]+)\/(lineitems|memberships)(?:\/(\d+)(\/scores)?)?$/.exec(url.pathname);
      if (service) return this.service(req, res, url, body, decodeURIComponent(service[1]), service[2], service[3], service[4]);
      return json(res, 404, { error: `no route ${route}` });
    } catch (error) {
      return json(res, 500, { error: (error as Error).message });
    }
  }

  private openIdConfiguration() {
    return {
      issuer: this.issuer,
      authorization_endpoint: this.authorizationUrl,
      token_endpoint: this.tokenUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      jwks_uri: this.jwksUrl,
      registration_endpoint: `${this.issuer}/register`,
      scopes_supported: ['openid', ...Object.values(SCOPES)],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'sub', 'aud', 'name', 'email'],
      'https://purl.imsglobal.org/spec/lti-platform-configuration': {
        product_family_code: 'kube-netlab-test-lms',
        version: '1.0',
        messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
      },
    };
  }

  /** OIDC authorization endpoint (Security Framework §5.1.1.2–§5.1.1.3). */
  private async authorizeRequest(res: ServerResponse, query: URLSearchParams): Promise<void> {
    const expected = { scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none' };
    for (const [name, value] of Object.entries(expected)) {
      if (query.get(name) !== value) return text(res, 400, `${name} must be ${value}, got ${query.get(name)}`);
    }
    const tool = this.tools.get(query.get('client_id') ?? '');
    if (!tool) return text(res, 400, `unknown client_id ${query.get('client_id')}`);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!tool.redirectUris.includes(redirectUri)) return text(res, 400, `redirect_uri ${redirectUri} is not registered`);
    const pending = this.launches.get(query.get('lti_message_hint') ?? '');
    if (!pending) return text(res, 400, 'unknown lti_message_hint');
    const { launch, targetLinkUri } = pending;
    if (query.get('login_hint') !== launch.user.id) return text(res, 400, 'login_hint does not match the launch');
    const nonce = query.get('nonce');
    const state = query.get('state');
    if (!nonce || !state) return text(res, 400, 'nonce and state are required');

    const idToken = await this.idToken(tool, launch, nonce, targetLinkUri);
    const fields = `<input type="hidden" name="id_token" value="${idToken}">\n<input type="hidden" name="state" value="${escapeAttr(state)}">`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><body><form method="post" action="${escapeAttr(redirectUri)}">\n${fields}\n</form><script>document.forms[0].submit()</script></body></html>`);
  }

  private async idToken(tool: Tool, launch: TestLaunch, nonce: string, targetLinkUri: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const messageType = launch.messageType ?? 'LtiResourceLinkRequest';
    const claims: Record<string, any> = {
      iss: this.issuer,
      aud: tool.clientId,
      azp: tool.clientId,
      sub: launch.user.id,
      iat: now,
      exp: now + 300,
      nonce,
      name: launch.user.name,
      email: launch.user.email,
      [`${LTI}message_type`]: messageType,
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: tool.deploymentId,
      [`${LTI}target_link_uri`]: targetLinkUri,
      [`${LTI}roles`]: launch.user.roles,
      [`${LTI}tool_platform`]: { guid: this.issuer, name: 'kube-netlab test LMS', product_family_code: 'kube-netlab-test-lms' },
    };
    if (launch.custom) claims[`${LTI}custom`] = launch.custom;
    if (launch.context) {
      claims[`${LTI}context`] = { ...launch.context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = {
        scope: [SCOPES.lineItem, SCOPES.resultReadOnly, SCOPES.score],
        lineitems: this.lineItemsUrl(launch.context.id),
      };
      claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] = {
        context_memberships_url: this.membershipsUrl(launch.context.id),
        service_versions: ['2.0'],
      };
    }
    if (messageType === 'LtiDeepLinkingRequest') {
      claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
        deep_link_return_url: this.deepLinkReturnUrl,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: true,
        accept_lineitem: true,
        data: `dl-data-${randomUUID()}`,
      };
    } else if (launch.resourceLink) {
      claims[`${LTI}resource_link`] = launch.resourceLink;
    }
    launch.tamper?.(claims);

    const signer = launch.signing ? await newKey() : this.keys[0];
    // bad_signature: a published kid over another key's signature; unknown_kid: the other key's own kid.
    const kid = launch.signing === 'bad_signature' ? this.keys[0].kid : signer.kid;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(signer.privateKey);
  }

  /** Token endpoint: client_credentials with a JWT client assertion (RFC 7523), checked against the tool's key set. */
  private async token(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const scope = form.get('scope') ?? '';
    const fail = (error: string, description: string) => {
      this.tokenRequests.push({ scope, granted: false, error: description });
      return json(res, 400, { error, error_description: description });
    };
    if (form.get('grant_type') !== 'client_credentials') return fail('unsupported_grant_type', 'grant_type must be client_credentials');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return fail('invalid_client', 'bad client_assertion_type');
    const assertion = form.get('client_assertion') ?? '';
    let clientId: string;
    try {
      clientId = String(decodeJwt(assertion).iss);
      const tool = this.tool(clientId);
      const { payload } = await jwtVerify(assertion, createRemoteJWKSet(new URL(tool.jwksUrl)), {
        issuer: clientId,
        subject: clientId,
        audience: this.tokenUrl,
        algorithms: ['RS256'],
      });
      if (!payload.jti || !payload.exp) return fail('invalid_client', 'client assertion needs jti and exp');
    } catch (error) {
      return fail('invalid_client', `client assertion: ${(error as Error).message}`);
    }
    const scopes = scope.split(' ').filter(Boolean);
    const unknown = scopes.filter((s) => !Object.values(SCOPES).includes(s));
    if (scopes.length === 0 || unknown.length > 0) return fail('invalid_scope', `unknown scope ${unknown.join(' ')}`);
    const accessToken = randomUUID();
    this.accessTokens.set(accessToken, { clientId, scopes, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
    this.tokenRequests.push({ clientId, scope, granted: true });
    return json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, scope });
  }

  /** Drops every access token, as a platform restart would: the next service call gets 401. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  private service(req: IncomingMessage, res: ServerResponse, url: URL, body: string, contextId: string, kind: string, itemId?: string, scores?: string): void {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const token = auth && this.accessTokens.get(auth[1]);
    if (!token || token.expiresAt < Date.now()) return json(res, 401, { error: 'invalid_token' });
    const needs = (scope: string) => token.scopes.includes(scope);

    if (kind === 'memberships') {
      if (req.method !== 'GET' || !needs(SCOPES.memberships)) return json(res, 403, { error: 'insufficient_scope' });
      if (!acceptable(req, MEMBERSHIPS)) return json(res, 406, { error: `Accept must allow ${MEMBERSHIPS}` });
      const members = this.rosters.get(contextId) ?? [];
      return this.paged(res, url, members, MEMBERSHIPS, (page) => ({ id: url.toString(), context: { id: contextId, title: `Course ${contextId}` }, members: page }));
    }

    const items = this.lineItems.get(contextId) ?? [];
    this.lineItems.set(contextId, items);
    if (scores) {
      if (req.method !== 'POST' || !needs(SCOPES.score)) return json(res, 403, { error: 'insufficient_scope' });
      if (req.headers['content-type'] !== SCORE) return json(res, 415, { error: `Content-Type must be ${SCORE}` });
      const lineItemId = `${this.lineItemsUrl(contextId)}/${itemId}`;
      if (!items.some((item) => item.id === lineItemId)) return json(res, 404, { error: 'no such line item' });
      const score = JSON.parse(body);
      for (const field of ['userId', 'activityProgress', 'gradingProgress', 'timestamp']) {
        if (score[field] === undefined) return json(res, 400, { error: `score needs ${field}` });
      }
      this.scores.push({ lineItemId, body: score, contentType: req.headers['content-type'] });
      res.writeHead(204).end();
      return;
    }
    if (itemId) {
      const item = items.find((candidate) => candidate.id === `${this.lineItemsUrl(contextId)}/${itemId}`);
      return item ? json(res, 200, item, LINE_ITEM) : json(res, 404, { error: 'no such line item' });
    }
    if (req.method === 'GET') {
      if (!needs(SCOPES.lineItem) && !needs(SCOPES.lineItemReadOnly)) return json(res, 403, { error: 'insufficient_scope' });
      if (!acceptable(req, LINE_ITEM_CONTAINER)) return json(res, 406, { error: `Accept must allow ${LINE_ITEM_CONTAINER}` });
      const filters: Array<[string, keyof LineItemRecord]> = [['resource_link_id', 'resourceLinkId'], ['resource_id', 'resourceId'], ['tag', 'tag']];
      const matching = items.filter((item) => filters.every(([param, field]) => !url.searchParams.has(param) || item[field] === url.searchParams.get(param)));
      return this.paged(res, url, matching, LINE_ITEM_CONTAINER, (page) => page);
    }
    if (!needs(SCOPES.lineItem)) return json(res, 403, { error: 'insufficient_scope' });
    if (req.headers['content-type'] !== LINE_ITEM) return json(res, 415, { error: `Content-Type must be ${LINE_ITEM}` });
    const created = this.createLineItem(contextId, JSON.parse(body));
    return json(res, 201, created, LINE_ITEM);
  }

  private createLineItem(contextId: string, spec: Omit<LineItemRecord, 'id'>): LineItemRecord {
    const items = this.lineItems.get(contextId) ?? [];
    const item = { ...spec, id: `${this.lineItemsUrl(contextId)}/${this.nextLineItem++}` };
    items.push(item);
    this.lineItems.set(contextId, items);
    return item;
  }

  /** One page of `all` (`?page=`, `pageSize` long) with `Link: <...>; rel="next"` when more follow. */
  private paged<T>(res: ServerResponse, url: URL, all: T[], mediaType: string, wrap: (page: T[]) => unknown): void {
    const page = Number(url.searchParams.get('page') ?? '1');
    const size = Number(url.searchParams.get('limit') ?? this.pageSize);
    const headers: Record<string, string> = { 'Content-Type': mediaType };
    if (page * size < all.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.Link = `<${next}>; rel="next"`;
    }
    res.writeHead(200, headers).end(JSON.stringify(wrap(all.slice((page - 1) * size, page * size))));
  }

  /** Deep linking return (DL 2.0 §4.5): verifies the tool's response JWT and creates the links' line items. */
  private async deepLinkReturn(res: ServerResponse, form: URLSearchParams): Promise<void> {
    const jwt = form.get('JWT') ?? '';
    const clientId = String(decodeJwt(jwt).iss);
    const tool = this.tool(clientId);
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(tool.jwksUrl)), { issuer: clientId, audience: this.issuer, algorithms: ['RS256'] });
    if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') return text(res, 400, 'not an LtiDeepLinkingResponse');
    if (payload[`${LTI}deployment_id`] !== tool.deploymentId) return text(res, 400, 'wrong deployment_id');
    this.deepLinkResponses.push({ clientId, claims: payload });
    return text(res, 200, 'content added');
  }

  /** Dynamic registration endpoint (DR 1.0 §3.5–§3.6). */
  private register(req: IncomingMessage, res: ServerResponse, body: string): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.registrationTokens.delete(token)) return json(res, 401, { error: 'invalid_token' });
    const request = JSON.parse(body);
    this.registrationRequests.push(request);
    const configuration = request[TOOL_CONFIGURATION];
    const problems = [
      !Array.isArray(request.redirect_uris) && 'redirect_uris',
      typeof request.jwks_uri !== 'string' && 'jwks_uri',
      typeof request.initiate_login_uri !== 'string' && 'initiate_login_uri',
      request.token_endpoint_auth_method !== 'private_key_jwt' && 'token_endpoint_auth_method',
      !configuration?.target_link_uri && `${TOOL_CONFIGURATION}.target_link_uri`,
    ].filter(Boolean);
    if (problems.length > 0) return json(res, 400, { error: 'invalid_client_metadata', error_description: `bad ${problems.join(', ')}` });
    const clientId = `client-${randomUUID()}`;
    const tool = this.registerTool({ clientId, jwksUrl: request.jwks_uri, redirectUris: request.redirect_uris, initiateLoginUri: request.initiate_login_uri });
    return json(res, 200, { ...request, client_id: clientId, [TOOL_CONFIGURATION]: { ...configuration, deployment_id: tool.deploymentId } });
  }
}

async function newKey(): Promise<PlatformKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function acceptable(req: IncomingMessage, mediaType: string): boolean {
  const accept = req.headers.accept ?? '*/*';
  return accept.includes(mediaType) || accept.includes('*/*');
}

function json(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': contentType }).end(JSON.stringify(body));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
