/**
 * Every object `kubectl get` can list, as table rows (columns of
 * pkg/printers/internalversion/printers.go, v1.33) and as API objects for -o yaml/json.
 */
import type { ServiceResult } from '../../result';
import { formatLabels } from '../../util/labels';
import type { Json } from '../yaml';
import { ageOf, ClusterView, readyAddressesByPort, type ContainerView, type EndpointSliceView, type PodView, type WorkloadView } from './cluster-view';
import { apiVersion, RESOURCE_TYPES, type ResourceType } from './resources';

export interface Item {
  type: ResourceType;
  /** null for cluster-scoped objects. */
  namespace: string | null;
  name: string;
  labels: Record<string, string>;
  cells(wide: boolean): string[];
  object(): Json;
}

export interface Columns {
  headers: string[];
  wide: string[];
}

const type = (resource: string) => RESOURCE_TYPES.find((t) => t.resource === resource)!;

export const COLUMNS: Record<string, Columns> = {
  pods: { headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] },
  services: { headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], wide: ['SELECTOR'] },
  endpoints: { headers: ['NAME', 'ENDPOINTS', 'AGE'], wide: [] },
  endpointslices: { headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], wide: [] },
  deployments: { headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  replicasets: { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  statefulsets: { headers: ['NAME', 'READY', 'AGE'], wide: ['CONTAINERS', 'IMAGES'] },
  daemonsets: { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  nodes: { headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] },
  namespaces: { headers: ['NAME', 'STATUS', 'AGE'], wide: [] },
};

/** All objects of one type, sorted by namespace then name (the API server's list order). */
export function listItems(view: ClusterView, t: ResourceType): Item[] {
  switch (t.resource) {
    case 'pods':
      return view.pods.map((p) => podItem(view, p));
    case 'services':
      return view.services.map((s) => serviceItem(view, s));
    case 'endpoints':
      return view.endpoints().map((s) => endpointsItem(view, s));
    case 'endpointslices':
      return view.endpointSlices().map((s) => endpointSliceItem(view, s));
    case 'deployments':
      return view.deployments().map((w) => workloadItem(view, w));
    case 'replicasets':
      return view.replicaSets().map((w) => workloadItem(view, w));
    case 'statefulsets':
      return view.statefulSets().map((w) => workloadItem(view, w));
    case 'daemonsets':
      return view.daemonSets().map((w) => workloadItem(view, w));
    case 'nodes':
      return nodeItems(view);
    case 'namespaces':
      return view.namespaces.map((n) => ({
        type: t,
        namespace: null,
        name: n.name,
        labels: { 'kubernetes.io/metadata.name': n.name },
        cells: () => [n.name, 'Active', ageOf(view, n.createdAt)],
        object: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { labels: { 'kubernetes.io/metadata.name': n.name }, name: n.name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }),
      }));
  }
  return [];
}

/** Pod STATUS: the phase, or `ContainerCreating` for a Pod bound to a node whose sandbox has no IP yet. */
export function podStatus(p: PodView): string {
  const reason = (p.pod as unknown as { reason?: string }).reason;
  if (reason) return reason;
  if (p.pod.phase === 'Pending' && p.pod.nodeName) return 'ContainerCreating';
  return p.pod.phase;
}

export function podReadyCount(p: PodView): string {
  const total = p.containers.length;
  return `${p.pod.ready ? total : 0}/${total}`;
}

function podItem(view: ClusterView, p: PodView): Item {
  const pod = p.pod;
  return {
    type: type('pods'),
    namespace: pod.namespace,
    name: pod.name,
    labels: pod.labels,
    cells: (wide) => [pod.name, podReadyCount(p), podStatus(p), String(p.restarts), ageOf(view, p.createdAt), ...(wide ? [pod.ip ?? '<none>', pod.nodeName ?? '<none>', '<none>', '<none>'] : [])],
    object: () => podObject(view, p),
  };
}

function containerObject(c: ContainerView): Json {
  return {
    name: c.name,
    ...(c.image ? { image: c.image } : {}),
    ...(c.ports.length ? { ports: c.ports.map((port) => ({ ...(port.name ? { name: port.name } : {}), containerPort: port.containerPort, protocol: port.protocol })) } : {}),
  };
}

function podObject(view: ClusterView, p: PodView): Json {
  const pod = p.pod;
  const node = view.result.cluster.nodes.find((n) => n.name === pod.nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      ...(Object.keys(pod.labels).length ? { labels: pod.labels } : {}),
      ...(pod.ownerKind && pod.ownerKind !== 'Node' ? { ownerReferences: [{ apiVersion: pod.ownerKind === 'ReplicaSet' || pod.ownerKind === 'DaemonSet' || pod.ownerKind === 'StatefulSet' ? 'apps/v1' : 'v1', blockOwnerDeletion: true, controller: true, kind: pod.ownerKind, name: pod.ownerName ?? '' }] } : {}),
    },
    spec: {
      containers: p.containers.map(containerObject),
      ...(pod.hostNetwork ? { hostNetwork: true } : {}),
      ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
    },
    status: {
      ...(node ? { hostIP: node.internalIP, hostIPs: [{ ip: node.internalIP }] } : {}),
      phase: pod.phase,
      ...(pod.ip ? { podIP: pod.ip, podIPs: [{ ip: pod.ip }] } : {}),
    },
  };
}

/**
 * EXTERNAL-IP as kubectl's getServiceExternalIP prints it: for a LoadBalancer the ingress
 * IPs (else hostnames) then spec.externalIPs, `<pending>` when there are none; for
 * ClusterIP/NodePort the externalIPs or `<none>`; the external name for ExternalName. Not
 * wide, the ingress list is cut to 16 characters with `...` (loadBalancerStatusStringer).
 */
export function externalIP(svc: ServiceResult, wide = false): string {
  const externalIPs = (svc as { externalIPs?: string[] }).externalIPs ?? [];
  if (svc.type === 'ExternalName') return svc.externalName ?? '';
  if (svc.type === 'LoadBalancer') {
    const ingress = ((svc as { loadBalancerIngress?: { ip?: string; hostname?: string }[] }).loadBalancerIngress ?? [])
      .map((i) => i.ip || i.hostname || '')
      .filter(Boolean);
    let lb = [...new Set(ingress)].sort().join(','); // a sorted string set, as kubectl builds it
    if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
    const all = [...(lb ? lb.split(',') : []), ...externalIPs];
    return all.length ? all.join(',') : '<pending>';
  }
  return externalIPs.length ? externalIPs.join(',') : '<none>';
}

/** PORT(S): `port[:nodePort]/PROTOCOL`, comma-joined (makePortString). */
export function portString(svc: ServiceResult): string {
  return svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}

function serviceItem(view: ClusterView, svc: ServiceResult): Item {
  return {
    type: type('services'),
    namespace: svc.namespace,
    name: svc.name,
    labels: serviceLabels(svc),
    cells: (wide) => [svc.name, svc.type, svc.clusterIP ?? '<none>', externalIP(svc, wide), portString(svc), ageOf(view, (svc as unknown as { createdAt?: number }).createdAt), ...(wide ? [formatLabels(svc.selector ?? {}) || '<none>'] : [])],
    object: () => serviceObject(svc),
  };
}

/** The Service's own labels, when the result carries them; the system Services' are known from kubeadm/kind. */
export function serviceLabels(svc: ServiceResult): Record<string, string> {
  const given = (svc as unknown as { labels?: Record<string, string> }).labels;
  if (given) return given;
  if (svc.namespace === 'default' && svc.name === 'kubernetes') return { component: 'apiserver', provider: 'kubernetes' };
  if (svc.namespace === 'kube-system' && svc.name === 'kube-dns') return { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };
  return {};
}

/** A Service as the API server returns it: with the defaults it fills in (SingleStack IPv4, sessionAffinity None, traffic policies Cluster). */
export function serviceObject(svc: ServiceResult): Json {
  const labels = serviceLabels(svc);
  const external = svc.type === 'ExternalName';
  const withNodePorts = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...(Object.keys(labels).length ? { labels } : {}), name: svc.name, namespace: svc.namespace },
    spec: {
      ...(svc.type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      ...(svc.clusterIP ? { clusterIP: svc.clusterIP, clusterIPs: [svc.clusterIP] } : {}),
      ...(withNodePorts ? { externalTrafficPolicy: 'Cluster' } : {}),
      ...(external ? { externalName: svc.externalName ?? '' } : { internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }),
      ports: svc.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), ...(p.nodePort ? { nodePort: p.nodePort } : {}), port: p.port, protocol: p.protocol, targetPort: /^\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort })),
      ...(svc.selector ? { selector: svc.selector } : {}),
      sessionAffinity: 'None',
      type: svc.type,
    },
    status: { loadBalancer: {} },
  };
}

/**
 * ENDPOINTS column (formatEndpoints): ready `ip:port` per subset and port, at most three,
 * then ` + N more...`; `<none>` when there are no subsets; empty when every address is not ready.
 */
export function endpointsColumn(svc: ServiceResult): string {
  const groups = readyAddressesByPort(svc.endpoints);
  if (groups.length === 0) return '<none>';
  const all = groups.flatMap((g) => g.ready.map((ip) => `${ip}:${g.port.port}`));
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

/**
 * An Endpoints object's labels: the Service's, plus `endpointslice.kubernetes.io/skip-mirror=true`
 * (the endpoints controller marks its objects so the EndpointSlice mirroring controller skips
 * them) and `service.kubernetes.io/headless` for headless Services.
 */
export function endpointsLabels(svc: ServiceResult): Record<string, string> {
  return { ...serviceLabels(svc), 'endpointslice.kubernetes.io/skip-mirror': 'true', ...(svc.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}) };
}

function endpointsItem(view: ClusterView, svc: ServiceResult): Item {
  return {
    type: type('endpoints'),
    namespace: svc.namespace,
    name: svc.name,
    labels: endpointsLabels(svc),
    cells: () => [svc.name, endpointsColumn(svc), ageOf(view, (svc as unknown as { createdAt?: number }).createdAt)],
    object: () => {
      const groups = readyAddressesByPort(svc.endpoints);
      const target = (ip: string) => svc.endpoints.find((e) => e.ip === ip)!;
      const address = (ip: string) => {
        const e = target(ip);
        return { ip, ...(e.nodeName ? { nodeName: e.nodeName } : {}), ...(svc.name === 'kubernetes' && svc.namespace === 'default' ? {} : { targetRef: { kind: 'Pod', name: e.podName, namespace: e.podNamespace } }) };
      };
      return {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { labels: endpointsLabels(svc), name: svc.name, namespace: svc.namespace },
        ...(groups.length
          ? {
              subsets: [
                {
                  ...(groups[0].ready.length ? { addresses: groups[0].ready.map(address) } : {}),
                  ...(groups[0].notReady.length ? { notReadyAddresses: groups[0].notReady.map(address) } : {}),
                  ports: groups.map((g) => ({ ...(g.port.name ? { name: g.port.name } : {}), port: g.port.port, protocol: g.port.protocol })),
                },
              ],
            }
          : {}),
      };
    },
  };
}

/** PORTS and ENDPOINTS of an EndpointSlice (formatDiscoveryPorts / formatDiscoveryEndpoints): three, then ` + N more...`, `<unset>` when empty. */
function listWithMore(list: string[]): string {
  if (list.length > 3) return `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`;
  return list.join(',') || '<unset>';
}

function endpointSliceItem(view: ClusterView, s: EndpointSliceView): Item {
  const labels = { 'endpointslice.kubernetes.io/managed-by': s.name === 'kubernetes' && s.namespace === 'default' ? 'endpointslice-mirroring-controller.k8s.io' : 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': s.service };
  return {
    type: type('endpointslices'),
    namespace: s.namespace,
    name: s.name,
    labels,
    cells: () => [s.name, 'IPv4', listWithMore(s.ports.map((p) => String(p.port))), listWithMore(s.endpoints.map((e) => e.ip)), ageOf(view, s.createdAt)],
    object: () => ({
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: s.endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready, serving: e.ready, terminating: false }, ...(e.nodeName ? { nodeName: e.nodeName } : {}), ...(e.podName && s.name !== 'kubernetes' ? { targetRef: { kind: 'Pod', name: e.podName, namespace: e.podNamespace } } : {}) })),
      kind: 'EndpointSlice',
      metadata: { labels, name: s.name, namespace: s.namespace },
      ports: s.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    }),
  };
}

/** CONTAINERS / IMAGES (layoutContainerCells): comma-joined names and images. */
function containerCells(containers: ContainerView[]): string[] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

function workloadItem(view: ClusterView, w: WorkloadView): Item {
  const resource = `${w.kind.toLowerCase()}s`;
  const selector = formatLabels(w.selector) || '<none>';
  const age = ageOf(view, w.createdAt);
  const cells = (wide: boolean): string[] => {
    switch (w.kind) {
      case 'Deployment':
        return [w.name, `${w.ready}/${w.replicas}`, String(w.current), String(w.ready), age, ...(wide ? [...containerCells(w.containers), selector] : [])];
      case 'ReplicaSet':
        return [w.name, String(w.replicas), String(w.current), String(w.ready), age, ...(wide ? [...containerCells(w.containers), selector] : [])];
      case 'StatefulSet':
        return [w.name, `${w.ready}/${w.replicas}`, age, ...(wide ? containerCells(w.containers) : [])];
      case 'DaemonSet':
        return [w.name, String(w.replicas), String(w.current), String(w.ready), String(w.current), String(w.ready), formatLabels(w.nodeSelector) || '<none>', age, ...(wide ? [...containerCells(w.containers), selector] : [])];
    }
  };
  return {
    type: type(resource),
    namespace: w.namespace,
    name: w.name,
    labels: w.labels,
    cells,
    object: () => ({
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: { ...(Object.keys(w.labels).length ? { labels: w.labels } : {}), name: w.name, namespace: w.namespace },
      spec: {
        ...(w.kind !== 'DaemonSet' ? { replicas: w.replicas } : {}),
        selector: { matchLabels: w.selector },
        template: { metadata: { labels: w.selector }, spec: { containers: w.containers.map(containerObject), ...(Object.keys(w.nodeSelector).length ? { nodeSelector: w.nodeSelector } : {}) } },
      },
      status: w.kind === 'DaemonSet' ? { currentNumberScheduled: w.current, desiredNumberScheduled: w.replicas, numberReady: w.ready } : { readyReplicas: w.ready, replicas: w.current },
    }),
  };
}

function nodeItems(view: ClusterView): Item[] {
  return view.result.cluster.nodes.map((n) => {
    const l = n as unknown as Record<string, unknown>;
    const info = (key: string) => (typeof l[key] === 'string' && l[key] !== '' ? (l[key] as string) : '<unknown>');
    const labels = (l.labels as Record<string, string> | undefined) ?? {};
    const status = l.ready === false ? 'NotReady' : 'Ready';
    return {
      type: type('nodes'),
      namespace: null,
      name: n.name,
      labels,
      cells: (wide: boolean) => [
        n.name,
        l.unschedulable === true ? `${status},SchedulingDisabled` : status,
        n.roles.join(',') || '<none>',
        ageOf(view, typeof l.createdAt === 'number' ? l.createdAt : undefined),
        // kindest/node:v1.33.1, the default node image, runs kubelet v1.33.1.
        typeof l.kubeletVersion === 'string' ? l.kubeletVersion : 'v1.33.1',
        ...(wide ? [n.internalIP, '<none>', info('osImage'), info('kernelVersion'), info(typeof l.containerRuntime === 'string' ? 'containerRuntime' : 'containerRuntimeVersion')] : []),
      ],
      object: () => ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { ...(Object.keys(labels).length ? { labels } : {}), name: n.name },
        spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR], ...(n.taints.length ? { taints: n.taints.map(parseTaint) } : {}) },
        status: { addresses: [{ address: n.internalIP, type: 'InternalIP' }, { address: n.name, type: 'Hostname' }] },
      }),
    };
  });
}

function parseTaint(t: string): Json {
  const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(t);
  return m ? { effect: m[3], key: m[1], ...(m[2] ? { value: m[2] } : {}) } : { key: t };
}

export { apiVersion };
