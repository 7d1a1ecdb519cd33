/**
 * iptables tables as structured data: what `iptables-save` and `iptables -L` print, and
 * what a trace walks. Each rule keeps iptables' canonical parts (addresses, protocol,
 * match modules in order, target) so both renderers print from the same object.
 */

/** One `-m MODULE ...` match, in the order iptables-save prints them. */
export type IptablesMatch =
  | { module: 'comment'; comment: string }
  /** `-m tcp|udp|sctp [--dport N]` (kube-proxy's DNAT rules keep the bare module). */
  | { module: 'tcp' | 'udp' | 'sctp'; dport?: number }
  /** `-m statistic --mode random --probability P`; `probability` as iptables prints it (11 decimals). */
  | { module: 'statistic'; probability: string }
  | { module: 'addrtype'; srcType?: string; dstType?: string; srcTypeNegated?: boolean }
  | { module: 'mark'; mark: number; mask: number; negated?: boolean }
  | { module: 'conntrack'; ctstate: string; negated?: boolean }
  | { module: 'nfacct'; name: string }
  /** ClientIP affinity: `--rcheck --seconds S --reap` in a SVC/SVL chain, `--set` in a SEP chain. */
  | { module: 'recent'; mode: 'rcheck' | 'set'; name: string; seconds?: number }
  /** IPVS mode: `-m set --match-set NAME FLAGS` (FLAGS such as `dst,dst`). */
  | { module: 'set'; name: string; flags: string }
  /** IPVS mode's externalIP rule: `-m physdev ! --physdev-is-in`. */
  | { module: 'physdev'; isInNegated: true };

/** The `-j` part of a rule. */
export type IptablesTarget =
  /** A user chain or a simple verdict (ACCEPT, DROP, RETURN). */
  | { kind: 'jump'; chain: string }
  /** `-j MARK --set-xmark VALUE/MASK`. */
  | { kind: 'MARK'; value: number; mask: number }
  | { kind: 'MASQUERADE'; randomFully: boolean }
  /** `-j DNAT --to-destination ip:port`. */
  | { kind: 'DNAT'; toDestination: string }
  | { kind: 'REJECT'; rejectWith: string };

/** One rule (`-A CHAIN ...`). Addresses are CIDRs as iptables prints them (`10.96.0.1/32`). */
export interface IptablesRule {
  source?: string;
  sourceNegated?: boolean;
  destination?: string;
  destinationNegated?: boolean;
  /** `tcp`, `udp` or `sctp`; absent: all protocols. */
  protocol?: string;
  matches: IptablesMatch[];
  /** Absent for a counter-only rule (KUBE-FW's last rule). */
  target?: IptablesTarget;
}

/** A chain: built-in ones carry their policy; user chains print `-`. */
export interface IptablesChain {
  name: string;
  /** `ACCEPT` for built-in chains; absent for user chains. */
  policy?: string;
  rules: IptablesRule[];
}

/** One table, chains in the order `iptables-save` prints them (built-ins in hook order, then user chains by byte order). */
export interface IptablesTable {
  name: 'mangle' | 'filter' | 'nat';
  chains: IptablesChain[];
}
