import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';
import type { Role } from './permissions';

const memberFields = { id: true, email: true, role: true, createdAt: true } as const;
const apiKeyFields = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export type MemberRecord = Prisma.UserGetPayload<{ select: typeof memberFields }>;
export type ApiKeyRecord = Prisma.ApiKeyGetPayload<{ select: typeof apiKeyFields }>;

/** Thrown by the repository when an email is taken (the unique index said so). */
export class EmailTakenError extends Error {}

/**
 * The only file of the auth feature that touches Prisma. Everything but the lookups that
 * authenticate a request (by email, by user id from a token, by key hash) is scoped to
 * the caller's organization.
 */
@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A new organization and its first owner, in one transaction. */
  async createOrganization(name: string, owner: { email: string; passwordHash: string }) {
    try {
      return await this.prisma.user.create({
        data: { ...owner, role: 'owner', organization: { create: { name } } },
        select: { ...memberFields, organizationId: true },
      });
    } catch (error) {
      throw translateUnique(error);
    }
  }

  findUserByEmail(email: string) {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findUserById(id: string) {
    return this.prisma.user.findUnique({ where: { id }, select: { id: true, organizationId: true, role: true } });
  }

  findActiveApiKeyByHash(hash: string) {
    return this.prisma.apiKey.findFirst({
      where: { hash, revokedAt: null },
      select: { id: true, organizationId: true, scopes: true, lastUsedAt: true },
    });
  }

  touchApiKey(id: string, at: Date) {
    return this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at }, select: { id: true } });
  }

  findOrganization(organizationId: string) {
    return this.prisma.organization.findUnique({ where: { id: organizationId } });
  }

  async addMember(organizationId: string, member: { email: string; passwordHash: string; role: Role }): Promise<MemberRecord> {
    try {
      return await this.prisma.user.create({ data: { ...member, organizationId }, select: memberFields });
    } catch (error) {
      throw translateUnique(error);
    }
  }

  findMember(organizationId: string, id: string): Promise<MemberRecord | null> {
    return this.prisma.user.findFirst({ where: { id, organizationId }, select: memberFields });
  }

  listMembers(organizationId: string): Promise<MemberRecord[]> {
    return this.prisma.user.findMany({ where: { organizationId }, select: memberFields, orderBy: [{ createdAt: 'asc' }, { email: 'asc' }] });
  }

  createApiKey(
    organizationId: string,
    key: { name: string; prefix: string; hash: string; scopes: string[]; createdById: string | null },
  ): Promise<ApiKeyRecord> {
    return this.prisma.apiKey.create({ data: { ...key, organizationId }, select: apiKeyFields });
  }

  findApiKey(organizationId: string, id: string): Promise<ApiKeyRecord | null> {
    return this.prisma.apiKey.findFirst({ where: { id, organizationId }, select: apiKeyFields });
  }

  listApiKeys(organizationId: string): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({ where: { organizationId }, select: apiKeyFields, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  /** Revokes a key of the organization (idempotent); null when it has no such key. */
  async revokeApiKey(organizationId: string, id: string, at: Date): Promise<ApiKeyRecord | null> {
    await this.prisma.apiKey.updateMany({ where: { id, organizationId, revokedAt: null }, data: { revokedAt: at } });
    return this.findApiKey(organizationId, id);
  }
}

function translateUnique(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return code === 'P2002' ? new EmailTakenError() : error;
}
