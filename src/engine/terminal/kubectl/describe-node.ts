/**
 * `kubectl describe node` (kubectl/pkg/describe/describe.go describeNode and
 * describeNodeResource, v1.33) for a kind node.
 *
 * What the result does not carry is filled in as kind's nodes report it: kubeadm's node
 * annotations, the kubelet's four conditions (pressure conditions False, as on an idle
 * node), capacity equal to allocatable, the node Lease held by the node itself and renewed
 * "now", `ProviderID: kind://docker/<cluster>/<node>`. Machine ID, System UUID and Boot ID
 * are random on a real node; here they are seeded by the node name. CPU and memory
 * requests are known for kind's own Pods (the kubeadm static Pods, kindnet, CoreDNS); the
 * result does not carry a scenario Pod's resources, so those count as none (BestEffort).
 */
import type { NodeResult } from '../../result';
import { milliValue, value } from '../../util/quantity';
import { SeededRandom } from '../../util/rand';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import { rfc1123z } from '../timestamps';
import { ageOf, type ClusterView, type PodView } from './cluster-view';
import { annotationsMultiline, labelsMultiline } from './describe-text';
import { parseTaint } from './node-items';

/** Requests and limits of kind's own Pods (kubeadm's static Pod manifests, kind's kindnet and CoreDNS manifests), by name prefix. */
const SYSTEM_POD_RESOURCES: [prefix: string, cpuReq: number, cpuLim: number, memReqMi: number, memLimMi: number][] = [
  ['coredns-', 100, 0, 70, 170],
  ['etcd-', 100, 0, 100, 0],
  ['kindnet-', 100, 100, 50, 50],
  ['kube-apiserver-', 250, 0, 0, 0],
  ['kube-controller-manager-', 200, 0, 0, 0],
  ['kube-scheduler-', 100, 0, 0, 0],
];

function resourcesOf(p: PodView): { cpuReq: number; cpuLim: number; memReq: number; memLim: number } {
  const known = p.pod.namespace === 'kube-system' ? SYSTEM_POD_RESOURCES.find(([prefix]) => p.pod.name.startsWith(prefix)) : undefined;
  if (!known) return { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  const [, cpuReq, cpuLim, memReq, memLim] = known;
  return { cpuReq, cpuLim, memReq: memReq * 1024 * 1024, memLim: memLim * 1024 * 1024 };
}

/** resource.Quantity String() of millicores: `0`, `750m`, `2`. */
const cpuString = (m: number) => (m === 0 ? '0' : m % 1000 === 0 ? String(m / 1000) : `${m}m`);
/** resource.Quantity String() of bytes summed from Mi values: `0`, `290Mi`, `1Gi`. */
const memString = (b: number) => (b === 0 ? '0' : b % (1024 * 1024 * 1024) === 0 ? `${b / (1024 * 1024 * 1024)}Gi` : `${b / (1024 * 1024)}Mi`);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

function hex(seed: string, n: number): string {
  const r = new SeededRandom(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[r.intn(16)];
  return s;
}
const uuid = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function describeNode(view: ClusterView, n: NodeResult): string {
  let s = `Name:\t${n.name}\n`;
  s += `Roles:\t${n.roles.join(',') || '<none>'}\n`;
  s += labelsMultiline('Labels', n.labels);
  // kubeadm records the CRI socket; the kubelet and the attach-detach controller add the other two.
  s += annotationsMultiline('Annotations', { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' });
  s += `CreationTimestamp:\t${rfc1123z(n.createdAt)}\n`;
  const taints = n.taints.map(parseTaint).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  s += taints.length ? taints.map((t, i) => `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`).join('') : 'Taints:\t<none>\n';
  s += `Unschedulable:\t${n.unschedulable}\n`;
  s += `Lease:\n  HolderIdentity:\t${n.name}\n  AcquireTime:\t<unset>\n  RenewTime:\t${rfc1123z(view.now)}\n`;
  const heartbeat = rfc1123z(view.now);
  const since = rfc1123z(n.createdAt);
  s += 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
  s += `  MemoryPressure \tFalse \t${heartbeat} \t${since} \tKubeletHasSufficientMemory \tkubelet has sufficient memory available\n`;
  s += `  DiskPressure \tFalse \t${heartbeat} \t${since} \tKubeletHasNoDiskPressure \tkubelet has no disk pressure\n`;
  s += `  PIDPressure \tFalse \t${heartbeat} \t${since} \tKubeletHasSufficientPID \tkubelet has sufficient PID available\n`;
  s += n.ready ? `  Ready \tTrue \t${heartbeat} \t${since} \tKubeletReady \tkubelet is posting ready status\n` : `  Ready \tFalse \t${heartbeat} \t${since} \tKubeletNotReady \t${n.notReadyMessage ?? ''}\n`;
  s += `Addresses:\n  InternalIP:\t${n.internalIP}\n  Hostname:\t${n.name}\n`;
  const resources = Object.keys(n.allocatable).sort();
  const resourceList = resources.map((r) => `  ${r}:\t${n.allocatable[r]}\n`).join('');
  if (resources.length) s += `Capacity:\n${resourceList}Allocatable:\n${resourceList}`;
  s += 'System Info:\n';
  s += `  Machine ID:\t${hex(`machine-id/${n.name}`, 32)}\n`;
  s += `  System UUID:\t${uuid(`system-uuid/${n.name}`)}\n`;
  s += `  Boot ID:\t${uuid(`boot-id/${n.name}`)}\n`;
  s += `  Kernel Version:\t${n.kernelVersion}\n  OS Image:\t${n.osImage}\n`;
  s += `  Operating System:\t${n.labels['kubernetes.io/os'] ?? 'linux'}\n  Architecture:\t${n.labels['kubernetes.io/arch'] ?? 'amd64'}\n`;
  s += `  Container Runtime Version:\t${n.containerRuntime}\n  Kubelet Version:\t${n.kubeletVersion}\n`;
  // DisableNodeKubeProxyVersion is on by default from v1.33: the kubelet leaves kubeProxyVersion empty.
  s += '  Kube-Proxy Version:\t\n';
  s += `PodCIDR:\t${n.podCIDR}\nPodCIDRs:\t${n.podCIDR}\n`;
  s += `ProviderID:\tkind://docker/${view.result.cluster.name}/${n.name}\n`;

  const pods = view.pods.filter((p) => p.pod.nodeName === n.name && p.pod.phase !== 'Succeeded' && p.pod.phase !== 'Failed');
  const cpu = milliValue(n.allocatable.cpu);
  const mem = value(n.allocatable.memory);
  s += `Non-terminated Pods:\t(${pods.length} in total)\n`;
  s += '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n';
  s += '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n';
  const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const p of pods) {
    const r = resourcesOf(p);
    total.cpuReq += r.cpuReq;
    total.cpuLim += r.cpuLim;
    total.memReq += r.memReq;
    total.memLim += r.memLim;
    s += `  ${p.pod.namespace}\t${p.pod.name}\t\t${cpuString(r.cpuReq)} (${percent(r.cpuReq, cpu)}%)\t${cpuString(r.cpuLim)} (${percent(r.cpuLim, cpu)}%)\t${memString(r.memReq)} (${percent(r.memReq, mem)}%)\t${memString(r.memLim)} (${percent(r.memLim, mem)}%)\t${ageOf(view, p.pod.createdAt)}\n`;
  }
  s += 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n';
  s += '  Resource\tRequests\tLimits\n  --------\t--------\t------\n';
  s += `  cpu\t${cpuString(total.cpuReq)} (${percent(total.cpuReq, cpu)}%)\t${cpuString(total.cpuLim)} (${percent(total.cpuLim, cpu)}%)\n`;
  s += `  memory\t${memString(total.memReq)} (${percent(total.memReq, mem)}%)\t${memString(total.memLim)} (${percent(total.memLim, mem)}%)\n`;
  s += '  ephemeral-storage\t0 (0%)\t0 (0%)\n';
  for (const r of resources.filter((x) => x.startsWith('hugepages-'))) s += `  ${r}\t0 (0%)\t0 (0%)\n`;
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}
