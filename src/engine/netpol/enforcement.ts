/**
 * Whether the cluster's network plugin enforces NetworkPolicy at all, and where the
 * plugins differ on what the spec leaves open. The API server accepts NetworkPolicies on
 * every cluster; only the CNI gives them effect.
 */

/** How one CNI treats NetworkPolicy. */
export interface PolicySupport {
  /** `result.cluster.cni`. */
  cni: string;
  /** Whether the plugin programs NetworkPolicies into its datapath. */
  enforced: boolean;
  /** Whether an `ipBlock` also matches Pod and node addresses (the spec leaves it open). */
  ipBlockMatchesClusterIPs: boolean;
  /** The Pods have a network at all (false only without a CNI). */
  podNetwork: boolean;
  /** One sentence for explanations: who enforces, and the source of the claim. */
  note: string;
}

const SUPPORT: Record<string, Omit<PolicySupport, 'cni'>> = {
  // kind v0.24.0 made kindnetd enforce NetworkPolicy with sigs.k8s.io/kube-network-policies
  // (kubernetes-sigs/kind#842, PR #3612; release notes of v0.24.0): the first packet of a
  // connection goes to an nfqueue and is judged in user space, ipBlocks are matched against
  // any address, Pod or not (pkg/networkpolicy evaluateIPBlocks).
  kindnet: {
    enforced: true,
    ipBlockMatchesClusterIPs: true,
    podNetwork: true,
    note: "kindnet enforces NetworkPolicy since kind v0.24.0 (kindnetd embeds kube-network-policies; it needs the host kernel's nfqueue, which some WSL2 kernels lack: kubernetes-sigs/kind#3789)",
  },
  // Calico's Felix programs policies per endpoint; ipBlock matches by address.
  calico: { enforced: true, ipBlockMatchesClusterIPs: true, podNetwork: true, note: 'Calico enforces NetworkPolicy (Felix programs each policy per workload endpoint)' },
  // Cilium matches Pods and nodes by identity: CIDR rules do not select cluster endpoints (cilium#9209, #19601).
  cilium: {
    enforced: true,
    ipBlockMatchesClusterIPs: false,
    podNetwork: true,
    note: 'Cilium enforces NetworkPolicy by identity; its ipBlock (CIDR) rules do not match Pod or node addresses (cilium/cilium#9209, #19601)',
  },
  // flannel's README: flanneld does not enforce NetworkPolicy itself; its default manifest
  // (kube-flannel.yml) runs no policy agent. The optional kube-network-policies sidecar is not modelled.
  flannel: {
    enforced: false,
    ipBlockMatchesClusterIPs: true,
    podNetwork: true,
    note: 'flannel does not implement NetworkPolicy (its default manifest runs no policy agent): policies are stored by the API server but nothing enforces them',
  },
  none: { enforced: false, ipBlockMatchesClusterIPs: true, podNetwork: false, note: 'the cluster has no CNI (disableDefaultCNI: true): Pods get no network, so no connection is possible and no policy is enforced' },
};

export function policySupport(cni: string): PolicySupport {
  const known = SUPPORT[cni];
  if (known) return { cni, ...known };
  return { cni, enforced: false, ipBlockMatchesClusterIPs: true, podNetwork: true, note: `kube-netlab does not know whether the CNI "${cni}" enforces NetworkPolicy; it is taken not to` };
}
