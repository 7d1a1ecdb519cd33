/**
 * kube-proxy's nftables mode as structured data: `table ip kube-proxy` (and `ip6`), with
 * its sets, maps and chains in the order the kernel lists them. Rules keep the text
 * `nft list` prints; `targets` names the chains a rule can jump or go to, so a packet
 * tracer can follow dispatch (`services` → `service-…` → `endpoint-…`) without parsing.
 */

/** One element of a set or map. */
export interface NftElement {
  /** Key parts as nft prints them (`10.96.0.10`, `udp`, `53`). */
  key: string[];
  /** A map element's value: a verdict such as `goto service-…`, `drop`. */
  value?: string;
  /** Element comment (kube-proxy's service-port name on no-endpoint elements). */
  comment?: string;
}

/** A named set or verdict map. */
export interface NftSet {
  kind: 'set' | 'map';
  name: string;
  /** `ipv4_addr`, `ipv4_addr . inet_proto . inet_service : verdict`, ... */
  type: string;
  comment?: string;
  /** `dynamic`, `timeout` (affinity sets). */
  flags?: string[];
  /** Element timeout in seconds (affinity sets). */
  timeout?: number;
  /** Maximum size the kernel reports for dynamic sets (65535). */
  size?: number;
  /** Static elements, in the order `nft list` prints them. */
  elements: NftElement[];
}

/** A base chain's hook. */
export interface NftBaseChain {
  type: 'filter' | 'nat';
  hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  priority: number;
}

/** One rule, as `nft list` prints it (without the comment). */
export interface NftRule {
  text: string;
  comment?: string;
  /** Chains this rule can jump or go to (directly, or through an inline vmap). */
  targets: string[];
}

export interface NftChain {
  name: string;
  /** Present for base chains (attached to a netfilter hook, policy accept). */
  base?: NftBaseChain;
  comment?: string;
  rules: NftRule[];
}

/** One nftables table. */
export interface NftTable {
  family: 'ip' | 'ip6';
  name: string;
  comment?: string;
  /** Sets and maps in creation order. */
  sets: NftSet[];
  /** Chains in creation order. */
  chains: NftChain[];
}
