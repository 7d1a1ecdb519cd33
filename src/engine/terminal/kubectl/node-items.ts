/** Nodes as `kubectl get nodes` prints them (printers.go printNode, v1.33) and as -o yaml/json objects. */
import type { NodeResult } from '../../result';
import { rfc3339 } from '../timestamps';
import type { Json } from '../yaml';
import { ageOf, type ClusterView } from './cluster-view';
import { objectMeta, typeOf, type Item } from './items';

/** STATUS: the Ready condition (`Ready` / `NotReady`), `,SchedulingDisabled` when cordoned. */
function nodeStatus(n: NodeResult): string {
  const ready = n.ready ? 'Ready' : 'NotReady';
  return n.unschedulable ? `${ready},SchedulingDisabled` : ready;
}

/** `key=value:Effect` / `key:Effect` back into a Taint. */
export function parseTaint(t: string): { key: string; value?: string; effect: string } {
  const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(t);
  return m ? { key: m[1], ...(m[2] ? { value: m[2] } : {}), effect: m[3] } : { key: t, effect: '' };
}

export function nodeItems(view: ClusterView): Item[] {
  return view.result.cluster.nodes.map((n) => ({
    type: typeOf('nodes'),
    namespace: null,
    name: n.name,
    labels: n.labels,
    cells: (wide: boolean) => [
      n.name,
      nodeStatus(n),
      n.roles.join(',') || '<none>',
      ageOf(view, n.createdAt),
      n.kubeletVersion,
      ...(wide ? [n.internalIP, '<none>', n.osImage || '<unknown>', n.kernelVersion || '<unknown>', n.containerRuntime || '<unknown>'] : []),
    ],
    object: () => nodeObject(n),
  }));
}

function nodeObject(n: NodeResult): Json {
  const ready = {
    lastHeartbeatTime: rfc3339(n.createdAt),
    lastTransitionTime: rfc3339(n.createdAt),
    message: n.ready ? 'kubelet is posting ready status' : (n.notReadyMessage ?? ''),
    reason: n.ready ? 'KubeletReady' : 'KubeletNotReady',
    status: n.ready ? 'True' : 'False',
    type: 'Ready',
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: objectMeta({ name: n.name, createdAt: n.createdAt, labels: n.labels }),
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      ...(n.taints.length ? { taints: n.taints.map((t) => parseTaint(t) as Json) } : {}),
      ...(n.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      addresses: [
        { address: n.internalIP, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: n.allocatable,
      // The result carries allocatable only; kind's kubelets reserve nothing for the system, so capacity is taken as equal.
      capacity: n.allocatable,
      conditions: [ready],
      nodeInfo: {
        architecture: n.labels['kubernetes.io/arch'] ?? 'amd64',
        containerRuntimeVersion: n.containerRuntime,
        kernelVersion: n.kernelVersion,
        kubeletVersion: n.kubeletVersion,
        operatingSystem: n.labels['kubernetes.io/os'] ?? 'linux',
        osImage: n.osImage,
      },
    },
  };
}
