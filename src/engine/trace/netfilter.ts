/**
 * Walks the first packet of a connection through one hook of an iptables table, as the
 * kernel's x_tables do: rules in order, a jump enters a user chain, RETURN (or its end)
 * goes back, a built-in chain's end applies its policy; ACCEPT, DROP, REJECT, DNAT and
 * MASQUERADE end the walk, MARK does not. Match semantics as iptables-extensions(8)
 * documents them for the matches kube-proxy and kubelet write. The first packet is NEW in
 * conntrack, with no `recent` entry yet (affinity starts with this connection).
 */
import { saveRule } from '../proxy/iptables-save';
import type { IptablesChain, IptablesMatch, IptablesRule, IptablesTable } from '../proxy/iptables-types';
import { inCidr } from '../cluster/cidr';

export interface NfPacket {
  src: string;
  dst: string;
  /** `tcp`, `udp` or `sctp`. */
  proto: string;
  sport: number;
  dport: number;
  /** skb->mark. */
  mark: number;
  /** conntrack has recorded a DNAT for the connection (the `DNAT` ctstate). */
  dnat: boolean;
}

export interface NfEnvironment {
  /** `-m addrtype --*-type LOCAL`: an address of this host. */
  isLocal(ip: string): boolean;
  /** A uniform draw in [0, 1) for `-m statistic --mode random`. */
  random(): number;
  /** IPVS mode's `-m set --match-set NAME FLAGS` (proxy/ipvs-rules.ts ipsetMembership); absent: no set matches. */
  inSet?(name: string, flags: string, p: NfPacket): boolean;
}

/** A rule that matched: where it is and how iptables-save prints it. */
export interface RuleHit {
  table: string;
  chain: string;
  /** 1-based position in the chain (`iptables -L --line-numbers`). */
  position: number;
  rule: IptablesRule;
  text: string;
}

/** A chain where `-m statistic` rules split traffic between jumps: every branch and its chance. */
export interface Balancing {
  chain: string;
  branches: { target: string; probability: number; chosen: boolean }[];
}

export interface NfOutcome {
  verdict: 'ACCEPT' | 'DROP' | 'REJECT';
  rejectWith?: string;
  /** Every rule that matched, in order (jumps, marks, the final target). */
  hits: RuleHit[];
  packet: NfPacket;
  /** DNAT's new destination / MASQUERADE (the caller picks the address from the route). */
  nat?: { kind: 'DNAT'; toDestination: string } | { kind: 'MASQUERADE' };
  balancing: Balancing[];
}

const chainIndex = new WeakMap<IptablesTable, Map<string, IptablesChain>>();

export function chainsOf(table: IptablesTable): Map<string, IptablesChain> {
  let index = chainIndex.get(table);
  if (!index) {
    index = new Map(table.chains.map((c) => [c.name, c]));
    chainIndex.set(table, index);
  }
  return index;
}

function ctStates(p: NfPacket): string[] {
  return p.dnat ? ['NEW', 'DNAT'] : ['NEW'];
}

function matchOne(m: IptablesMatch, p: NfPacket, env: NfEnvironment, draw: () => boolean): boolean {
  switch (m.module) {
    case 'comment':
    case 'nfacct':
      return true;
    case 'tcp':
    case 'udp':
    case 'sctp':
      return p.proto === m.module && (m.dport === undefined || m.dport === p.dport);
    case 'statistic':
      return draw();
    case 'addrtype':
      return (m.srcType === undefined || ((m.srcType === 'LOCAL') === env.isLocal(p.src)) !== (m.srcTypeNegated ?? false)) && (m.dstType === undefined || (m.dstType === 'LOCAL') === env.isLocal(p.dst));
    case 'mark':
      return ((p.mark & m.mask) === m.mark) !== (m.negated ?? false);
    case 'conntrack': {
      const states = ctStates(p);
      return m.ctstate.split(',').some((s) => states.includes(s)) !== (m.negated ?? false);
    }
    case 'recent':
      // No address is in the list before the first connection; `--set` always matches.
      return m.mode === 'set';
    case 'set':
      return env.inSet?.(m.name, m.flags, p) ?? false;
    case 'physdev':
      // `! --physdev-is-in`: kindnet bridges nothing, so no packet enters through a bridge port.
      return true;
  }
}

function matches(rule: IptablesRule, p: NfPacket, env: NfEnvironment, draw: () => boolean): boolean {
  if (rule.protocol !== undefined && rule.protocol !== p.proto) return false;
  if (rule.source !== undefined && inCidr(p.src, rule.source) === (rule.sourceNegated ?? false)) return false;
  if (rule.destination !== undefined && inCidr(p.dst, rule.destination) === (rule.destinationNegated ?? false)) return false;
  return rule.matches.every((m) => matchOne(m, p, env, draw));
}

/**
 * The chances of each jump in a Service's endpoint-choosing chain (KUBE-SVC-/KUBE-SVL-, or
 * any chain drawing with `-m statistic`): each rule takes its probability of what reaches it.
 */
const balancingCache = new WeakMap<IptablesChain, Balancing | null>();

/** A fresh copy of the chain's branches (cached: KUBE-SERVICES alone has thousands of rules). */
function balancingOf(chain: IptablesChain): Balancing | null {
  let b = balancingCache.get(chain);
  if (b === undefined) {
    b = computeBalancing(chain);
    balancingCache.set(chain, b);
  }
  return b && { chain: b.chain, branches: b.branches.map((x) => ({ ...x })) };
}

function computeBalancing(chain: IptablesChain): Balancing | null {
  const serviceChain = chain.name.startsWith('KUBE-SVC-') || chain.name.startsWith('KUBE-SVL-');
  if (!serviceChain && !chain.rules.some((r) => r.matches.some((m) => m.module === 'statistic'))) return null;
  let remaining = 1;
  const branches: Balancing['branches'] = [];
  for (const rule of chain.rules) {
    if (rule.matches.some((m) => m.module === 'recent') || rule.target?.kind !== 'jump' || !rule.target.chain.startsWith('KUBE-SEP-')) continue;
    const stat = rule.matches.find((m) => m.module === 'statistic');
    const p = stat ? Number(stat.probability) : 1;
    branches.push({ target: rule.target.chain, probability: remaining * p, chosen: false });
    remaining *= 1 - p;
  }
  return { chain: chain.name, branches };
}

/** Runs `packet` through `builtIn` of `table`. The packet is copied; the outcome holds the changed one. */
export function walkHook(table: IptablesTable, builtIn: string, packet: NfPacket, env: NfEnvironment): NfOutcome {
  const chains = chainsOf(table);
  const p = { ...packet };
  const hits: RuleHit[] = [];
  const balancing: Balancing[] = [];
  const start = chains.get(builtIn);
  if (!start) return { verdict: 'ACCEPT', hits, packet: p, balancing };
  const enter = (chain: IptablesChain) => {
    const balance = balancingOf(chain);
    if (balance) balancing.push(balance);
    return { chain, next: 0, balance, jumpHit: hits.length - 1 };
  };
  const stack: { chain: IptablesChain; next: number; balance: Balancing | null; jumpHit: number }[] = [enter(start)];
  // Leaving a user chain where nothing matched: the jump into it changed nothing, so it is not reported.
  const leave = () => {
    const frame = stack.pop()!;
    if (stack.length > 0 && hits.length - 1 === frame.jumpHit) hits.pop();
    return frame;
  };
  const hit = (chain: IptablesChain, i: number) => hits.push({ table: table.name, chain: chain.name, position: i + 1, rule: chain.rules[i], text: saveRule(chain.name, chain.rules[i]) });

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.chain.rules.length) {
      leave();
      if (stack.length === 0) return { verdict: frame.chain.policy === 'DROP' ? 'DROP' : 'ACCEPT', hits, packet: p, balancing };
      continue;
    }
    const i = frame.next++;
    const rule = frame.chain.rules[i];
    const statistic = rule.matches.find((m) => m.module === 'statistic');
    const draw = () => statistic?.module === 'statistic' && env.random() < Number(statistic.probability);
    if (!matches(rule, p, env, draw)) continue;
    hit(frame.chain, i);
    const target = rule.target;
    if (!target) continue;
    if (frame.balance && target.kind === 'jump') {
      const branch = frame.balance.branches.find((b) => b.target === target.chain && !rule.matches.some((m) => m.module === 'recent'));
      if (branch) branch.chosen = true;
    }
    switch (target.kind) {
      case 'jump':
        if (target.chain === 'ACCEPT' || target.chain === 'DROP') return { verdict: target.chain, hits, packet: p, balancing };
        if (target.chain === 'RETURN') {
          leave();
          if (stack.length === 0) return { verdict: frame.chain.policy === 'DROP' ? 'DROP' : 'ACCEPT', hits, packet: p, balancing };
          continue;
        }
        if (chains.has(target.chain)) stack.push(enter(chains.get(target.chain)!));
        continue;
      case 'MARK':
        p.mark = (p.mark & ~target.mask) ^ target.value;
        continue;
      case 'DNAT': {
        const [ip, port] = splitHostPort(target.toDestination);
        p.dst = ip;
        p.dport = port ?? p.dport;
        p.dnat = true;
        return { verdict: 'ACCEPT', hits, packet: p, nat: { kind: 'DNAT', toDestination: target.toDestination }, balancing };
      }
      case 'MASQUERADE':
        return { verdict: 'ACCEPT', hits, packet: p, nat: { kind: 'MASQUERADE' }, balancing };
      case 'REJECT':
        return { verdict: 'REJECT', rejectWith: target.rejectWith, hits, packet: p, balancing };
    }
  }
  return { verdict: 'ACCEPT', hits, packet: p, balancing };
}

function splitHostPort(hostPort: string): [string, number | undefined] {
  const colon = hostPort.lastIndexOf(':');
  return colon < 0 ? [hostPort, undefined] : [hostPort.slice(0, colon), Number(hostPort.slice(colon + 1))];
}
