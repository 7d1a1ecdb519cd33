import { randomBytes } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { Clock } from './http';
import type { ToolKeySet } from './keys';

/**
 * The OIDC `state` of a login (LTI Security Framework 1.0 §5.1.1.2): a short-lived JWT
 * signed with the tool's key that carries everything the launch needs (registration,
 * nonce, target_link_uri, deployment hint, platform-storage target). Nothing is kept on
 * the server between login and launch, and no cookie is needed to recover it; the
 * browser binding (cookie or platform storage) only proves that the browser posting the
 * id_token is the one that started the login.
 */

/** `aud` of state JWTs, so no other JWT the tool signs can pass as a state. */
const STATE_AUDIENCE = 'kube-netlab:lti-login-state';

export interface LoginState {
  /** Random id of this login; names the browser binding. */
  jti: string;
  /** `PlatformRegistration.id` chosen at login. */
  registrationId: string;
  nonce: string;
  targetLinkUri: string;
  /** `lti_deployment_id` of the login request, when the platform sent one. */
  deploymentId?: string;
  /** `lti_storage_target` of the login request: the platform offers postMessage storage. */
  storageTarget?: string;
  /** Origin of the platform's authorization endpoint: the postMessage target origin. */
  platformOrigin: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** What the browser must hold to finish the launch: a cookie or a platform-storage entry named `key` with `value`. */
export interface StateBinding {
  key: string;
  value: string;
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export function stateBinding(state: Pick<LoginState, 'jti' | 'nonce'>): StateBinding {
  return { key: `lti_state_${state.jti}`, value: state.nonce };
}

export async function signState(state: Omit<LoginState, 'exp'>, ttlSeconds: number, keys: ToolKeySet, clock: Clock): Promise<string> {
  const iat = Math.floor(clock() / 1000);
  return keys.sign({
    aud: STATE_AUDIENCE,
    jti: state.jti,
    iat,
    exp: iat + ttlSeconds,
    reg: state.registrationId,
    nonce: state.nonce,
    target_link_uri: state.targetLinkUri,
    lti_deployment_id: state.deploymentId,
    lti_storage_target: state.storageTarget,
    platform_origin: state.platformOrigin,
  });
}

/** The state's content, or a message saying why it is not a valid, unexpired state of this tool. */
export async function verifyState(token: string, keys: ToolKeySet, clock: Clock): Promise<LoginState | string> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.verificationKey(header.kid);
        if (!key) throw new Error(`state is signed with key ${header.kid ?? '(no kid)'}, not one of the tool's active keys`);
        return key;
      },
      { audience: STATE_AUDIENCE, algorithms: ['RS256'], currentDate: new Date(clock()) },
    );
    const text = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
    const [jti, registrationId, nonce, targetLinkUri, platformOrigin] = ['jti', 'reg', 'nonce', 'target_link_uri', 'platform_origin'].map(text);
    if (!jti || !registrationId || !nonce || !targetLinkUri || !platformOrigin || !payload.exp) return 'state lacks one of jti, reg, nonce, target_link_uri, platform_origin, exp';
    return {
      jti,
      registrationId,
      nonce,
      targetLinkUri,
      platformOrigin,
      deploymentId: text('lti_deployment_id'),
      storageTarget: text('lti_storage_target'),
      exp: payload.exp,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return 'state has expired: the login took too long, launch again from the LMS';
    return `state is not a valid state of this tool: ${(error as Error).message}`;
  }
}
