/**
 * CoreDNS's kubernetes plugin answering one question (plugin/kubernetes: handler.go
 * ServeDNS, parse.go parseRequest, kubernetes.go Records/findServices/findPods/Reverse,
 * and plugin/backend_lookup.go A/SRV/PTR/NS/SOA), implementing the Kubernetes DNS-Based
 * Service Discovery spec 1.1.0:
 *
 * - `<svc>.<ns>.svc.<zone>` A: the ClusterIP (whatever the endpoints); headless: one A per
 *   ready address, NXDOMAIN with none; ExternalName: a CNAME, chased in the zone or upstream.
 * - `<endpoint>.<svc>.<ns>.svc.<zone>`: an endpoint by hostname, or by dashed IP.
 * - `_<port>._<proto>.<svc>.<ns>.svc.<zone>` SRV, weights floor(100/N), A glue.
 * - `<a-b-c-d>.<ns>.pod.<zone>` per `pods` mode; PTR for ClusterIPs and endpoint IPs.
 * - NXDOMAIN (no such name) versus NODATA (the name exists, not with this type) where
 *   the plugin draws the line, SOA in the authority section of both, `dns-version` TXT,
 *   apex SOA/NS. Names compare case-insensitively; owners echo the question's spelling.
 */
import type { ServiceResult } from '../result';
import type { ClusterIndex, DnsEndpoint } from './cluster-index';
import { addressFromReverse, canonicalName, dashedIP, isIPv4, isIPv6, isReverse, isSubdomain, labels } from './names';
import type { KubernetesPluginConfig } from './server-config';
import { emptyMessage, type DnsMessage, type DnsRecord } from './types';

/** The DNS schema version the plugin implements (plugin/kubernetes DNSSchemaVersion). */
export const DNS_SCHEMA_VERSION = '1.1.0';

/** A resolved backend entry (msg.Service): `host` is an IP or, for ExternalName, a domain. */
interface Backend {
  /** The owner domain of the entry (`web.default.svc.cluster.local.`). */
  domain: string;
  host: string;
  port: number;
}

type Records = { backends: Backend[] } | { nxdomain: true };

/** How the plugin asks the rest of its server for a name it does not own (ExternalName targets). */
export type UpstreamLookup = (name: string, type: string) => DnsMessage;

export interface PluginContext {
  index: ClusterIndex;
  k: KubernetesPluginConfig;
  lookup: UpstreamLookup;
}

interface RecordRequest {
  podOrSvc: '' | 'pod' | 'svc';
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

/** parse.go parseRequest: the labels before the zone, read from the right. */
function parseRequest(qname: string, zone: string): RecordRequest | 'invalid' {
  const r: RecordRequest = { podOrSvc: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  const base = labels(qname).slice(0, labels(qname).length - labels(zone).length).map((l) => l.toLowerCase());
  if (base.length === 0 || (base.length === 1 && (base[0] === 'svc' || base[0] === 'pod'))) return r;
  let last = base.length - 1;
  if (base[last] !== 'svc' && base[last] !== 'pod') return 'invalid';
  r.podOrSvc = base[last] as 'pod' | 'svc';
  if (--last < 0) return r;
  r.namespace = base[last];
  if (--last < 0) return r;
  r.service = base[last];
  if (--last < 0) return r;
  const strip = (s: string) => (s.startsWith('_') ? s.slice(1) : s);
  if (last === 0) r.endpoint = base[0];
  else if (last === 1) {
    r.protocol = strip(base[1]);
    r.port = strip(base[0]);
  } else return 'invalid';
  return r;
}

/** `a` from a question matches `b` from an object; an empty question field matches anything. */
const match = (a: string, b: string) => a === '' || a.toLowerCase() === b.toLowerCase();

function endpointName(e: DnsEndpoint, k: KubernetesPluginConfig): string {
  if (e.hostname) return e.hostname;
  if (k.endpointPodNames && e.podName) return e.podName;
  return dashedIP(e.ip);
}

function namespaceExposed(ctx: PluginContext, ns: string): boolean {
  return ctx.index.namespaces.has(ns) && (ctx.k.namespaces.length === 0 || ctx.k.namespaces.includes(ns));
}

function serviceEndpoints(ctx: PluginContext, svc: ServiceResult): DnsEndpoint[] {
  return ctx.k.noEndpoints ? [] : (ctx.index.endpoints.get(`${svc.namespace}/${svc.name}`) ?? []);
}

/** kubernetes.go findServices. */
function findServices(ctx: PluginContext, r: RecordRequest, zoneQ: string): Records {
  if (r.service === '') return { backends: [] };
  const svc = ctx.index.services.get(`${r.namespace}/${r.service}`);
  if (!svc) return { nxdomain: true };
  const base = under(`${svc.name}.${svc.namespace}.svc`, zoneQ);
  const headless = svc.clusterIP === 'None';
  const out: Backend[] = [];
  let found = false;
  if (svc.type === 'ExternalName') {
    // An endpoint below an ExternalName, or an IP as externalName, is no name at all.
    if (r.endpoint !== '' || !svc.externalName || isIPv4(svc.externalName) || isIPv6(svc.externalName)) return { nxdomain: true };
    return { backends: [{ domain: base, host: svc.externalName, port: 0 }] };
  }
  if (ctx.k.ignoreEmptyService && !headless && serviceEndpoints(ctx, svc).every((e) => e.ports.length === 0)) return { nxdomain: true };
  if (headless || r.endpoint !== '') {
    for (const e of serviceEndpoints(ctx, svc)) {
      const name = endpointName(e, ctx.k);
      if (r.endpoint !== '' && !match(r.endpoint, name)) continue;
      for (const p of e.ports) {
        if (!(match(r.port, p.name) && match(r.protocol, p.protocol))) continue;
        found = true;
        out.push({ domain: `${name}.${base}`, host: e.ip, port: p.port });
      }
    }
    return found ? { backends: out } : { nxdomain: true };
  }
  for (const p of svc.ports) {
    if (!(match(r.port, p.name) && match(r.protocol, p.protocol))) continue;
    found = true;
    if (svc.clusterIP) out.push({ domain: base, host: svc.clusterIP, port: p.port });
  }
  return found ? { backends: out } : { nxdomain: true };
}

/** kubernetes.go findPods: `<ip-with-dashes>.<ns>.pod.<zone>`. */
function findPods(ctx: PluginContext, r: RecordRequest, zoneQ: string): Records {
  if (ctx.k.pods === 'disabled') return { nxdomain: true };
  if (!namespaceExposed(ctx, r.namespace)) return { nxdomain: true };
  if (r.service === '') return { backends: [] };
  const label = r.service;
  const ip = (label.match(/-/g) ?? []).length === 3 && !label.includes('--') ? label.replace(/-/g, '.') : label.replace(/-/g, ':');
  const domain = under(`${label}.${r.namespace}.pod`, zoneQ);
  if (ctx.k.pods === 'insecure') return isIPv4(ip) || isIPv6(ip) ? { backends: [{ domain, host: ip, port: 0 }] } : { nxdomain: true };
  const pods = (ctx.index.podsByIP.get(ip) ?? []).filter((p) => p.namespace === r.namespace);
  return pods.length > 0 ? { backends: pods.map(() => ({ domain, host: ip, port: 0 })) } : { nxdomain: true };
}

/** kubernetes.go Records. */
function records(ctx: PluginContext, qname: string, zone: string, zoneQ: string): Records {
  const r = parseRequest(qname, zone);
  if (r === 'invalid') return { nxdomain: true };
  if (r.podOrSvc === '') return { backends: [] };
  if (isReverse(qname)) return { nxdomain: true };
  if (!namespaceExposed(ctx, r.namespace)) return { nxdomain: true };
  return r.podOrSvc === 'pod' ? findPods(ctx, r, zoneQ) : findServices(ctx, r, zoneQ);
}

const rr = (name: string, type: string, ttl: number, data: string): DnsRecord => ({ name, type, ttl, data });

/** `prefix` under the absolute `zone` (the root zone `.` adds just the dot). */
const under = (prefix: string, zone: string) => (zone === '.' ? `${prefix}.` : `${prefix}.${zone}`);

/** backend_lookup.go A/AAAA, with the CNAME chase of ExternalName Services. */
function addressRecords(ctx: PluginContext, qname: string, type: 'A' | 'AAAA', zone: string, zoneQ: string, previous: DnsRecord[]): { records: DnsRecord[] } | { nxdomain: true } {
  const found = records(ctx, qname, zone, zoneQ);
  if ('nxdomain' in found) return found;
  const out: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const b of found.backends) {
    if (isIPv4(b.host) || isIPv6(b.host)) {
      if ((type === 'A') !== isIPv4(b.host) || seen.has(b.host)) continue;
      seen.add(b.host);
      out.push(rr(qname, type, ctx.k.ttl, b.host));
      continue;
    }
    const target = canonicalName(b.host);
    if (canonicalName(qname) === target) continue; // x CNAME x is a direct loop
    const cname = rr(qname, 'CNAME', ctx.k.ttl, `${b.host.replace(/\.$/, '')}.`);
    if (previous.length > 7 || previous.some((p) => p.type === 'CNAME' && canonicalName(p.data) === target && canonicalName(p.name) === canonicalName(qname))) continue;
    if (isSubdomain(zone, target)) {
      const next = addressRecords(ctx, cname.data, type, zone, zoneQ, [...previous, cname]);
      if ('records' in next && next.records.length > 0) out.push(cname, ...next.records);
      continue;
    }
    const upstream = ctx.lookup(cname.data, type);
    if (upstream.error || upstream.rcode === 'SERVFAIL' || upstream.rcode === 'REFUSED') continue;
    out.push(cname, ...upstream.answer);
  }
  return { records: out };
}

/** backend_lookup.go SRV: one record per (target, port), weight floor(100/N), address glue. */
function srvRecords(ctx: PluginContext, qname: string, zone: string, zoneQ: string): { records: DnsRecord[]; extra: DnsRecord[] } | { nxdomain: true } {
  const found = records(ctx, qname, zone, zoneQ);
  if ('nxdomain' in found) return found;
  // SRV for ExternalName Services is not implemented (kubernetes.go Services).
  const backends = found.backends.filter((b) => isIPv4(b.host) || isIPv6(b.host));
  const total = backends.length * 100;
  const out: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const b of backends) {
    if (b.port === -1) continue;
    const weight = Math.max(1, Math.floor((100 / total) * 100));
    const target = b.domain;
    const srvKey = `${target.toLowerCase()}|${b.port}`;
    if (!seen.has(srvKey)) {
      seen.add(srvKey);
      out.push(rr(qname, 'SRV', ctx.k.ttl, `0 ${weight} ${b.port} ${target}`));
    }
    const addrKey = `${target.toLowerCase()}|${b.host}`;
    if (!seen.has(addrKey)) {
      seen.add(addrKey);
      extra.push(rr(target, isIPv4(b.host) ? 'A' : 'AAAA', ctx.k.ttl, b.host));
    }
  }
  return { records: out, extra };
}

/** kubernetes.go Reverse + serviceRecordForIP: the ClusterIP's Service, else every Service an endpoint IP backs. */
function ptrRecords(ctx: PluginContext, qname: string, zone: string, zoneQ: string): { records: DnsRecord[] } | { nxdomain: true } {
  const ip = addressFromReverse(qname);
  if (ip === '') {
    const found = records(ctx, qname, zone, zoneQ);
    return 'nxdomain' in found ? found : { records: [] };
  }
  const primary = ctx.k.zones.find((z) => !isReverse(z)) ?? ctx.index.domain;
  const targets: string[] = [];
  const svc = ctx.index.serviceByClusterIP.get(ip);
  if (svc) targets.push(under(`${svc.name}.${svc.namespace}.svc`, primary));
  else for (const { service, endpoint } of ctx.index.endpointsByIP.get(ip) ?? []) targets.push(under(`${endpointName(endpoint, ctx.k)}.${service.name}.${service.namespace}.svc`, primary));
  if (targets.length === 0) return { nxdomain: true };
  return { records: [...new Set(targets)].map((t) => rr(qname, 'PTR', ctx.k.ttl, t)) };
}

/** plugin.SOA: `<zone> SOA ns.dns.<zone> hostmaster.<zone> serial 7200 1800 86400 ttl`, TTL min(ttl, 300). */
export function soaRecord(zoneQ: string, ttl: number, serial: number): DnsRecord {
  return rr(zoneQ, 'SOA', Math.min(ttl, 300), `${under('ns.dns', zoneQ)} ${under('hostmaster', zoneQ)} ${serial} 7200 1800 86400 ${ttl}`);
}

/**
 * Serves `qname`/`qtype` for the plugin zone `zone` (the configured zone `qname` falls in).
 * 'next' when the answer is NXDOMAIN and `fallthrough` covers the name.
 */
export function serveKubernetes(ctx: PluginContext, zone: string, qname: string, qtype: string): DnsMessage | 'next' {
  const { k } = ctx;
  // The zone as the question spells it (handler.go: "Use the query's case for the zone").
  const zoneQ = zone === '.' ? '.' : `${qname.replace(/\.$/, '').slice(-(zone.length - 1))}.`;
  const apex = canonicalName(qname) === canonicalName(zone);
  const msg = emptyMessage('NOERROR', 'kubernetes');
  let answer: DnsRecord[] = [];
  let extra: DnsRecord[] = [];
  let nx = false;
  const take = (res: { records: DnsRecord[]; extra?: DnsRecord[] } | { nxdomain: true }) => {
    if ('nxdomain' in res) nx = true;
    else {
      answer = res.records;
      extra = res.extra ?? [];
    }
  };
  switch (qtype) {
    case 'A':
    case 'AAAA':
      take(addressRecords(ctx, qname, qtype, zone, zoneQ, []));
      break;
    case 'SRV':
      take(srvRecords(ctx, qname, zone, zoneQ));
      break;
    case 'PTR':
      take(ptrRecords(ctx, qname, zone, zoneQ));
      break;
    case 'CNAME': {
      const found = records(ctx, qname, zone, zoneQ);
      if ('nxdomain' in found) nx = true;
      else answer = found.backends.filter((b) => !isIPv4(b.host) && !isIPv6(b.host)).map((b) => rr(qname, 'CNAME', k.ttl, `${b.host.replace(/\.$/, '')}.`));
      break;
    }
    case 'TXT': {
      const base = labels(qname).slice(0, labels(qname).length - labels(zone).length);
      if (base.length === 1 && base[0].toLowerCase() === 'dns-version') answer = [rr(qname, 'TXT', 28800, `"${DNS_SCHEMA_VERSION}"`)];
      else {
        // Another type's records make it NODATA; anything else, empty non-terminals included, is NXDOMAIN (kubernetes.go Services).
        const found = records(ctx, qname, zone, zoneQ);
        nx = !('backends' in found && found.backends.length > 0);
      }
      break;
    }
    case 'SOA':
      if (apex) answer = [soaRecord(zoneQ, k.ttl, ctx.index.serial)];
      break;
    case 'AXFR':
    case 'IXFR':
      return { ...emptyMessage('REFUSED', 'kubernetes', false), notes: ['zone transfers need the transfer plugin, which the Corefile does not configure'] };
    case 'NS':
      if (apex) {
        const dns = ctx.index.dnsService;
        const target = dns && dns.clusterIP && dns.clusterIP !== 'None' ? under(`${dns.name}.${dns.namespace}.svc`, zoneQ) : under('ns.dns', zoneQ);
        answer = [rr(qname, 'NS', k.ttl, target)];
        const glue = dns?.clusterIP && dns.clusterIP !== 'None' ? dns.clusterIP : ctx.index.coreDnsPods.find((p) => p.ip)?.ip;
        if (glue) extra = [rr(target, 'A', k.ttl, glue)];
        break;
      }
      nx = 'nxdomain' in addressRecords(ctx, qname, 'A', zone, zoneQ, []);
      break;
    default:
      // A throw-away A lookup tells NODATA from NXDOMAIN (handler.go).
      nx = 'nxdomain' in addressRecords(ctx, qname, 'A', zone, zoneQ, []);
  }
  if (nx) {
    if (k.fallthrough !== null && (k.fallthrough.length === 0 || k.fallthrough.some((z) => isSubdomain(z, qname)))) return 'next';
    return { ...msg, rcode: 'NXDOMAIN', authority: [soaRecord(zoneQ, k.ttl, ctx.index.serial)] };
  }
  if (answer.length === 0) return { ...msg, authority: [soaRecord(zoneQ, k.ttl, ctx.index.serial)] };
  return { ...msg, answer, additional: extra };
}
