/** The stored NetworkPolicies as result data (result.ts `NetworkPolicyResult`), sorted by namespace then name. */
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../model';
import type { LabelSelectorResult, NetworkPolicyPeerResult, NetworkPolicyPortResult, NetworkPolicyResult } from '../result';
import { storedOfKind, type ClusterState } from '../state';
import { compareBy } from '../util/compare';

export function buildNetworkPolicyResults(state: ClusterState): NetworkPolicyResult[] {
  return storedOfKind(state, 'NetworkPolicy')
    .map(({ object, appliedAt }) => networkPolicyResult(object, appliedAt))
    .sort(compareBy((p) => p.namespace, (p) => p.name));
}

function networkPolicyResult(p: NetworkPolicy, createdAt: number): NetworkPolicyResult {
  return {
    namespace: p.meta.namespace,
    name: p.meta.name,
    labels: { ...p.meta.labels },
    annotations: { ...p.annotations },
    podSelector: selector(p.podSelector),
    policyTypes: [...p.policyTypes],
    ingress: p.ingress.map((r) => ({ ports: r.ports.map(port), from: r.peers.map(peer) })),
    egress: p.egress.map((r) => ({ ports: r.ports.map(port), to: r.peers.map(peer) })),
    createdAt,
  };
}

function selector(s: LabelSelector): LabelSelectorResult {
  return { matchLabels: { ...s.matchLabels }, matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: [...e.values] })) };
}

function port(p: NetworkPolicyPort): NetworkPolicyPortResult {
  return { protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}

function peer(p: NetworkPolicyPeer): NetworkPolicyPeerResult {
  return {
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] } } : {}),
  };
}
