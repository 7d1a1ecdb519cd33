/**
 * Converters by kind. Adding a kind: its model type in model.ts (`KindModels`), a
 * converter file beside this one, one entry here. Kinds listed here are "simulated"
 * (manifest/kinds.ts); the rest are recognised-only or unknown.
 */
import type { ModelKind } from '../../model';
import { clusterConfigurationConverter, kubeletConfigurationConverter, kubeProxyConfigurationConverter } from './component-configs';
import { deploymentConverter } from './deployment';
import { kindClusterConverter } from './kind-cluster';
import { namespaceConverter } from './namespace';
import { nodeConverter } from './node';
import { podConverter } from './pod';
import { serviceConverter } from './service';
import type { KindConverter } from './types';

export const CONVERTERS: { [K in ModelKind]: KindConverter<K> } = {
  Namespace: namespaceConverter,
  Pod: podConverter,
  Deployment: deploymentConverter,
  Service: serviceConverter,
  Node: nodeConverter,
  Cluster: kindClusterConverter,
  ClusterConfiguration: clusterConfigurationConverter,
  KubeProxyConfiguration: kubeProxyConfigurationConverter,
  KubeletConfiguration: kubeletConfigurationConverter,
};

export function converterFor(kind: string): KindConverter | undefined {
  return Object.prototype.hasOwnProperty.call(CONVERTERS, kind) ? (CONVERTERS[kind as ModelKind] as KindConverter) : undefined;
}
