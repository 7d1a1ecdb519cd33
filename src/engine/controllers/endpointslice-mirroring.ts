/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring), v1.33:
 * an Endpoints object written by hand for a Service *without* selector is copied into
 * EndpointSlices `<endpoints>-<5 chars>` labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io`, so
 * that kube-proxy (which reads slices only) sees it. Subsets with the same ports share
 * slices of at most 100 endpoints; ready addresses get `ready: true`, notReadyAddresses
 * `ready: false` (`addressToEndpoint` sets no serving/terminating). At most 1000 addresses
 * per subset are mirrored (`maxEndpointsPerSubset`). Not mirrored: Endpoints without a
 * Service, of a Service with a selector, or labelled `endpointslice.kubernetes.io/skip-mirror: "true"`.
 */
import type { EndpointSliceEndpoint, EndpointsDocument } from '../model';
import { storedOfKind, type ClusterState } from '../state';
import { compareStrings } from '../util/compare';
import { MAX_ENDPOINTS_PER_SLICE, nextSliceName, portMapKey } from './endpointslice';
import { ENDPOINTSLICE_MIRRORING_CONTROLLER, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, slicesByService, type EndpointSliceState } from './endpointslice-state';

const MAX_ENDPOINTS_PER_SUBSET = 1000;
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const DROPPED_ANNOTATIONS = new Set(['endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration']);

/** Whether the mirroring controller copies this Endpoints object (`shouldMirror` + the Service check). */
export function shouldMirror(state: ClusterState, doc: EndpointsDocument): boolean {
  if (doc.meta.labels[LABEL_SKIP_MIRROR] === 'true') return false;
  const svc = state.services.get(`${doc.meta.namespace}/${doc.meta.name}`);
  return svc !== undefined && svc.service.selector === null;
}

export function endpointSliceMirroringController(state: ClusterState): void {
  const mirrored = new Set<string>();
  // Each Endpoints object's mirrored slices, found once rather than by a scan of every slice per object.
  const owned = slicesByService(state.endpointSlices.values(), 'endpointslicemirroring-controller');
  for (const entry of storedOfKind(state, 'Endpoints')) {
    const doc = entry.object;
    if (!shouldMirror(state, doc)) continue;
    const key = `${doc.meta.namespace}/${doc.meta.name}`;
    mirrored.add(key);
    mirror(state, doc, owned.get(key) ?? []);
  }
  for (const [key, slice] of state.endpointSlices)
    if (slice.owner === 'endpointslicemirroring-controller' && !mirrored.has(`${slice.namespace}/${slice.service}`)) state.endpointSlices.delete(key);
}

/** `owned`: the slices this controller made for `doc` before this pass. */
function mirror(state: ClusterState, doc: EndpointsDocument, owned: EndpointSliceState[]): void {
  const { namespace, name } = doc.meta;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...doc.meta.labels, [LABEL_SERVICE_NAME]: name, [LABEL_MANAGED_BY]: ENDPOINTSLICE_MIRRORING_CONTROLLER })) labels[k] = v;
  const sortedLabels = Object.fromEntries(Object.keys(labels).sort(compareStrings).map((k) => [k, labels[k]]));
  const annotations = Object.fromEntries(Object.keys(doc.annotations).filter((k) => !DROPPED_ANNOTATIONS.has(k)).sort(compareStrings).map((k) => [k, doc.annotations[k]]));

  // Subsets grouped by their ports; the endpoints of a group in subset order.
  const groups = new Map<string, { ports: EndpointSliceState['ports']; endpoints: EndpointSliceEndpoint[] }>();
  for (const subset of doc.subsets) {
    const key = portMapKey(subset.ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports: subset.ports, endpoints: [] }));
    const all = [...subset.addresses.map((a) => ({ a, ready: true })), ...subset.notReadyAddresses.map((a) => ({ a, ready: false }))].slice(0, MAX_ENDPOINTS_PER_SUBSET);
    for (const { a, ready } of all)
      group.endpoints.push({
        addresses: [a.ip],
        conditions: { ready },
        ...(a.nodeName ? { nodeName: a.nodeName } : {}),
        ...(a.hostname ? { hostname: a.hostname } : {}),
        ...(a.targetRef ? { targetRef: a.targetRef } : {}),
      });
  }
  const desired: Omit<EndpointSliceState, 'name' | 'createdAt'>[] = [];
  for (const group of groups.values())
    for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
      desired.push({ namespace, service: name, addressType: 'IPv4', labels: sortedLabels, annotations, ports: group.ports, endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE), owner: 'endpointslicemirroring-controller' });

  // Existing mirrored slices are updated in place (names kept), extra ones deleted, missing ones created.
  const existing = [...owned].sort((a, b) => a.createdAt - b.createdAt || compareStrings(a.name, b.name));
  desired.forEach((slice, i) => {
    const old = existing[i];
    if (old) state.endpointSlices.set(`${namespace}/${old.name}`, { ...slice, name: old.name, createdAt: old.createdAt });
    else {
      const sliceName = nextSliceName(state, `Endpoints/${namespace}/${name}`, namespace, name);
      state.endpointSlices.set(`${namespace}/${sliceName}`, { ...slice, name: sliceName, createdAt: state.now });
    }
  });
  for (const old of existing.slice(desired.length)) state.endpointSlices.delete(`${namespace}/${old.name}`);
}
