/**
 * `UpstreamZone` (kube-netlab.io/v1alpha1): a zone of the world outside the cluster, as
 * the DNS servers CoreDNS forwards to (kind: the docker host's resolver) would answer it.
 * The simulator has no internet: a name no cluster zone, no UpstreamZone and no ExternalDNS
 * record owns is answered NXDOMAIN and flagged as outside the simulation (dns/README.md).
 *
 *   apiVersion: kube-netlab.io/v1alpha1
 *   kind: UpstreamZone
 *   metadata: {name: example-com}
 *   spec:
 *     zone: example.com          # the zone the upstream server is authoritative for
 *     ttl: 300                   # default TTL of the records (default 300)
 *     records:
 *       - {name: www, type: A, value: 203.0.113.10}        # relative to the zone; '@' = apex
 *       - {name: api.example.com., type: CNAME, value: www.example.com., ttl: 60}
 */
import type { UpstreamZone, UpstreamZoneRecord } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { quote, readInt32, readList, readObject, readString } from '../fields';
import type { KindConverter } from './types';

export const UPSTREAM_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SRV', 'TXT'] as const;
const LABEL = /^(\*|[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)$/;

/** Whether `name` (without a trailing dot) is a valid DNS name (labels of 1..63 characters, 253 in all). */
export function validDnsName(name: string): boolean {
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((l) => LABEL.test(l));
}

/** `name` made absolute in `zone`: `@` is the apex, a trailing dot means already absolute. */
function absolute(name: string, zone: string): string {
  if (name === '@' || name === '') return `${zone}.`;
  return name.endsWith('.') ? name : `${name}.${zone}.`;
}

function dataError(type: string, value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  switch (type) {
    case 'A':
      return parseIPv4(value) === null ? 'must be an IPv4 address' : undefined;
    case 'AAAA':
      return /^[0-9a-fA-F:]+$/.test(value) && value.includes(':') ? undefined : 'must be an IPv6 address';
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return validDnsName(value.replace(/\.$/, '')) ? undefined : 'must be a domain name';
    case 'MX':
      return parts.length === 2 && /^\d+$/.test(parts[0]) ? undefined : 'must be "PREFERENCE HOST"';
    case 'SRV':
      return parts.length === 4 && parts.slice(0, 3).every((p) => /^\d+$/.test(p)) ? undefined : 'must be "PRIORITY WEIGHT PORT TARGET"';
    default:
      return undefined;
  }
}

/** Names in data made absolute (a relative CNAME target is relative to the zone, as in a zone file). */
function absoluteData(type: string, value: string, zone: string): string {
  const parts = value.trim().split(/\s+/);
  if (type === 'CNAME' || type === 'NS' || type === 'PTR') return absolute(value.trim(), zone);
  if (type === 'MX') return `${parts[0]} ${absolute(parts[1], zone)}`;
  if (type === 'SRV') return `${parts.slice(0, 3).join(' ')} ${absolute(parts[3], zone)}`;
  if (type === 'TXT') return value.startsWith('"') ? value : JSON.stringify(value);
  return value.trim();
}

export const upstreamZoneConverter: KindConverter<'UpstreamZone'> = {
  kind: 'UpstreamZone',
  apiVersions: ['kube-netlab.io/v1alpha1'],
  scope: 'Cluster',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): UpstreamZone | undefined {
    const spec = readObject(r, value.spec, 'spec', 'UpstreamZone', 'UpstreamZoneSpec');
    if (!spec) {
      r.invalid('spec.zone', 'Required value');
      return undefined;
    }
    const zoneRaw = readString(r, spec.zone, 'spec.zone', 'UpstreamZoneSpec') ?? '';
    const zone = zoneRaw.replace(/\.$/, '').toLowerCase();
    if (!zoneRaw) r.invalid('spec.zone', 'Required value');
    else if (!validDnsName(zone)) r.invalid('spec.zone', `Invalid value: ${quote(zoneRaw)}: must be a domain name such as example.com`);
    const ttl = readInt32(r, spec.ttl, 'spec.ttl', 'UpstreamZoneSpec') ?? 300;
    if (ttl < 0) r.invalid('spec.ttl', `Invalid value: ${ttl}: must be greater than or equal to 0`);
    const records: UpstreamZoneRecord[] = [];
    (readList(r, spec.records, 'spec.records', 'UpstreamZoneSpec', '[]Record') ?? []).forEach((raw, i) => {
      const p = `spec.records[${i}]`;
      const rec = readObject(r, raw, p, 'UpstreamZoneSpec', 'Record');
      if (!rec) return;
      const name = readString(r, rec.name, `${p}.name`, 'Record') ?? '@';
      const type = (readString(r, rec.type, `${p}.type`, 'Record') ?? 'A').toUpperCase();
      const data = readString(r, rec.value, `${p}.value`, 'Record');
      const recTTL = readInt32(r, rec.ttl, `${p}.ttl`, 'Record');
      if (!(UPSTREAM_RECORD_TYPES as readonly string[]).includes(type)) {
        r.invalid(`${p}.type`, `Unsupported value: ${quote(type)}: supported values: ${UPSTREAM_RECORD_TYPES.map(quote).join(', ')}`);
        return;
      }
      if (data === undefined || data === '') {
        r.invalid(`${p}.value`, 'Required value');
        return;
      }
      const owner = absolute(name, zone);
      if (!validDnsName(owner.replace(/\.$/, ''))) return r.invalid(`${p}.name`, `Invalid value: ${quote(name)}: must be a domain name, relative to ${zone} or absolute with a trailing dot`);
      const bad = dataError(type, data);
      if (bad) return r.invalid(`${p}.value`, `Invalid value: ${quote(data)}: ${type} data ${bad}`);
      if (!owner.toLowerCase().endsWith(`.${zone}.`) && owner.toLowerCase() !== `${zone}.`) return r.invalid(`${p}.name`, `Invalid value: ${quote(name)}: not in zone ${zone}`);
      records.push({ name: owner.toLowerCase(), type, ttl: recTTL ?? ttl, data: absoluteData(type, data, zone) });
    });
    if (r.failed) return undefined;
    return { meta, zone, ttl, records, origin };
  },
};
