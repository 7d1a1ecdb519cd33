/**
 * What a caller may do. A user's permissions come from their organization role; an API
 * key's scopes are permissions, chosen by the owner who creates it.
 *
 * | permission | allows |
 * | --- | --- |
 * | read | read scenarios, versions and simulation runs |
 * | simulate | queue simulation runs |
 * | write | create and edit scenarios |
 * | admin | manage members and API keys |
 */
export const PERMISSIONS = ['read', 'simulate', 'write', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'instructor', 'student'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'simulate', 'write', 'admin'],
  instructor: ['read', 'simulate', 'write'],
  // Students run the scenarios their instructors wrote; they do not change them.
  student: ['read', 'simulate'],
};

export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** An API key's scopes, ignoring any stored value that is not a known permission. */
export function permissionsOfScopes(scopes: readonly string[]): ReadonlySet<Permission> {
  return new Set(PERMISSIONS.filter((p) => scopes.includes(p)));
}

/** Who is calling: always one organization, and either a user or an API key. */
export interface Caller {
  organizationId: string;
  userId: string | null;
  apiKeyId: string | null;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}
