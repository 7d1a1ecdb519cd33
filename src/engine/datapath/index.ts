/** The datapath: each node's and Pod's network namespaces as the cluster's CNI sets them up. */
export { buildNodeNetwork, buildPodNetwork } from './kindnet';
export type { InterfaceAddress, NamedNetns, NetnsView, NetworkInterface, Route } from './types';
