/**
 * A connection to a name: the client's resolver looks it up first (dns/: the Pod's
 * resolv.conf and search walk, a node's resolver, the kind host's view of the world), then
 * the packet goes to the first address found; an ExternalName Service's CNAME is chased by
 * the lookup. A name that does not resolve ends the trace before any packet is sent.
 */
import { parseIPv4 } from '../cluster/cidr';
import { dockerGateway } from '../datapath/netns';
import { queryDns, type DnsAnswer } from '../dns/query';
import type { SimulationResult } from '../result';
import { traceConnection, TraceRequestError } from './trace';
import type { TraceLookup, TraceRequest, TraceResult, TraceSource } from './types';

/** The answer the client's resolver gives for `name`, asked as `from` would ask it. */
export function lookupFrom(result: SimulationResult, from: TraceSource, name: string): DnsAnswer {
  const question =
    from.kind === 'pod'
      ? { from: { namespace: from.namespace, pod: from.name }, name }
      : from.kind === 'node'
        ? { from: { node: from.name }, name }
        : // The kind host asks its own resolver: the world outside the cluster (docker's network gateway forwards there).
          { name, server: dockerGateway(result), search: false };
  const answer = queryDns(result, question);
  if ('error' in answer && !('rcode' in answer)) throw new TraceRequestError(answer.error);
  return answer as DnsAnswer;
}

/** Traces a connection to a host that may be a name (`to.host`), beginning with its lookup. */
export function traceTo(result: SimulationResult, request: Omit<TraceRequest, 'to'> & { to: { host: string; port: number } }, options: { seed?: string } = {}): TraceResult {
  const { host, port } = request.to;
  if (parseIPv4(host) !== null) return traceConnection(result, { ...request, to: { ip: host, port } }, options);
  const answer = lookupFrom(result, request.from, host);
  const address = answer.answers.find((r) => r.type === 'A')?.data;
  const lookup: TraceLookup = {
    name: host,
    server: answer.server,
    rcode: answer.rcode,
    answers: answer.answers.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, data: r.data })),
    tried: answer.tried.map((t) => ({ name: t.name, rcode: t.answers > 0 ? t.rcode : t.rcode === 'NOERROR' ? 'NODATA' : t.rcode })),
    ...(address ? { address } : {}),
  };
  const walk = lookup.tried.map((t) => `${t.name} ${t.rcode}`).join(', ');
  const from = request.from;
  const pod = from.kind === 'pod' ? result.pods.find((p) => p.namespace === from.namespace && p.name === from.name) : undefined;
  const node = from.kind === 'node' ? from.name : (pod?.nodeName ?? null);
  const srcIp = from.kind === 'external' ? (from.ip ?? dockerGateway(result)) : from.kind === 'node' ? (result.cluster.nodes.find((n) => n.name === from.name)?.internalIP ?? '') : (pod?.ip ?? '');
  const lookupHop = {
    node,
    netns: from.kind === 'external' ? 'external' : from.kind === 'node' || pod?.hostNetwork ? 'root' : `${from.namespace}/${from.name}`,
    kind: 'lookup',
    action: address ? `${host} resolves to ${address} (asked ${answer.server}: ${walk})` : `${host} does not resolve (asked ${answer.server}: ${walk}${answer.error ? `; ${answer.error}` : ''})`,
    packet: { protocol: 'UDP', src: srcIp, dst: `${answer.server}:53` },
  };
  if (!address) {
    const why = answer.error ? `the nameserver ${answer.server} did not answer (${answer.error})` : `${answer.rcode === 'NOERROR' ? 'no address records' : answer.rcode} for every name tried (${walk})`;
    return {
      verdict: 'unresolved',
      reason: `${host} does not resolve: ${why}${answer.notes.length ? `; ${answer.notes.join('; ')}` : ''}`,
      source: { ip: '', port: 0 },
      hops: [lookupHop],
      candidates: [],
      destination: { ip: '', port },
      lookup,
    };
  }
  const trace = traceConnection(result, { ...request, to: { ip: address, port } }, options);
  return { ...trace, hops: [lookupHop, ...trace.hops], lookup };
}
