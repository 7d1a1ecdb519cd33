/**
 * DNS outside the cluster: what a recursive resolver beyond CoreDNS's `forward` (on kind:
 * the docker host's resolver) answers. The simulator has no internet; it answers from
 *
 * 1. the scenario's `UpstreamZone` documents (kube-netlab.io/v1alpha1; an authoritative zone:
 *    NXDOMAIN or NODATA with the zone's SOA for names it lacks), and
 * 2. the records ExternalDNS would publish (EXTERNAL_DNS_SOURCES: annotated Services and
 *    Ingresses; another source is one more entry in that list),
 *
 * and every other name is NXDOMAIN with the root zone's SOA and a note that the name is
 * outside the simulation. Answers come back as a recursive resolver's do: `ra` set, `aa` not.
 */
import type { SimulationResult } from '../result';
import { canonicalName, isIPv4, isReverse, isSubdomain } from './names';
import { emptyMessage, type DnsMessage, type DnsRecord } from './types';

/** Records ExternalDNS would publish for one kind of object. */
export type ExternalDNSSource = (result: SimulationResult) => DnsRecord[];

/** ExternalDNS's default record TTL when the annotation gives none (its providers default to 300 s). */
export const EXTERNAL_DNS_DEFAULT_TTL = 300;

/**
 * ExternalDNS's service source (external-dns source/service.go): a Service annotated with
 * `external-dns.alpha.kubernetes.io/hostname` gets, per hostname, A records for its
 * LoadBalancer ingress IPs (a CNAME for an ingress hostname); else its `externalIPs`; a
 * headless Service its ready endpoint IPs; a NodePort Service the nodes' addresses (kind
 * nodes have no ExternalIP, so their InternalIP). ClusterIP Services are published only with
 * `--publish-internal-services`, which is off by default: none here.
 */
export const serviceExternalDNSRecords: ExternalDNSSource = (result) => {
  const out: DnsRecord[] = [];
  for (const s of result.services) {
    if (!s.externalDNS) continue;
    const ttl = s.externalDNS.ttl ?? EXTERNAL_DNS_DEFAULT_TTL;
    let targets: { type: string; data: string }[] = [];
    if (s.loadBalancerIngress.length > 0) targets = s.loadBalancerIngress.map((i) => (i.ip ? { type: 'A', data: i.ip } : { type: 'CNAME', data: `${(i.hostname ?? '').replace(/\.$/, '')}.` }));
    else if (s.externalIPs.length > 0) targets = s.externalIPs.map((ip) => ({ type: 'A', data: ip }));
    else if (s.clusterIP === 'None') targets = [...new Set(s.endpoints.filter((e) => e.ready).map((e) => e.ip))].map((ip) => ({ type: 'A', data: ip }));
    else if (s.type === 'NodePort') targets = result.cluster.nodes.map((n) => ({ type: 'A', data: n.internalIP }));
    for (const host of s.externalDNS.hostnames) for (const t of targets) out.push({ name: canonicalName(host), type: t.type, ttl, data: t.data });
  }
  return out;
};

/** What the Ingress engine reports ExternalDNS would publish for an Ingress (`result.ingresses[].externalDNS`). */
interface IngressExternalDNS {
  hostnames: string[];
  specHosts: string[];
  targets: string[];
  ttl?: number;
}

/**
 * ExternalDNS's ingress source (external-dns source/ingress.go): the hostname annotation's
 * names and the hosts of `spec.rules`/`spec.tls`, each pointing at the targets (the target
 * annotation, else the Ingress's status addresses): A for an IP, CNAME for a hostname.
 * Reads `result.ingresses`, which the Ingress engine adds to the result; none: no records.
 */
export const ingressExternalDNSRecords: ExternalDNSSource = (result) => {
  const ingresses = (result as { ingresses?: { externalDNS?: IngressExternalDNS }[] }).ingresses ?? [];
  const out: DnsRecord[] = [];
  for (const ing of ingresses) {
    const e = ing.externalDNS;
    if (!e) continue;
    const ttl = e.ttl ?? EXTERNAL_DNS_DEFAULT_TTL;
    for (const host of new Set([...e.hostnames, ...e.specHosts])) {
      if (host.startsWith('*')) continue; // a wildcard record is not a name a resolver is asked for here
      for (const t of e.targets) out.push({ name: canonicalName(host), type: isIPv4(t) ? 'A' : 'CNAME', ttl, data: isIPv4(t) ? t : `${t.replace(/\.$/, '')}.` });
    }
  }
  return out;
};

/** Where ExternalDNS records come from (annotated Services, Ingresses). Append a source to publish more. */
export const EXTERNAL_DNS_SOURCES: ExternalDNSSource[] = [serviceExternalDNSRecords, ingressExternalDNSRecords];

interface WorldZone {
  zone: string;
  ttl: number;
  /** By lower-case owner name. */
  names: Map<string, DnsRecord[]>;
}

interface World {
  zones: WorldZone[];
  externalDNS: Map<string, DnsRecord[]>;
}

const cache = new WeakMap<SimulationResult, World>();

function world(result: SimulationResult): World {
  let w = cache.get(result);
  if (w) return w;
  const zones: WorldZone[] = [];
  for (const z of result.upstreamZones ?? []) {
    const zone = `${z.zone}.`;
    let target = zones.find((x) => x.zone === zone);
    if (!target) zones.push((target = { zone, ttl: z.ttl, names: new Map() }));
    for (const r of z.records) {
      const list = target.names.get(r.name) ?? [];
      list.push({ ...r });
      target.names.set(r.name, list);
    }
  }
  zones.sort((a, b) => b.zone.length - a.zone.length);
  const externalDNS = new Map<string, DnsRecord[]>();
  for (const source of EXTERNAL_DNS_SOURCES) {
    for (const r of source(result)) {
      const list = externalDNS.get(r.name) ?? [];
      if (!list.some((x) => x.type === r.type && x.data === r.data)) list.push(r);
      externalDNS.set(r.name, list);
    }
  }
  w = { zones, externalDNS };
  cache.set(result, w);
  return w;
}

/** The root zone's SOA, as a resolver returns it with an NXDOMAIN from the root. */
const ROOT_SOA: DnsRecord = { name: '.', type: 'SOA', ttl: 86400, data: 'a.root-servers.net. nstld.verisign-grs.com. 2025010100 1800 900 604800 86400' };

function zoneSOA(z: WorldZone): DnsRecord {
  return { name: z.zone, type: 'SOA', ttl: z.ttl, data: `ns1.${z.zone} hostmaster.${z.zone} 1 7200 3600 1209600 ${z.ttl}` };
}

/** The records the world holds at `name` (lower case, absolute), and the zone it falls in. */
function lookupName(w: World, name: string): { records: DnsRecord[]; zone?: WorldZone; fromExternalDNS: boolean } {
  const zone = w.zones.find((z) => isSubdomain(z.zone, name));
  const ext = w.externalDNS.get(name) ?? [];
  const own = zone?.names.get(name) ?? [];
  return { records: [...own, ...ext], zone, fromExternalDNS: ext.length > 0 };
}

/** A recursive resolver's answer for `qname`/`qtype` (owners keep the question's spelling). */
export function worldAnswer(result: SimulationResult, qname: string, qtype: string): DnsMessage {
  const w = world(result);
  const answer: DnsRecord[] = [];
  let name = canonicalName(qname);
  let owner = qname.endsWith('.') ? qname : `${qname}.`;
  for (let hops = 0; hops < 8; hops++) {
    const found = lookupName(w, name);
    const exact = found.records.filter((r) => r.type === qtype || qtype === 'ANY');
    const cname = found.records.find((r) => r.type === 'CNAME');
    const msg = { ...emptyMessage('NOERROR', found.fromExternalDNS ? 'external-dns' : 'upstream-zone', false, true) };
    if (exact.length > 0) return { ...msg, answer: [...answer, ...exact.map((r) => ({ ...r, name: owner }))] };
    if (cname && qtype !== 'CNAME') {
      answer.push({ ...cname, name: owner });
      name = canonicalName(cname.data);
      owner = cname.data;
      continue;
    }
    if (answer.length > 0 && !found.zone && found.records.length === 0) return { ...msg, answer, notes: [`${name} is outside the simulation: no UpstreamZone or ExternalDNS record has it`] };
    if (found.records.length > 0 || (found.zone && hasDescendant(found.zone, name))) return { ...msg, answer, authority: found.zone ? [zoneSOA(found.zone)] : [] };
    if (found.zone) return { ...msg, rcode: answer.length > 0 ? 'NOERROR' : 'NXDOMAIN', answer, authority: [zoneSOA(found.zone)] };
    const out = { ...emptyMessage('NXDOMAIN', 'outside', false, true), answer, authority: [ROOT_SOA] };
    if (answer.length > 0) out.rcode = 'NOERROR';
    const domain = `${result.cluster.clusterDomain.replace(/\.$/, '')}.`;
    out.notes = isReverse(name)
      ? [`no PTR record for ${name}: no Service or Pod of the cluster answers for it, and resolvers answer NXDOMAIN for private reverse zones (RFC 6303)`]
      : isSubdomain(domain, name)
        ? [`${name.replace(/\.$/, '')} is a cluster name, but the question went to a resolver outside the cluster: only CoreDNS (the kube-dns Service, ${result.cluster.clusterDNS}) answers names under ${domain}`]
        : [`${name.replace(/\.$/, '')} is outside the simulation: no cluster zone, UpstreamZone (kube-netlab.io/v1alpha1) or ExternalDNS record has it, so the upstream resolver answers NXDOMAIN`];
    return out;
  }
  return { ...emptyMessage('SERVFAIL', 'upstream-zone', false, true), answer: [], notes: ['CNAME chain longer than 8 hops'] };
}

function hasDescendant(zone: WorldZone, name: string): boolean {
  for (const n of zone.names.keys()) if (n !== name && n.endsWith(`.${name}`)) return true;
  return false;
}
