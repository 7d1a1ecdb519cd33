/**
 * kube-proxy's nftables mode for the first packet of a connection: the `services` dispatch
 * (proxy/nftables-rules.ts `nftDispatch`), then the Service's own chains read rule by rule
 * in the small vocabulary kube-proxy writes them in (pkg/proxy/nftables/proxier.go):
 * `ip daddr A`, `tcp dport N`, `ip saddr [!=] A`, `fib saddr type local`, `meta l4proto P`
 * as conditions; `jump mark-for-masquerade`, `goto|jump CHAIN`, `numgen random mod N vmap
 * { i : goto CHAIN, ... }`, `dnat to A:P`, `drop`, `reject`, `return` as actions.
 */
import { inCidr } from '../cluster/cidr';
import { nftDispatch } from '../proxy/nftables-rules';
import type { NftChain, NftTable } from '../proxy/nftables-types';
import type { NfPacket } from './netfilter';

export interface NftStep {
  chain: string;
  rule: string;
  action: string;
}

export interface NftOutcome {
  steps: NftStep[];
  /** The new destination `ip:port`, when a dnat rule ran. */
  dnat?: string;
  /** `mark-for-masquerade` ran: nat-postrouting's masquerading chain will SNAT it. */
  masquerade: boolean;
  /** The packet ends here. */
  verdict?: 'drop' | 'reject';
  why?: string;
  /** `numgen random mod N vmap`: every endpoint chain with its chance, and the one drawn. */
  balancing?: { target: string; probability: number; chosen: boolean }[];
  /** The endpoint chains' dnat targets by chain name (for candidates). */
  dnatOf: (chain: string) => string | undefined;
}

const cache = new WeakMap<NftTable, Map<string, NftChain>>();

function chains(table: NftTable): Map<string, NftChain> {
  let m = cache.get(table);
  if (!m) {
    m = new Map(table.chains.map((c) => [c.name, c]));
    cache.set(table, m);
  }
  return m;
}

/** Whether the conditions at the start of `words` hold; returns the index of the action, or -1. */
function conditions(words: string[], p: NfPacket, isLocal: (ip: string) => boolean): number {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if ((w === 'ip' && (words[i + 1] === 'daddr' || words[i + 1] === 'saddr'))) {
      const addr = words[i + 1] === 'daddr' ? p.dst : p.src;
      const negated = words[i + 2] === '!=';
      const value = words[i + (negated ? 3 : 2)];
      if (inCidr(addr, value) === negated) return -1;
      i += negated ? 4 : 3;
    } else if ((w === 'tcp' || w === 'udp' || w === 'sctp') && words[i + 1] === 'dport') {
      if (p.proto !== w || p.dport !== Number(words[i + 2])) return -1;
      i += 3;
    } else if (w === 'fib' && words[i + 1] === 'saddr' && words[i + 2] === 'type' && words[i + 3] === 'local') {
      if (!isLocal(p.src)) return -1;
      i += 4;
    } else if (w === 'meta' && words[i + 1] === 'l4proto' && words[i + 2] !== '.') {
      if (p.proto !== words[i + 2]) return -1;
      i += 3;
    } else return i;
  }
  return i;
}

export function nftServices(table: NftTable, p: NfPacket, env: { isLocal(ip: string): boolean; random(): number }): NftOutcome {
  const byName = chains(table);
  const dnatOf = (name: string) => {
    const rule = byName.get(name)?.rules.find((r) => / dnat to /.test(` ${r.text}`));
    return rule ? rule.text.split(' dnat to ')[1] : undefined;
  };
  const out: NftOutcome = { steps: [], masquerade: false, dnatOf };
  const d = nftDispatch(table, p.proto, p.dst, p.dport);
  if (d.noEndpoints) {
    out.steps.push({ chain: d.noEndpoints.map === 'no-endpoint-services' ? 'service-endpoints-check' : 'nodeport-endpoints-check', rule: `${d.noEndpoints.map} element: ${d.noEndpoints.verdict}`, action: d.noEndpoints.comment ?? 'no endpoints' });
    out.verdict = d.noEndpoints.verdict.includes('reject') ? 'reject' : 'drop';
    out.why = `${d.noEndpoints.comment ?? 'the Service has no endpoints'} (@${d.noEndpoints.map})`;
    return out;
  }
  if (!d.service) {
    if (d.clusterIPsCheck) {
      out.steps.push({ chain: 'cluster-ips-check', rule: d.clusterIPsCheck === 'reject' ? 'ip daddr @cluster-ips reject' : 'ip daddr SERVICE-CIDR drop', action: d.clusterIPsCheck });
      out.verdict = d.clusterIPsCheck;
      out.why = d.clusterIPsCheck === 'reject' ? `${p.dst} is a ClusterIP, but no Service port ${p.dport}/${p.proto.toUpperCase()} is on it` : `${p.dst} is in the Service CIDR but no Service has it`;
    }
    return out;
  }
  out.steps.push({ chain: 'services', rule: `${d.service.map} element → ${d.service.verdict}`, action: `the Service's chain ${d.service.chain}` });
  let current = byName.get(d.service.chain);
  for (let depth = 0; current && depth < 8; depth++) {
    let next: NftChain | undefined;
    for (const rule of current.rules) {
      const words = rule.text.split(/\s+/);
      const at = conditions(words, p, env.isLocal);
      if (at < 0) continue;
      const action = words.slice(at).join(' ');
      if (action === 'jump mark-for-masquerade') {
        out.masquerade = true;
        out.steps.push({ chain: current.name, rule: rule.text, action: 'marked for masquerade' });
        continue;
      }
      const go = /^(goto|jump) (\S+)$/.exec(action);
      if (go) {
        out.steps.push({ chain: current.name, rule: rule.text, action: `${go[1]} ${go[2]}` });
        next = byName.get(go[2]);
        break;
      }
      const numgen = /^numgen random mod (\d+) vmap \{ (.*) \}$/.exec(action);
      if (numgen) {
        const n = Number(numgen[1]);
        const targets = numgen[2].split(', ').map((e) => e.split(' : goto ')[1]);
        const pick = Math.floor(env.random() * n);
        out.balancing = targets.map((target, i) => ({ target, probability: 1 / n, chosen: i === pick }));
        out.steps.push({ chain: current.name, rule: rule.text, action: `numgen drew ${pick} of ${n}: goto ${targets[pick]}` });
        next = byName.get(targets[pick]);
        break;
      }
      const dnat = /dnat to (\S+)$/.exec(action);
      if (dnat) {
        out.steps.push({ chain: current.name, rule: rule.text, action: `dnat to ${dnat[1]}` });
        out.dnat = dnat[1];
        return out;
      }
      if (action === 'drop' || action === 'reject') {
        out.steps.push({ chain: current.name, rule: rule.text, action });
        out.verdict = action;
        out.why = rule.comment ?? `${current.name} ends in ${action}`;
        return out;
      }
      if (action === 'return') break;
    }
    current = next;
  }
  return out;
}
