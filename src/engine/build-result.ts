/** A snapshot of the cluster state as the public result (result.ts): sorted, plain data. */
import { compareDiagnostics, type Diagnostic } from './diagnostic';
import type { EndpointSliceResult, EndpointsResult, NodeCniResult, NodeResult, PodResult, ServiceResult, SimulationResult } from './result';
import { externalDNSOf } from './controllers/load-balancer';
import { apiServerEndpointSlice } from './controllers/endpointslice-result';
import { buildConfigMapResults, buildUpstreamZoneResults } from './config-result';
import { formatTaint } from './cluster/topology';
import { compareBy, compareStrings } from './util/compare';
import { namespaceLabelsOf, type ClusterState } from './state';
import { buildNetworkPolicyResults } from './netpol/policy-result';
import { ENGINE_VERSION } from './version';
import { buildWorkloadResults, podConditions, podContainers } from './workload-result';
import { buildIngressSnapshot } from './ingress/status';

export function buildResult(state: ClusterState): SimulationResult {
  const t = state.topology;
  const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);

  const thirdPartyCni = t.cni !== 'kindnet' && t.cni !== 'none';
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
      ...(thirdPartyCni ? { cni: nodeCni(state, n.name) } : {}),
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
    containerPorts: s.pod.spec.containers.flatMap((c) => c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol, ...(p.hostPort ? { hostPort: p.hostPort } : {}) }))),
    ...(s.reason && (s.phase === 'Pending' || s.reason === 'Completed' || s.reason === 'Terminating') ? { reason: s.reason } : {}),
    containers: podContainers(s),
    restarts: 0,
    ...(s.pod.spec.hostname ? { hostname: s.pod.spec.hostname } : {}),
    ...(s.pod.spec.subdomain ? { subdomain: s.pod.spec.subdomain } : {}),
    terminating: s.terminating,
    conditions: podConditions(s),
    createdAt: s.createdAt,
    dnsPolicy: s.pod.spec.dnsPolicy ?? 'ClusterFirst',
    ...(s.pod.spec.dnsConfig ? { dnsConfig: { nameservers: [...s.pod.spec.dnsConfig.nameservers], searches: [...s.pod.spec.dnsConfig.searches], options: s.pod.spec.dnsConfig.options.map((o) => ({ ...o })) } } : {}),
    ...(s.pod.spec.hostAliases ? { hostAliases: s.pod.spec.hostAliases.map((a) => ({ ip: a.ip, hostnames: [...a.hostnames] })) } : {}),
  }));

  const services: ServiceResult[] = [...state.services.values()].map(({ service: svc, clusterIP, nodePorts, endpoints, createdAt, healthCheckNodePort, loadBalancerIngress }) => ({
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
    labels: { ...svc.meta.labels },
    annotations: { ...(svc.annotations ?? {}) },
    externalIPs: [...(svc.externalIPs ?? [])],
    sessionAffinity: svc.sessionAffinity ?? 'None',
    ...(svc.sessionAffinity === 'ClientIP' ? { sessionAffinityTimeoutSeconds: svc.sessionAffinityTimeoutSeconds ?? 10800 } : {}),
    ...(svc.externalTrafficPolicy ? { externalTrafficPolicy: svc.externalTrafficPolicy } : {}),
    ...(svc.type !== 'ExternalName' ? { internalTrafficPolicy: svc.internalTrafficPolicy ?? 'Cluster' } : {}),
    ...(healthCheckNodePort !== undefined ? { healthCheckNodePort } : {}),
    publishNotReadyAddresses: svc.publishNotReadyAddresses,
    loadBalancerIngress: (loadBalancerIngress ?? []).map((i) => ({ ...i })),
    ...(externalDNSOf(svc) ? { externalDNS: externalDNSOf(svc)! } : {}),
    createdAt,
  }));

  const endpointSlices: EndpointSliceResult[] = [...state.endpointSlices.values()].map((s) => ({
    namespace: s.namespace,
    name: s.name,
    service: s.service,
    addressType: s.addressType,
    labels: { ...s.labels },
    ports: s.ports.map((p) => ({ ...p })),
    endpoints: s.endpoints.map((e) => ({ ...e, addresses: [...e.addresses], conditions: { ...e.conditions } })),
    createdAt: s.createdAt,
  }));
  const apiServerSlice = apiServerEndpointSlice(state);
  if (apiServerSlice && !state.endpointSlices.has('default/kubernetes')) endpointSlices.push(apiServerSlice);
  const endpointsObjects: EndpointsResult[] = [...state.endpointsObjects.values()].map((o) => ({
    namespace: o.namespace,
    name: o.name,
    labels: { ...o.labels },
    annotations: { ...o.annotations },
    subsets: o.subsets.map((x) => ({ addresses: x.addresses.map((a) => ({ ...a })), notReadyAddresses: x.notReadyAddresses.map((a) => ({ ...a })), ports: x.ports.map((p) => ({ ...p })) })),
    createdAt: o.createdAt,
  }));

  const ingress = buildIngressSnapshot(state);

  return {
    engineVersion: ENGINE_VERSION,
    now: settledAt(state),
    cluster: {
      name: t.name,
      kubernetesVersion: t.kubernetesVersion,
      serviceCIDR: t.serviceCIDR,
      podCIDR: t.podCIDR,
      clusterDomain: t.clusterDomain,
      nodePortRange: `${t.nodePortRange.base}-${t.nodePortRange.base + t.nodePortRange.size - 1}`,
      nodes,
      kubeProxyMode: t.kubeProxy.mode,
      ...(t.kubeProxy.ipvsScheduler ? { ipvsScheduler: t.kubeProxy.ipvsScheduler } : {}),
      cni: t.cni,
      ...(thirdPartyCni && t.cniSettings ? { cniSettings: { ...t.cniSettings, ...(t.cniSettings.tunnel ? { tunnel: { ...t.cniSettings.tunnel } } : {}) } } : {}),
      clusterDNS: t.clusterDNS[0] ?? t.dnsServiceIP,
      ...(t.portMappings.length > 0 ? { portMappings: t.portMappings.map((m) => ({ ...m })) } : {}),
    },
    namespaces: [...state.namespaces.keys()].sort(compareStrings),
    namespaceLabels: Object.fromEntries([...state.namespaces.values()].sort((a, b) => compareStrings(a.name, b.name)).map((ns) => [ns.name, namespaceLabelsOf(ns)])),
    networkPolicies: buildNetworkPolicyResults(state),
    pods: pods.sort(byNamespaceName),
    configMaps: buildConfigMapResults(state),
    upstreamZones: buildUpstreamZoneResults(state),
    replicaSets: [...state.replicaSets.values()]
      .map((rs) => ({
        namespace: rs.namespace,
        name: rs.name,
        deployment: rs.deployment,
        labels: { ...(rs.labels ?? {}) },
        selector: rs.selector ? { matchLabels: { ...rs.selector.matchLabels }, matchExpressions: rs.selector.matchExpressions.map((e) => ({ ...e, values: [...e.values] })) } : null,
        podTemplateHash: rs.podTemplateHash,
        replicas: rs.replicas,
        createdAt: rs.createdAt,
      }))
      .sort(byNamespaceName),
    ...buildWorkloadResults(state),
    services: services.sort(byNamespaceName),
    endpointSlices: endpointSlices.sort(byNamespaceName),
    endpoints: endpointsObjects.sort(byNamespaceName),
    ingresses: ingress.ingresses,
    ingressClasses: ingress.ingressClasses,
    ingressControllers: ingress.ingressControllers,
    secrets: ingress.secrets,
    diagnostics: dedupeDiagnostics([...state.events, ...state.conditions]).sort(compareDiagnostics),
  };
}

/** A node's ranges and own address in the CNI's IPAM. */
function nodeCni(state: ClusterState, node: string): NodeCniResult {
  const pool = state.ipam.get(node);
  const nodeIP = pool?.nodeAddress?.();
  return { podCIDRs: pool?.ranges() ?? [], ...(nodeIP ? { nodeIP } : {}) };
}

/** The list without repeats (the same diagnostic raised by several passes or steps), first occurrence kept. */
export function dedupeDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * When the result is observed: the clock's time, or later if the controllers were still
 * creating Pods after it (a StatefulSet's ordinals start one after another) — a student
 * runs kubectl once the cluster has settled, so no AGE is ever negative.
 */
function settledAt(state: ClusterState): number {
  let now = state.now;
  for (const pod of state.pods.values()) if (pod.createdAt > now) now = pod.createdAt;
  return now;
}
