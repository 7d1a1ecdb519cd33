import type { Scenario, ScenarioVersion } from './models/scenario.model';
import type { ScenarioRecord } from './scenarios.service';

type VersionRecord = ScenarioRecord['versions'][number];

export function toScenarioVersion(version: VersionRecord): ScenarioVersion {
  const { id, number, sha256, content, createdAt } = version;
  return { id, number, sha256, content, createdAt };
}

export function toScenario(record: ScenarioRecord): Scenario {
  const { id, name, createdAt, updatedAt } = record;
  return { id, name, createdAt, updatedAt, latestVersion: toScenarioVersion(record.versions[0]) };
}
