import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/prisma/prisma.service';
import { ScenarioArchivedError } from './scenario-archived.error';
import type { ScenarioCursor } from './scenario-cursor';

/** Whose scenarios a caller reaches: their organization's, or (a student) only those they created. */
export interface ScenarioScope {
  organizationId: string;
  createdById?: string;
}

export interface NewVersion {
  content: string;
  sha256: string;
}

const withLatestVersion = { versions: { orderBy: { number: 'desc' as const }, take: 1 } };

/**
 * The only file of the scenarios feature that touches Prisma. Every read and change takes
 * the caller's scope and filters by it, so a scenario out of reach (another organization's,
 * or for a student another person's) is indistinguishable from one that does not exist.
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

  findById(scope: ScenarioScope, id: string) {
    return this.prisma.scenario.findFirst({ where: { id, ...scope }, include: withLatestVersion });
  }

  /**
   * One page of the organization's scenarios, newest first (createdAt, then id, both
   * descending, as the index orders them); `take` one more than asked tells whether a
   * next page exists. Keyset paging: stable while rows are added.
   */
  list(scope: ScenarioScope, take: number, after: ScenarioCursor | undefined, includeArchived: boolean) {
    const where = { ...scope, ...(includeArchived ? {} : { archivedAt: null }) };
    const keyset = after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {};
    return this.prisma.$transaction([
      this.prisma.scenario.findMany({
        where: { ...where, ...keyset },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
        include: withLatestVersion,
      }),
      this.prisma.scenario.count({ where }),
    ]);
  }

  /** Archives (keeping the first archive time) or unarchives; false when the organization has no such scenario. */
  async setArchived(scope: ScenarioScope, id: string, archived: boolean): Promise<boolean> {
    const found = await this.prisma.scenario.findFirst({ where: { id, ...scope }, select: { archivedAt: true } });
    if (!found) return false;
    if (archived !== (found.archivedAt !== null)) {
      await this.prisma.scenario.updateMany({ where: { id, ...scope }, data: { archivedAt: archived ? new Date() : null } });
    }
    return true;
  }

  findVersion(scope: ScenarioScope, scenarioId: string, number: number) {
    return this.prisma.scenarioVersion.findFirst({ where: { scenarioId, number, scenario: scope } });
  }

  findVersionById(scope: ScenarioScope, id: string) {
    return this.prisma.scenarioVersion.findFirst({ where: { id, scenario: scope } });
  }

  listVersions(scope: ScenarioScope, scenarioId: string) {
    return this.prisma.scenarioVersion.findMany({ where: { scenarioId, scenario: scope }, orderBy: { number: 'asc' } });
  }

  /**
   * Adds the next version. The scenario row is locked for the transaction so that two
   * concurrent edits get consecutive numbers instead of colliding. Content identical to
   * the latest version makes no new version. Returns null when the organization has no
   * such scenario.
   */
  addVersion(scope: ScenarioScope, scenarioId: string, version: NewVersion) {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string; archived_at: Date | null; created_by_id: string | null }[]>`SELECT id, archived_at, created_by_id FROM scenarios WHERE id = ${scenarioId}::uuid AND organization_id = ${scope.organizationId}::uuid FOR UPDATE`;
      if (locked.length === 0 || (scope.createdById !== undefined && locked[0].created_by_id !== scope.createdById)) return null;
      if (locked[0].archived_at !== null) throw new ScenarioArchivedError(scenarioId, 'add a version');
      const latest = await tx.scenarioVersion.findFirst({ where: { scenarioId }, orderBy: { number: 'desc' } });
      if (latest?.sha256 !== version.sha256) {
        await tx.scenarioVersion.create({ data: { scenarioId, number: (latest?.number ?? 0) + 1, ...version } });
      }
      return tx.scenario.update({ where: { id: scenarioId }, data: { updatedAt: new Date() }, include: withLatestVersion });
    });
  }
}
