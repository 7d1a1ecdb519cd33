import { LtiHttpError, nextPageUrl, readJson } from './http';
import type { PlatformRegistration } from './registration';
import type { ServiceTokens } from './service-token';
import { MEDIA_TYPE, SCOPE } from './uris';

/**
 * Names and Role Provisioning Services 2.0: the roster of an LMS context, every page
 * followed through `Link: <...>; rel="next"` (NRPS 2.0 §2.4.2).
 */

/** A member of the context (NRPS 2.0 §2.2); `userId` is the `sub` of the user's launches. */
export interface Member {
  userId: string;
  roles: string[];
  /** `Active` or `Inactive` (§2.3); `Active` when the platform leaves it out. */
  status: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
}

export interface Roster {
  context: { id: string; label?: string; title?: string };
  members: Member[];
}

interface MembershipContainer {
  context?: { id: string; label?: string; title?: string };
  members?: Array<{ user_id: string; roles?: string[]; status?: string; name?: string; given_name?: string; family_name?: string; email?: string }>;
}

/** Fetches the whole roster from the launch's `context_memberships_url`; `role` filters on the platform. */
export async function fetchRoster(tokens: ServiceTokens, registration: PlatformRegistration, contextMembershipsUrl: string, options: { role?: string; limit?: number } = {}): Promise<Roster> {
  const first = new URL(contextMembershipsUrl);
  if (options.role !== undefined) first.searchParams.set('role', options.role);
  if (options.limit !== undefined) first.searchParams.set('limit', String(options.limit));

  let context: Roster['context'] | undefined;
  const members: Member[] = [];
  for (let url: string | undefined = first.toString(); url; ) {
    const response = await tokens.call(registration, [SCOPE.memberships], url, { headers: { Accept: MEDIA_TYPE.membershipContainer } });
    const page = await readJson<MembershipContainer>(response, 'GET', url);
    if (!Array.isArray(page.members)) throw new LtiHttpError('GET', url, response.status, 'membership container has no members array');
    context ??= page.context;
    for (const member of page.members) {
      members.push({
        userId: member.user_id,
        roles: member.roles ?? [],
        status: member.status ?? 'Active',
        name: member.name,
        givenName: member.given_name,
        familyName: member.family_name,
        email: member.email,
      });
    }
    url = nextPageUrl(response.headers.get('Link'), url);
  }
  if (!context) throw new Error(`membership container ${contextMembershipsUrl} has no context`);
  return { context, members };
}
