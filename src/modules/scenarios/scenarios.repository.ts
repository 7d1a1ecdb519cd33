import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/prisma/prisma.service';

export interface NewVersion {
  content: string;
  sha256: string;
}

const withLatestVersion = { versions: { orderBy: { number: 'desc' as const }, take: 1 } };

/** The only file of the scenarios feature that touches Prisma. */
@Injectable()
export class ScenariosRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates a scenario and its version 1 in one transaction. */
  create(name: string, version: NewVersion) {
    return this.prisma.scenario.create({
      data: { name, versions: { create: { number: 1, ...version } } },
      include: withLatestVersion,
    });
  }

  findById(id: string) {
    return this.prisma.scenario.findUnique({ where: { id }, include: withLatestVersion });
  }

  findVersion(scenarioId: string, number: number) {
    return this.prisma.scenarioVersion.findUnique({ where: { scenarioId_number: { scenarioId, number } } });
  }

  findVersionById(id: string) {
    return this.prisma.scenarioVersion.findUnique({ where: { id } });
  }

  listVersions(scenarioId: string) {
    return this.prisma.scenarioVersion.findMany({ where: { scenarioId }, orderBy: { number: 'asc' } });
  }

  /**
   * Adds the next version. The scenario row is locked for the transaction so that two
   * concurrent edits get consecutive numbers instead of colliding. Content identical to
   * the latest version makes no new version. Returns null when the scenario is missing.
   */
  addVersion(scenarioId: string, version: NewVersion) {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM scenarios WHERE id = ${scenarioId}::uuid FOR UPDATE`;
      if (locked.length === 0) return null;
      const latest = await tx.scenarioVersion.findFirst({ where: { scenarioId }, orderBy: { number: 'desc' } });
      if (latest?.sha256 !== version.sha256) {
        await tx.scenarioVersion.create({ data: { scenarioId, number: (latest?.number ?? 0) + 1, ...version } });
      }
      return tx.scenario.update({ where: { id: scenarioId }, data: { updatedAt: new Date() }, include: withLatestVersion });
    });
  }
}
