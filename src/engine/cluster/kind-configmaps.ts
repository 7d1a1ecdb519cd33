/**
 * The ConfigMaps a kind cluster has before the scenario: `kube-root-ca.crt` in every
 * namespace (kube-controller-manager's root-ca-cert-publisher, as each namespace is
 * created) and kube-system/coredns with kubeadm's Corefile. A scenario's ConfigMap of the
 * same namespace/name replaces kind's (as `kubectl apply` over it would).
 *
 * Not modelled: kube-system's kube-proxy, kubeadm-config, kubelet-config,
 * extension-apiserver-authentication, kube-public/cluster-info, local-path-config.
 */
import type { ConfigMapResult } from '../result';
import { kubeadmCorefile } from '../dns/kubeadm-corefile';
import { SeededRandom } from '../util/rand';

/** A stand-in for the cluster CA's PEM (kind generates a fresh key pair per cluster): fixed per cluster name. */
function caPem(clusterName: string): string {
  const rand = new SeededRandom(`kube-root-ca/${clusterName}`);
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines: string[] = [];
  for (let l = 0; l < 17; l++) {
    let line = '';
    for (let i = 0; i < 64; i++) line += b64[rand.intn(64)];
    lines.push(line);
  }
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\nMII=\n-----END CERTIFICATE-----\n`;
}

export function kindSystemConfigMaps(input: { clusterName: string; clusterDomain: string; namespaces: { name: string; createdAt: number }[]; clusterCreatedAt: number }): ConfigMapResult[] {
  const ca = caPem(input.clusterName);
  const out: ConfigMapResult[] = input.namespaces.map((ns) => ({ namespace: ns.name, name: 'kube-root-ca.crt', labels: {}, data: { 'ca.crt': ca }, binaryDataKeys: [], createdAt: ns.createdAt }));
  out.push({ namespace: 'kube-system', name: 'coredns', labels: {}, data: { Corefile: kubeadmCorefile(input.clusterDomain) }, binaryDataKeys: [], createdAt: input.clusterCreatedAt });
  return out;
}
