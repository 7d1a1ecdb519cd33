/**
 * Configuration objects the result carries for DNS: ConfigMaps (kind's own from
 * cluster/kind-configmaps.ts with the scenario's applied over them) and UpstreamZones.
 */
import { kindSystemConfigMaps } from './cluster/kind-configmaps';
import { sortedRecord } from './manifest/fields';
import type { ConfigMapResult, UpstreamZoneResult } from './result';
import { storedOfKind, type ClusterState } from './state';
import { compareBy } from './util/compare';

/** Every ConfigMap of a namespace that exists, sorted by namespace then name; a scenario's replaces kind's of the same name. */
export function buildConfigMapResults(state: ClusterState): ConfigMapResult[] {
  const byKey = new Map<string, ConfigMapResult>();
  const namespaces = [...state.namespaces.values()].map((n) => ({ name: n.name, createdAt: n.createdAt }));
  const clusterCreatedAt = Math.min(0, ...[...state.namespaces.values()].filter((n) => n.system).map((n) => n.createdAt));
  for (const cm of kindSystemConfigMaps({ clusterName: state.topology.name, clusterDomain: state.topology.clusterDomain, namespaces, clusterCreatedAt })) byKey.set(`${cm.namespace}/${cm.name}`, cm);
  for (const { object: cm, appliedAt } of storedOfKind(state, 'ConfigMap')) {
    if (!state.namespaces.has(cm.meta.namespace)) continue;
    const key = `${cm.meta.namespace}/${cm.meta.name}`;
    // Applying over kind's own ConfigMap (kube-system/coredns) updates it: creationTimestamp stays.
    const createdAt = byKey.get(key)?.createdAt ?? appliedAt;
    byKey.set(key, { namespace: cm.meta.namespace, name: cm.meta.name, labels: { ...cm.meta.labels }, data: sortedRecord(cm.data), binaryDataKeys: [...cm.binaryDataKeys], createdAt });
  }
  return [...byKey.values()].sort(compareBy((c) => c.namespace, (c) => c.name));
}

/** The scenario's UpstreamZone documents, sorted by zone then name. */
export function buildUpstreamZoneResults(state: ClusterState): UpstreamZoneResult[] {
  return storedOfKind(state, 'UpstreamZone')
    .map(({ object: z }) => ({ name: z.meta.name, zone: z.zone, ttl: z.ttl, records: z.records.map((r) => ({ ...r })) }))
    .sort(compareBy((z) => z.zone, (z) => z.name));
}
