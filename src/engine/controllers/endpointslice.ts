/**
 * The EndpointSlice controller (pkg/controller/endpointslice + staging/src/k8s.io/endpointslice
 * reconciler.go, utils.go), v1.33: for every Service with a selector (not ExternalName), the
 * Pods it selects become endpoints, grouped into slices by the set of ports resolved on
 * each Pod (`getEndpointPorts` + `NewPortMapKey`: a Pod whose named targetPort resolves
 * differently lands in another slice), at most `maxEndpointsPerSlice` (100) per slice.
 *
 * Kept across passes as the real reconciler does (`reconcileByPortMapping`): endpoints that
 * are still wanted stay in their slice; new ones fill slices being updated (fullest first),
 * then an unchanged slice that can take all the rest (`getSliceToFill`), then new slices
 * `<service>-<5 chars>` (generateName, seeded); empty slices are deleted, or renamed into
 * replacements (`finalize`); a Service with no endpoints gets one placeholder slice with
 * no ports. Where Go iterates a map (PopAny, UnsortedList), Pods go in creation order and
 * slices by name, so the result is deterministic.
 *
 * Endpoint conditions (`podToEndpoint`): serving = Pod Ready; terminating = deletion
 * requested; ready = publishNotReadyAddresses || (serving && !terminating). Terminating Pods
 * are kept (`ShouldPodBeInEndpoints(pod, true)`); Succeeded/Failed Pods and Pods without an
 * IP are not.
 */
import type { EndpointPort, EndpointSliceEndpoint, Pod, Service } from '../model';
import { objectKey } from '../model';
import { compareCreation, diagnose, nodeByName, storedOfKind, type ClusterState, type PodState, type ServiceState } from '../state';
import { compareStrings } from '../util/compare';
import { groupBy } from '../util/group';
import { LabelIndex } from '../util/labels';
import { SeededRandom } from '../util/rand';
import { generateName } from './deployment';
import { findPort } from './endpoints';
import { ENDPOINTSLICE_CONTROLLER, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, slicesByService, type EndpointSliceState } from './endpointslice-state';

/** kube-controller-manager `--max-endpoints-per-slice` default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** Whether the Pod is being deleted (Terminating): the workload step's flag, or a replayed deletionTimestamp. */
export function isTerminating(s: PodState): boolean {
  return s.terminating === true || s.pod.deleting === true;
}

/** `ShouldPodBeInEndpoints`: not Succeeded/Failed, has an IP, and (unless `includeTerminating`) not terminating. */
export function shouldPodBeInEndpoints(s: PodState, includeTerminating: boolean): boolean {
  if (s.phase === 'Succeeded' || s.phase === 'Failed') return false;
  if (s.ip === null) return false;
  return includeTerminating || !isTerminating(s);
}

/** `endpointutil.ShouldSetHostname`: the Pod's hostname, when its subdomain names this Service. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === service.meta.name && pod.meta.namespace === service.meta.namespace;
}

export function podIndex(state: ClusterState): LabelIndex<PodState> {
  const index = new LabelIndex<PodState>(
    (s) => s.pod.meta.namespace,
    (s) => s.pod.meta.labels,
  );
  for (const s of state.pods.values()) index.add(s);
  return index;
}

export function endpointSliceController(state: ClusterState): void {
  syncStoredSlices(state);
  const index = podIndex(state);
  const owned = slicesByService(state.endpointSlices.values(), 'endpointslice-controller');
  for (const svc of state.services.values()) {
    if (svc.service.selector === null || svc.service.type === 'ExternalName') continue;
    const pods = index.select(svc.service.meta.namespace, svc.service.selector).sort(compareCreation);
    reconcileService(state, svc, pods, owned.get(`${svc.service.meta.namespace}/${svc.service.meta.name}`) ?? []);
  }
  // Garbage collection: slices owned by a Service that is gone.
  for (const [key, slice] of state.endpointSlices) {
    if (slice.owner !== 'endpointslice-controller') continue;
    if (!state.services.has(`${slice.namespace}/${slice.service}`)) state.endpointSlices.delete(key);
  }
}

/** Hand-written EndpointSlices: stored as written; removed when their document is deleted. */
function syncStoredSlices(state: ClusterState): void {
  const declared = new Set<string>();
  for (const entry of storedOfKind(state, 'EndpointSlice')) {
    const doc = entry.object;
    const key = `${doc.meta.namespace}/${doc.meta.name}`;
    declared.add(key);
    const existing = state.endpointSlices.get(key);
    const serviceName = doc.meta.labels[LABEL_SERVICE_NAME];
    const at = `EndpointSlice ${key}`;
    if (!serviceName)
      state.conditions.push(
        diagnose(doc.origin, at, 'warning', `EndpointSlice ${doc.meta.name} has no ${LABEL_SERVICE_NAME} label, so it belongs to no Service: kube-proxy and CoreDNS ignore its endpoints`, 'metadata.labels', `add the label ${LABEL_SERVICE_NAME}: <service name> (the Service should have no selector)`),
      );
    else {
      const svc = state.services.get(`${doc.meta.namespace}/${serviceName}`);
      if (!svc) state.conditions.push(diagnose(doc.origin, at, 'info', `EndpointSlice ${doc.meta.name} names Service ${serviceName}, which does not exist in namespace ${doc.meta.namespace}; nothing routes to these endpoints yet`, `metadata.labels[${LABEL_SERVICE_NAME}]`, `create a Service ${serviceName} without a selector`));
      else if (svc.service.selector !== null)
        state.conditions.push(
          diagnose(doc.origin, at, 'info', `EndpointSlice ${doc.meta.name} is written by hand for Service ${serviceName}, which has a selector: kube-proxy merges these endpoints with the ones the EndpointSlice controller makes from the selected Pods`, `metadata.labels[${LABEL_SERVICE_NAME}]`, 'remove spec.selector from the Service if the endpoints are meant to be managed by hand only'),
        );
    }
    state.endpointSlices.set(key, {
      namespace: doc.meta.namespace,
      name: doc.meta.name,
      service: doc.meta.labels[LABEL_SERVICE_NAME] ?? '',
      addressType: doc.addressType,
      labels: { ...doc.meta.labels },
      annotations: {},
      ports: doc.ports,
      endpoints: doc.endpoints,
      createdAt: existing?.owner === 'user' ? existing.createdAt : entry.appliedAt,
      owner: 'user',
    });
  }
  for (const [key, slice] of state.endpointSlices) if (slice.owner === 'user' && !declared.has(key)) state.endpointSlices.delete(key);
}

interface Desired {
  ports: EndpointPort[];
  /** Endpoint key (address + Pod) → endpoint, in Pod creation order. */
  endpoints: Map<string, EndpointSliceEndpoint>;
}

function endpointKey(e: EndpointSliceEndpoint): string {
  return `${e.addresses.join(',')}|${e.targetRef ? `${e.targetRef.namespace}/${e.targetRef.name}` : ''}`;
}

/** `NewPortMapKey`: the set of ports, order-independent. */
export function portMapKey(ports: EndpointPort[]): string {
  return ports
    .map((p) => `${p.name}/${p.port}/${p.protocol}`)
    .sort(compareStrings)
    .join(',');
}

/** `getEndpointPorts`: the Service's ports as resolved on this Pod (ports it lacks are left out). */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const port of service.ports) {
    const target = findPort(pod, port);
    if (target !== null) out.push({ name: port.name, port: target, protocol: port.protocol });
  }
  return out;
}

/** `podToEndpoint`. */
function podToEndpoint(state: ClusterState, s: PodState, service: Service): EndpointSliceEndpoint {
  const serving = s.ready;
  const terminating = isTerminating(s);
  const ready = service.publishNotReadyAddresses || (serving && !terminating);
  const node = s.nodeName ? nodeByName(state, s.nodeName) : undefined;
  const zone = node?.labels[LABEL_ZONE];
  return {
    addresses: [s.ip!],
    conditions: { ready, serving, terminating },
    ...(s.nodeName ? { nodeName: s.nodeName } : {}),
    ...(zone ? { zone } : {}),
    ...(shouldSetHostname(s.pod, service) ? { hostname: s.pod.spec.hostname! } : {}),
    targetRef: { kind: 'Pod', namespace: s.pod.meta.namespace, name: s.pod.meta.name },
  };
}

/** `setEndpointSliceLabels`: the Service's labels (reserved keys excepted), headless marker, service name, manager. */
function sliceLabels(svc: ServiceState, managedBy: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.service.meta.labels)) if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v;
  if (svc.clusterIP === 'None' || !svc.clusterIP) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.service.meta.name;
  labels[LABEL_MANAGED_BY] = managedBy;
  return sortRecord(labels);
}

function sortRecord(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(map).sort(compareStrings)) out[k] = map[k];
  return out;
}

function sameEndpoint(a: EndpointSliceEndpoint, b: EndpointSliceEndpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `owned`: the Service's slices made by this controller, as the pass found them. */
function reconcileService(state: ClusterState, svc: ServiceState, pods: PodState[], owned: EndpointSliceState[]): void {
  const { namespace, name } = svc.service.meta;
  const desired = new Map<string, Desired>();
  for (const s of pods) {
    if (!shouldPodBeInEndpoints(s, true)) continue;
    // A Pod on a Node that does not exist is skipped unless the Service publishes not-ready addresses.
    if (s.nodeName && !nodeByName(state, s.nodeName) && !svc.service.publishNotReadyAddresses) continue;
    const ports = endpointPorts(svc.service, s.pod);
    const key = portMapKey(ports);
    let group = desired.get(key);
    if (!group) desired.set(key, (group = { ports, endpoints: new Map() }));
    const endpoint = podToEndpoint(state, s, svc.service);
    group.endpoints.set(endpointKey(endpoint), endpoint);
  }

  const existing = [...owned].sort((a, b) => compareStrings(a.name, b.name));
  const existingByPortMap = groupBy(existing, (slice) => portMapKey(slice.ports));
  const labels = sliceLabels(svc, ENDPOINTSLICE_CONTROLLER);
  const toCreate: Omit<EndpointSliceState, 'name' | 'createdAt'>[] = [];
  const toDelete: EndpointSliceState[] = [];
  for (const key of [...desired.keys()].sort(compareStrings)) {
    const r = reconcileByPortMapping(existingByPortMap.get(key) ?? [], desired.get(key)!, labels, svc);
    toCreate.push(...r.create);
    toDelete.push(...r.delete);
  }
  for (const [key, slices] of existingByPortMap) if (!desired.has(key)) toDelete.push(...slices);

  // When no slice would exist, a placeholder without ports or endpoints stands for the Service.
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = { namespace, service: name, addressType: 'IPv4', labels, annotations: {}, ports: [], endpoints: [], owner: 'endpointslice-controller' as const };
    const only = toDelete.length === 1 ? toDelete[0] : undefined;
    if (only && only.ports.length === 0 && only.endpoints.length === 0 && JSON.stringify(only.labels) === JSON.stringify(labels)) toDelete.length = 0;
    else toCreate.push(placeholder);
  }

  // finalize: a slice to create takes the name of one about to be deleted (an update instead).
  while (toCreate.length > 0 && toDelete.length > 0) {
    const victim = toDelete.shift()!;
    const replacement = toCreate.pop()!;
    state.endpointSlices.set(`${namespace}/${victim.name}`, { ...replacement, name: victim.name, createdAt: victim.createdAt });
  }
  for (const slice of toDelete) state.endpointSlices.delete(`${namespace}/${slice.name}`);
  // A Service's first slices appear with it (kind's own Services predate the scenario); later ones when made.
  const createdAt = existing.length === 0 && svc.system ? svc.createdAt : state.now;
  for (const slice of toCreate) {
    const sliceName = nextSliceName(state, `Service/${namespace}/${name}`, namespace, name);
    state.endpointSlices.set(`${namespace}/${sliceName}`, { ...slice, name: sliceName, createdAt });
  }
}

/** generateName `<owner>-` + rand.String(5), skipping names already taken in the namespace. */
export function nextSliceName(state: ClusterState, ownerKey: string, namespace: string, base: string): string {
  let rand = state.sliceNames.get(ownerKey);
  if (!rand) state.sliceNames.set(ownerKey, (rand = new SeededRandom(`${state.seed}\u0000endpointslice/${ownerKey}`)));
  // getEndpointSlicePrefix: `<name>-` unless that is not a valid name prefix (then the bare name).
  const prefix = `${base}-`.length <= 253 ? `${base}-` : base;
  let name = generateName(prefix, rand);
  while (state.endpointSlices.has(`${namespace}/${name}`) || state.store.has(objectKey('EndpointSlice', namespace, name))) name = generateName(prefix, rand);
  return name;
}

/** `reconcileByPortMapping` for one set of ports. Updates existing slices in place; returns what to create and delete. */
function reconcileByPortMapping(
  existing: EndpointSliceState[],
  desired: Desired,
  labels: Record<string, string>,
  svc: ServiceState,
): { create: Omit<EndpointSliceState, 'name' | 'createdAt'>[]; delete: EndpointSliceState[] } {
  const remaining = new Map(desired.endpoints);
  const toUpdate: EndpointSliceState[] = [];
  const unchanged: EndpointSliceState[] = [];
  const toDelete: EndpointSliceState[] = [];
  // 1. Keep wanted endpoints where they are (updated), drop the rest.
  for (const slice of existing) {
    const kept: EndpointSliceEndpoint[] = [];
    let updated = false;
    for (const e of slice.endpoints) {
      const key = endpointKey(e);
      const want = remaining.get(key);
      if (!want) continue;
      kept.push(want);
      if (!sameEndpoint(want, e)) updated = true;
      remaining.delete(key);
    }
    const labelsChanged = JSON.stringify(slice.labels) !== JSON.stringify(labels);
    if (updated || kept.length !== slice.endpoints.length) {
      if (kept.length === 0) toDelete.push(slice);
      else {
        slice.endpoints = kept;
        slice.labels = labels;
        slice.ports = desired.ports;
        toUpdate.push(slice);
      }
    } else if (labelsChanged) {
      slice.labels = labels;
      toUpdate.push(slice);
    } else unchanged.push(slice);
  }
  const pop = (): EndpointSliceEndpoint => {
    const [key, e] = remaining.entries().next().value as [string, EndpointSliceEndpoint];
    remaining.delete(key);
    return e;
  };
  // 2. Fill the slices being updated, fullest first.
  if (remaining.size > 0 && toUpdate.length > 0) {
    const byLen = [...toUpdate].sort((a, b) => b.endpoints.length - a.endpoints.length || compareStrings(a.name, b.name));
    for (const slice of byLen) while (remaining.size > 0 && slice.endpoints.length < MAX_ENDPOINTS_PER_SLICE) slice.endpoints.push(pop());
  }
  // 3. The rest: into the unchanged slice that ends closest to full, else new slices.
  const create: Omit<EndpointSliceState, 'name' | 'createdAt'>[] = [];
  while (remaining.size > 0) {
    let fill: EndpointSliceState | undefined;
    if (remaining.size < MAX_ENDPOINTS_PER_SLICE && unchanged.length > 0) fill = sliceToFill(unchanged, remaining.size);
    if (fill) {
      unchanged.splice(unchanged.indexOf(fill), 1);
      while (remaining.size > 0 && fill.endpoints.length < MAX_ENDPOINTS_PER_SLICE) fill.endpoints.push(pop());
      continue;
    }
    const fresh = { namespace: svc.service.meta.namespace, service: svc.service.meta.name, addressType: 'IPv4', labels, annotations: {}, ports: desired.ports, endpoints: [] as EndpointSliceEndpoint[], owner: 'endpointslice-controller' as const };
    while (remaining.size > 0 && fresh.endpoints.length < MAX_ENDPOINTS_PER_SLICE) fresh.endpoints.push(pop());
    create.push(fresh);
  }
  return { create, delete: toDelete };
}

/** `getSliceToFill`: the slice that will be closest to full after taking `n` endpoints. */
function sliceToFill(slices: EndpointSliceState[], n: number): EndpointSliceState | undefined {
  let closest = MAX_ENDPOINTS_PER_SLICE;
  let best: EndpointSliceState | undefined;
  for (const slice of slices) {
    const diff = MAX_ENDPOINTS_PER_SLICE - (n + slice.endpoints.length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      best = slice;
      if (diff === 0) break;
    }
  }
  return best;
}
