import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/prisma/prisma.service';

export interface NewVersion {
  content: string;
  sha256: string;
}

const withLatestVersion = { versions: { orderBy: { number: 'desc' as const }, take: 1 } };

/**
 * The only file of the scenarios feature that touches Prisma. Every method takes the
 * caller's organization and filters by it, so a scenario of another organization is
 * indistinguishable from one that does not exist.
 */
@Injectable()
export class ScenariosRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates a scenario and its version 1 in one transaction. */
  create(organizationId: string, createdById: string | null, name: string, version: NewVersion) {
    return this.prisma.scenario.create({
      data: { organizationId, createdById, name, versions: { create: { number: 1, ...version } } },
      include: withLatestVersion,
    });
  }

  findById(organizationId: string, id: string) {
    return this.prisma.scenario.findFirst({ where: { id, organizationId }, include: withLatestVersion });
  }

  findVersion(organizationId: string, scenarioId: string, number: number) {
    return this.prisma.scenarioVersion.findFirst({ where: { scenarioId, number, scenario: { organizationId } } });
  }

  findVersionById(organizationId: string, id: string) {
    return this.prisma.scenarioVersion.findFirst({ where: { id, scenario: { organizationId } } });
  }

  listVersions(organizationId: string, scenarioId: string) {
    return this.prisma.scenarioVersion.findMany({ where: { scenarioId, scenario: { organizationId } }, orderBy: { number: 'asc' } });
  }

  /**
   * Adds the next version. The scenario row is locked for the transaction so that two
   * concurrent edits get consecutive numbers instead of colliding. Content identical to
   * the latest version makes no new version. Returns null when the organization has no
   * such scenario.
   */
  addVersion(organizationId: string, scenarioId: string, version: NewVersion) {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM scenarios WHERE id = ${scenarioId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const latest = await tx.scenarioVersion.findFirst({ where: { scenarioId }, orderBy: { number: 'desc' } });
      if (latest?.sha256 !== version.sha256) {
        await tx.scenarioVersion.create({ data: { scenarioId, number: (latest?.number ?? 0) + 1, ...version } });
      }
      return tx.scenario.update({ where: { id: scenarioId }, data: { updatedAt: new Date() }, include: withLatestVersion });
    });
  }
}
