import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';

export interface NewLabVersion {
  source: string;
  definition: Prisma.InputJsonValue;
  sha256: string;
}

const withLatestVersion = { versions: { orderBy: { number: 'desc' as const }, take: 1 }, classrooms: { select: { classroomId: true } } };

/** The only file of the labs feature that touches Prisma; reads are scoped to an organization. */
@Injectable()
export class LabsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(organizationId: string, name: string, version: NewLabVersion) {
    return this.prisma.lab.create({ data: { organizationId, name, versions: { create: { number: 1, ...version } } }, include: withLatestVersion });
  }

  find(organizationId: string, id: string) {
    return this.prisma.lab.findFirst({ where: { id, organizationId }, include: withLatestVersion });
  }

  /** The organization's labs, or only those assigned to a classroom `userId` belongs to. */
  list(organizationId: string, memberId?: string) {
    return this.prisma.lab.findMany({
      where: { organizationId, archivedAt: null, ...(memberId ? { classrooms: { some: { classroom: { members: { some: { userId: memberId } } } } } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: withLatestVersion,
    });
  }

  findVersion(labId: string, number: number) {
    return this.prisma.labVersion.findUnique({ where: { labId_number: { labId, number } } });
  }

  /**
   * The next version, numbered under a row lock so concurrent edits do not collide; a
   * source identical to the latest makes none.
   */
  addVersion(labId: string, name: string, version: NewLabVersion) {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM labs WHERE id = ${labId}::uuid FOR UPDATE`;
      const latest = await tx.labVersion.findFirst({ where: { labId }, orderBy: { number: 'desc' } });
      if (latest?.sha256 !== version.sha256) await tx.labVersion.create({ data: { labId, number: (latest?.number ?? 0) + 1, ...version } });
      return tx.lab.update({ where: { id: labId }, data: { name }, include: withLatestVersion });
    });
  }

  findWorkspace(labId: string, userId: string) {
    return this.prisma.labWorkspace.findUnique({ where: { labId_userId: { labId, userId } } });
  }

  createWorkspace(labId: string, userId: string, scenarioId: string) {
    return this.prisma.labWorkspace.create({ data: { labId, userId, scenarioId } });
  }
}
