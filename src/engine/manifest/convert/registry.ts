/**
 * Converters by kind. Adding a kind: its model type in model.ts (`KindModels`), a
 * converter file beside this one, one entry here. Kinds listed here are "simulated"
 * (manifest/kinds.ts); the rest are recognised-only or unknown.
 */
import type { ModelKind } from '../../model';
import { clusterConfigurationConverter, kubeletConfigurationConverter, kubeProxyConfigurationConverter } from './component-configs';
import { configMapConverter } from './configmap';
import { daemonSetConverter } from './daemonset';
import { deploymentConverter } from './deployment';
import { jobConverter } from './job';
import { replicaSetConverter } from './replicaset';
import { statefulSetConverter } from './statefulset';
import { endpointSliceConverter } from './endpoint-slice';
import { ingressClassConverter, ingressConverter } from './ingress';
import { secretConverter } from './secret';
import { endpointsConverter } from './endpoints';
import { kindClusterConverter } from './kind-cluster';
import { calicoInstallationConverter, calicoIPPoolConverter } from './calico';
import { ipAddressPoolConverter, l2AdvertisementConverter } from './metallb';
import { namespaceConverter } from './namespace';
import { networkPolicyConverter } from './network-policy';
import { nodeConverter } from './node';
import { podConverter } from './pod';
import { serviceConverter } from './service';
import type { KindConverter } from './types';
import { upstreamZoneConverter } from './upstream-zone';

export const CONVERTERS: { [K in ModelKind]: KindConverter<K> } = {
  Namespace: namespaceConverter,
  ConfigMap: configMapConverter,
  UpstreamZone: upstreamZoneConverter,
  Pod: podConverter,
  Deployment: deploymentConverter,
  ReplicaSet: replicaSetConverter,
  StatefulSet: statefulSetConverter,
  DaemonSet: daemonSetConverter,
  Job: jobConverter,
  Service: serviceConverter,
  Node: nodeConverter,
  Cluster: kindClusterConverter,
  ClusterConfiguration: clusterConfigurationConverter,
  KubeProxyConfiguration: kubeProxyConfigurationConverter,
  KubeletConfiguration: kubeletConfigurationConverter,
  EndpointSlice: endpointSliceConverter,
  Endpoints: endpointsConverter,
  IPAddressPool: ipAddressPoolConverter,
  L2Advertisement: l2AdvertisementConverter,
  NetworkPolicy: networkPolicyConverter,
  IPPool: calicoIPPoolConverter,
  Installation: calicoInstallationConverter,
  Ingress: ingressConverter,
  IngressClass: ingressClassConverter,
  Secret: secretConverter,
};

export function converterFor(kind: string): KindConverter | undefined {
  return Object.prototype.hasOwnProperty.call(CONVERTERS, kind) ? (CONVERTERS[kind as ModelKind] as KindConverter) : undefined;
}
