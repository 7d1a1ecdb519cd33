import type { Scenario, ScenarioVersion } from './models/scenario.model';
import type { ScenarioConnection } from './models/scenario-connection.model';
import type { ScenarioPage, ScenarioRecord } from './scenarios.service';

type VersionRecord = ScenarioRecord['versions'][number];

export function toScenarioVersion(version: VersionRecord): ScenarioVersion {
  const { id, number, sha256, content, createdAt } = version;
  return { id, number, sha256, content, createdAt };
}

export function toScenario(record: ScenarioRecord): Scenario {
  const { id, name, createdAt, updatedAt, archivedAt } = record;
  return { id, name, createdAt, updatedAt, archivedAt, latestVersion: toScenarioVersion(record.versions[0]) };
}

export function toScenarioConnection(page: ScenarioPage): ScenarioConnection {
  const edges = page.records.map((record, i) => ({ cursor: page.cursors[i], node: toScenario(record) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
