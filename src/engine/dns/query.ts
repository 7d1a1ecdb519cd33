/**
 * `queryDns(result, question)`: one DNS question as a Pod, a node or the CLI asks it.
 * - From a Pod: its resolv.conf (kubelet's, per dnsPolicy) gives the nameserver and the
 *   search list; the name walks the list as glibc does (`search: false` asks the name once).
 * - From a node: the node's resolv.conf (kind: the docker network's resolver).
 * - From nowhere: straight to the cluster DNS Service (`dig @10.96.0.10 NAME` on a node):
 *   the name is absolute, no search list.
 * `server` overrides the nameserver (`dig @SERVER`).
 */
import type { SimulationResult } from '../result';
import { absoluteName } from './names';
import { exchange } from './network';
import { nodeResolvConf, podResolvConf, type ResolvConf } from './resolv-conf';
import { searchCandidates, walk, type ResolverTry } from './resolver';
import type { DnsMessage, DnsRecord } from './types';

export interface DnsQuestion {
  /** Ask from this Pod (its resolv.conf) or node; absent: the cluster DNS Service, no search list. */
  from?: { namespace: string; pod: string } | { node: string };
  /** As typed: relative names walk the search list when asked from a Pod or node. */
  name: string;
  /** Record type (A by default). */
  type?: string;
  /** Nameserver to ask instead of the resolv.conf's first. */
  server?: string;
  /** Walk the search list (default: true when asked from a Pod or node). */
  search?: boolean;
}

/** What came back. */
export interface DnsAnswer {
  question: { name: string; type: string };
  /** The nameserver asked. */
  server: string;
  /** The last response's rcode, or TIMEOUT when the server did not answer (see `error`). */
  rcode: string;
  /** `timed out` / `connection refused` when there was no response. */
  error?: string;
  /** The absolute name of the last question sent (the one that answered, when one did). */
  name: string;
  /** Header flags of the last response (rd is always set by the tools). */
  flags: { aa: boolean; rd: boolean; ra: boolean };
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  /** Every question sent while walking the search list, in order, with its outcome. */
  tried: ResolverTry[];
  /** Why: rewrites applied, names outside the simulation, unreachable servers. */
  notes: string[];
  /** Who answered the last question: kubernetes, hosts, upstream-zone, external-dns, outside, coredns. */
  source: string;
}

/** The resolv.conf a question is asked with, or an error text (no such Pod or node). */
export function resolvConfFor(result: SimulationResult, from: DnsQuestion['from']): ResolvConf | string {
  if (!from) return { nameservers: [result.cluster.clusterDNS], searches: [], options: [] };
  if ('node' in from) return result.cluster.nodes.some((n) => n.name === from.node) ? nodeResolvConf() : `nodes "${from.node}" not found`;
  const pod = result.pods.find((p) => p.namespace === from.namespace && p.name === from.pod);
  if (!pod) return `pods "${from.pod}" not found in namespace "${from.namespace}"`;
  return podResolvConf(result, pod);
}

/** Asks `question`; `{ error }` when the Pod or node it is asked from does not exist. */
export function queryDns(result: SimulationResult, question: DnsQuestion): DnsAnswer | { error: string } {
  const rc = resolvConfFor(result, question.from);
  if (typeof rc === 'string') return { error: rc };
  const type = (question.type ?? 'A').toUpperCase();
  const server = question.server ?? rc.nameservers[0];
  if (!server) return { error: 'the resolv.conf has no nameserver' };
  const search = question.search ?? question.from !== undefined;
  const candidates = search ? searchCandidates(question.name, rc) : [absoluteName(question.name)];
  const run = walk(candidates, type, (name) => exchange(result, server, name, type));
  return toAnswer(question.name, type, server, run.name, run.message, run.tried);
}

export function toAnswer(typed: string, type: string, server: string, name: string, m: DnsMessage, tried: ResolverTry[]): DnsAnswer {
  return {
    question: { name: typed, type },
    server,
    rcode: m.error ? 'TIMEOUT' : m.rcode,
    ...(m.error ? { error: m.error } : {}),
    name,
    flags: { aa: m.aa, rd: true, ra: m.ra },
    answers: m.answer,
    authority: m.authority,
    additional: m.additional,
    tried,
    notes: m.notes,
    source: m.source,
  };
}
