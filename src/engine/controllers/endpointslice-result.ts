/**
 * The API server's own EndpointSlice for default/kubernetes (pkg/controlplane/reconcilers,
 * EndpointsAdapter): named `kubernetes`, one endpoint per control plane with only
 * `ready: true`, port https 6443, labelled with the service name.
 */
import type { EndpointSliceResult } from '../result';
import { API_SERVER_PORT } from '../cluster/kind-defaults';
import { ipSortKey } from '../cluster/cidr';
import type { ClusterState } from '../state';
import { LABEL_SERVICE_NAME } from './endpointslice-state';

export function apiServerEndpointSlice(state: ClusterState): EndpointSliceResult | undefined {
  const svc = state.services.get('default/kubernetes');
  if (!svc || !svc.system) return undefined;
  const endpoints = state.topology.nodes
    .filter((n) => n.roles.includes('control-plane'))
    .sort((a, b) => ipSortKey(a.internalIP) - ipSortKey(b.internalIP))
    .map((n) => ({ addresses: [n.internalIP], conditions: { ready: true } }));
  return {
    namespace: 'default',
    name: 'kubernetes',
    service: 'kubernetes',
    addressType: 'IPv4',
    labels: { [LABEL_SERVICE_NAME]: 'kubernetes' },
    ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    endpoints,
    createdAt: svc.createdAt,
  };
}
