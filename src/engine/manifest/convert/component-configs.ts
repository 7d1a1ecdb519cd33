/** Standalone component configuration documents (kubeadm, kube-proxy, kubelet). */
import { KUBEADM_VERSIONS, KUBELET_VERSIONS, KUBE_PROXY_VERSIONS, readClusterConfiguration, readKubeletConfig, readKubeProxyConfig } from './component-config';
import type { KindConverter } from './types';

export const clusterConfigurationConverter: KindConverter<'ClusterConfiguration'> = {
  kind: 'ClusterConfiguration',
  apiVersions: KUBEADM_VERSIONS,
  scope: 'Config',
  convert: ({ r, value, origin }) => readClusterConfiguration(r, value, origin),
};

export const kubeProxyConfigurationConverter: KindConverter<'KubeProxyConfiguration'> = {
  kind: 'KubeProxyConfiguration',
  apiVersions: KUBE_PROXY_VERSIONS,
  scope: 'Config',
  convert: ({ r, value, origin }) => readKubeProxyConfig(r, value, origin),
};

export const kubeletConfigurationConverter: KindConverter<'KubeletConfiguration'> = {
  kind: 'KubeletConfiguration',
  apiVersions: KUBELET_VERSIONS,
  scope: 'Config',
  convert: ({ r, value, origin }) => readKubeletConfig(r, value, origin),
};
