import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { drawParameters, exportLab, instantiateLab, parseLab, type Diagnostic, type LabDefinition } from '../../engine';
import type { Prisma } from '../../generated/prisma/client';
import { AppConfig } from '../../platform/config/app-config';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { ClassroomsService } from '../classrooms/classrooms.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { LabsRepository } from './labs.repository';

export type LabRecord = NonNullable<Awaited<ReturnType<LabsRepository['find']>>>;

/** The file name a lab file's errors carry. */
export const LAB_SOURCE_NAME = 'lab.yaml';

/** How a caller sees a lab: staff the lab as written, a student their own variant of it. */
export type LabView = { record: LabRecord; definition: LabDefinition } & ({ staff: true } | { staff: false; values: Record<string, string | number>; instance: ReturnType<typeof instantiateLab> });

/** A student's parameters are drawn from this seed: the same in every version of the lab, so a regrade keeps them. */
export const parameterSeed = (labId: string, userId: string) => `${labId}:${userId}`;

@Injectable()
export class LabsService {
  constructor(
    private readonly repository: LabsRepository,
    private readonly classrooms: ClassroomsService,
    private readonly scenarios: ScenariosService,
    private readonly config: AppConfig,
  ) {}

  /** A lab from its YAML file (also how an exported lab is imported); assigned to a classroom when one is named. */
  async create(caller: Caller, source: string, classroomId?: string): Promise<LabRecord> {
    const version = this.parse(source);
    if (classroomId) await this.classrooms.getAsStaff(caller, classroomId, 'manage');
    const lab = await this.repository.create(caller.organizationId, (version.definition as unknown as LabDefinition).name, version);
    if (classroomId) await this.classrooms.assignLab(caller, classroomId, lab.id);
    return (await this.repository.find(caller.organizationId, lab.id))!;
  }

  /** A new version from an edited lab file (none when it is unchanged); submissions keep the version they were graded on. */
  async update(caller: Caller, id: string, source: string): Promise<LabRecord> {
    await this.getRecord(caller, id);
    const version = this.parse(source);
    return this.repository.addVersion(id, (version.definition as unknown as LabDefinition).name, version);
  }

  async get(caller: Caller, id: string): Promise<LabView> {
    return this.viewOf(caller, await this.getRecord(caller, id));
  }

  /** How the caller sees a lab already read: NOT_FOUND unless they teach, or it is assigned to a classroom of theirs. */
  private async viewOf(caller: Caller, record: LabRecord): Promise<LabView> {
    const definition = record.versions[0].definition as unknown as LabDefinition;
    if (caller.permissions.has('teach')) return { record, definition, staff: true };
    const memberships = await this.classrooms.membershipsForLab(caller, record.id);
    if (memberships.length === 0) throw new NotFoundError('Lab', record.id);
    if (memberships.some((m) => m.role !== 'student')) return { record, definition, staff: true };
    const values = drawParameters(definition, parameterSeed(record.id, caller.userId!));
    return { record, definition, staff: false, values, instance: instantiateLab(definition, values) };
  }

  /** Staff: the organization's labs; people: the labs of their classrooms; other API keys: none. */
  async list(caller: Caller): Promise<LabView[]> {
    const staff = caller.permissions.has('teach');
    // An API key without teach belongs to no classroom.
    if (!staff && !caller.userId) return [];
    const records = await this.repository.list(caller.organizationId, staff ? undefined : caller.userId!);
    return Promise.all(records.map((r) => this.viewOf(caller, r)));
  }

  /** The lab file of a version (the latest by default), canonical YAML that createLab imports again. */
  async export(caller: Caller, id: string, versionNumber?: number): Promise<string> {
    const view = await this.get(caller, id);
    if (!view.staff) throw new ForbiddenError('teach', "not allowed: a lab's file (with its checks) is for its staff");
    if (versionNumber !== undefined && !(Number.isInteger(versionNumber) && versionNumber >= 1 && versionNumber <= 2 ** 31 - 1)) {
      throw new InvalidInputError(`version must be a version number (1, 2, ...); got ${versionNumber}`, [], { field: 'version' });
    }
    const version = versionNumber === undefined ? view.record.versions[0] : await this.repository.findVersion(id, versionNumber);
    if (!version) throw new NotFoundError('LabVersion', `${id}@${versionNumber}`);
    return exportLab(version.definition as unknown as LabDefinition);
  }

  /**
   * The caller's own copy of the lab's starter scenario, with their parameters filled in:
   * made on first use, the same scenario afterwards (they edit it as any scenario).
   */
  async workspace(caller: Caller, id: string) {
    if (!caller.userId) throw new ForbiddenError('read', 'not allowed: a workspace belongs to a person, not an API key');
    const view = await this.get(caller, id);
    const existing = await this.repository.findWorkspace(id, caller.userId);
    if (existing) return { view, scenario: await this.scenarios.get(caller, existing.scenarioId) };
    const starter = view.staff ? view.definition.starter : view.instance.starter;
    const scenario = await this.scenarios.create(caller, view.definition.title, starter);
    try {
      await this.repository.createWorkspace(id, caller.userId, scenario.id);
      return { view, scenario };
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
      // Two first requests raced: keep the one that won (this scenario stays, unused, as theirs).
      const won = (await this.repository.findWorkspace(id, caller.userId))!;
      return { view, scenario: await this.scenarios.get(caller, won.scenarioId) };
    }
  }

  private async getRecord(caller: Caller, id: string): Promise<LabRecord> {
    const record = isUuid(id) ? await this.repository.find(caller.organizationId, id) : null;
    if (!record) throw new NotFoundError('Lab', id);
    return record;
  }

  /** Parses and checks a lab file; BAD_USER_INPUT with every located error, and nothing stored, when it is wrong. */
  private parse(source: string) {
    const size = Buffer.byteLength(source, 'utf8');
    if (size > this.config.maxScenarioBytes) throw new InvalidInputError(`the lab file is ${size} bytes; the limit is ${this.config.maxScenarioBytes} bytes`);
    const parsed = parseLab(source, LAB_SOURCE_NAME);
    if (!parsed.lab) {
      const diagnostics: Diagnostic[] = parsed.errors.map((e) => ({ severity: 'error', message: e.message, path: e.path, file: LAB_SOURCE_NAME, line: e.line, column: e.column }));
      const first = diagnostics[0];
      throw new InvalidInputError(`the lab file is not valid: ${first.file}:${first.line}:${first.column}: ${first.path ? `${first.path}: ` : ''}${first.message}${diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''}`, diagnostics);
    }
    return { source, definition: JSON.parse(JSON.stringify(parsed.lab)) as Prisma.InputJsonValue, sha256: createHash('sha256').update(source).digest('hex') };
  }
}
