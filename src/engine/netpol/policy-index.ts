/**
 * What a policy decision looks up, indexed once per result: policies by namespace, Pods
 * by namespace/name and by IP, nodes by IP, namespace labels. A judgement then costs the
 * policies of two namespaces, never a scan of every Pod.
 */
import { cidrContains, parseCidr, parseIPv4, type Cidr } from '../cluster/cidr';
import type { NetworkPolicyResult, NodeResult, PodResult, SimulationResult } from '../result';
import { groupBy } from '../util/group';

/** An `ipBlock` parsed once: IPv4 blocks only (IPv6 ones match nothing on this IPv4 cluster). */
export interface ParsedIPBlock {
  cidr: Cidr | null;
  except: Cidr[];
}

export class PolicyIndex {
  private readonly policiesByNamespace: Map<string, NetworkPolicyResult[]>;
  private readonly podsByKey = new Map<string, PodResult>();
  /** Pod-network addresses only: hostNetwork Pods share their node's address and are not Pods to a policy. */
  private readonly podsByIP = new Map<string, PodResult>();
  private readonly nodesByIP = new Map<string, NodeResult>();
  private readonly nodesByName = new Map<string, NodeResult>();
  private readonly blocks = new Map<string, ParsedIPBlock>();

  constructor(readonly result: SimulationResult) {
    this.policiesByNamespace = groupBy(result.networkPolicies ?? [], (p) => p.namespace);
    for (const p of result.pods) {
      this.podsByKey.set(`${p.namespace}/${p.name}`, p);
      if (p.ip && !p.hostNetwork && !this.podsByIP.has(p.ip)) this.podsByIP.set(p.ip, p);
    }
    for (const n of result.cluster.nodes) {
      this.nodesByIP.set(n.internalIP, n);
      this.nodesByName.set(n.name, n);
    }
  }

  policiesIn(namespace: string): NetworkPolicyResult[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  pod(namespace: string, name: string): PodResult | undefined {
    return this.podsByKey.get(`${namespace}/${name}`);
  }

  podByIP(ip: string): PodResult | undefined {
    return this.podsByIP.get(ip);
  }

  nodeByIP(ip: string): NodeResult | undefined {
    return this.nodesByIP.get(ip);
  }

  node(name: string | null): NodeResult | undefined {
    return name === null ? undefined : this.nodesByName.get(name);
  }

  /** A namespace's labels (with `kubernetes.io/metadata.name`), also for results made before namespaceLabels existed. */
  namespaceLabels(namespace: string): Record<string, string> {
    return this.result.namespaceLabels?.[namespace] ?? { 'kubernetes.io/metadata.name': namespace };
  }

  ipBlock(block: { cidr: string; except: string[] }): ParsedIPBlock {
    const key = `${block.cidr}|${block.except.join(',')}`;
    let parsed = this.blocks.get(key);
    if (!parsed) {
      parsed = { cidr: parseCidr(block.cidr), except: block.except.map(parseCidr).filter((c): c is Cidr => c !== null) };
      this.blocks.set(key, parsed);
    }
    return parsed;
  }
}

const indexes = new WeakMap<SimulationResult, PolicyIndex>();

/** The index of a result, built on first use. */
export function policyIndex(result: SimulationResult): PolicyIndex {
  let index = indexes.get(result);
  if (!index) {
    index = new PolicyIndex(result);
    indexes.set(result, index);
  }
  return index;
}

/** Whether an IPv4 address lies in `cidr` and in none of the `except` blocks. */
export function inIPBlock(block: ParsedIPBlock, ip: string): boolean {
  const n = parseIPv4(ip);
  if (n === null || block.cidr === null || !cidrContains(block.cidr, n)) return false;
  return !block.except.some((e) => cidrContains(e, n));
}
