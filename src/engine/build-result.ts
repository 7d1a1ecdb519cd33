/** A snapshot of the cluster state as the public result (result.ts): sorted, plain data. */
import { compareDiagnostics, type Diagnostic } from './diagnostic';
import type { NodeResult, PodResult, ServiceResult, SimulationResult } from './result';
import { formatTaint } from './cluster/topology';
import { compareBy, compareStrings } from './util/compare';
import type { ClusterState } from './state';
import { ENGINE_VERSION } from './version';

export function buildResult(state: ClusterState): SimulationResult {
  const t = state.topology;
  const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);

  const nodes: NodeResult[] = t.nodes
    .map((n) => ({
      name: n.name,
      roles: [...n.roles],
      internalIP: n.internalIP,
      podCIDR: n.podCIDR,
      taints: n.taints.map(formatTaint),
      labels: { ...n.labels },
      allocatable: { ...n.allocatable },
      ready: n.ready,
      ...(n.notReadyMessage && !n.ready ? { notReadyMessage: n.notReadyMessage } : {}),
      unschedulable: n.unschedulable,
      kubeletVersion: n.nodeInfo.kubeletVersion,
      containerRuntime: n.nodeInfo.containerRuntimeVersion,
      osImage: n.nodeInfo.osImage,
      kernelVersion: n.nodeInfo.kernelVersion,
      createdAt: n.createdAt,
    }))
    .sort((a, b) => compareStrings(a.name, b.name));

  const pods: PodResult[] = [...state.pods.values()].map((s) => ({
    namespace: s.pod.meta.namespace,
    name: s.pod.meta.name,
    nodeName: s.nodeName,
    ip: s.ip,
    phase: s.phase,
    ready: s.ready,
    labels: s.pod.meta.labels,
    hostNetwork: s.pod.spec.hostNetwork,
    ...(s.pod.owner ? { ownerKind: s.pod.owner.kind, ownerName: s.pod.owner.name } : {}),
    containerPorts: s.pod.spec.containers.flatMap((c) => c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }))),
    ...(s.reason && s.phase === 'Pending' ? { reason: s.reason } : {}),
    createdAt: s.createdAt,
  }));

  const services: ServiceResult[] = [...state.services.values()].map(({ service: svc, clusterIP, nodePorts, endpoints, createdAt }) => ({
    namespace: svc.meta.namespace,
    name: svc.meta.name,
    type: svc.type,
    clusterIP,
    ...(svc.externalName ? { externalName: svc.externalName } : {}),
    ports: svc.ports.map((p, i) => ({
      name: p.name,
      port: p.port,
      targetPort: String(p.targetPort ?? p.port),
      protocol: p.protocol,
      ...(nodePorts[i] !== undefined ? { nodePort: nodePorts[i] } : {}),
    })),
    selector: svc.selector,
    endpoints,
    createdAt,
  }));

  return {
    engineVersion: ENGINE_VERSION,
    now: state.now,
    cluster: {
      name: t.name,
      kubernetesVersion: t.kubernetesVersion,
      serviceCIDR: t.serviceCIDR,
      podCIDR: t.podCIDR,
      clusterDomain: t.clusterDomain,
      nodePortRange: `${t.nodePortRange.base}-${t.nodePortRange.base + t.nodePortRange.size - 1}`,
      nodes,
      kubeProxyMode: t.kubeProxy.mode,
      cni: t.cni,
      clusterDNS: t.clusterDNS[0] ?? t.dnsServiceIP,
    },
    namespaces: [...state.namespaces.keys()].sort(compareStrings),
    pods: pods.sort(byNamespaceName),
    replicaSets: [...state.replicaSets.values()]
      .map((rs) => ({ namespace: rs.namespace, name: rs.name, deployment: rs.deployment, podTemplateHash: rs.podTemplateHash, replicas: rs.replicas, createdAt: rs.createdAt }))
      .sort(byNamespaceName),
    services: services.sort(byNamespaceName),
    diagnostics: dedupe([...state.events, ...state.conditions]).sort(compareDiagnostics),
  };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
