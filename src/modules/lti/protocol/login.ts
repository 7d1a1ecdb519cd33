import type { Clock } from './http';
import type { ToolKeySet } from './keys';
import { refuse, type Refusal } from './refusal';
import type { PlatformRegistration, RegistrationStore } from './registration';
import { randomToken, signState, stateBinding, type StateBinding } from './state';

/**
 * OIDC third-party initiated login (LTI Security Framework 1.0 §5.1.1; LTI Core 1.3
 * §4.1): the platform sends the browser to /lti/login with `iss`, `login_hint`,
 * `target_link_uri` and optional `lti_message_hint`, `client_id`, `lti_deployment_id`,
 * `lti_storage_target`; the tool answers with the authentication request to the
 * platform's authorization endpoint, carrying a signed `state` and a fresh `nonce`.
 */

/** The parameters of a login initiation request (query or form body). */
export interface LoginRequest {
  iss: string;
  loginHint: string;
  targetLinkUri: string;
  ltiMessageHint?: string;
  clientId?: string;
  deploymentId?: string;
  storageTarget?: string;
}

export type LoginRefusalReason = 'bad_request' | 'unknown_registration' | 'ambiguous_registration' | 'unknown_deployment' | 'bad_target_link_uri';
export type LoginRefusal = Refusal<LoginRefusalReason>;

export interface LoginDeps {
  registrations: RegistrationStore;
  keys: ToolKeySet;
  clock: Clock;
  /** The tool's launch endpoint, sent as `redirect_uri` (e.g. `https://netlab.example/lti/launch`). */
  launchUrl: string;
  /** Lifetime of the state; default 10 minutes. */
  stateTtlSeconds?: number;
}

export interface LoginStart {
  ok: true;
  registration: PlatformRegistration;
  /** The authentication request: redirect the browser here (directly, or after platform storage). */
  redirectUrl: string;
  state: string;
  nonce: string;
  /** Set it as a cookie (SameSite=None; Secure; HttpOnly) and, with `storage`, in platform storage. */
  binding: StateBinding;
  /** Present when the platform offers postMessage storage: answer with `renderLoginPage`. */
  storage?: { target: string; platformOrigin: string };
}

/** Reads and checks the login initiation parameters; every missing or malformed one is named. */
export function parseLoginRequest(params: Record<string, unknown>): { ok: true; request: LoginRequest } | LoginRefusal {
  const problems: string[] = [];
  const read = (name: string, required: boolean): string | undefined => {
    const value = params[name];
    if (value === undefined || value === '') {
      if (required) problems.push(`${name} is missing`);
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push(`${name} must be given once, as a string`);
      return undefined;
    }
    return value;
  };
  const request = {
    iss: read('iss', true),
    loginHint: read('login_hint', true),
    targetLinkUri: read('target_link_uri', true),
    ltiMessageHint: read('lti_message_hint', false),
    clientId: read('client_id', false),
    deploymentId: read('lti_deployment_id', false),
    storageTarget: read('lti_storage_target', false),
  };
  if (problems.length > 0) return refuse('bad_request', `login initiation request: ${problems.join('; ')}`);
  return { ok: true, request: request as LoginRequest };
}

/**
 * Picks the registration for the login, checks the deployment hint and the target, and
 * builds the authentication request (Security Framework §5.1.1.2): scope=openid,
 * response_type=id_token, response_mode=form_post, prompt=none, client_id, redirect_uri,
 * login_hint, lti_message_hint, state, nonce.
 */
export async function startLogin(params: Record<string, unknown>, deps: LoginDeps): Promise<LoginStart | LoginRefusal> {
  const parsed = parseLoginRequest(params);
  if (!parsed.ok) return parsed;
  const request = parsed.request;

  const candidates = await deps.registrations.findByIssuer(request.iss, request.clientId);
  const who = `issuer ${request.iss}${request.clientId ? ` and client_id ${request.clientId}` : ''}`;
  if (candidates.length === 0) return refuse('unknown_registration', `no LTI platform registration for ${who}`);
  if (candidates.length > 1) return refuse('ambiguous_registration', `${candidates.length} registrations match ${who}; the platform must send client_id`);
  const registration = candidates[0];

  if (request.deploymentId !== undefined && !registration.deploymentIds.includes(request.deploymentId)) {
    return refuse('unknown_deployment', `deployment ${request.deploymentId} is not allowed for ${who}`);
  }
  // The target must be this tool: anything else would make the login an open redirect.
  if (!sameOrigin(request.targetLinkUri, deps.launchUrl)) {
    return refuse('bad_target_link_uri', `target_link_uri ${request.targetLinkUri} is not on this tool's origin ${new URL(deps.launchUrl).origin}`);
  }

  const platformOrigin = new URL(registration.authorizationUrl).origin;
  const nonce = randomToken();
  const jti = randomToken();
  const state = await signState(
    { jti, registrationId: registration.id, nonce, targetLinkUri: request.targetLinkUri, deploymentId: request.deploymentId, storageTarget: request.storageTarget, platformOrigin },
    deps.stateTtlSeconds ?? 600,
    deps.keys,
    deps.clock,
  );

  const url = new URL(registration.authorizationUrl);
  const query: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: registration.clientId,
    redirect_uri: deps.launchUrl,
    login_hint: request.loginHint,
    lti_message_hint: request.ltiMessageHint,
    state,
    nonce,
  };
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);

  return {
    ok: true,
    registration,
    redirectUrl: url.toString(),
    state,
    nonce,
    binding: stateBinding({ jti, nonce }),
    storage: request.storageTarget ? { target: request.storageTarget, platformOrigin } : undefined,
  };
}

function sameOrigin(candidate: string, reference: string): boolean {
  try {
    return new URL(candidate).origin === new URL(reference).origin;
  } catch {
    return false;
  }
}
