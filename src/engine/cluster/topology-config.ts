/**
 * The cluster's topology from the documents people already have, combined: kind's
 * `Cluster` (with its `kubeadmConfigPatches`), kubeadm `ClusterConfiguration`,
 * `KubeProxyConfiguration`, `KubeletConfiguration` and `Node` objects, with kind's
 * defaults for everything none of them says (kind-defaults.ts).
 *
 * Precedence follows what a real cluster does: kind generates kubeadm's config from its
 * `networking` and then merges the patches over it, so a component configuration (a patch
 * or a standalone document) wins over kind's `networking`; among equals the later document
 * wins. Every disagreement is reported as a warning at the losing value, because on a real
 * cluster such a mismatch breaks something (kindnet and kube-controller-manager disagreeing
 * on the pod range, Pods' resolv.conf pointing away from kube-dns, ...).
 */
import type { Diagnostic } from '../diagnostic';
import type { ComponentConfig, KindCluster, KindNodeConfig, NodeDocument, Origin, Pod, Scenario, Taint } from '../model';
import { objectsOfKind } from '../model';
import { diagnose } from '../state';
import { KUBERNETES_VERSION } from '../version';
import { cidrContains, cidrSize, formatCidr, formatIPv4, parseCidr, parseIPv4, subnet, type Cidr } from './cidr';
import {
  CONTROL_PLANE_TAINT,
  KIND_CLOCK,
  KIND_CLUSTER_NAME,
  KIND_NETWORKING,
  KIND_NODE_INFO,
  kindAllocatable,
  kindNodeLabels,
  makeNodeNamer,
  NODE_CIDR_MASK_SIZE_IPV4,
} from './kind-defaults';
import { resolveCni } from './cni-config';
import type { ClusterNode, ClusterTopology, KubeProxySettings } from './topology';

/** IPVS schedulers kube-proxy's configuration validation accepts. */
const IPVS_SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', 'mh'];
const DEFAULT_MAX_PODS = 110;
const KUBE_PROXY_MODES = ['iptables', 'ipvs', 'nftables'];
/** kubelet's Ready condition message while no CNI config is present (containerd's NetworkReady=false). */
export const CNI_NOT_READY_MESSAGE = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** One document's say on a setting. */
interface Claim<T> {
  value: T;
  /** `Cluster kind networking.podSubnet`, `ClusterConfiguration (kubeadmConfigPatches[0]) networking.podSubnet`. */
  source: string;
  origin?: Origin;
  path: string;
  /** Higher wins; later wins among equals. */
  rank: number;
}

const RANK_KIND = 1;
const RANK_COMPONENT = 2;

export function buildTopology(scenario: Scenario, sink: Diagnostic[]): ClusterTopology {
  const clusters = objectsOfKind(scenario, 'Cluster');
  const kindCluster = clusters[0];
  for (const extra of clusters.slice(1)) warn(sink, extra.origin, undefined, `a scenario describes one kind cluster; this Cluster document is ignored in favour of ${kindCluster.origin?.label ?? 'the first'}${where(kindCluster.origin)}`);

  // --- Gather every document's claims. ---
  const claims = {
    podSubnet: [] as Claim<string>[],
    serviceSubnet: [] as Claim<string>[],
    clusterDomain: [] as Claim<string>[],
    kubeProxyMode: [] as Claim<string>[],
    kubeProxyClusterCIDR: [] as Claim<string>[],
    ipvsScheduler: [] as Claim<string>[],
    clusterDNS: [] as Claim<string[]>[],
    maxPods: [] as Claim<number>[],
  };
  const label = (o: Origin | undefined, fallback: string) => o?.label ?? fallback;
  if (kindCluster) {
    const src = label(kindCluster.origin, 'Cluster');
    if (kindCluster.podSubnet) claims.podSubnet.push({ value: kindCluster.podSubnet, source: `${src} networking.podSubnet`, origin: kindCluster.origin, path: 'networking.podSubnet', rank: RANK_KIND });
    if (kindCluster.serviceSubnet) claims.serviceSubnet.push({ value: kindCluster.serviceSubnet, source: `${src} networking.serviceSubnet`, origin: kindCluster.origin, path: 'networking.serviceSubnet', rank: RANK_KIND });
    if (kindCluster.kubeProxyMode) claims.kubeProxyMode.push({ value: kindCluster.kubeProxyMode, source: `${src} networking.kubeProxyMode`, origin: kindCluster.origin, path: 'networking.kubeProxyMode', rank: RANK_KIND });
    kindCluster.patches.forEach((p, i) => addComponentClaims(claims, p, `${src} kubeadmConfigPatches[${i}]`));
  }
  for (const o of scenario.objects) {
    if (o.kind === 'ClusterConfiguration' || o.kind === 'KubeProxyConfiguration' || o.kind === 'KubeletConfiguration') addComponentClaims(claims, { kind: o.kind, config: o.object } as ComponentConfig, o.kind);
  }

  // --- Resolve the network settings. ---
  if (kindCluster?.ipFamily && kindCluster.ipFamily !== 'ipv4')
    error(sink, kindCluster.origin, 'networking.ipFamily', `networking.ipFamily ${JSON.stringify(kindCluster.ipFamily)} is not simulated: the simulator models single-stack IPv4 clusters only; it continues as ipFamily: ipv4`, 'remove ipFamily (or set it to ipv4)');
  const podSubnet = resolveCidr(sink, claims.podSubnet, KIND_NETWORKING.podSubnet, 'pod subnet', (c) =>
    c.prefix > NODE_CIDR_MASK_SIZE_IPV4 ? `is smaller than one node's /${NODE_CIDR_MASK_SIZE_IPV4}: kube-controller-manager cannot carve node pod CIDRs out of it (--node-cidr-mask-size ${NODE_CIDR_MASK_SIZE_IPV4})` : undefined,
  );
  const serviceSubnet = resolveCidr(sink, claims.serviceSubnet, KIND_NETWORKING.serviceSubnet, 'service subnet', (c) =>
    c.prefix < 12
      ? 'is too large: kube-apiserver refuses --service-cluster-ip-range with a mask shorter than /12 for IPv4'
      : cidrSize(c) < 16
        ? "is too small: kubeadm puts kube-dns at the range's 10th address, which it must contain with room for Services"
        : undefined,
  );
  const serviceCidr = parseCidr(serviceSubnet)!;
  const kubernetesServiceIP = formatIPv4(serviceCidr.base + 1);
  const dnsServiceIP = formatIPv4(serviceCidr.base + 10);
  // ClusterConfiguration's dnsDomain is what CoreDNS serves (kubeadm writes it into the Corefile): it outranks the kubelet's.
  for (const c of claims.clusterDomain) if (c.path === 'networking.dnsDomain') c.rank = RANK_COMPONENT + 1;
  const clusterDomain = resolve(sink, claims.clusterDomain, KIND_NETWORKING.dnsDomain, 'cluster domain', 'Service names resolve under the winning domain only; Pods search the kubelet clusterDomain');
  const modeText = resolve(sink, claims.kubeProxyMode, KIND_NETWORKING.kubeProxyMode, 'kube-proxy mode') || 'iptables';
  let mode: KubeProxySettings['mode'] = 'iptables';
  const modeClaim = winner(claims.kubeProxyMode);
  if (KUBE_PROXY_MODES.includes(modeText) || (modeText === 'none' && modeClaim?.rank === RANK_KIND)) mode = modeText as KubeProxySettings['mode'];
  else if (modeClaim) error(sink, modeClaim.origin, modeClaim.path, `${modeClaim.source} ${JSON.stringify(modeText)} is not a kube-proxy mode (iptables, ipvs, nftables${modeClaim.rank === RANK_KIND ? ', none' : ''}); the simulator uses iptables`);
  const kubeProxyClusterCIDR = resolve(sink, claims.kubeProxyClusterCIDR, podSubnet, 'kube-proxy clusterCIDR');
  const cidrClaim = winner(claims.kubeProxyClusterCIDR);
  if (cidrClaim && kubeProxyClusterCIDR !== podSubnet)
    warn(sink, cidrClaim.origin, cidrClaim.path, `${cidrClaim.source} is ${kubeProxyClusterCIDR}, but the pod subnet is ${podSubnet}: kube-proxy treats traffic from Pods outside ${kubeProxyClusterCIDR} as external and masquerades it`, `set clusterCIDR to ${podSubnet} (kubeadm does so when it is left out)`);
  // kube-proxy's validation (pkg/proxy/apis/config/validation validateIPVSSchedulerMethod) refuses other schedulers.
  let ipvsScheduler = resolve(sink, claims.ipvsScheduler, '', 'kube-proxy ipvs.scheduler');
  const schedulerClaim = winner(claims.ipvsScheduler);
  if (schedulerClaim && !IPVS_SCHEDULERS.includes(ipvsScheduler)) {
    error(sink, schedulerClaim.origin, schedulerClaim.path, `${schedulerClaim.source} ${JSON.stringify(ipvsScheduler)} is not an IPVS scheduler kube-proxy accepts (${IPVS_SCHEDULERS.join(', ')}); kube-proxy would not start, the simulator uses rr`);
    ipvsScheduler = '';
  }
  const clusterDNS = resolve(sink, claims.clusterDNS, [dnsServiceIP], 'kubelet clusterDNS');
  const dnsClaim = winner(claims.clusterDNS);
  if (dnsClaim && clusterDNS[0] !== dnsServiceIP)
    warn(sink, dnsClaim.origin, dnsClaim.path, `${dnsClaim.source} is ${clusterDNS.join(',')}, but kube-dns is at ${dnsServiceIP} (the 10th address of ${serviceSubnet}): Pods get a nameserver no Service answers on, so their DNS lookups time out`, `set clusterDNS to [${dnsServiceIP}] or leave it out`);
  const maxPods = resolve(sink, claims.maxPods, DEFAULT_MAX_PODS, 'kubelet maxPods');

  const { cni, settings: cniSettings, agentOrigin } = resolveCni(scenario, sink, kindCluster, podSubnet);
  if (cni === 'none')
    warn(
      sink,
      kindCluster!.origin,
      'networking.disableDefaultCNI',
      `disableDefaultCNI: true: kind installs no CNI, so every node stays NotReady (${CNI_NOT_READY_MESSAGE}) and Pods other than hostNetwork ones stay Pending or ContainerCreating until a CNI plugin is installed`,
      'remove disableDefaultCNI, or apply a CNI\'s manifests (kube-flannel.yml, calico.yaml, cilium) in the scenario',
    );

  // --- Nodes. ---
  const nodes = buildNodes(sink, scenario, kindCluster, { maxPods, cni, podSubnet: parseCidr(podSubnet)! });
  // kind's nodes (not nodes replayed from Node documents alone) lack flannel's bridge plugin unless mounted.
  if (cni === 'flannel' && (kindCluster || objectsOfKind(scenario, 'Node').length === 0)) markMissingBridgePlugin(sink, kindCluster, nodes, agentOrigin);

  return {
    name: kindCluster?.name ?? KIND_CLUSTER_NAME,
    kubernetesVersion: KUBERNETES_VERSION,
    serviceCIDR: serviceSubnet,
    podCIDR: podSubnet,
    nodeCIDRMaskSize: NODE_CIDR_MASK_SIZE_IPV4,
    clusterDomain,
    clusterDNS,
    kubernetesServiceIP,
    dnsServiceIP,
    nodePortRange: { ...KIND_NETWORKING.nodePortRange },
    kubeProxy: { mode, clusterCIDR: kubeProxyClusterCIDR, ...(ipvsScheduler ? { ipvsScheduler } : {}) },
    cni,
    ...(cniSettings ? { cniSettings } : {}),
    nodes,
    portMappings: kindPortMappings(kindCluster),
  };
}

/** The nodes' `extraPortMappings`, with the names kind gives the nodes. */
function kindPortMappings(kindCluster: KindCluster | undefined): ClusterTopology['portMappings'] {
  const namer = makeNodeNamer(kindCluster?.name ?? KIND_CLUSTER_NAME);
  return kindNodeConfigs(kindCluster).flatMap((c) => {
    const node = namer(c.role);
    return (c.portMappings ?? []).map((m) => ({ node, ...m }));
  });
}

/**
 * kindest/node ships only the CNI plugins kindnet uses; flannel's cni plugin delegates to
 * `bridge`, which is not there (kubernetes-sigs/kind#1340, #3015; flannel-io/flannel#1847),
 * so Pods on a node without the plugins mounted (`extraMounts` at /opt/cni/bin) stay
 * ContainerCreating.
 */
function markMissingBridgePlugin(sink: Diagnostic[], kindCluster: KindCluster | undefined, nodes: ClusterNode[], agentOrigin: Origin | undefined): void {
  const namer = makeNodeNamer(kindCluster?.name ?? KIND_CLUSTER_NAME);
  const missing = kindNodeConfigs(kindCluster)
    .map((c) => ({ config: c, name: namer(c.role) }))
    .filter((m) => !(m.config.extraMountPaths ?? []).includes('/opt/cni/bin'));
  if (missing.length === 0) return;
  const error = 'plugin type="flannel" failed (add): failed to delegate add: failed to find plugin "bridge" in path [/opt/cni/bin]';
  for (const m of missing) {
    const node = nodes.find((n) => n.name === m.name);
    if (node) node.cniSandboxError = error;
  }
  warn(
    sink,
    kindCluster?.origin ?? agentOrigin,
    kindCluster?.nodes ? `nodes[${missing[0].config.index}]` : undefined,
    `flannel's CNI plugin delegates to the "bridge" plugin, which kindest/node does not ship (it has only the plugins kindnet uses): Pods other than hostNetwork ones on ${missing.map((m) => m.name).join(', ')} stay ContainerCreating (${error})`,
    'mount the containernetworking plugins into every node: extraMounts: [{hostPath: /opt/cni/bin, containerPath: /opt/cni/bin}] (with the plugins installed on the host)',
  );
}

type Claims = {
  podSubnet: Claim<string>[];
  serviceSubnet: Claim<string>[];
  clusterDomain: Claim<string>[];
  kubeProxyMode: Claim<string>[];
  kubeProxyClusterCIDR: Claim<string>[];
  ipvsScheduler: Claim<string>[];
  clusterDNS: Claim<string[]>[];
  maxPods: Claim<number>[];
};

function addComponentClaims(claims: Claims, p: ComponentConfig, source: string): void {
  const o = p.config.origin;
  const add = <T>(list: Claim<T>[], value: T | undefined, path: string) => {
    if (value !== undefined) list.push({ value, source: `${source} ${path}`, origin: o, path, rank: RANK_COMPONENT });
  };
  if (p.kind === 'ClusterConfiguration') {
    add(claims.podSubnet, p.config.podSubnet, 'networking.podSubnet');
    add(claims.serviceSubnet, p.config.serviceSubnet, 'networking.serviceSubnet');
    add(claims.clusterDomain, p.config.dnsDomain, 'networking.dnsDomain');
  } else if (p.kind === 'KubeProxyConfiguration') {
    // mode "" is the platform default, which kind's own value then decides; it claims nothing.
    if (p.config.mode) add(claims.kubeProxyMode, p.config.mode, 'mode');
    add(claims.kubeProxyClusterCIDR, p.config.clusterCIDR, 'clusterCIDR');
    add(claims.ipvsScheduler, p.config.ipvsScheduler, 'ipvs.scheduler');
  } else if (p.kind === 'KubeletConfiguration') {
    add(claims.clusterDomain, p.config.clusterDomain, 'clusterDomain');
    add(claims.clusterDNS, p.config.clusterDNS, 'clusterDNS');
    add(claims.maxPods, p.config.maxPods, 'maxPods');
  }
}

function winner<T>(claims: Claim<T>[]): Claim<T> | undefined {
  let best: Claim<T> | undefined;
  for (const c of claims) if (!best || c.rank >= best.rank) best = c;
  return best;
}

/** The winning value (or `fallback`), with a warning at every claim that disagrees with it. */
function resolve<T>(sink: Diagnostic[], claims: Claim<T>[], fallback: T, what: string, consequence?: string): T {
  const best = winner(claims);
  if (!best) return fallback;
  const text = (v: T) => (Array.isArray(v) ? v.join(',') : String(v));
  for (const c of claims) {
    if (c === best || text(c.value) === text(best.value)) continue;
    warn(
      sink,
      c.origin,
      c.path,
      `conflicting ${what}: ${c.source} is ${text(c.value)}, but ${best.source} is ${text(best.value)}; the simulator uses ${text(best.value)}${best.rank > c.rank ? ' (kubeadm and component configurations override kind\'s networking settings)' : ''}${consequence ? `. ${consequence}` : ''}`,
      `make both say the same ${what}`,
    );
  }
  return best.value;
}

/** Like `resolve` for an IPv4 CIDR: an unusable winner is reported and replaced by kind's default. */
function resolveCidr(sink: Diagnostic[], claims: Claim<string>[], fallback: string, what: string, problem: (c: Cidr) => string | undefined): string {
  const value = resolve(sink, claims, fallback, what);
  if (value === fallback && claims.length === 0) return fallback;
  const best = winner(claims)!;
  const cidr = value.includes(',') ? null : parseCidr(value);
  const issue = value.includes(',') || value.includes(':') ? 'is IPv6 or dual-stack: the simulator models single-stack IPv4 clusters only' : cidr === null ? 'is not an IPv4 CIDR (e.g. 10.244.0.0/16)' : problem(cidr);
  if (issue) {
    error(sink, best.origin, best.path, `${best.source} ${JSON.stringify(value)} ${issue}; the simulator uses kind's default ${fallback}`);
    return fallback;
  }
  return formatCidr(cidr!);
}

/** kind's node list: the Cluster's `nodes`; one control plane when it has none; without a Cluster, kind's default of a control plane and two workers. */
function kindNodeConfigs(kindCluster: KindCluster | undefined): KindNodeConfig[] {
  if (kindCluster) return kindCluster.nodes ?? [{ index: 0, role: 'control-plane', labels: {}, patches: [] }];
  return (['control-plane', 'worker', 'worker'] as const).map((role, index) => ({ role, index, labels: {}, patches: [] }));
}

interface NodeSettings {
  maxPods: number;
  cni: ClusterTopology['cni'];
  podSubnet: Cidr;
}

interface NodeDraft {
  name: string;
  controlPlane: boolean;
  labels: Record<string, string>;
  taints: Taint[];
  internalIP?: string;
  podCIDR?: string;
  allocatable?: Record<string, string>;
  ready?: boolean;
  unschedulable: boolean;
  origin?: Origin;
}

function buildNodes(sink: Diagnostic[], scenario: Scenario, kindCluster: KindCluster | undefined, settings: NodeSettings): ClusterNode[] {
  const nodeDocs = objectsOfKind(scenario, 'Node');
  const drafts: NodeDraft[] = [];
  if (kindCluster || nodeDocs.length === 0) {
    const name = kindCluster?.name ?? KIND_CLUSTER_NAME;
    const configs = kindNodeConfigs(kindCluster);
    const namer = makeNodeNamer(name);
    const named = configs.map((c) => ({ config: c, name: namer(c.role) }));
    // kubeadm init runs on the first control plane, other control planes join, then the workers.
    const ordered = [...named.filter((n) => n.config.role === 'control-plane'), ...named.filter((n) => n.config.role === 'worker')];
    const singleNode = ordered.length === 1;
    ordered.forEach(({ config, name: nodeName }, i) => {
      const controlPlane = config.role === 'control-plane';
      const draft: NodeDraft = {
        name: nodeName,
        controlPlane,
        labels: { ...kindNodeLabels(nodeName, controlPlane), ...config.labels },
        // kind removes the control-plane taint when the cluster is a single node.
        taints: controlPlane && !singleNode ? [CONTROL_PLANE_TAINT] : [],
        unschedulable: false,
        ...(kindCluster?.origin ? { origin: kindCluster.origin } : {}),
      };
      const phase = i === 0 ? 'InitConfiguration' : 'JoinConfiguration';
      const patches = [...(kindCluster?.patches ?? []), ...config.patches];
      for (const p of patches) {
        if (p.kind !== 'InitConfiguration' && p.kind !== 'JoinConfiguration') continue;
        if (p.kind !== phase) {
          if (config.patches.includes(p))
            warn(sink, p.config.origin, undefined, `a ${p.kind} patch on node ${nodeName} has no effect: kubeadm ${i === 0 ? 'init' : 'join'} reads ${phase} on this node, so its node-labels and taints are not applied`, `write kind: ${phase} in this patch`);
          continue;
        }
        Object.assign(draft.labels, p.config.nodeLabels);
        if (p.config.taints) draft.taints = p.config.taints;
      }
      drafts.push(draft);
    });
  }

  // Node documents refine the node of the same name, or add one.
  for (const doc of nodeDocs) {
    const existing = drafts.find((d) => d.name === doc.meta.name);
    const controlPlane = 'node-role.kubernetes.io/control-plane' in doc.meta.labels || (existing?.controlPlane ?? false);
    const draft: NodeDraft = existing ?? { name: doc.meta.name, controlPlane, labels: kindNodeLabels(doc.meta.name, false), taints: [], unschedulable: false };
    draft.controlPlane = controlPlane;
    Object.assign(draft.labels, doc.meta.labels);
    applyNodeDocument(draft, doc);
    if (!existing) drafts.push(draft);
  }

  // A Pod pinned to a node no document declares brings that node in.
  for (const { pod, path } of pinnedPods(scenario)) {
    const nodeName = pod.spec.nodeName!;
    if (drafts.some((d) => d.name === nodeName)) continue;
    const draft: NodeDraft = { name: nodeName, controlPlane: false, labels: kindNodeLabels(nodeName, false), taints: [], unschedulable: false, ...(pod.status.hostIP ? { internalIP: pod.status.hostIP } : {}) };
    drafts.push(draft);
    const label = pod.origin?.label ?? `Pod ${pod.meta.namespace}/${pod.meta.name}`;
    sink.push(
      diagnose(
        pod.origin,
        label,
        'info',
        `${label} is pinned to node ${nodeName}, which no document declares; the simulator adds it to the cluster as a worker${pod.status.hostIP ? ` with InternalIP ${pod.status.hostIP} (status.hostIP)` : ''}`,
        path,
        'declare the node (a kind Cluster with enough nodes, or a Node document) to control its name, address and labels',
      ),
    );
  }

  return finishNodes(sink, drafts, settings);
}

function applyNodeDocument(draft: NodeDraft, doc: NodeDocument): void {
  if (doc.internalIP) draft.internalIP = doc.internalIP;
  if (doc.podCIDR) draft.podCIDR = doc.podCIDR;
  if (doc.taints) draft.taints = doc.taints;
  if (Object.keys(doc.allocatable).length > 0) draft.allocatable = doc.allocatable;
  if (doc.ready !== undefined) draft.ready = doc.ready;
  if (doc.unschedulable) draft.unschedulable = true;
  if (doc.origin) draft.origin = doc.origin;
}

/** Pods and Pod templates that name their node (`spec.nodeName`), in apply order. */
function pinnedPods(scenario: Scenario): { pod: Pod; path: string }[] {
  const out: { pod: Pod; path: string }[] = [];
  for (const o of scenario.objects) {
    if (o.kind === 'Pod' && o.object.spec.nodeName) out.push({ pod: o.object, path: 'spec.nodeName' });
    if (o.kind === 'Deployment' && o.object.template.spec.nodeName) {
      const d = o.object;
      out.push({ pod: { meta: d.meta, spec: d.template.spec, status: {}, ...(d.origin ? { origin: d.origin } : {}) }, path: 'spec.template.spec.nodeName' });
    }
  }
  return out;
}

/** Addresses, pod CIDRs (pinned ones first, then in registration order), allocatable, readiness. */
function finishNodes(sink: Diagnostic[], drafts: NodeDraft[], settings: NodeSettings): ClusterNode[] {
  const network = parseCidr(KIND_NETWORKING.nodeNetwork)!;
  const usedIPs = new Set(drafts.flatMap((d) => (d.internalIP ? [parseIPv4(d.internalIP)!] : [])));
  let nextIP = network.base + 2;
  const usedCIDRs = new Set(drafts.flatMap((d) => (d.podCIDR ? [d.podCIDR] : [])));
  const nodeCount = 2 ** (NODE_CIDR_MASK_SIZE_IPV4 - settings.podSubnet.prefix);
  let nextCIDR = 0;

  return drafts.map((d) => {
    let internalIP = d.internalIP;
    if (!internalIP) {
      while (usedIPs.has(nextIP)) nextIP++;
      internalIP = formatIPv4(nextIP);
      usedIPs.add(nextIP++);
    }
    let podCIDR = d.podCIDR;
    if (podCIDR) {
      const c = parseCidr(podCIDR)!;
      if (!cidrContains(settings.podSubnet, c.base))
        warn(sink, d.origin, 'spec.podCIDR', `node ${d.name}'s podCIDR ${podCIDR} is outside the cluster's pod subnet ${formatCidr(settings.podSubnet)}; kindnet routes only the pod subnet, so its Pods are unreachable from other nodes`);
    } else {
      while (nextCIDR < nodeCount && usedCIDRs.has(formatCidr(subnet(settings.podSubnet, NODE_CIDR_MASK_SIZE_IPV4, nextCIDR)))) nextCIDR++;
      if (nextCIDR < nodeCount) {
        podCIDR = formatCidr(subnet(settings.podSubnet, NODE_CIDR_MASK_SIZE_IPV4, nextCIDR++));
        usedCIDRs.add(podCIDR);
      } else {
        podCIDR = '';
        warn(sink, d.origin, undefined, `node ${d.name} gets no podCIDR: the pod subnet ${formatCidr(settings.podSubnet)} holds only ${nodeCount} node ranges of /${NODE_CIDR_MASK_SIZE_IPV4} (kube-controller-manager reports CIDRNotAvailable); its Pods cannot get addresses`, 'use a larger pod subnet');
      }
    }
    const allocatable = d.allocatable ? { ...d.allocatable } : kindAllocatable(settings.maxPods);
    const maxPods = Number.parseInt(allocatable.pods ?? '', 10);
    if (!allocatable.pods) allocatable.pods = String(settings.maxPods);
    const networkReady = settings.cni !== 'none';
    let ready = d.ready ?? true;
    let notReadyMessage: string | undefined = ready ? undefined : 'Kubelet stopped posting node status.';
    if (!networkReady) {
      ready = false;
      notReadyMessage = CNI_NOT_READY_MESSAGE;
    }
    const roles = Object.keys(d.labels)
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .sort();
    return {
      name: d.name,
      roles,
      internalIP,
      podCIDR,
      taints: d.taints,
      labels: sortRecord(d.labels),
      maxPods: Number.isFinite(maxPods) ? maxPods : settings.maxPods,
      allocatable: sortRecord(allocatable),
      ready,
      networkReady,
      ...(notReadyMessage ? { notReadyMessage } : {}),
      unschedulable: d.unschedulable,
      nodeInfo: { ...KIND_NODE_INFO },
      createdAt: d.controlPlane ? KIND_CLOCK.controlPlaneCreatedAt : KIND_CLOCK.workerCreatedAt,
    };
  });
}

function sortRecord(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}

function where(o: Origin | undefined): string {
  if (!o) return '';
  return ` (${o.file}:${o.locate().line})`;
}

function warn(sink: Diagnostic[], origin: Origin | undefined, path: string | undefined, message: string, hint?: string): void {
  report(sink, 'warning', origin, path, message, hint);
}

function error(sink: Diagnostic[], origin: Origin | undefined, path: string | undefined, message: string, hint?: string): void {
  report(sink, 'error', origin, path, message, hint);
}

/** Located at `path` (or its nearest written ancestor); the path is named only when it is written. */
function report(sink: Diagnostic[], severity: Diagnostic['severity'], origin: Origin | undefined, path: string | undefined, message: string, hint?: string): void {
  if (origin) sink.push(diagnose(origin, origin.label, severity, message, path && origin.has(path) ? path : undefined, hint, path));
  else sink.push({ severity, message, ...(hint ? { hint } : {}) });
}
