/** Domain-name helpers: absolute names, zone matching, dashed IPs and reverse names, as miekg/dns and CoreDNS's dnsutil handle them. */
import { parseIPv4 } from '../cluster/cidr';

/** `name` with a trailing dot (`.` stays `.`); case kept. */
export function absoluteName(name: string): string {
  if (name === '' || name === '.') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

/** Lower-case absolute form, for matching (DNS names compare case-insensitively). */
export function canonicalName(name: string): string {
  return absoluteName(name).toLowerCase();
}

/** dns.IsSubDomain(zone, name): `name` equals `zone` or lies below it (both absolute, any case). */
export function isSubdomain(zone: string, name: string): boolean {
  const z = canonicalName(zone);
  const n = canonicalName(name);
  return z === '.' || n === z || n.endsWith(`.${z}`);
}

/** The zone among `zones` that `name` falls in, longest first (plugin.Zones.Matches); undefined when none. */
export function matchZone(zones: string[], name: string): string | undefined {
  let best: string | undefined;
  for (const z of zones) if (isSubdomain(z, name) && (best === undefined || z.length > best.length)) best = z;
  return best;
}

/** Labels of an absolute name, left to right (no empty root label). */
export function labels(name: string): string[] {
  const n = absoluteName(name);
  return n === '.' ? [] : n.slice(0, -1).split('.');
}

/** An endpoint's name when it has no hostname: the IP with `.` (or `:`) as `-`; an IPv6 form ending in `-` gets a `0` (object.EndpointHostname). */
export function dashedIP(ip: string): string {
  if (ip.includes(':')) {
    const d = ip.replace(/:/g, '-');
    return d.endsWith('-') ? `${d}0` : d;
  }
  return ip.replace(/\./g, '-');
}

/** `10.244.1.5` → `5.1.244.10.in-addr.arpa.` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** dnsutil.ExtractAddressFromReverse for IPv4: the address a full `d.c.b.a.in-addr.arpa.` names; '' otherwise. */
export function addressFromReverse(name: string): string {
  const n = canonicalName(name);
  if (!n.endsWith('.in-addr.arpa.')) return '';
  const parts = n.slice(0, -'.in-addr.arpa.'.length).split('.');
  if (parts.length !== 4) return '';
  const ip = parts.reverse().join('.');
  return parseIPv4(ip) === null ? '' : ip;
}

/** Whether `name` is under in-addr.arpa or ip6.arpa (dnsutil.IsReverse). */
export function isReverse(name: string): boolean {
  const n = canonicalName(name);
  return n.endsWith('.in-addr.arpa.') || n === 'in-addr.arpa.' || n.endsWith('.ip6.arpa.') || n === 'ip6.arpa.';
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== null;
}

/** A rough IPv6 check (the simulator's clusters are IPv4; IPv6 appears only in names and hand-written records). */
export function isIPv6(text: string): boolean {
  return /^[0-9a-fA-F:]+$/.test(text) && text.includes(':') && (text.match(/::/g) ?? []).length <= 1;
}
