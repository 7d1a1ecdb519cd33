/**
 * What a caller may do. A user's permissions come from their organization role; an API
 * key's scopes are permissions, chosen by the owner who creates it.
 *
 * | permission | allows |
 * | --- | --- |
 * | read | read scenarios, versions and simulation runs; labs and classrooms one belongs to |
 * | simulate | queue simulation runs |
 * | write | create and edit scenarios (a student: only their own) |
 * | teach | create classrooms and labs, see every classroom's submissions and grades, regrade |
 * | admin | manage members and API keys |
 */
export const PERMISSIONS = ['read', 'simulate', 'write', 'teach', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'instructor', 'student'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ['read', 'simulate', 'write', 'teach', 'admin'],
  instructor: ['read', 'simulate', 'write', 'teach'],
  // Students work on their own scenarios (their copies of labs' starters) and see only those.
  student: ['read', 'simulate', 'write'],
};

/** A student sees and changes only what they created; staff see their whole organization. */
export function ownDataOnly(caller: Caller): boolean {
  return caller.role === 'student';
}

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
