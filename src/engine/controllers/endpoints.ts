/**
 * The Endpoints controller (pkg/controller/endpoint), v1.33, and the Service's flat
 * endpoint list.
 *
 * Endpoints objects: for each Service with a selector (not ExternalName), one object of
 * the Service's name and labels (+ `service.kubernetes.io/headless` when headless). Pods
 * of its namespace that carry the selector, have an IP and are not Succeeded/Failed — and
 * are not terminating unless publishNotReadyAddresses (`ShouldPodBeInEndpoints`) — give
 * an address per Service port they resolve (`podutil.FindPort`: a named targetPort per
 * Pod and protocol), under `addresses` when Ready (or publishNotReadyAddresses), else
 * `notReadyAddresses`; `RepackSubsets` then groups ports offered by the same addresses
 * into one subset. Over 1000 addresses, `truncateEndpoints` keeps a proportional share per
 * subset (ready first) and annotates `endpoints.kubernetes.io/over-capacity: truncated`.
 * A hand-written Endpoints object is kept as written for a Service without selector (and
 * overwritten for one with a selector). default/kubernetes is the API server's own.
 *
 * The flat list (`ServiceState.endpoints`) is what kube-proxy programs: every endpoint ×
 * port of the Service's EndpointSlices (controller-made, mirrored, hand-written).
 *
 * Also explains, as diagnostics, why a Service has fewer endpoints than expected.
 */
import type { Diagnostic } from '../diagnostic';
import type { EndpointAddress, EndpointPort, Pod, Service, ServicePort } from '../model';
import type { EndpointResult } from '../result';
import { ipSortKey } from '../cluster/cidr';
import { API_SERVER_PORT } from '../cluster/kind-defaults';
import { compareBy, compareStrings, sortBy } from '../util/compare';
import { formatLabels, type LabelIndex } from '../util/labels';
import { diagnose, storedOfKind, type ClusterState, type PodState, type ServiceState } from '../state';
import { isTerminating, podIndex, shouldPodBeInEndpoints, shouldSetHostname } from './endpointslice';
import { LABEL_HEADLESS, LABEL_SERVICE_NAME, slicesByService, type EndpointSliceState, type EndpointsState } from './endpointslice-state';

export type { PodState } from '../state';

/** endpoint controller `maxCapacity`: addresses kept in one Endpoints object. */
export const ENDPOINTS_MAX_CAPACITY = 1000;
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

export function endpointsController(state: ClusterState): void {
  const index = podIndex(state);
  const previous = state.endpointsObjects;
  state.endpointsObjects = new Map();
  const keep = (o: Omit<EndpointsState, 'createdAt'>, createdAt: number) => {
    const key = `${o.namespace}/${o.name}`;
    state.endpointsObjects.set(key, { ...o, createdAt: previous.get(key)?.createdAt ?? createdAt });
  };

  for (const entry of storedOfKind(state, 'Endpoints')) {
    const doc = entry.object;
    const svc = state.services.get(`${doc.meta.namespace}/${doc.meta.name}`);
    if (svc && svc.service.selector !== null && svc.service.type !== 'ExternalName') {
      state.conditions.push(
        diagnose(doc.origin, `Endpoints ${doc.meta.namespace}/${doc.meta.name}`, 'warning', `Endpoints ${doc.meta.name} belongs to Service ${doc.meta.name}, which has a selector: the endpoints controller overwrites these subsets with the selected Pods`, 'subsets', 'remove spec.selector from the Service to manage its endpoints by hand, or delete this Endpoints object'),
      );
      continue;
    }
    if (!svc)
      state.conditions.push(
        diagnose(doc.origin, `Endpoints ${doc.meta.namespace}/${doc.meta.name}`, 'info', `Endpoints ${doc.meta.name} has no Service of the same name in namespace ${doc.meta.namespace}; nothing routes to these addresses and the EndpointSlice mirroring controller does not copy them`, 'metadata.name', `create a Service named ${doc.meta.name} without a selector`),
      );
    keep({ namespace: doc.meta.namespace, name: doc.meta.name, labels: { ...doc.meta.labels }, annotations: { ...doc.annotations }, subsets: doc.subsets, owner: 'user' }, entry.appliedAt);
  }

  // Every slice under its Service, found once (in the map's order): a scan per Service would grow as Services × slices.
  const slicesOf = slicesByService(state.endpointSlices.values());

  for (const svc of state.services.values()) {
    const { namespace, name } = svc.service.meta;
    if (isApiServerService(svc)) {
      svc.endpoints = apiServerEndpoints(state);
      keep({ namespace, name, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, annotations: {}, subsets: apiServerSubsets(state), owner: 'endpoints-controller' }, svc.createdAt);
      continue;
    }
    if (svc.service.type !== 'ExternalName' && svc.service.selector !== null) {
      const selected = index.select(namespace, svc.service.selector);
      keep(endpointsObject(svc, selected), svc.createdAt);
      state.conditions.push(...computeEndpoints(svc.service, index).diagnostics);
    }
    svc.endpoints = svc.service.type === 'ExternalName' ? [] : flatEndpoints(svc, slicesOf.get(`${namespace}/${name}`) ?? []);
  }
}

function isApiServerService(svc: ServiceState): boolean {
  return svc.system && svc.service.selector === null && svc.service.meta.namespace === 'default' && svc.service.meta.name === 'kubernetes';
}

function apiServerSubsets(state: ClusterState): EndpointsState['subsets'] {
  const addresses = state.topology.nodes
    .filter((n) => n.roles.includes('control-plane'))
    .map((n) => ({ ip: n.internalIP }))
    .sort(compareBy<EndpointAddress>((a) => ipSortKey(a.ip)));
  return [{ addresses, notReadyAddresses: [], ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }] }];
}

/** The endpoints controller's object for one Service (`syncService` + `RepackSubsets` + `truncateEndpoints`). */
export function endpointsObject(svc: ServiceState, selected: PodState[]): Omit<EndpointsState, 'createdAt'> {
  const service = svc.service;
  // Per port (name/port/protocol): address → ready. RepackSubsets: ready wins over not ready.
  const byPort = new Map<string, { port: EndpointPort | null; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }>();
  const add = (port: EndpointPort | null, addr: EndpointAddress, ready: boolean, podKey: string) => {
    const key = port ? `${port.name}/${port.port}/${port.protocol}` : '';
    let entry = byPort.get(key);
    if (!entry) byPort.set(key, (entry = { port, addrs: new Map() }));
    const k = `${addr.ip}|${podKey}`;
    const was = entry.addrs.get(k);
    if (!was || (!was.ready && ready)) entry.addrs.set(k, { addr, ready });
  };
  for (const s of selected) {
    if (!shouldPodBeInEndpoints(s, service.publishNotReadyAddresses)) continue;
    const addr: EndpointAddress = {
      ip: s.ip!,
      ...(s.nodeName ? { nodeName: s.nodeName } : {}),
      ...(shouldSetHostname(s.pod, service) ? { hostname: s.pod.spec.hostname! } : {}),
      targetRef: { kind: 'Pod', namespace: s.pod.meta.namespace, name: s.pod.meta.name },
    };
    const ready = service.publishNotReadyAddresses || (s.ready && !isTerminating(s));
    const podKey = `${s.pod.meta.namespace}/${s.pod.meta.name}`;
    if (service.ports.length === 0) {
      if (svc.clusterIP === 'None') add(null, addr, ready, podKey);
      continue;
    }
    for (const port of service.ports) {
      const target = findPort(s.pod, port);
      if (target !== null) add({ name: port.name, port: target, protocol: port.protocol }, addr, ready, podKey);
    }
  }
  // Ports offered by exactly the same (address, readiness) set share a subset.
  const bySet = new Map<string, { ports: EndpointPort[]; addrs: { addr: EndpointAddress; ready: boolean }[] }>();
  for (const { port, addrs } of byPort.values()) {
    const list = sortBy([...addrs.values()], (x) => ipSortKey(x.addr.ip), (x) => x.addr.targetRef?.name ?? '');
    const key = list.map((x) => `${x.addr.ip}|${x.addr.targetRef?.name ?? ''}|${x.ready}`).join(',');
    let group = bySet.get(key);
    if (!group) bySet.set(key, (group = { ports: [], addrs: list }));
    if (port) group.ports.push(port);
  }
  const subsets = sortBy(
    [...bySet.values()].map((g) => ({
      addresses: g.addrs.filter((x) => x.ready).map((x) => x.addr),
      notReadyAddresses: g.addrs.filter((x) => !x.ready).map((x) => x.addr),
      ports: g.ports.sort(compareBy<EndpointPort>((p) => p.name, (p) => p.port, (p) => p.protocol)),
    })),
    (s) => (s.ports[0] ? `${s.ports[0].name}/${s.ports[0].port}/${s.ports[0].protocol}` : ''),
    (s) => ipSortKey((s.addresses[0] ?? s.notReadyAddresses[0])?.ip ?? null),
  );
  const annotations: Record<string, string> = {};
  if (truncateEndpoints(subsets)) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
  const labels: Record<string, string> = { ...service.meta.labels };
  if (svc.clusterIP === 'None' || !svc.clusterIP) labels[LABEL_HEADLESS] = '';
  const sortedLabels = Object.fromEntries(Object.keys(labels).sort(compareStrings).map((k) => [k, labels[k]]));
  return { namespace: service.meta.namespace, name: service.meta.name, labels: sortedLabels, annotations, subsets, owner: 'endpoints-controller' };
}

/** `truncateEndpoints`: keeps at most 1000 addresses, a rounded-up proportional share per subset, ready ones first. */
export function truncateEndpoints(subsets: EndpointsState['subsets']): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses.length;
    totalNotReady += s.notReadyAddresses.length;
  }
  if (totalReady + totalNotReady <= ENDPOINTS_MAX_CAPACITY) return false;
  const truncateReady = totalReady > ENDPOINTS_MAX_CAPACITY;
  const max = truncateReady ? ENDPOINTS_MAX_CAPACITY : ENDPOINTS_MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? s.addresses.length : s.notReadyAddresses.length;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = s.addresses.slice(0, toBeAdded);
      s.notReadyAddresses = [];
      canBeAdded -= s.addresses.length;
    } else {
      s.notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
    }
  }
  return true;
}

/** Every endpoint × port of the Service's IPv4 EndpointSlices (what kube-proxy reads). */
function flatEndpoints(svc: ServiceState, slices: EndpointSliceState[]): EndpointResult[] {
  const { namespace, name } = svc.service.meta;
  const out: EndpointResult[] = [];
  for (const slice of slices) {
    if (slice.namespace !== namespace || slice.service !== name || slice.labels[LABEL_SERVICE_NAME] !== name || slice.addressType !== 'IPv4') continue;
    for (const e of slice.endpoints) {
      // EndpointConditions: a nil ready means ready; a nil serving means "same as ready".
      const ready = e.conditions.ready ?? true;
      for (const p of slice.ports)
        out.push({
          ip: e.addresses[0],
          port: p.port,
          portName: p.name,
          protocol: p.protocol,
          podName: e.targetRef?.kind === 'Pod' ? e.targetRef.name : '',
          podNamespace: e.targetRef?.kind === 'Pod' ? e.targetRef.namespace : '',
          nodeName: e.nodeName ?? '',
          ready,
          ...(e.conditions.terminating ? { terminating: true, serving: e.conditions.serving ?? ready } : {}),
        });
    }
  }
  return sortBy(out, (e) => e.portName, (e) => e.protocol, (e) => ipSortKey(e.ip), (e) => e.port, (e) => e.podName);
}

function apiServerEndpoints(state: ClusterState): EndpointResult[] {
  return state.topology.nodes
    .filter((n) => n.roles.includes('control-plane'))
    .map((n) => ({
      ip: n.internalIP,
      port: API_SERVER_PORT,
      portName: 'https',
      protocol: 'TCP',
      // A real Endpoints object carries no targetRef here; the name shows who answers.
      podName: `kube-apiserver-${n.name}`,
      podNamespace: 'kube-system',
      nodeName: n.name,
      ready: true,
    }))
    .sort(compareBy<EndpointResult>((e) => ipSortKey(e.ip)));
}

export interface EndpointsOutcome {
  endpoints: EndpointResult[];
  diagnostics: Diagnostic[];
}

/** Resolves a Service port's target on one Pod (`podutil.FindPort`); null when the Pod lacks the named port. */
export function findPort(pod: Pod, port: ServicePort): number | null {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec.containers) for (const p of c.ports) if (p.name === target && p.protocol === port.protocol) return p.containerPort;
  return null;
}

export function computeEndpoints(service: Service, index: LabelIndex<PodState>): EndpointsOutcome {
  const diagnostics: Diagnostic[] = [];
  const { namespace } = service.meta;
  const say = (severity: Diagnostic['severity'], message: string, path?: string, hint?: string) =>
    diagnostics.push(diagnose(service.origin, `Service ${namespace}/${service.meta.name}`, severity, message, path, hint));
  if (service.type === 'ExternalName' || service.selector === null) return { endpoints: [], diagnostics };

  const selected = index.select(namespace, service.selector);
  if (selected.length === 0) {
    const miss = explainNoMatch(service, index);
    say('warning', miss.message, miss.path, 'make spec.selector equal to labels the Pods carry (kubectl get pods --show-labels)');
    return { endpoints: [], diagnostics };
  }

  const live = selected.filter((s) => s.ip !== null && s.phase !== 'Succeeded' && s.phase !== 'Failed');
  if (live.length === 0) {
    const pending = selected.find((s) => s.pendingReason);
    say('warning', `Service ${service.meta.name} selects ${plural(selected.length, 'Pod')} but none is running${pending ? ` (Pod ${pending.pod.meta.name} is Pending: ${pending.pendingReason})` : ''}, so it has no endpoints`, 'spec.selector');
  }

  const endpoints: EndpointResult[] = [];
  for (const port of service.ports) {
    const lacking: PodState[] = [];
    for (const s of live) {
      const target = findPort(s.pod, port);
      if (target === null) {
        lacking.push(s);
        continue;
      }
      endpoints.push({
        ip: s.ip!,
        port: target,
        portName: port.name,
        protocol: port.protocol,
        podName: s.pod.meta.name,
        podNamespace: s.pod.meta.namespace,
        nodeName: s.nodeName!,
        ready: s.ready || service.publishNotReadyAddresses,
      });
    }
    if (lacking.length > 0) reportMissingNamedPort(say, service, port, lacking, live.length);
    else if (typeof port.targetPort === 'number' || port.targetPort === undefined) reportUndeclaredNumericPort(say, service, port, live);
  }
  sortBy(endpoints, (e) => e.portName, (e) => e.protocol, (e) => ipSortKey(e.ip), (e) => e.port, (e) => e.podName);
  return { endpoints, diagnostics };
}

type Say = (severity: Diagnostic['severity'], message: string, path?: string, hint?: string) => void;

function reportMissingNamedPort(say: Say, service: Service, port: ServicePort, lacking: PodState[], total: number): void {
  const declared = new Set<string>();
  for (const s of lacking) for (const c of s.pod.spec.containers) for (const p of c.ports) if (p.name) declared.add(`${p.name} (${p.containerPort}/${p.protocol})`);
  const names = lacking.slice(0, 3).map((s) => s.pod.meta.name).join(', ') + (lacking.length > 3 ? `, and ${lacking.length - 3} more` : '');
  const who = lacking.length === total ? `none of the ${plural(total, 'selected Pod')} declares` : `${plural(lacking.length, 'selected Pod')} of ${total} ${lacking.length === 1 ? 'does' : 'do'} not declare`;
  say(
    'warning',
    `Service ${service.meta.name} port ${portLabel(port)} targets the port named ${JSON.stringify(port.targetPort)}/${port.protocol}, but ${who} a container port with that name (${names}); ${lacking.length === 1 ? 'it is' : 'they are'} left out of this port's endpoints`,
    `spec.ports[${port.index}].targetPort`,
    declared.size > 0 ? `the Pods declare ${[...declared].sort(compareStrings).join(', ')}` : 'name the container port in the Pod template (ports: [{name: ..., containerPort: ...}]) or use a number',
  );
}

function reportUndeclaredNumericPort(say: Say, service: Service, port: ServicePort, live: PodState[]): void {
  const target = (port.targetPort ?? port.port) as number;
  // Declaring container ports is optional; only Pods that declare some, none of them this one, are suspicious.
  const mismatched = live.filter((s) => {
    const ports = s.pod.spec.containers.flatMap((c) => c.ports);
    return ports.length > 0 && !ports.some((p) => p.containerPort === target && p.protocol === port.protocol);
  });
  if (mismatched.length === 0) return;
  const declared = [...new Set(mismatched.flatMap((s) => s.pod.spec.containers.flatMap((c) => c.ports.map((p) => `${p.containerPort}/${p.protocol}`))))].sort(compareStrings);
  say(
    'warning',
    `Service ${service.meta.name} port ${portLabel(port)} sends traffic to port ${target}/${port.protocol}, but ${plural(mismatched.length, 'selected Pod')} declare${mismatched.length === 1 ? 's' : ''} only ${declared.join(', ')}; connections are refused unless the container also listens on ${target}`,
    `spec.ports[${port.index}].${port.targetPort === undefined ? 'port' : 'targetPort'}`,
    `set targetPort to the port the container listens on`,
  );
}

/** "Service web selects app=web,tier=front; no Pod has tier=front (3 Pods have app=web)". */
export function explainNoMatch(service: Service, index: LabelIndex<PodState>): { message: string; path: string } {
  const { namespace, name } = service.meta;
  const selector = service.selector!;
  const head = `Service ${name} selects ${formatLabels(selector)}`;
  const pairs = Object.keys(selector)
    .sort(compareStrings)
    .map((k) => ({ key: k, value: selector[k], count: index.withLabel(namespace, k, selector[k]).length }));
  const absent = pairs.filter((p) => p.count === 0);
  const present = pairs.filter((p) => p.count > 0);
  if (absent.length > 0) {
    const path = `spec.selector[${absent[0].key}]`;
    if (present.length > 0) {
      const have = present.map((p) => `${plural(p.count, 'Pod')} ${p.count === 1 ? 'has' : 'have'} ${p.key}=${p.value}`).join(', ');
      return { message: `${head}; no Pod has ${absent.map((p) => `${p.key}=${p.value}`).join(' or ')} (${have})`, path };
    }
    const elsewhere = index
      .namespaces()
      .filter((ns) => ns !== namespace)
      .map((ns) => ({ ns, count: index.select(ns, selector).length }))
      .filter((x) => x.count > 0);
    const where = index.inNamespace(namespace).length === 0 ? `namespace ${namespace} has no Pods` : `no Pod in namespace ${namespace} has ${absent.map((p) => `${p.key}=${p.value}`).join(' or ')}`;
    const also = elsewhere.length > 0 ? ` (${elsewhere.map((x) => `${plural(x.count, 'Pod')} in namespace ${x.ns} match${x.count === 1 ? 'es' : ''}`).join(', ')}; a Service selects Pods of its own namespace only)` : '';
    return { message: `${head}; ${where}${also}`, path };
  }
  // Every pair is carried by some Pod, but no Pod carries all: name the closest one.
  let best: { state: PodState; score: number } | undefined;
  for (const p of pairs) {
    for (const state of index.withLabel(namespace, p.key, p.value)) {
      const score = pairs.filter((q) => state.pod.meta.labels[q.key] === q.value).length;
      if (!best || score > best.score || (score === best.score && compareStrings(state.pod.meta.name, best.state.pod.meta.name) < 0)) best = { state, score };
    }
  }
  const labels = best!.state.pod.meta.labels;
  const wrong = pairs.filter((q) => labels[q.key] !== q.value);
  const diff = wrong.map((q) => (q.key in labels ? `${q.key}=${labels[q.key]}` : `no ${q.key} label`)).join(', ');
  return {
    message: `${head}; no Pod has all of them (closest: Pod ${best!.state.pod.meta.name} has ${pairs.filter((q) => labels[q.key] === q.value).map((q) => `${q.key}=${q.value}`).join(',')} but ${diff})`,
    path: `spec.selector[${wrong[0].key}]`,
  };
}

function portLabel(port: ServicePort): string {
  return `${port.name ? `${port.name} ` : ''}(${port.port}/${port.protocol})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
