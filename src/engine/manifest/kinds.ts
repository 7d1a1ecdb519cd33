/**
 * Which kinds the engine knows: the ones it simulates, the ones it recognises but does
 * not simulate yet (an `info`), and everything else (an `error`, as kubectl's
 * "no matches for kind" when no such resource is installed).
 */

import { CONVERTERS } from './convert/registry';

/** Simulated kinds (those with a converter) and the apiVersions each is accepted at, preferred first. */
export const SIMULATED_KINDS: Record<string, readonly string[]> = Object.fromEntries(Object.values(CONVERTERS).map((c) => [c.kind, c.apiVersions]));

/** Recognised, not simulated yet: kind → apiVersions a cluster (or kind's tooling) accepts. */
export const RECOGNISED_KINDS: Record<string, string[]> = {
  ServiceAccount: ['v1'],
  Endpoints: ['v1'],
  PersistentVolume: ['v1'],
  PersistentVolumeClaim: ['v1'],
  ReplicationController: ['v1'],
  LimitRange: ['v1'],
  ResourceQuota: ['v1'],
  ReplicaSet: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
  EndpointSlice: ['discovery.k8s.io/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v2', 'autoscaling/v1'],
  PodDisruptionBudget: ['policy/v1'],
  Role: ['rbac.authorization.k8s.io/v1'],
  RoleBinding: ['rbac.authorization.k8s.io/v1'],
  ClusterRole: ['rbac.authorization.k8s.io/v1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io/v1'],
  StorageClass: ['storage.k8s.io/v1'],
  PriorityClass: ['scheduling.k8s.io/v1'],
  CustomResourceDefinition: ['apiextensions.k8s.io/v1'],
  GatewayClass: ['gateway.networking.k8s.io/v1'],
  Gateway: ['gateway.networking.k8s.io/v1'],
  HTTPRoute: ['gateway.networking.k8s.io/v1'],
  // Calico's operator and CRD kinds besides IPPool/Installation (calico.yaml, tigera-operator.yaml, custom-resources.yaml).
  APIServer: ['operator.tigera.io/v1'],
  Goldmane: ['operator.tigera.io/v1'],
  Whisker: ['operator.tigera.io/v1'],
  BGPConfiguration: ['crd.projectcalico.org/v1', 'projectcalico.org/v3'],
  BGPPeer: ['crd.projectcalico.org/v1', 'projectcalico.org/v3'],
  FelixConfiguration: ['crd.projectcalico.org/v1', 'projectcalico.org/v3'],
  // kubeadm node configuration: read inside kind node patches; standalone it has no effect here.
  InitConfiguration: ['kubeadm.k8s.io/v1beta4', 'kubeadm.k8s.io/v1beta3'],
  JoinConfiguration: ['kubeadm.k8s.io/v1beta4', 'kubeadm.k8s.io/v1beta3'],
};

export type KindClass = { class: 'simulated' } | { class: 'recognised' } | { class: 'wrong-version'; served: string } | { class: 'unknown'; suggestion?: string };

export function classifyKind(apiVersion: string, kind: string): KindClass {
  const simulated = SIMULATED_KINDS[kind];
  if (simulated !== undefined) return simulated.includes(apiVersion) ? { class: 'simulated' } : { class: 'wrong-version', served: simulated[0] };
  const recognised = RECOGNISED_KINDS[kind];
  if (recognised !== undefined) return recognised.includes(apiVersion) ? { class: 'recognised' } : { class: 'wrong-version', served: recognised[0] };
  return { class: 'unknown', suggestion: nearestKind(kind) };
}

/** A known kind within two edits (or differing only in case): the likely typo. */
function nearestKind(kind: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of [...Object.keys(SIMULATED_KINDS), ...Object.keys(RECOGNISED_KINDS)]) {
    const d = known.toLowerCase() === kind.toLowerCase() ? 0 : editDistance(known.toLowerCase(), kind.toLowerCase());
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
