/**
 * The objects `kubectl` would list, derived from a SimulationResult.
 *
 * The result carries Pods, ReplicaSets, Services (with their endpoints), nodes and
 * namespace names. Fields a column needs but the result does not (yet) carry are read
 * defensively — `createdAt`, container images, node system info, Deployments,
 * StatefulSets, DaemonSets, EndpointSlices — and fall back to what kubectl itself prints
 * for a missing value (`<unknown>`, `<none>`) or to an object derived from the Pods that a
 * controller owns. The README lists the result fields these reads are waiting for.
 */
import type { EndpointResult, PodResult, ServiceResult, SimulationResult } from '../../result';
import { compareStrings } from '../../util/compare';
import { SeededRandom } from '../../util/rand';
import { humanDuration } from '../duration';

/** A container as far as kubectl shows it. */
export interface ContainerView {
  name: string;
  /** '' when the result does not say. */
  image: string;
  ports: { name: string; containerPort: number; protocol: string }[];
}

export interface PodView {
  pod: PodResult;
  containers: ContainerView[];
  restarts: number;
  createdAt?: number;
}

/** A workload controller (Deployment, ReplicaSet, StatefulSet, DaemonSet). */
export interface WorkloadView {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** spec.selector.matchLabels (matchExpressions are not modelled). */
  selector: Record<string, string>;
  replicas: number;
  current: number;
  ready: number;
  containers: ContainerView[];
  nodeSelector: Record<string, string>;
  createdAt?: number;
}

export interface EndpointSliceView {
  namespace: string;
  name: string;
  service: string;
  ports: { name: string; port: number; protocol: string }[];
  endpoints: { ip: string; ready: boolean; podName: string; podNamespace: string; nodeName: string }[];
  createdAt?: number;
}

type Loose = Record<string, unknown>;
const loose = (o: unknown): Loose => (typeof o === 'object' && o !== null ? (o as Loose) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Date.parse(v)) ? Date.parse(v) / 1000 : undefined);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(loose(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

/** Seconds on the scenario clock at which the object was created (`createdAt`, or an RFC 3339 `creationTimestamp`). */
export function createdAtOf(o: unknown): number | undefined {
  const l = loose(o);
  return num(l.createdAt) ?? num(l.creationTimestamp);
}

/** AGE as kubectl prints it: HumanDuration(now − creation), `<unknown>` when either is not known. */
export function ageOf(view: ClusterView, createdAt: number | undefined): string {
  if (view.now === undefined || createdAt === undefined) return '<unknown>';
  return humanDuration(view.now - createdAt);
}

export class ClusterView {
  /** Seconds on the scenario clock ("now"), from `result.now` or `result.clock.now`. */
  readonly now: number | undefined;
  readonly pods: PodView[];
  private readonly podsByOwner = new Map<string, PodView[]>();

  constructor(readonly result: SimulationResult) {
    const r = loose(result);
    this.now = num(r.now) ?? num(loose(r.clock).now);
    this.pods = result.pods.map((pod) => ({ pod, containers: containersOf(pod), restarts: num(loose(pod).restarts) ?? 0, createdAt: createdAtOf(pod) }));
    for (const p of this.pods) {
      if (!p.pod.ownerKind) continue;
      const key = `${p.pod.ownerKind}/${p.pod.namespace}/${p.pod.ownerName}`;
      const list = this.podsByOwner.get(key) ?? [];
      list.push(p);
      this.podsByOwner.set(key, list);
    }
  }

  get namespaces(): { name: string; createdAt?: number }[] {
    const extra = new Map<string, number | undefined>();
    for (const n of (loose(this.result).namespaceObjects as unknown[] | undefined) ?? []) extra.set(str(loose(n).name, ''), createdAtOf(n));
    return this.result.namespaces.map((name) => ({ name, createdAt: extra.get(name) }));
  }

  get services(): ServiceResult[] {
    return this.result.services;
  }

  ownedPods(kind: string, namespace: string, name: string): PodView[] {
    return this.podsByOwner.get(`${kind}/${namespace}/${name}`) ?? [];
  }

  replicaSets(): WorkloadView[] {
    return this.result.replicaSets.map((rs) => {
      const pods = this.ownedPods('ReplicaSet', rs.namespace, rs.name);
      const template = templateLabels(pods);
      const l = loose(rs);
      return {
        kind: 'ReplicaSet' as const,
        namespace: rs.namespace,
        name: rs.name,
        labels: l.labels ? strMap(l.labels) : { ...template, 'pod-template-hash': rs.podTemplateHash },
        selector: l.selector ? strMap(l.selector) : { ...template, 'pod-template-hash': rs.podTemplateHash },
        replicas: rs.replicas,
        current: pods.length,
        ready: pods.filter((p) => p.pod.ready).length,
        containers: pods[0]?.containers ?? [],
        nodeSelector: {},
        createdAt: createdAtOf(rs),
      };
    });
  }

  deployments(): WorkloadView[] {
    const given = loose(this.result).deployments;
    if (Array.isArray(given)) return given.map((d) => this.workloadFrom('Deployment', d));
    // Derived from the ReplicaSets the Deployment controller created: one per Deployment here.
    return this.replicaSets()
      .map((rs, i) => ({ rs, deployment: this.result.replicaSets[i].deployment }))
      .filter((x) => x.deployment)
      .map(({ rs, deployment }) => {
        const { 'pod-template-hash': _hash, ...selector } = rs.selector;
        return { ...rs, kind: 'Deployment' as const, name: deployment, labels: selector, selector, createdAt: createdAtOf(this.result.replicaSets.find((r) => r.name === rs.name && r.namespace === rs.namespace)) };
      });
  }

  statefulSets(): WorkloadView[] {
    return this.workloads('StatefulSet', loose(this.result).statefulSets);
  }

  daemonSets(): WorkloadView[] {
    return this.workloads('DaemonSet', loose(this.result).daemonSets);
  }

  /** Given workloads when the result lists them, else one per owner name seen on Pods. */
  private workloads(kind: 'StatefulSet' | 'DaemonSet', given: unknown): WorkloadView[] {
    if (Array.isArray(given)) return given.map((o) => this.workloadFrom(kind, o));
    const owners = new Map<string, PodView[]>();
    for (const p of this.pods) if (p.pod.ownerKind === kind) owners.set(`${p.pod.namespace}/${p.pod.ownerName}`, this.ownedPods(kind, p.pod.namespace, p.pod.ownerName!));
    return [...owners.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([key, pods]) => {
        const [namespace, name] = key.split('/');
        const selector = templateLabels(pods);
        return { kind, namespace, name, labels: selector, selector, replicas: pods.length, current: pods.length, ready: pods.filter((p) => p.pod.ready).length, containers: pods[0]?.containers ?? [], nodeSelector: {} };
      });
  }

  private workloadFrom(kind: WorkloadView['kind'], o: unknown): WorkloadView {
    const l = loose(o);
    const namespace = str(l.namespace, 'default');
    const name = str(l.name, '');
    const pods = this.pods.filter((p) => p.pod.namespace === namespace && (p.pod.ownerName === name || (kind === 'Deployment' && this.result.replicaSets.some((rs) => rs.deployment === name && rs.namespace === namespace && rs.name === p.pod.ownerName))));
    const containers = Array.isArray(l.containers) ? (l.containers as unknown[]).map(containerFrom) : pods[0]?.containers ?? [];
    const replicas = num(l.replicas) ?? pods.length;
    return {
      kind,
      namespace,
      name,
      labels: strMap(l.labels),
      // A LabelSelectorResult ({matchLabels, matchExpressions}) or a plain map.
      selector: strMap(loose(l.selector).matchLabels ?? l.selector),
      replicas,
      current: num(l.currentReplicas) ?? pods.length,
      ready: num(l.readyReplicas) ?? pods.filter((p) => p.pod.ready).length,
      containers,
      nodeSelector: strMap(l.nodeSelector),
      createdAt: createdAtOf(o),
    };
  }

  /** Endpoints objects: one per Service that has a selector, plus those the API server keeps (default/kubernetes). */
  endpoints(): ServiceResult[] {
    return this.result.services.filter((s) => s.type !== 'ExternalName' && (s.selector !== null || s.endpoints.length > 0));
  }

  /**
   * EndpointSlices, as the result lists them, else one per Endpoints object: the API
   * server's own slice is named `kubernetes`; the EndpointSlice controller names the
   * others `<service>-<5 random characters>` (generateName), drawn here from a generator
   * seeded by the Service so that names are stable.
   */
  endpointSlices(): EndpointSliceView[] {
    const given = loose(this.result).endpointSlices;
    if (Array.isArray(given)) {
      return given.map((o) => {
        const l = loose(o);
        return {
          namespace: str(l.namespace, 'default'),
          name: str(l.name, ''),
          service: str(l.service, ''),
          ports: ((l.ports as unknown[]) ?? []).map((p) => ({ name: str(loose(p).name, ''), port: num(loose(p).port) ?? 0, protocol: str(loose(p).protocol, 'TCP') })),
          endpoints: ((l.endpoints as unknown[]) ?? []).map((e) => {
            const x = loose(e);
            // result.ts EndpointSliceEndpointResult: addresses[], conditions{ready}, targetRef{namespace,name}, nodeName.
            const ref = loose(x.targetRef);
            const address = Array.isArray(x.addresses) ? str(x.addresses[0], '') : str(x.ip, '');
            const ready = loose(x.conditions).ready !== undefined ? loose(x.conditions).ready !== false : x.ready !== false;
            return { ip: address, ready, podName: str(ref.name ?? x.podName, ''), podNamespace: str(ref.namespace ?? x.podNamespace, ''), nodeName: str(x.nodeName, '') };
          }),
          createdAt: createdAtOf(o),
        };
      });
    }
    return this.endpoints().map((svc) => {
      const apiServer = svc.namespace === 'default' && svc.name === 'kubernetes';
      const ports: EndpointSliceView['ports'] = [];
      for (const e of svc.endpoints) if (!ports.some((p) => p.name === e.portName)) ports.push({ name: e.portName, port: e.port, protocol: e.protocol });
      const endpoints: EndpointSliceView['endpoints'] = [];
      for (const e of svc.endpoints) if (!endpoints.some((x) => x.ip === e.ip)) endpoints.push({ ip: e.ip, ready: e.ready, podName: e.podName, podNamespace: e.podNamespace, nodeName: e.nodeName });
      return {
        namespace: svc.namespace,
        name: apiServer ? 'kubernetes' : `${svc.name}-${new SeededRandom(`endpointslice/${svc.namespace}/${svc.name}`).string(5)}`,
        service: svc.name,
        ports,
        endpoints,
        createdAt: createdAtOf(svc),
      };
    });
  }
}

function containerFrom(o: unknown): ContainerView {
  const l = loose(o);
  return {
    name: str(l.name, ''),
    image: str(l.image, ''),
    ports: ((l.ports as unknown[]) ?? []).map((p) => ({ name: str(loose(p).name, ''), containerPort: num(loose(p).containerPort) ?? 0, protocol: str(loose(p).protocol, 'TCP') })),
  };
}

/** A Pod's containers: `containers` when the result lists them, else one nameless container with all declared ports. */
function containersOf(pod: PodResult): ContainerView[] {
  const given = loose(pod).containers;
  if (Array.isArray(given) && given.length > 0) return given.map(containerFrom);
  return [{ name: '', image: '', ports: pod.containerPorts }];
}

/** The Pod template's labels as seen on its Pods (without the controller's own hash labels). */
function templateLabels(pods: PodView[]): Record<string, string> {
  if (pods.length === 0) return {};
  const { 'pod-template-hash': _h, 'controller-revision-hash': _c, 'pod-template-generation': _g, 'statefulset.kubernetes.io/pod-name': _n, 'apps.kubernetes.io/pod-index': _i, ...labels } = pods[0].pod.labels;
  return labels;
}

/** Ready addresses × ports as Endpoints subsets hold them: by port, addresses in byte order of the IP (LessEndpointAddress). */
export function readyAddressesByPort(endpoints: EndpointResult[]): { port: { name: string; port: number; protocol: string }; ready: string[]; notReady: string[] }[] {
  const groups: { port: { name: string; port: number; protocol: string }; ready: string[]; notReady: string[] }[] = [];
  for (const e of endpoints) {
    let g = groups.find((x) => x.port.name === e.portName && x.port.port === e.port && x.port.protocol === e.protocol);
    if (!g) groups.push((g = { port: { name: e.portName, port: e.port, protocol: e.protocol }, ready: [], notReady: [] }));
    const list = e.ready ? g.ready : g.notReady;
    if (!list.includes(e.ip)) list.push(e.ip);
  }
  for (const g of groups) {
    g.ready.sort(compareStrings);
    g.notReady.sort(compareStrings);
  }
  return groups;
}
