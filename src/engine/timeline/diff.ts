/**
 * What changed between two snapshots of the cluster: Pods by namespace/name (a replacement
 * is a different Pod: new name, new IP), Endpoints addresses by Service, port and IP,
 * Services, ReplicaSets' desired replicas, node conditions. Lists come out sorted.
 */
import type { EndpointResult, PodResult, ServiceResult, SimulationResult } from '../result';
import { compareBy, compareStrings } from '../util/compare';
import type { EndpointChange, PodChange, ReplicaSetChange, ServiceChange, TimelineChanges } from './types';

const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);
const byEndpoint = compareBy<EndpointChange>((e) => e.service, (e) => e.port, (e) => e.ip, (e) => e.podName);

export function diffResults(before: SimulationResult, after: SimulationResult): TimelineChanges {
  const podsBefore = new Map(before.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const podsAfter = new Map(after.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const podChange = (p: PodResult): PodChange => ({ namespace: p.namespace, name: p.name, ip: p.ip, nodeName: p.nodeName, ...(p.ownerKind ? { owner: `${p.ownerKind} ${p.ownerName}` } : {}) });

  const endpointsBefore = endpointMap(before.services);
  const endpointsAfter = endpointMap(after.services);
  const endpointsChanged: EndpointChange[] = [];
  for (const [key, e] of endpointsAfter) {
    const old = endpointsBefore.get(key);
    if (old && old.ready !== e.ready) endpointsChanged.push(e);
  }

  const servicesBefore = new Map(before.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const servicesAfter = new Map(after.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const serviceChange = (s: ServiceResult): ServiceChange => ({ namespace: s.namespace, name: s.name, clusterIP: s.clusterIP });

  const rsBefore = new Map(before.replicaSets.map((r) => [`${r.namespace}/${r.name}`, r]));
  const rsAfter = new Map(after.replicaSets.map((r) => [`${r.namespace}/${r.name}`, r]));
  const replicaSets: ReplicaSetChange[] = [];
  for (const [key, r] of rsAfter) {
    const old = rsBefore.get(key);
    if (!old || old.replicas !== r.replicas) replicaSets.push({ namespace: r.namespace, name: r.name, from: old ? old.replicas : null, to: r.replicas });
  }
  for (const [key, r] of rsBefore) if (!rsAfter.has(key)) replicaSets.push({ namespace: r.namespace, name: r.name, from: r.replicas, to: null });

  const nodesBefore = new Map(before.cluster.nodes.map((n) => [n.name, n]));
  const nodes = after.cluster.nodes
    .filter((n) => {
      const old = nodesBefore.get(n.name);
      return !old || old.ready !== n.ready || old.unschedulable !== n.unschedulable;
    })
    .map((n) => ({ name: n.name, ready: n.ready, unschedulable: n.unschedulable }));

  return {
    podsCreated: [...podsAfter].filter(([k]) => !podsBefore.has(k)).map(([, p]) => podChange(p)).sort(byNamespaceName),
    podsDeleted: [...podsBefore].filter(([k]) => !podsAfter.has(k)).map(([, p]) => podChange(p)).sort(byNamespaceName),
    endpointsAdded: [...endpointsAfter].filter(([k]) => !endpointsBefore.has(k)).map(([, e]) => e).sort(byEndpoint),
    endpointsRemoved: [...endpointsBefore].filter(([k]) => !endpointsAfter.has(k)).map(([, e]) => e).sort(byEndpoint),
    endpointsChanged: endpointsChanged.sort(byEndpoint),
    servicesCreated: [...servicesAfter].filter(([k]) => !servicesBefore.has(k)).map(([, s]) => serviceChange(s)).sort(byNamespaceName),
    servicesDeleted: [...servicesBefore].filter(([k]) => !servicesAfter.has(k)).map(([, s]) => serviceChange(s)).sort(byNamespaceName),
    replicaSets: replicaSets.sort(byNamespaceName),
    nodes: nodes.sort((a, b) => compareStrings(a.name, b.name)),
  };
}

/** One entry per (Service, port name, port, IP): an Endpoints address × port. */
function endpointMap(services: ServiceResult[]): Map<string, EndpointChange> {
  const out = new Map<string, EndpointChange>();
  for (const s of services) {
    for (const e of s.endpoints as EndpointResult[]) {
      const service = `${s.namespace}/${s.name}`;
      out.set(`${service}\u0000${e.portName}\u0000${e.port}\u0000${e.protocol}\u0000${e.ip}`, { service, ip: e.ip, port: e.port, podName: e.podName, ready: e.ready });
    }
  }
  return out;
}
