/**
 * `simulate`: manifests → what a default kind cluster would show after `kubectl apply`.
 *
 * The pipeline follows the components of a real cluster:
 *   load (kubectl) → convert + validate (API server) → namespaces (NamespaceLifecycle
 *   admission) → Deployment/ReplicaSet controllers → scheduler → kubelet + CNI IPAM →
 *   Service IP/NodePort allocators (API server) → Endpoints controller.
 *
 * Objects are applied in input order (sources in the order given, documents in file
 * order); Pods are created in that order too, a Deployment's Pods when it is applied,
 * after the system Pods a fresh kind cluster already runs.
 */
import { compareDiagnostics, ManifestSyntaxError, type Diagnostic } from './diagnostic';
import type { Origin, Pod, Service } from './model';
import type { EndpointResult, PodResult, ReplicaSetResult, ServiceResult, SimulateOptions, SimulationResult } from './result';
import { ENGINE_VERSION } from './version';
import { loadDocuments, LOAD_LIMITS, type ManifestSource } from './manifest/load';
import { convertDocuments } from './manifest/convert';
import { kindDefaultCluster, kindSystemObjects } from './cluster/kind-defaults';
import { formatTaint } from './cluster/topology';
import { HostLocalIpam } from './cluster/ipam';
import { Scheduler } from './cluster/scheduler';
import { expandDeployment } from './controllers/deployment';
import { ClusterIPAllocator, NodePortAllocator } from './controllers/service-ip';
import { computeEndpoints, type PodState } from './controllers/endpoints';
import { compareBy, compareStrings } from './util/compare';
import { LabelIndex } from './util/labels';

export function simulate(sources: ManifestSource[], options: SimulateOptions = {}): SimulationResult {
  const loaded = loadDocuments(sources);
  if (loaded.syntaxErrors.length > 0) throw new ManifestSyntaxError(loaded.syntaxErrors);

  const diagnostics: Diagnostic[] = [];
  const scenario = convertDocuments(loaded.documents, diagnostics);
  const cluster = kindDefaultCluster();
  const system = kindSystemObjects(cluster);
  const seed = options.seed ?? '';

  // --- Namespaces: objects in a namespace nobody creates are refused (NamespaceLifecycle). ---
  const namespaces = new Set([...system.namespaces, ...scenario.namespaces].map((n) => n.name));
  const inExistingNamespace = <T extends { meta: { namespace: string }; origin?: Origin }>(o: T) => {
    if (namespaces.has(o.meta.namespace)) return true;
    const pos = o.origin?.locate('metadata.namespace');
    diagnostics.push({
      severity: 'error',
      message: `namespaces ${JSON.stringify(o.meta.namespace)} not found`,
      path: 'metadata.namespace',
      ...(o.origin ? { file: o.origin.file, line: pos!.line, column: pos!.column, object: o.origin.label } : {}),
      hint: `add a Namespace document (apiVersion: v1, kind: Namespace, metadata.name: ${o.meta.namespace}) or kubectl create namespace ${o.meta.namespace}`,
    });
    return false;
  };
  const userPods = scenario.pods.filter(inExistingNamespace);
  const deployments = scenario.deployments.filter(inExistingNamespace);
  const userServices = scenario.services.filter(inExistingNamespace);

  // --- Controllers: Deployments → ReplicaSets → Pods, in apply order. ---
  const taken = new Set([...system.pods, ...userPods].map((p) => `${p.meta.namespace}/${p.meta.name}`));
  const replicaSets: ReplicaSetResult[] = [...system.replicaSets];
  const podsByKey = new Map(userPods.map((p) => [`Pod/${p.meta.namespace}/${p.meta.name}`, p]));
  const deploymentsByKey = new Map(deployments.map((d) => [`Deployment/${d.meta.namespace}/${d.meta.name}`, d]));
  const creationOrder: Pod[] = [...system.pods];
  let podBudget = LOAD_LIMITS.maxObjects - userPods.length;
  for (const key of scenario.applyOrder) {
    const pod = podsByKey.get(key);
    if (pod) creationOrder.push(pod);
    const deployment = deploymentsByKey.get(key);
    if (deployment) {
      const expanded = expandDeployment(deployment, seed, taken, Math.max(0, podBudget));
      podBudget -= expanded.pods.length;
      if (expanded.pods.length < deployment.replicas) {
        const pos = deployment.origin?.locate('spec.replicas');
        diagnostics.push({
          severity: 'error',
          message: `Deployment ${deployment.meta.name} asks for ${deployment.replicas} replicas; the simulator creates at most ${LOAD_LIMITS.maxObjects} Pods in all, so only ${expanded.pods.length} were created`,
          path: 'spec.replicas',
          ...(deployment.origin ? { file: deployment.origin.file, line: pos!.line, column: pos!.column, object: deployment.origin.label } : {}),
        });
      }
      replicaSets.push(expanded.replicaSet);
      creationOrder.push(...expanded.pods);
    }
  }

  // --- Scheduler and IPAM. ---
  const scheduler = new Scheduler(cluster.nodes);
  const ipam = new Map(cluster.nodes.map((n) => [n.name, new HostLocalIpam(n.podCIDR)]));
  const nodeByName = new Map(cluster.nodes.map((n) => [n.name, n]));
  const states: PodState[] = [];
  const pendingByOwner = new Map<string, { pods: Pod[]; reason: string }>();
  for (const pod of creationOrder) {
    let nodeName: string | null = null;
    let pendingReason: string | undefined;
    if (pod.spec.nodeName) {
      if (scheduler.hasNode(pod.spec.nodeName)) {
        nodeName = pod.spec.nodeName;
        scheduler.bind(nodeName);
      } else {
        pendingReason = `spec.nodeName ${JSON.stringify(pod.spec.nodeName)} is not a node of this cluster (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`;
      }
    } else {
      const pinned = pod.status.podIP;
      const outcome = scheduler.schedule(pod, pinned ? (n) => ipam.get(n.name)!.contains(pinned) : undefined);
      nodeName = outcome.nodeName;
      if (outcome.nodeName === null) pendingReason = outcome.reason;
    }
    states.push({ pod, nodeName, ip: null, phase: nodeName ? pod.status.phase ?? 'Running' : 'Pending', ready: false, ...(pendingReason ? { pendingReason } : {}) });
    if (pendingReason && pod.origin) {
      // One diagnostic per Deployment (or bare Pod) and reason, not one per replica.
      const key = `${pod.origin.label}\u0000${pendingReason}`;
      const entry = pendingByOwner.get(key) ?? { pods: [], reason: pendingReason };
      entry.pods.push(pod);
      pendingByOwner.set(key, entry);
    }
  }
  // Pinned addresses first, so sequential allocation steps around them.
  for (const s of states) {
    if (!s.nodeName) continue;
    const node = nodeByName.get(s.nodeName)!;
    if (s.pod.spec.hostNetwork) s.ip = node.internalIP;
    else if (s.pod.status.podIP) {
      const pool = ipam.get(node.name)!;
      if (!pool.reserve(s.pod.status.podIP)) podWarning(diagnostics, s.pod, `status.podIP ${s.pod.status.podIP} is used by another Pod; the address is kept as given`, 'status.podIP');
      else if (!pool.contains(s.pod.status.podIP)) podWarning(diagnostics, s.pod, `status.podIP ${s.pod.status.podIP} is outside node ${node.name}'s podCIDR ${node.podCIDR}; the address is kept as given`, 'status.podIP');
      s.ip = s.pod.status.podIP;
    }
  }
  for (const s of states) {
    if (!s.nodeName || s.ip) continue;
    const pool = ipam.get(s.nodeName)!;
    s.ip = pool.allocate();
    if (s.ip === null) {
      s.phase = 'Pending';
      podWarning(diagnostics, s.pod, `Pod ${s.pod.meta.name} is stuck in ContainerCreating: failed to allocate for range 0: no IP addresses available in range set: ${pool.rangeSet()}`);
    }
  }
  for (const s of states) s.ready = s.phase === 'Running' && s.ip !== null && s.pod.status.ready !== false;
  for (const { pods, reason } of pendingByOwner.values()) {
    const pod = pods[0];
    const who = pod.owner ? `${pods.length === 1 ? 'Pod' : `${pods.length} Pods`} of ${pod.origin!.label} ${pods.length === 1 ? 'is' : 'are'}` : `Pod ${pod.meta.name} is`;
    podWarning(diagnostics, pod, `${who} Pending: ${reason}`, pod.spec.nodeName ? 'spec.nodeName' : undefined);
  }

  // --- Services: IP and NodePort allocation (system Services first), then Endpoints. ---
  const ipAllocator = new ClusterIPAllocator(cluster.serviceCIDR);
  const portAllocator = new NodePortAllocator(cluster.nodePortRange.base, cluster.nodePortRange.size);
  const services: Service[] = [...system.services];
  const clusterIPs = new Map<Service, string | null>();
  for (const svc of system.services) clusterIPs.set(svc, ipAllocator.allocate(svc.clusterIP!).ok ? svc.clusterIP! : null);
  const accepted: Service[] = [];
  for (const svc of userServices) {
    if (svc.clusterIP && svc.clusterIP !== 'None') {
      const result = ipAllocator.allocate(svc.clusterIP);
      if (!result.ok) {
        serviceError(diagnostics, svc, 'spec.clusterIPs', `Invalid value: []string{${JSON.stringify(svc.clusterIP)}}: failed to allocate IP ${svc.clusterIP}: ${result.detail}`, `leave spec.clusterIP out to get a free address, or pick a free one in ${cluster.serviceCIDR}`);
        continue;
      }
      clusterIPs.set(svc, svc.clusterIP);
    }
    accepted.push(svc);
  }
  const nodePorts = new Map<Service, (number | undefined)[]>();
  const withPorts: Service[] = [];
  for (const svc of accepted) {
    const owner = `${svc.meta.namespace}/${svc.meta.name}`;
    let ok = true;
    for (const port of svc.ports) {
      if (port.nodePort === undefined || (svc.type !== 'NodePort' && svc.type !== 'LoadBalancer')) continue;
      const r = portAllocator.allocate(port.nodePort, owner);
      if (!r.ok) {
        serviceError(diagnostics, svc, `spec.ports[${port.index}].nodePort`, `Invalid value: ${port.nodePort}: ${r.detail}`, `leave nodePort out to get a free one in ${portAllocator.range}`);
        ok = false;
      }
    }
    if (ok) withPorts.push(svc);
  }
  for (const svc of withPorts) {
    const key = `${svc.meta.namespace}/${svc.meta.name}`;
    if (svc.type === 'ExternalName') clusterIPs.set(svc, null);
    else if (svc.clusterIP === 'None') clusterIPs.set(svc, 'None');
    else if (!clusterIPs.has(svc)) clusterIPs.set(svc, ipAllocator.allocateNext(key));
    nodePorts.set(
      svc,
      svc.ports.map((p) => (svc.type === 'NodePort' || svc.type === 'LoadBalancer' ? p.nodePort ?? portAllocator.allocateNext(`${key}/${p.index}`, key) ?? undefined : undefined)),
    );
    if (svc.type === 'LoadBalancer') {
      const pos = svc.origin?.locate('spec.type');
      diagnostics.push({
        severity: 'info',
        message: `Service ${svc.meta.name} is type LoadBalancer; a kind cluster has no load-balancer controller, so its EXTERNAL-IP stays <pending> — reach it through its NodePort on a node IP (or run cloud-provider-kind)`,
        path: 'spec.type',
        ...(svc.origin ? { file: svc.origin.file, line: pos!.line, column: pos!.column, object: svc.origin.label } : {}),
      });
    }
    services.push(svc);
  }

  const index = new LabelIndex<PodState>(
    (s) => s.pod.meta.namespace,
    (s) => s.pod.meta.labels,
  );
  for (const s of states) index.add(s);
  const staticEndpoints = new Map(system.apiServerEndpoints.map((e) => [`${e.namespace}/${e.service}`, e.endpoints]));

  const serviceResults: ServiceResult[] = services.map((svc) => {
    let endpoints: EndpointResult[];
    const fixed = staticEndpoints.get(`${svc.meta.namespace}/${svc.meta.name}`);
    if (fixed && !svc.origin) endpoints = fixed;
    else {
      const outcome = computeEndpoints(svc, index);
      diagnostics.push(...outcome.diagnostics);
      endpoints = outcome.endpoints;
    }
    const ports = nodePorts.get(svc) ?? [];
    return {
      namespace: svc.meta.namespace,
      name: svc.meta.name,
      type: svc.type,
      clusterIP: clusterIPs.get(svc) ?? null,
      ...(svc.externalName ? { externalName: svc.externalName } : {}),
      ports: svc.ports.map((p, i) => ({
        name: p.name,
        port: p.port,
        targetPort: String(p.targetPort ?? p.port),
        protocol: p.protocol,
        ...(ports[i] !== undefined ? { nodePort: ports[i] } : {}),
      })),
      selector: svc.selector,
      endpoints,
    };
  });

  const podResults: PodResult[] = states.map((s) => ({
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
  }));

  const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);
  return {
    engineVersion: ENGINE_VERSION,
    cluster: {
      name: cluster.name,
      kubernetesVersion: cluster.kubernetesVersion,
      serviceCIDR: cluster.serviceCIDR,
      podCIDR: cluster.podCIDR,
      clusterDomain: cluster.clusterDomain,
      nodePortRange: `${cluster.nodePortRange.base}-${cluster.nodePortRange.base + cluster.nodePortRange.size - 1}`,
      nodes: cluster.nodes
        .map((n) => ({ name: n.name, roles: [...n.roles], internalIP: n.internalIP, podCIDR: n.podCIDR, taints: n.taints.map(formatTaint) }))
        .sort((a, b) => compareStrings(a.name, b.name)),
    },
    namespaces: [...namespaces].sort(compareStrings),
    pods: podResults.sort(byNamespaceName),
    replicaSets: replicaSets.sort(byNamespaceName),
    services: serviceResults.sort(byNamespaceName),
    diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
  };
}

function podWarning(sink: Diagnostic[], pod: Pod, message: string, path?: string, hint?: string): void {
  const pos = pod.origin?.locate(pod.owner ? 'spec.replicas' : path);
  sink.push({
    severity: 'warning',
    message,
    ...(path && !pod.owner ? { path } : {}),
    ...(pod.origin ? { file: pod.origin.file, line: pos!.line, column: pos!.column, object: pod.origin.label } : { object: `Pod ${pod.meta.namespace}/${pod.meta.name}` }),
    ...(hint ? { hint } : {}),
  });
}

function serviceError(sink: Diagnostic[], svc: Service, path: string, body: string, hint?: string): void {
  // A pinned IP may have been written as spec.clusterIP or spec.clusterIPs: point at the one present.
  const at = path === 'spec.clusterIPs' && svc.origin?.has('spec.clusterIP') ? 'spec.clusterIP' : path;
  const pos = svc.origin?.locate(at);
  sink.push({
    severity: 'error',
    message: `The Service ${JSON.stringify(svc.meta.name)} is invalid: ${path}: ${body}`,
    path,
    ...(svc.origin ? { file: svc.origin.file, line: pos!.line, column: pos!.column, object: svc.origin.label } : {}),
    ...(hint ? { hint } : {}),
  });
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
