/**
 * The EndpointSlice and Endpoints objects the controllers keep in the cluster state
 * (`ClusterState.endpointSlices`, `ClusterState.endpointsObjects`), so that a later pass
 * updates them in place — slice names and the placement of endpoints survive, as they
 * do on a real cluster.
 */
import type { EndpointAddress, EndpointPort, EndpointSliceEndpoint } from '../model';
import { groupBy } from '../util/group';

/** `endpointslice.kubernetes.io/managed-by` values. */
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const ENDPOINTSLICE_MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';

export interface EndpointSliceState {
  namespace: string;
  name: string;
  /** `kubernetes.io/service-name`; '' when a hand-written slice lacks the label. */
  service: string;
  addressType: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ports: EndpointPort[];
  endpoints: EndpointSliceEndpoint[];
  createdAt: number;
  /** Who wrote it: a controller (`managed-by`) or the user (a stored document). */
  owner: 'endpointslice-controller' | 'endpointslicemirroring-controller' | 'user';
}

/** An Endpoints object (the endpoints controller's, or a hand-written one). */
export interface EndpointsState {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  subsets: { addresses: EndpointAddress[]; notReadyAddresses: EndpointAddress[]; ports: EndpointPort[] }[];
  createdAt: number;
  owner: 'endpoints-controller' | 'user';
}

/**
 * Slices by `namespace/service`, found once per pass (a scan of every slice per Service
 * would grow as Services × slices); only `owner`'s when given, each list in state order.
 */
export function slicesByService(slices: Iterable<EndpointSliceState>, owner?: EndpointSliceState['owner']): Map<string, EndpointSliceState[]> {
  return groupBy(slices, (s) => (owner === undefined || s.owner === owner ? `${s.namespace}/${s.service}` : undefined));
}
