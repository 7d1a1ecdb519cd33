import { compactVerify, decodeProtectedHeader, errors, type JWTPayload } from 'jose';
import { launchClaimsSchema, toLaunch, type LaunchMessageType, type LtiLaunch } from './claims';
import { LtiHttpError, type Clock } from './http';
import type { ToolKeySet } from './keys';
import type { PlatformKeySets } from './platform-keys';
import { refuse, type Refusal } from './refusal';
import type { PlatformRegistration, RegistrationStore } from './registration';
import { verifyState, type LoginState } from './state';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './uris';

/**
 * The launch (LTI Security Framework 1.0 §5.1.3, LTI Core 1.3 §5): the platform's
 * id_token arrives by form POST with the state. Checked in this order: the state (ours,
 * unexpired), the signature (platform key by kid, one refetch for an unknown kid), iss,
 * aud and azp, exp and iat, nonce = the login's, version, message type, deployment,
 * target_link_uri, the message's claims; the nonce is consumed last, so a refused launch
 * leaves nothing behind.
 */

/** Storage port: remembers used nonces until they expire. */
export interface NonceStore {
  /** True the first time `nonce` is seen; false when it was already used. Keep it until `expiresAt`. */
  consume(nonce: string, expiresAt: Date): Promise<boolean>;
}

export type LaunchRefusalReason =
  | 'bad_request'
  | 'bad_state'
  | 'unknown_registration'
  | 'platform_unreachable'
  | 'bad_token'
  | 'unknown_kid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_azp'
  | 'expired'
  | 'nonce_mismatch'
  | 'nonce_replayed'
  | 'wrong_version'
  | 'wrong_message_type'
  | 'unknown_deployment'
  | 'wrong_target_link_uri'
  | 'bad_claims';

export type LaunchRefusal = Refusal<LaunchRefusalReason>;

export interface LaunchDeps {
  registrations: RegistrationStore;
  /** The tool's keys: they verify the state. */
  keys: ToolKeySet;
  platformKeys: PlatformKeySets;
  nonces: NonceStore;
  clock: Clock;
  /** Tolerance for `exp` and `iat` against the clock; default 30 s. */
  clockSkewSeconds?: number;
  /** Message types this endpoint accepts; default both launch types. */
  messageTypes?: LaunchMessageType[];
}

export interface ValidLaunch {
  ok: true;
  launch: LtiLaunch;
  registration: PlatformRegistration;
  /** The login's state: its binding (`stateBinding(state)`) and storage target decide how the browser is checked. */
  state: LoginState;
}

/** The one algorithm LTI 1.3 requires of platforms (Security Framework §6.1); `none` and HMAC are never accepted. */
const ID_TOKEN_ALG = 'RS256';

/** Validates a launch completely; see the file comment for the order of the checks. */
export async function validateLaunch(idToken: unknown, stateToken: unknown, deps: LaunchDeps): Promise<ValidLaunch | LaunchRefusal> {
  if (typeof idToken !== 'string' || idToken === '') return refuse('bad_request', 'the launch POST has no id_token');
  if (typeof stateToken !== 'string' || stateToken === '') return refuse('bad_state', 'the launch POST has no state');

  const state = await verifyState(stateToken, deps.keys, deps.clock);
  if (typeof state === 'string') return refuse('bad_state', state);
  const registration = await deps.registrations.findById(state.registrationId);
  if (!registration) return refuse('unknown_registration', `the registration ${state.registrationId} this login used no longer exists`);

  const verified = await verifySignature(idToken, registration, deps.platformKeys);
  if (!verified.ok) return verified;
  const claims = verified.claims;

  const skew = deps.clockSkewSeconds ?? 30;
  const now = Math.floor(deps.clock() / 1000);
  const aud = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);

  if (claims.iss !== registration.issuer) return refuse('wrong_issuer', `id_token iss ${String(claims.iss)} is not the registered issuer ${registration.issuer}`);
  if (!aud.includes(registration.clientId)) return refuse('wrong_audience', `id_token aud ${JSON.stringify(claims.aud)} does not contain client_id ${registration.clientId}`);
  // OIDC Core §3.1.3.7: several audiences need azp, and azp, when present, must be us.
  if ((aud.length > 1 || claims.azp !== undefined) && claims.azp !== registration.clientId) {
    return refuse('wrong_azp', `id_token azp ${String(claims.azp)} is not client_id ${registration.clientId}`);
  }
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return refuse('bad_token', 'id_token lacks a numeric exp or iat');
  if (now > claims.exp + skew) return refuse('expired', `id_token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (claims.iat > now + skew) return refuse('bad_token', `id_token iat ${new Date(claims.iat * 1000).toISOString()} is in the future`);
  if (claims.nonce !== state.nonce) return refuse('nonce_mismatch', 'id_token nonce is not the nonce of this login');

  const version = claims[CLAIM.version];
  if (version !== LTI_VERSION) return refuse('wrong_version', `LTI version ${String(version)} is not ${LTI_VERSION}`);
  const messageType = claims[CLAIM.messageType];
  const accepted: string[] = deps.messageTypes ?? [MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest];
  if (typeof messageType !== 'string' || !accepted.includes(messageType)) {
    return refuse('wrong_message_type', `message type ${String(messageType)} is not accepted here (${accepted.join(', ')})`);
  }
  const deploymentId = claims[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !registration.deploymentIds.includes(deploymentId)) {
    return refuse('unknown_deployment', `deployment ${String(deploymentId)} is not allowed for ${registration.issuer} client ${registration.clientId}`);
  }
  if (state.deploymentId !== undefined && deploymentId !== state.deploymentId) {
    return refuse('unknown_deployment', `deployment ${deploymentId} is not the deployment ${state.deploymentId} of the login request`);
  }
  // LTI Core 1.3 §5.3.4: the same target_link_uri as in the login request.
  if (claims[CLAIM.targetLinkUri] !== state.targetLinkUri) {
    return refuse('wrong_target_link_uri', `target_link_uri ${String(claims[CLAIM.targetLinkUri])} is not ${state.targetLinkUri} of the login request`);
  }
  const parsed = launchClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return refuse('bad_claims', `id_token claims: ${issues.join('; ')}`);
  }

  if (!(await deps.nonces.consume(state.nonce, new Date(claims.exp * 1000)))) {
    return refuse('nonce_replayed', 'this id_token was already used: its nonce is spent');
  }
  return { ok: true, launch: toLaunch(parsed.data, registration.clientId), registration, state };
}

async function verifySignature(idToken: string, registration: PlatformRegistration, platformKeys: PlatformKeySets): Promise<{ ok: true; claims: JWTPayload } | LaunchRefusal> {
  let header;
  try {
    header = decodeProtectedHeader(idToken);
  } catch {
    return refuse('bad_token', 'id_token is not a compact JWS');
  }
  if (header.alg !== ID_TOKEN_ALG) return refuse('bad_token', `id_token alg ${String(header.alg)} is not ${ID_TOKEN_ALG}`);
  if (!header.kid) return refuse('unknown_kid', 'id_token header has no kid');

  let key;
  try {
    key = await platformKeys.key(registration.jwksUrl, header.kid, ID_TOKEN_ALG);
  } catch (error) {
    const detail = error instanceof LtiHttpError ? `answered ${error.status}` : (error as Error).message;
    return refuse('platform_unreachable', `cannot read the platform's key set ${registration.jwksUrl}: ${detail}`);
  }
  if (!key) return refuse('unknown_kid', `key ${header.kid} is not in the platform's key set ${registration.jwksUrl}`);

  try {
    const { payload } = await compactVerify(idToken, key, { algorithms: [ID_TOKEN_ALG] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return refuse('bad_token', 'id_token payload is not a JSON object');
    return { ok: true, claims: claims as JWTPayload };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('bad_signature', `id_token signature does not verify with key ${header.kid}`);
    return refuse('bad_token', `id_token: ${(error as Error).message}`);
  }
}
