import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { checkSyntax } from '../../engine';
import { AppConfig } from '../../platform/config/app-config';
import { InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import { ownDataOnly, type Caller } from '../auth/permissions';
import { objectChanges, ObjectChange } from './diff/manifest-objects';
import { unifiedDiff } from './diff/unified-diff';
import { importKubectlOutput, KubectlImport } from './import/kubectl-import';
import { ScenarioArchivedError } from './scenario-archived.error';
import { decodeScenarioCursor, encodeScenarioCursor, pageSize } from './scenario-cursor';
import { ScenariosRepository, type ScenarioScope } from './scenarios.repository';

export interface ScenarioPage {
  records: ScenarioRecord[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** The file name diagnostics use for a scenario's manifests. */
export const SCENARIO_SOURCE_NAME = 'manifests.yaml';
/** The file name diagnostics use for imported kubectl output. */
export const IMPORT_SOURCE_NAME = 'kubectl-output.yaml';

/** How the scenarios feature talks about a scenario (the repository's row shape). */
export type ScenarioRecord = NonNullable<Awaited<ReturnType<ScenariosRepository['findById']>>>;

@Injectable()
export class ScenariosService {
  constructor(
    private readonly repository: ScenariosRepository,
    private readonly config: AppConfig,
  ) {}

  /** Stores a new scenario after checking its manifests are valid YAML; nothing is stored otherwise. */
  async create(caller: Caller, name: string, manifests: string): Promise<ScenarioRecord> {
    return this.repository.create(caller.organizationId, caller.userId, name.trim(), this.newVersion(manifests));
  }

  /**
   * A new scenario from `kubectl get ... -o yaml` output: Lists expanded, server-side
   * fields dropped (and reported), the cleaned manifests stored as version 1.
   */
  async importKubectl(caller: Caller, name: string, output: string): Promise<{ scenario: ScenarioRecord } & Omit<KubectlImport, 'manifests'>> {
    this.checkSize(output, 'kubectl output');
    const diagnostics = checkSyntax([{ name: IMPORT_SOURCE_NAME, content: output }]);
    if (diagnostics.length > 0) {
      const first = diagnostics[0];
      throw new InvalidInputError(`kubectl output is not valid YAML: ${first.file}:${first.line}:${first.column}: ${first.message}`, diagnostics);
    }
    const { manifests, objects, dropped } = importKubectlOutput(output);
    if (objects === 0) throw new InvalidInputError('kubectl output holds no Kubernetes objects (an empty List?)');
    return { scenario: await this.create(caller, name, manifests), objects, dropped };
  }

  /** An edit: a new immutable version (none when the content is unchanged). */
  async edit(caller: Caller, id: string, manifests: string): Promise<ScenarioRecord> {
    const version = this.newVersion(manifests);
    const scenario = isUuid(id) ? await this.repository.addVersion(scopeOf(caller), id, version) : null;
    if (!scenario) throw new NotFoundError('Scenario', id);
    return scenario;
  }

  async get(caller: Caller, id: string): Promise<ScenarioRecord> {
    const scenario = isUuid(id) ? await this.repository.findById(scopeOf(caller), id) : null;
    if (!scenario) throw new NotFoundError('Scenario', id);
    return scenario;
  }

  /** Refuses work that would change or run an archived scenario; reads stay allowed. */
  assertActive(scenario: ScenarioRecord, action: string): void {
    if (scenario.archivedAt !== null) throw new ScenarioArchivedError(scenario.id, action);
  }

  /** A newest-first page of the caller's organization's scenarios (archived ones only when asked). */
  async list(caller: Caller, first?: number, after?: string, includeArchived = false): Promise<ScenarioPage> {
    const size = pageSize(first);
    const cursor = after ? decodeScenarioCursor(after) : undefined;
    const [rows, totalCount] = await this.repository.list(scopeOf(caller), size + 1, cursor, includeArchived);
    const records = rows.slice(0, size);
    return { records, cursors: records.map(encodeScenarioCursor), hasNextPage: rows.length > size, totalCount };
  }

  async setArchived(caller: Caller, id: string, archived: boolean): Promise<ScenarioRecord> {
    const found = isUuid(id) && (await this.repository.setArchived(scopeOf(caller), id, archived));
    if (!found) throw new NotFoundError('Scenario', id);
    return this.get(caller, id);
  }

  /** A unified diff of two versions' manifests and the objects added, removed or changed. */
  async diff(caller: Caller, id: string, from: number, to: number): Promise<{ from: number; to: number; unified: string; objects: ObjectChange[] }> {
    const [a, b] = [await this.getVersion(caller, id, from), await this.getVersion(caller, id, to)];
    const name = (n: number) => `${SCENARIO_SOURCE_NAME}@v${n}`;
    return { from, to, unified: unifiedDiff(name(from), name(to), a.content, b.content), objects: objectChanges(a.content, b.content) };
  }

  async getVersion(caller: Caller, scenarioId: string, number: number) {
    const version = isUuid(scenarioId) && Number.isInteger(number) && number >= 1 && number <= 2 ** 31 - 1 ? await this.repository.findVersion(scopeOf(caller), scenarioId, number) : null;
    if (!version) throw new NotFoundError('ScenarioVersion', `${scenarioId}@${number}`);
    return version;
  }

  async listVersions(caller: Caller, id: string) {
    await this.get(caller, id);
    return this.repository.listVersions(scopeOf(caller), id);
  }

  private checkSize(text: string, what: string) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > this.config.maxScenarioBytes) {
      throw new InvalidInputError(`${what} are ${size} bytes; the limit is ${this.config.maxScenarioBytes} bytes`);
    }
  }

  private newVersion(manifests: string) {
    this.checkSize(manifests, 'manifests');
    const diagnostics = checkSyntax([{ name: SCENARIO_SOURCE_NAME, content: manifests }]);
    if (diagnostics.length > 0) {
      const first = diagnostics[0];
      throw new InvalidInputError(
        `manifests are not valid YAML: ${first.file}:${first.line}:${first.column}: ${first.message}`,
        diagnostics,
      );
    }
    return { content: manifests, sha256: createHash('sha256').update(manifests).digest('hex') };
  }
}

/** A student reaches only the scenarios they created; everyone else their organization's. */
export function scopeOf(caller: Caller): ScenarioScope {
  return { organizationId: caller.organizationId, ...(ownDataOnly(caller) && caller.userId ? { createdById: caller.userId } : {}) };
}
