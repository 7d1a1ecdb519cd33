/**
 * What `kind create cluster` (kind v0.29, node image kindest/node:v1.33.1) sets up, used
 * wherever the scenario does not say otherwise. Facts reproduced (kind's and kubeadm's
 * defaults; sources in cluster/README.md):
 * - node names `<cluster>-<role><n>` (sigs.k8s.io/kind `MakeNodeNamer`: the first of a role
 *   has no number, then 2, 3, ...); node containers on the `kind` docker network
 *   172.18.0.0/16 (gateway .1). docker hands out addresses in container start order, which
 *   varies between runs, so the simulator fixes them in registration order from .2;
 * - podSubnet 10.244.0.0/16, each node a /24 in registration order (control planes first),
 *   kindnet as CNI with host-local IPAM per node; serviceSubnet 10.96.0.0/16;
 * - control planes carry `node-role.kubernetes.io/control-plane:NoSchedule`, except in a
 *   single-node cluster, where kind removes it;
 * - Service default/kubernetes at the range's first address (443 → 6443 on each control
 *   plane), kube-system/kube-dns at the tenth, backed by two CoreDNS Pods that start on the
 *   first control plane before the workers join, local-path-provisioner next; kube-proxy
 *   and kindnet DaemonSets (hostNetwork) on every node; etcd, kube-apiserver,
 *   kube-controller-manager, kube-scheduler as static Pods `<component>-<node>`.
 */
import type { Namespace, Pod, Service, Taint } from '../model';
import { canonicalJson } from '../util/canonical-json';
import { fnv32a } from '../util/fnv';
import { SeededRandom, safeEncodeString } from '../util/rand';
import { formatIPv4, parseCidr } from './cidr';
import type { ClusterNode, ClusterTopology, NodeSystemInfo } from './topology';

export const KIND_CLUSTER_NAME = 'kind';
export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' };
/** kube-apiserver's secure port on kind nodes. */
export const API_SERVER_PORT = 6443;

/** kind's `networking` defaults (v1alpha4 `SetDefaultsCluster`) and the API server's NodePort range. */
export const KIND_NETWORKING = {
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/16',
  dnsDomain: 'cluster.local',
  kubeProxyMode: 'iptables',
  nodePortRange: { base: 30000, size: 2768 },
  /** The `kind` docker network nodes are attached to. */
  nodeNetwork: '172.18.0.0/16',
} as const;

/** kube-controller-manager `--node-cidr-mask-size` for IPv4 (kubeadm `calcNodeCidrSize`). */
export const NODE_CIDR_MASK_SIZE_IPV4 = 24;

/** What every kind node reports in `status.nodeInfo` (kernelVersion is the host's; fixed here). */
export const KIND_NODE_INFO: NodeSystemInfo = {
  kubeletVersion: 'v1.33.1',
  containerRuntimeVersion: 'containerd://2.1.1',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.8.0-60-generic',
};

/**
 * `status.allocatable` of a kind node. kind sets no reservations, so a node offers the
 * host's CPUs and memory: the simulator assumes an 8-CPU, 16 GiB host. Memory allocatable
 * is capacity minus the kubelet's default hard eviction threshold (memory.available 100Mi);
 * kind disables the disk thresholds (nodefs/imagefs 0%), so ephemeral-storage is whole.
 */
export function kindAllocatable(maxPods: number): Record<string, string> {
  return { cpu: '8', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16674816Ki', pods: String(maxPods) };
}

/**
 * The scenario clock (seconds; 0 = the first `kubectl apply`): `kind create cluster`
 * registers the control planes 90 s before, the workers join 20 s later.
 */
export const KIND_CLOCK = { controlPlaneCreatedAt: -90, workerCreatedAt: -70 } as const;

/** sigs.k8s.io/kind `MakeNodeNamer`: `<cluster>-<role>`, then `<cluster>-<role>2`, `3`, ... */
export function makeNodeNamer(clusterName: string): (role: string) => string {
  const counter = new Map<string, number>();
  return (role) => {
    const count = (counter.get(role) ?? 0) + 1;
    counter.set(role, count);
    return `${clusterName}-${role}${count > 1 ? count : ''}`;
  };
}

/** The labels the kubelet (and kubeadm, for control planes) puts on a kind node. */
export function kindNodeLabels(name: string, controlPlane: boolean): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
  };
}

/** A Pod of a fresh cluster, with its creation time. */
export interface SystemPod {
  pod: Pod;
  createdAt: number;
}

/** The objects a fresh kind cluster already has: its namespaces, system Pods and Services. */
export interface SystemObjects {
  namespaces: Namespace[];
  /** With nodeName (and, for CoreDNS and local-path-provisioner, podIP) pinned, in creation order. */
  pods: SystemPod[];
  services: Service[];
  replicaSets: { namespace: string; name: string; deployment: string; podTemplateHash: string; replicas: number; createdAt: number }[];
  createdAt: number;
}

const CONTROL_PLANE_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' as const, value: '', effect: '' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' as const, value: '', effect: 'NoSchedule' },
];
const TOLERATE_ALL = [{ key: '', operator: 'Exists' as const, value: '', effect: '' }];

export function kindSystemObjects(cluster: ClusterTopology): SystemObjects {
  const controlPlanes = cluster.nodes.filter((n) => n.roles.includes('control-plane'));
  const bootstrap: ClusterNode | undefined = controlPlanes[0] ?? cluster.nodes[0];
  const createdAt = bootstrap?.createdAt ?? KIND_CLOCK.controlPlaneCreatedAt;
  const rand = new SeededRandom(`kind-system/${cluster.name}`);
  const pods: SystemPod[] = [];
  const replicaSets: SystemObjects['replicaSets'] = [];
  const pod = (namespace: string, name: string, labels: Record<string, string>, nodeName: string | undefined, at: number, opts: Partial<Pod['spec']> & { podIP?: string; owner?: Pod['owner'] }) => {
    pods.push({
      pod: {
        meta: { namespace, name, labels },
        spec: { ...(nodeName ? { nodeName } : {}), hostNetwork: opts.hostNetwork ?? false, nodeSelector: {}, tolerations: opts.tolerations ?? TOLERATE_ALL, containers: opts.containers ?? [] },
        status: opts.podIP ? { podIP: opts.podIP } : {},
        ...(opts.owner ? { owner: opts.owner } : {}),
      },
      createdAt: at,
    });
  };

  // Static Pods of each control plane: named <component>-<node>, hostNetwork.
  for (const node of controlPlanes) {
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const ports = component === 'kube-apiserver' ? [{ name: 'probe-port', containerPort: API_SERVER_PORT, protocol: 'TCP' }] : [];
      pod('kube-system', `${component}-${node.name}`, { component, tier: 'control-plane' }, node.name, node.createdAt, {
        hostNetwork: true,
        containers: [{ name: component, ports }],
        owner: { kind: 'Node', name: node.name },
      });
    }
  }

  // Deployments of a fresh cluster, started on the first control plane before the workers
  // join: its first pod addresses (.2, .3, .4). Without a CNI the node is NotReady and
  // they stay Pending, left to the scheduler; so with a CNI the scenario installs (the
  // nodes become Ready only then), which the scheduler places and that CNI addresses.
  const runsOnBootstrap = bootstrap !== undefined && bootstrap.ready && cluster.cni === 'kindnet' && bootstrap.podCIDR !== '';
  const podBase = runsOnBootstrap ? parseCidr(bootstrap.podCIDR)!.base : 0;
  const deployment = (namespace: string, name: string, replicas: number, labels: Record<string, string>, containers: Pod['spec']['containers'], firstIP: number) => {
    const hash = safeEncodeString(String(fnv32a(canonicalJson({ metadata: { labels }, spec: { containers } }))));
    const rsName = `${name}-${hash}`;
    replicaSets.push({ namespace, name: rsName, deployment: name, podTemplateHash: hash, replicas, createdAt });
    for (let i = 0; i < replicas; i++) {
      pod(namespace, `${rsName}-${rand.string(5)}`, { ...labels, 'pod-template-hash': hash }, runsOnBootstrap ? bootstrap.name : undefined, createdAt, {
        containers,
        tolerations: CONTROL_PLANE_TOLERATIONS,
        ...(runsOnBootstrap ? { podIP: formatIPv4(podBase + firstIP + i) } : {}),
        owner: { kind: 'ReplicaSet', name: rsName },
      });
    }
  };
  const dnsPorts = [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ];
  deployment('kube-system', 'coredns', 2, { 'k8s-app': 'kube-dns' }, [{ name: 'coredns', ports: dnsPorts }], 2);
  deployment('local-path-storage', 'local-path-provisioner', 1, { app: 'local-path-provisioner' }, [{ name: 'local-path-provisioner', ports: [] }], 4);

  // DaemonSets: one hostNetwork Pod per node, named <daemonset>-<5 random>.
  const daemonSets: [string, Record<string, string>][] = [];
  if (cluster.cni === 'kindnet') daemonSets.push(['kindnet', { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }]);
  if (cluster.kubeProxy.mode !== 'none') daemonSets.push(['kube-proxy', { 'k8s-app': 'kube-proxy' }]);
  for (const [name, labels] of daemonSets) {
    for (const node of cluster.nodes) {
      pod('kube-system', `${name}-${rand.string(5)}`, { ...labels }, node.name, node.createdAt, {
        hostNetwork: true,
        containers: [{ name: name === 'kindnet' ? 'kindnet-cni' : name, ports: [] }],
        owner: { kind: 'DaemonSet', name },
      });
    }
  }

  const service = (namespace: string, name: string, clusterIP: string, ports: Service['ports'], selector: Record<string, string> | null, labels: Record<string, string>): Service => ({
    meta: { namespace, name, labels },
    type: 'ClusterIP',
    clusterIP,
    ports,
    selector,
    publishNotReadyAddresses: false,
  });
  return {
    namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'].map((name) => ({ name })),
    pods,
    replicaSets,
    createdAt,
    services: [
      service('default', 'kubernetes', cluster.kubernetesServiceIP, [{ index: 0, name: 'https', port: 443, targetPort: API_SERVER_PORT, protocol: 'TCP' }], null, { component: 'apiserver', provider: 'kubernetes' }),
      service(
        'kube-system',
        'kube-dns',
        cluster.dnsServiceIP,
        [
          { index: 0, name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { index: 1, name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
          { index: 2, name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
        ],
        { 'k8s-app': 'kube-dns' },
        { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      ),
    ],
  };
}
