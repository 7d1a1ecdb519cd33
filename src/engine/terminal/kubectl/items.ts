/**
 * Every object `kubectl get` can list, as table rows (columns of
 * pkg/printers/internalversion/printers.go, v1.33) and as API objects for -o yaml/json.
 * Pods, Services, Endpoints, EndpointSlices and Namespaces here; workloads in
 * workload-items.ts, storage in storage-items.ts, nodes in node-items.ts.
 */
import { configMapItem } from './configmap-items';
import type { EndpointAddressResult, EndpointsResult, EndpointSliceResult, ServiceResult } from '../../result';
import { formatLabels } from '../../util/labels';
import { rfc3339 } from '../timestamps';
import type { Json } from '../yaml';
import { ageOf, ClusterView, type ContainerView, type PodView } from './cluster-view';
import { networkPolicyItem } from './network-policy-items';
import { ingressClassItem, ingressItem, secretItem } from './ingress-items';
import { nodeItems } from './node-items';
import { RESOURCE_TYPES, type ResourceType } from './resources';
import { persistentVolumeClaimItem, persistentVolumeItem, storageClassItem } from './storage-items';
import { workloadItem } from './workload-items';

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

export const typeOf = (resource: string): ResourceType => RESOURCE_TYPES.find((t) => t.resource === resource)!;

export const COLUMNS: Record<string, Columns> = {
  pods: { headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] },
  services: { headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], wide: ['SELECTOR'] },
  endpoints: { headers: ['NAME', 'ENDPOINTS', 'AGE'], wide: [] },
  endpointslices: { headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], wide: [] },
  deployments: { headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  replicasets: { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  statefulsets: { headers: ['NAME', 'READY', 'AGE'], wide: ['CONTAINERS', 'IMAGES'] },
  daemonsets: { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  jobs: { headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  nodes: { headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] },
  namespaces: { headers: ['NAME', 'STATUS', 'AGE'], wide: [] },
  configmaps: { headers: ['NAME', 'DATA', 'AGE'], wide: [] },
  persistentvolumeclaims: { headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'], wide: ['VOLUMEMODE'] },
  persistentvolumes: { headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'], wide: ['VOLUMEMODE'] },
  storageclasses: { headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'], wide: [] },
  networkpolicies: { headers: ['NAME', 'POD-SELECTOR', 'AGE'], wide: [] },
  ingresses: { headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], wide: [] },
  ingressclasses: { headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'], wide: [] },
  secrets: { headers: ['NAME', 'TYPE', 'DATA', 'AGE'], wide: [] },
  events: { headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], wide: ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'] },
};

/** All objects of one type, sorted by namespace then name (the API server's list order). */
export function listItems(view: ClusterView, t: ResourceType): Item[] {
  switch (t.resource) {
    case 'pods':
      return view.pods.map((p) => podItem(view, p));
    case 'services':
      return view.services.map((s) => serviceItem(view, s));
    case 'endpoints':
      return view.endpoints().map((e) => endpointsItem(view, e));
    case 'endpointslices':
      return view.endpointSlices().map((s) => endpointSliceItem(view, s));
    case 'configmaps':
      return (view.result.configMaps ?? []).map((c) => configMapItem(view, c));
    case 'deployments':
      return view.deployments().map((w) => workloadItem(view, w));
    case 'replicasets':
      return view.replicaSets().map((w) => workloadItem(view, w));
    case 'statefulsets':
      return view.statefulSets().map((w) => workloadItem(view, w));
    case 'daemonsets':
      return view.daemonSets().map((w) => workloadItem(view, w));
    case 'jobs':
      return view.jobs().map((w) => workloadItem(view, w));
    case 'nodes':
      return nodeItems(view);
    case 'persistentvolumeclaims':
      return view.persistentVolumeClaims().map((c) => persistentVolumeClaimItem(view, c));
    case 'persistentvolumes':
      return view.persistentVolumes().map((v) => persistentVolumeItem(view, v));
    case 'storageclasses':
      return view.storageClasses().map((s) => storageClassItem(view, s));
    case 'networkpolicies':
      return (view.result.networkPolicies ?? []).map((p) => networkPolicyItem(view, p));
    case 'ingresses':
      return view.result.ingresses.map((i) => ingressItem(view, i));
    case 'ingressclasses':
      return view.result.ingressClasses.map((c) => ingressClassItem(view, c));
    case 'secrets':
      return view.result.secrets.map((x) => secretItem(view, x));
    case 'namespaces':
      return view.namespaces.map((n) => ({
        type: t,
        namespace: null,
        name: n.name,
        labels: namespaceLabels(view, n.name),
        cells: () => [n.name, 'Active', ageOf(view, n.createdAt)],
        object: () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: objectMeta({ name: n.name, createdAt: n.createdAt, labels: namespaceLabels(view, n.name) }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }),
      }));
  }
  // Events are not simulated: every list is empty.
  return [];
}

/** A namespace's labels (its own and the automatic `kubernetes.io/metadata.name`). */
function namespaceLabels(view: ClusterView, name: string): Record<string, string> {
  return view.result.namespaceLabels?.[name] ?? { 'kubernetes.io/metadata.name': name };
}

/**
 * metadata as the API server returns it: creationTimestamp from the scenario clock, empty
 * maps left out, fields in ObjectMeta's order (what -o json keeps; -o yaml sorts them).
 */
export function objectMeta(m: { name: string; namespace?: string; createdAt?: number; labels?: Record<string, string>; annotations?: Record<string, string>; extra?: { generateName?: string; ownerReferences?: Json; finalizers?: string[] } }): Json {
  return {
    name: m.name,
    ...(m.extra?.generateName ? { generateName: m.extra.generateName } : {}),
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    ...(m.createdAt !== undefined ? { creationTimestamp: rfc3339(m.createdAt) } : {}),
    ...(m.labels && Object.keys(m.labels).length ? { labels: m.labels } : {}),
    ...(m.annotations && Object.keys(m.annotations).length ? { annotations: m.annotations } : {}),
    ...(m.extra?.ownerReferences ? { ownerReferences: m.extra.ownerReferences } : {}),
    ...(m.extra?.finalizers ? { finalizers: m.extra.finalizers } : {}),
  };
}

// ---------------------------------------------------------------------------- pods

/** Pod STATUS: the result's reason (ContainerCreating, Completed, Terminating), else the phase. */
function podStatus(p: PodView): string {
  return p.pod.reason || p.pod.phase;
}

/** READY: ready containers / containers (printPod counts a container ready when it runs and passes readiness). */
function podReadyCount(p: PodView): string {
  return `${p.containers.filter((c) => c.ready).length}/${p.containers.length}`;
}

function podItem(view: ClusterView, p: PodView): Item {
  const pod = p.pod;
  return {
    type: typeOf('pods'),
    namespace: pod.namespace,
    name: pod.name,
    labels: pod.labels,
    cells: (wide) => [pod.name, podReadyCount(p), podStatus(p), String(p.pod.restarts), ageOf(view, p.pod.createdAt), ...(wide ? [pod.ip ?? '<none>', pod.nodeName ?? '<none>', '<none>', '<none>'] : [])],
    object: () => podObject(view, p),
  };
}

/** A container, fields in the Container struct's order (name, image, ports: name, containerPort, protocol). */
export function containerObject(c: ContainerView): Json {
  return {
    name: c.name,
    ...(c.image ? { image: c.image } : {}),
    ...(c.ports.length ? { ports: c.ports.map((port) => ({ ...(port.name ? { name: port.name } : {}), containerPort: port.containerPort, protocol: port.protocol })) } : {}),
  };
}

const OWNER_API_VERSION: Record<string, string> = { ReplicaSet: 'apps/v1', DaemonSet: 'apps/v1', StatefulSet: 'apps/v1', Job: 'batch/v1', Node: 'v1' };

/** A controller's Pods are named by generateName `<owner>-` (a StatefulSet's by ordinal, a static Pod by node). */
function generateName(p: PodView): string | undefined {
  const { ownerKind, ownerName } = p.pod;
  if (!ownerKind || ownerKind === 'Node' || ownerKind === 'StatefulSet') return undefined;
  return `${ownerName}-`;
}

function podObject(view: ClusterView, p: PodView): Json {
  const pod = p.pod;
  const node = view.result.cluster.nodes.find((n) => n.name === pod.nodeName);
  const running = pod.phase === 'Running' && pod.ip !== null;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: objectMeta({
      name: pod.name,
      namespace: pod.namespace,
      createdAt: p.pod.createdAt,
      labels: pod.labels,
      extra: {
        ...(generateName(p) ? { generateName: generateName(p)! } : {}),
        ...(pod.ownerKind ? { ownerReferences: [{ apiVersion: OWNER_API_VERSION[pod.ownerKind] ?? 'v1', blockOwnerDeletion: true, controller: true, kind: pod.ownerKind, name: pod.ownerName ?? '' }] } : {}),
      },
    }),
    spec: {
      containers: p.containers.map(containerObject),
      ...(pod.hostNetwork ? { hostNetwork: true } : {}),
      ...(pod.hostname ? { hostname: pod.hostname } : {}),
      ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
      ...(pod.subdomain ? { subdomain: pod.subdomain } : {}),
    },
    status: {
      ...(pod.conditions.length ? { conditions: pod.conditions.map((c) => ({ status: c.status, type: c.type })) } : {}),
      ...(pod.nodeName
        ? {
            containerStatuses: p.containers.map((c) => ({
              image: c.image,
              name: c.name,
              ready: c.ready,
              restartCount: p.pod.restarts,
              started: running,
              state: running ? { running: { startedAt: rfc3339(p.pod.createdAt) } } : { waiting: { reason: pod.reason === 'Completed' ? 'Completed' : 'ContainerCreating' } },
            })),
          }
        : {}),
      ...(node ? { hostIP: node.internalIP, hostIPs: [{ ip: node.internalIP }] } : {}),
      phase: pod.phase,
      ...(pod.ip ? { podIP: pod.ip, podIPs: [{ ip: pod.ip }] } : {}),
      ...(pod.nodeName ? { startTime: rfc3339(p.pod.createdAt) } : {}),
    },
  };
}

// ---------------------------------------------------------------------------- services

/**
 * EXTERNAL-IP as kubectl's getServiceExternalIP prints it: for a LoadBalancer the ingress
 * IPs (else hostnames) then spec.externalIPs, `<pending>` when there are none; for
 * ClusterIP/NodePort the externalIPs or `<none>`; the external name for ExternalName. Not
 * wide, the ingress list is cut to 16 characters with `...` (loadBalancerStatusStringer).
 */
export function externalIP(svc: ServiceResult, wide = false): string {
  if (svc.type === 'ExternalName') return svc.externalName ?? '';
  if (svc.type === 'LoadBalancer') {
    const ingress = svc.loadBalancerIngress.map((i) => i.ip || i.hostname || '').filter(Boolean);
    let lb = [...new Set(ingress)].sort().join(','); // a sorted string set, as kubectl builds it
    if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
    const all = [...(lb ? lb.split(',') : []), ...svc.externalIPs];
    return all.length ? all.join(',') : '<pending>';
  }
  return svc.externalIPs.length ? svc.externalIPs.join(',') : '<none>';
}

/** PORT(S): `port[:nodePort]/PROTOCOL`, comma-joined (makePortString). */
function portString(svc: ServiceResult): string {
  return svc.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}

function serviceItem(view: ClusterView, svc: ServiceResult): Item {
  return {
    type: typeOf('services'),
    namespace: svc.namespace,
    name: svc.name,
    labels: svc.labels,
    cells: (wide) => [svc.name, svc.type, svc.clusterIP ?? '<none>', externalIP(svc, wide), portString(svc), ageOf(view, svc.createdAt), ...(wide ? [formatLabels(svc.selector ?? {}) || '<none>'] : [])],
    object: () => serviceObject(svc),
  };
}

/** A Service as the API server returns it, with the defaults it fills in (SingleStack IPv4, traffic policies); spec fields in ServiceSpec's order. */
function serviceObject(svc: ServiceResult): Json {
  const external = svc.type === 'ExternalName';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta({ name: svc.name, namespace: svc.namespace, createdAt: svc.createdAt, labels: svc.labels, annotations: svc.annotations }),
    spec: {
      ports: svc.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), protocol: p.protocol, port: p.port, targetPort: /^\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort, ...(p.nodePort ? { nodePort: p.nodePort } : {}) })),
      ...(svc.selector ? { selector: svc.selector } : {}),
      ...(svc.clusterIP ? { clusterIP: svc.clusterIP, clusterIPs: [svc.clusterIP] } : {}),
      type: svc.type,
      ...(svc.externalIPs.length ? { externalIPs: svc.externalIPs } : {}),
      sessionAffinity: svc.sessionAffinity,
      ...(external ? { externalName: svc.externalName ?? '' } : {}),
      ...(svc.externalTrafficPolicy ? { externalTrafficPolicy: svc.externalTrafficPolicy } : {}),
      ...(svc.healthCheckNodePort ? { healthCheckNodePort: svc.healthCheckNodePort } : {}),
      ...(svc.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      ...(svc.sessionAffinity === 'ClientIP' ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: svc.sessionAffinityTimeoutSeconds ?? 10800 } } } : {}),
      ...(external ? {} : { ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }),
      ...(svc.type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      ...(svc.internalTrafficPolicy ? { internalTrafficPolicy: svc.internalTrafficPolicy } : {}),
    },
    // The API server defaults ipMode to VIP for an ingress IP (LoadBalancerIPMode, GA in v1.32).
    status: { loadBalancer: svc.loadBalancerIngress.length ? { ingress: svc.loadBalancerIngress.map((i) => ({ ...(i.ip ? { ip: i.ip } : {}), ...(i.hostname ? { hostname: i.hostname } : {}), ...(i.ip ? { ipMode: 'VIP' } : {}) })) } : {} },
  };
}

// ---------------------------------------------------------------------------- endpoints

/**
 * ENDPOINTS column (printers.go formatEndpoints): for each subset, for each port, each ready
 * address as `ip:port` (a subset without ports: the bare IPs); at most three, then
 * ` + N more...`; `<none>` without subsets.
 */
export function endpointsColumn(e: EndpointsResult): string {
  if (e.subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of e.subsets) {
    const entries = ss.ports.length === 0 ? [ss.addresses.map((a) => a.ip)] : ss.ports.map((port) => ss.addresses.map((a) => `${a.ip}:${port.port}`));
    for (const group of entries) {
      count += group.length;
      for (const x of group) if (list.length < 3) list.push(x);
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function addressObject(a: EndpointAddressResult): Json {
  return { ...(a.hostname ? { hostname: a.hostname } : {}), ip: a.ip, ...(a.nodeName ? { nodeName: a.nodeName } : {}), ...(a.targetRef ? { targetRef: { kind: a.targetRef.kind, name: a.targetRef.name, namespace: a.targetRef.namespace } } : {}) };
}

function endpointsItem(view: ClusterView, e: EndpointsResult): Item {
  return {
    type: typeOf('endpoints'),
    namespace: e.namespace,
    name: e.name,
    labels: e.labels,
    cells: () => [e.name, endpointsColumn(e), ageOf(view, e.createdAt)],
    object: () => ({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: objectMeta({ name: e.name, namespace: e.namespace, createdAt: e.createdAt, labels: e.labels, annotations: e.annotations }),
      ...(e.subsets.length
        ? {
            subsets: e.subsets.map((ss) => ({
              ...(ss.addresses.length ? { addresses: ss.addresses.map(addressObject) } : {}),
              ...(ss.notReadyAddresses.length ? { notReadyAddresses: ss.notReadyAddresses.map(addressObject) } : {}),
              ...(ss.ports.length ? { ports: ss.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol })) } : {}),
            })),
          }
        : {}),
    }),
  };
}

/** listWithMoreString: three, then ` + N more...`; `<unset>` when empty. */
function listWithMore(list: string[]): string {
  if (list.length > 3) return `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`;
  return list.join(',') || '<unset>';
}

/** PORTS (formatDiscoveryPorts: the number, else the name, else `*`) and ENDPOINTS (formatDiscoveryEndpoints: every address, ready or not). */
function endpointSliceCells(s: EndpointSliceResult): { ports: string; endpoints: string } {
  return { ports: listWithMore(s.ports.map((p) => String(p.port || p.name || '*'))), endpoints: listWithMore(s.endpoints.flatMap((e) => e.addresses)) };
}

function endpointSliceItem(view: ClusterView, s: EndpointSliceResult): Item {
  return {
    type: typeOf('endpointslices'),
    namespace: s.namespace,
    name: s.name,
    labels: s.labels,
    cells: () => {
      const c = endpointSliceCells(s);
      return [s.name, s.addressType, c.ports, c.endpoints, ageOf(view, s.createdAt)];
    },
    // Fields in the EndpointSlice struct's order: metadata, addressType, endpoints, ports.
    object: () => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: objectMeta({ name: s.name, namespace: s.namespace, createdAt: s.createdAt, labels: s.labels, extra: s.name !== s.service && s.service ? { generateName: `${s.service}-` } : {} }),
      addressType: s.addressType,
      endpoints: s.endpoints.map((e) => ({
        addresses: e.addresses,
        conditions: e.conditions,
        ...(e.hostname ? { hostname: e.hostname } : {}),
        ...(e.targetRef ? { targetRef: { kind: e.targetRef.kind, namespace: e.targetRef.namespace, name: e.targetRef.name } } : {}),
        ...(e.nodeName ? { nodeName: e.nodeName } : {}),
        ...(e.zone ? { zone: e.zone } : {}),
      })),
      ports: s.ports.map((p) => ({ name: p.name, protocol: p.protocol, port: p.port })),
    }),
  };
}
