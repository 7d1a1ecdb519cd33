/**
 * What a fresh `kind create cluster` (node image v1.33) looks like, used whenever the
 * scenario does not describe its cluster: one control plane and two workers
 * (`kind create cluster --config` with `nodes: [control-plane, worker, worker]`).
 *
 * Facts reproduced (kind's defaults, kubeadm's defaults):
 * - node containers on the `kind` docker network 172.18.0.0/16 (gateway 172.18.0.1);
 *   docker hands out addresses in container start order, which varies between runs, so
 *   the simulator fixes control plane .2, kind-worker .3, kind-worker2 .4;
 * - podSubnet 10.244.0.0/16 (kind's default), each node a /24 in registration order
 *   (control plane first), kindnet as CNI with host-local IPAM per node;
 * - serviceSubnet 10.96.0.0/16 (kind's default; kubeadm's own would be /12);
 * - the control plane carries `node-role.kubernetes.io/control-plane:NoSchedule`;
 * - Service default/kubernetes at the range's first address 10.96.0.1 (443 → 6443 on the
 *   control plane), kube-system/kube-dns at the tenth 10.96.0.10, backed by two CoreDNS
 *   Pods that start on the control plane before the workers join (10.244.0.2 and .3),
 *   local-path-provisioner next (.4); kube-proxy and kindnet run as DaemonSets with
 *   hostNetwork, the control-plane components as static Pods with hostNetwork.
 */
import type { Namespace, Pod, Service, Taint } from '../model';
import { canonicalJson } from '../util/canonical-json';
import { fnv32a } from '../util/fnv';
import { SeededRandom, safeEncodeString } from '../util/rand';
import type { ClusterTopology } from './topology';
import type { EndpointResult } from '../result';
import { KUBERNETES_VERSION } from '../version';

export const KIND_CLUSTER_NAME = 'kind';
export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' };
/** kube-apiserver's secure port on kind nodes. */
export const API_SERVER_PORT = 6443;

/** The default kind cluster's topology. */
export function kindDefaultCluster(): ClusterTopology {
  const name = KIND_CLUSTER_NAME;
  const node = (suffix: string, ip: string, podCIDR: string, controlPlane: boolean) => ({
    name: `${name}-${suffix}`,
    roles: controlPlane ? ['control-plane'] : [],
    internalIP: ip,
    podCIDR,
    taints: controlPlane ? [CONTROL_PLANE_TAINT] : [],
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': `${name}-${suffix}`,
      'kubernetes.io/os': 'linux',
      ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    },
    maxPods: 110,
  });
  return {
    name,
    kubernetesVersion: KUBERNETES_VERSION,
    serviceCIDR: '10.96.0.0/16',
    podCIDR: '10.244.0.0/16',
    clusterDomain: 'cluster.local',
    nodePortRange: { base: 30000, size: 2768 },
    nodes: [
      node('control-plane', '172.18.0.2', '10.244.0.0/24', true),
      node('worker', '172.18.0.3', '10.244.1.0/24', false),
      node('worker2', '172.18.0.4', '10.244.2.0/24', false),
    ],
  };
}

/** The objects a fresh kind cluster already has: its namespaces, system Pods and Services. */
export interface SystemObjects {
  namespaces: Namespace[];
  /** With nodeName and (for Pod-network Pods) podIP pinned, in creation order. */
  pods: Pod[];
  services: Service[];
  replicaSets: { namespace: string; name: string; deployment: string; podTemplateHash: string; replicas: number }[];
  /**
   * Endpoints not derived from a selector: default/kubernetes, which the API server
   * maintains itself (its own address and secure port).
   */
  apiServerEndpoints: { namespace: string; service: string; endpoints: EndpointResult[] }[];
}

const CONTROL_PLANE_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' as const, value: '', effect: '' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' as const, value: '', effect: 'NoSchedule' },
];
const TOLERATE_ALL = [{ key: '', operator: 'Exists' as const, value: '', effect: '' }];

export function kindSystemObjects(cluster: ClusterTopology): SystemObjects {
  const controlPlane = cluster.nodes[0];
  const rand = new SeededRandom(`kind-system/${cluster.name}`);
  const pods: Pod[] = [];
  const replicaSets: SystemObjects['replicaSets'] = [];
  const pod = (namespace: string, name: string, labels: Record<string, string>, nodeName: string, opts: Partial<Pod['spec']> & { podIP?: string; owner?: Pod['owner'] }) => {
    pods.push({
      meta: { namespace, name, labels },
      spec: { nodeName, hostNetwork: opts.hostNetwork ?? false, nodeSelector: {}, tolerations: opts.tolerations ?? TOLERATE_ALL, containers: opts.containers ?? [] },
      status: opts.podIP ? { podIP: opts.podIP } : {},
      ...(opts.owner ? { owner: opts.owner } : {}),
    });
  };

  // Static Pods of the control plane: named <component>-<node>, hostNetwork.
  for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const ports = component === 'kube-apiserver' ? [{ name: 'probe-port', containerPort: API_SERVER_PORT, protocol: 'TCP' }] : [];
    pod('kube-system', `${component}-${controlPlane.name}`, { component, tier: 'control-plane' }, controlPlane.name, {
      hostNetwork: true,
      containers: [{ name: component, ports }],
      owner: { kind: 'Node', name: controlPlane.name },
    });
  }

  // Deployments of a fresh cluster, started on the control plane before the workers join.
  const deployment = (namespace: string, name: string, replicas: number, labels: Record<string, string>, containers: Pod['spec']['containers'], firstIP: number) => {
    const hash = safeEncodeString(String(fnv32a(canonicalJson({ metadata: { labels }, spec: { containers } }))));
    const rsName = `${name}-${hash}`;
    replicaSets.push({ namespace, name: rsName, deployment: name, podTemplateHash: hash, replicas });
    for (let i = 0; i < replicas; i++) {
      pod(namespace, `${rsName}-${rand.string(5)}`, { ...labels, 'pod-template-hash': hash }, controlPlane.name, {
        containers,
        tolerations: CONTROL_PLANE_TOLERATIONS,
        podIP: `10.244.0.${firstIP + i}`,
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
  for (const [name, labels] of [
    ['kindnet', { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' }],
    ['kube-proxy', { 'k8s-app': 'kube-proxy' }],
  ] as const) {
    for (const node of cluster.nodes) {
      pod('kube-system', `${name}-${rand.string(5)}`, { ...labels }, node.name, {
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
    apiServerEndpoints: [
      {
        namespace: 'default',
        service: 'kubernetes',
        endpoints: [
          {
            ip: controlPlane.internalIP,
            port: API_SERVER_PORT,
            portName: 'https',
            protocol: 'TCP',
            podName: `kube-apiserver-${controlPlane.name}`,
            podNamespace: 'kube-system',
            nodeName: controlPlane.name,
            ready: true,
          },
        ],
      },
    ],
    services: [
      service('default', 'kubernetes', '10.96.0.1', [{ index: 0, name: 'https', port: 443, targetPort: API_SERVER_PORT, protocol: 'TCP' }], null, { component: 'apiserver', provider: 'kubernetes' }),
      service(
        'kube-system',
        'kube-dns',
        '10.96.0.10',
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
