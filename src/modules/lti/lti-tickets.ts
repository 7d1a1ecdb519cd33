import { jwtVerify, type JWTPayload } from 'jose';
import type { ToolKeySet } from './protocol';

/**
 * Short-lived JWTs the tool signs for itself with its LTI keys, each kind under its own
 * audience so that one can never pass for another (nor for a login state): the lab
 * picker's request, the launch continued after a platform-storage check, the dynamic
 * registration URL of an organization.
 */
export const TICKET = {
  deepLink: 'kube-netlab:lti-deep-link',
  launchContinue: 'kube-netlab:lti-launch-continue',
  register: 'kube-netlab:lti-register',
} as const;
export type TicketKind = (typeof TICKET)[keyof typeof TICKET];

export async function signTicket(keys: ToolKeySet, kind: TicketKind, payload: JWTPayload, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return keys.sign({ ...payload, aud: kind, iat, exp: iat + ttlSeconds });
}

/** The ticket's payload, or a message saying why it is not a valid, unexpired ticket of this kind. */
export async function verifyTicket(keys: ToolKeySet, kind: TicketKind, token: unknown): Promise<JWTPayload | string> {
  if (typeof token !== 'string' || token === '') return `the ${kind} ticket is missing`;
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.verificationKey(header.kid);
        if (!key) throw new Error(`signed with key ${header.kid ?? '(no kid)'}, not one of the tool's active keys`);
        return key;
      },
      { audience: kind, algorithms: ['RS256'] },
    );
    return payload;
  } catch (error) {
    return `the ${kind} ticket is not valid: ${(error as Error).message}`;
  }
}
