/**
 * Component configuration documents kubeadm and kind read: kubeadm `ClusterConfiguration`
 * (and `InitConfiguration`/`JoinConfiguration`'s `nodeRegistration`), `KubeProxyConfiguration`,
 * `KubeletConfiguration`; standalone or as kind `kubeadmConfigPatches` strings, which kind
 * merges into the config it generates, matched by `kind`.
 */
import { parseDocument } from 'yaml';
import type { ComponentConfig, KubeadmClusterConfiguration, KubeadmNodeRegistration, KubeletConfig, KubeProxyConfig, Origin } from '../../model';
import { isAbsent, isObject, ObjectReport, quote, readInt32, readList, readObject, readString, readStringMap, type Raw } from '../fields';
import { readTaints } from './pod-spec';

export const KUBEADM_VERSIONS = ['kubeadm.k8s.io/v1beta4', 'kubeadm.k8s.io/v1beta3'] as const;
export const KUBE_PROXY_VERSIONS = ['kubeproxy.config.k8s.io/v1alpha1'] as const;
export const KUBELET_VERSIONS = ['kubelet.config.k8s.io/v1beta1'] as const;

export function readClusterConfiguration(r: ObjectReport, value: Raw, origin: Origin): KubeadmClusterConfiguration {
  const networking = readObject(r, value.networking, 'networking', 'ClusterConfiguration', 'kubeadm.Networking') ?? {};
  const podSubnet = readString(r, networking.podSubnet, 'networking.podSubnet', 'Networking');
  const serviceSubnet = readString(r, networking.serviceSubnet, 'networking.serviceSubnet', 'Networking');
  const dnsDomain = readString(r, networking.dnsDomain, 'networking.dnsDomain', 'Networking');
  return { ...(podSubnet ? { podSubnet } : {}), ...(serviceSubnet ? { serviceSubnet } : {}), ...(dnsDomain ? { dnsDomain } : {}), origin };
}

/** `nodeRegistration`: kubelet `node-labels` (v1beta3: a map; v1beta4: a list of {name, value}) and taints. */
export function readNodeRegistration(r: ObjectReport, value: Raw, phase: KubeadmNodeRegistration['phase'], origin: Origin): KubeadmNodeRegistration {
  const reg = readObject(r, value.nodeRegistration, 'nodeRegistration', phase, 'kubeadm.NodeRegistrationOptions') ?? {};
  let nodeLabels = '';
  const extra = reg.kubeletExtraArgs;
  if (Array.isArray(extra)) {
    for (const arg of extra) if (isObject(arg) && arg.name === 'node-labels' && typeof arg.value === 'string') nodeLabels = arg.value;
  } else if (!isAbsent(extra)) {
    nodeLabels = readStringMap(r, extra, 'nodeRegistration.kubeletExtraArgs', 'NodeRegistrationOptions')?.['node-labels'] ?? '';
  }
  const labels: Record<string, string> = {};
  for (const pair of nodeLabels.split(',').filter((p) => p.trim() !== '')) {
    const [k, ...v] = pair.trim().split('=');
    labels[k] = v.join('=');
  }
  const taints = readTaints(r, reg.taints, 'nodeRegistration.taints', 'NodeRegistrationOptions');
  return { phase, nodeLabels: labels, ...(taints ? { taints } : {}), origin };
}

export function readKubeProxyConfig(r: ObjectReport, value: Raw, origin: Origin): KubeProxyConfig {
  const mode = readString(r, value.mode, 'mode', 'KubeProxyConfiguration');
  const clusterCIDR = readString(r, value.clusterCIDR, 'clusterCIDR', 'KubeProxyConfiguration');
  const ipvs = readObject(r, value.ipvs, 'ipvs', 'KubeProxyConfiguration', 'v1alpha1.KubeProxyIPVSConfiguration') ?? {};
  const ipvsScheduler = readString(r, ipvs.scheduler, 'ipvs.scheduler', 'KubeProxyIPVSConfiguration');
  return { ...(mode !== undefined ? { mode } : {}), ...(clusterCIDR ? { clusterCIDR } : {}), ...(ipvsScheduler ? { ipvsScheduler } : {}), origin };
}

export function readKubeletConfig(r: ObjectReport, value: Raw, origin: Origin): KubeletConfig {
  const clusterDomain = readString(r, value.clusterDomain, 'clusterDomain', 'KubeletConfiguration');
  const dns = readList(r, value.clusterDNS, 'clusterDNS', 'KubeletConfiguration', '[]string');
  const clusterDNS = dns?.filter((d): d is string => typeof d === 'string');
  const maxPods = readInt32(r, value.maxPods, 'maxPods', 'KubeletConfiguration');
  return { ...(clusterDomain ? { clusterDomain } : {}), ...(clusterDNS && clusterDNS.length > 0 ? { clusterDNS } : {}), ...(maxPods !== undefined ? { maxPods } : {}), origin };
}

const PATCHABLE = ['ClusterConfiguration', 'InitConfiguration', 'JoinConfiguration', 'KubeProxyConfiguration', 'KubeletConfiguration'];

/**
 * One `kubeadmConfigPatches[i]` string of a kind `Cluster` (at `path` in `parent`): YAML
 * holding a partial component config, matched by its `kind`. Diagnostics point at the string.
 */
export function readConfigPatch(parentReport: ObjectReport, parent: Origin, path: string, text: unknown, apiVersion: string): ComponentConfig | undefined {
  const sink = parentReport.sink;
  const where = parent.locate(path);
  const at = { file: parent.file, line: where.line, column: where.column, object: parent.label, path };
  if (typeof text !== 'string') {
    sink.push({ severity: 'error', message: `${path} must be a string holding YAML (write it as a block: "- |" then the patch)`, ...at });
    return undefined;
  }
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: true });
  if (doc.errors.length > 0) {
    sink.push({ severity: 'error', message: `${path} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, ...at });
    return undefined;
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isObject(value) || typeof value.kind !== 'string') {
    sink.push({ severity: 'error', message: `${path}: a patch needs a kind (ClusterConfiguration, InitConfiguration, JoinConfiguration, KubeletConfiguration or KubeProxyConfiguration) to say which document it patches`, ...at });
    return undefined;
  }
  const kind = value.kind;
  if (!PATCHABLE.includes(kind)) {
    sink.push({ severity: 'warning', message: `${path} patches kind ${quote(kind)}, which is not part of the kubeadm config kind generates; kind applies it to nothing`, ...at, hint: `patchable kinds: ${PATCHABLE.join(', ')}` });
    return undefined;
  }
  const origin: Origin = { file: parent.file, label: parent.label, locate: () => where, has: () => false };
  const r = new ObjectReport(sink, origin, kind, typeof value.apiVersion === 'string' ? value.apiVersion : apiVersion, '');
  if (kind === 'ClusterConfiguration') return { kind, config: readClusterConfiguration(r, value, origin) };
  if (kind === 'InitConfiguration' || kind === 'JoinConfiguration') return { kind, config: readNodeRegistration(r, value, kind, origin) };
  if (kind === 'KubeProxyConfiguration') return { kind, config: readKubeProxyConfig(r, value, origin) };
  return { kind: 'KubeletConfiguration', config: readKubeletConfig(r, value, origin) };
}
