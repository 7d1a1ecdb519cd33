import { escapeHtml, page } from './html';
import { LtiHttpError, sendForJson, type HttpClient } from './http';
import { refuse, type Refusal } from './refusal';
import { MESSAGE_TYPE, PLATFORM_CONFIGURATION, SCOPE, TOOL_CONFIGURATION } from './uris';

/**
 * LTI Dynamic Registration 1.0: an administrator starts it in the LMS, which opens the
 * tool's /lti/register with `openid_configuration` and `registration_token` (§3.3). The
 * tool reads the platform's OpenID configuration (§3.4), checks its issuer (§3.5.1),
 * POSTs its own configuration as an OpenID client registration (§3.5.2) and keeps the
 * answer (§3.6). The page then posts `{subject: 'org.imsglobal.lti.close'}` to its opener
 * (`registrationDonePage`).
 */

/** How kube-netlab describes itself to a platform. */
export interface ToolDescription {
  /** The tool's public base URL, e.g. `https://netlab.example`; endpoints are under `/lti`. */
  baseUrl: string;
  name: string;
  description?: string;
  logoUri?: string;
}

/** What the service stores after a registration: a `PlatformRegistration` minus its id. */
export interface RegistrationResult {
  ok: true;
  issuer: string;
  clientId: string;
  /** The deployment the platform created, when it said (most do, in the tool configuration). */
  deploymentId?: string;
  authorizationUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** The platform's product, for the administrator's list (e.g. `canvas`, `moodle`). */
  productFamilyCode?: string;
}

export type RegistrationRefusal = Refusal<'bad_request' | 'bad_configuration' | 'issuer_mismatch' | 'platform_error'>;

interface OpenIdConfiguration {
  issuer?: unknown;
  authorization_endpoint?: unknown;
  token_endpoint?: unknown;
  jwks_uri?: unknown;
  registration_endpoint?: unknown;
  scopes_supported?: unknown;
  [PLATFORM_CONFIGURATION]?: { product_family_code?: string; messages_supported?: Array<{ type: string }> };
}

/** The LTI endpoints of the tool, all under `${baseUrl}/lti`. */
export function toolEndpoints(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    login: `${base}/lti/login`,
    launch: `${base}/lti/launch`,
    jwks: `${base}/lti/jwks`,
    deepLink: `${base}/lti/deep-link`,
    register: `${base}/lti/register`,
  };
}

/** The client registration request body (Dynamic Registration 1.0 §3.5.2, example in §3.5.2.1). */
export function toolRegistrationRequest(tool: ToolDescription): Record<string, unknown> {
  const endpoints = toolEndpoints(tool.baseUrl);
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: endpoints.login,
    redirect_uris: [endpoints.launch],
    client_name: tool.name,
    jwks_uri: endpoints.jwks,
    ...(tool.logoUri !== undefined && { logo_uri: tool.logoUri }),
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships].join(' '),
    [TOOL_CONFIGURATION]: {
      domain: new URL(endpoints.launch).host,
      target_link_uri: endpoints.launch,
      ...(tool.description !== undefined && { description: tool.description }),
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [{ type: MESSAGE_TYPE.resourceLink }, { type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: endpoints.launch, label: tool.name }],
    },
  };
}

/** Runs a dynamic registration from the initiation request's query parameters. */
export async function registerWithPlatform(
  params: Record<string, unknown>,
  tool: ToolDescription,
  http: HttpClient,
): Promise<RegistrationResult | RegistrationRefusal> {
  const configUrl = params.openid_configuration;
  const registrationToken = params.registration_token;
  if (typeof configUrl !== 'string' || !URL.canParse(configUrl) || !/^https?:$/.test(new URL(configUrl).protocol)) {
    return refuse('bad_request', 'openid_configuration is missing or not an http(s) URL');
  }
  if (registrationToken !== undefined && typeof registrationToken !== 'string') return refuse('bad_request', 'registration_token must be given once');

  const auth: Record<string, string> = registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {};
  let config: OpenIdConfiguration;
  try {
    ({ body: config } = await sendForJson<OpenIdConfiguration>(http, configUrl, { headers: { Accept: 'application/json', ...auth } }));
  } catch (error) {
    return refuse('platform_error', `cannot read the platform's OpenID configuration ${configUrl}: ${failure(error)}`);
  }

  const missing = (['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'registration_endpoint'] as const).filter((name) => typeof config[name] !== 'string');
  if (missing.length > 0) return refuse('bad_configuration', `OpenID configuration ${configUrl} lacks ${missing.join(', ')}`);
  const issuer = config.issuer as string;
  // §3.5.1: the configuration URL must start with the issuer it announces (whole path segments).
  const issuerPrefix = issuer.replace(/\/+$/, '');
  if (configUrl !== issuerPrefix && !configUrl.startsWith(`${issuerPrefix}/`) && !isCanvasInstance(issuer, configUrl)) {
    return refuse('issuer_mismatch', `OpenID configuration ${configUrl} announces issuer ${issuer}, which it does not start with`);
  }

  let answer: { client_id?: unknown; [TOOL_CONFIGURATION]?: { deployment_id?: unknown } };
  try {
    ({ body: answer } = await sendForJson(http, config.registration_endpoint as string, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...auth },
      body: JSON.stringify(toolRegistrationRequest(tool)),
    }));
  } catch (error) {
    return refuse('platform_error', `the platform refused the registration: ${failure(error)}`);
  }
  if (typeof answer.client_id !== 'string') return refuse('platform_error', 'the registration answer has no client_id');
  const deploymentId = answer[TOOL_CONFIGURATION]?.deployment_id;

  return {
    ok: true,
    issuer,
    clientId: answer.client_id,
    deploymentId: typeof deploymentId === 'string' ? deploymentId : undefined,
    authorizationUrl: config.authorization_endpoint as string,
    tokenUrl: config.token_endpoint as string,
    jwksUrl: config.jwks_uri as string,
    productFamilyCode: config[PLATFORM_CONFIGURATION]?.product_family_code,
  };
}

/**
 * A failed request in words for the refusal page, without the answer's body: whoever holds
 * a registration URL picks the configuration URL, and the body of whatever it points at
 * (an internal service) must not come back to them.
 */
function failure(error: unknown): string {
  if (error instanceof LtiHttpError) return `${error.method} ${error.url} answered ${error.status}${error.status < 300 ? ' with a body that is not JSON' : ''}`;
  return (error as Error).message;
}

/** The page that ends a registration: tells the platform's registration window to close (§3.7). */
export function registrationDonePage(toolName: string): string {
  return page(
    `${toolName} registered`,
    `<p>${escapeHtml(toolName)} is registered.</p>\n<script>(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');</script>`,
  );
}

/**
 * Every Canvas shares one issuer per environment (`https://canvas.instructure.com`, and the
 * beta and test ones) while each institution's Canvas serves its configuration from its own
 * host under instructure.com (or Instructure's sso.canvaslms.com). The prefix rule would refuse
 * them all, so a Canvas issuer is accepted from Instructure's hosts, over https, and only there.
 */
const CANVAS_ISSUERS = new Set(['https://canvas.instructure.com', 'https://canvas.beta.instructure.com', 'https://canvas.test.instructure.com']);

function isCanvasInstance(issuer: string, configUrl: string): boolean {
  if (!CANVAS_ISSUERS.has(issuer.replace(/\/+$/, ''))) return false;
  const url = new URL(configUrl);
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (host.endsWith('.instructure.com') || host === 'sso.canvaslms.com' || host.endsWith('.sso.canvaslms.com'));
}
