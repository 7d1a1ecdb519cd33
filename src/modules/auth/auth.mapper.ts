import type { Permission, Role } from './permissions';
import type { ApiKeyRecord, MemberRecord } from './auth.repository';
import type { ApiKey, Member } from './models/auth.model';
import { permissionsOfScopes } from './permissions';

export function toMember(record: MemberRecord): Member {
  const { id, email, role, createdAt } = record;
  return { id, email, role: role as Role, createdAt };
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  const { id, name, prefix, createdAt, lastUsedAt, revokedAt } = record;
  return { id, name, prefix, scopes: [...permissionsOfScopes(record.scopes)] as Permission[], createdAt, lastUsedAt, revokedAt };
}
