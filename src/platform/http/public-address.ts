import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses outbound requests (webhooks, LMS service calls) may not reach unless the
 * operator allows it (WEBHOOK_ALLOW_PRIVATE_ADDRESSES, LTI_ALLOW_PRIVATE_ADDRESSES): loopback,
 * private, shared (CGNAT), link-local (cloud metadata), documentation, benchmarking,
 * multicast and reserved ranges (IANA special-purpose registries), and IPv4 written as IPv6
 * (mapped, compatible, NAT64), which could smuggle any of those.
 */
const NON_PUBLIC_V4 = new BlockList();
// Separate lists: a BlockList also matches IPv4 addresses against IPv6 rules (as ::ffff:a.b.c.d).
const NON_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NON_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address (v4 or v6, without brackets) is outside every non-public range. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !NON_PUBLIC_V4.check(address, 'ipv4') : !NON_PUBLIC_V6.check(address, 'ipv6');
}

/** Why a URL's host, when it is an IP literal (IPv6 in brackets), is not a public destination; null otherwise. */
export function nonPublicAddressLiteral(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '');
  return isIP(host) && !isPublicAddress(host) ? `${hostname} is not a public address` : null;
}

/**
 * Why a URL's host is not a public destination, or null when nothing is known against it:
 * an IP literal in a non-public range, or `localhost`. Other names are checked when they
 * are resolved, at each attempt (publicOnlyLookup).
 */
export function nonPublicHost(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return `${hostname} is a loopback name`;
  return nonPublicAddressLiteral(hostname);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses names resolving to a non-public address. The
 * connection goes to the address checked here, so a name cannot resolve to a public address
 * for the check and to an internal one for the request.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new Error(`${hostname} resolves to ${refused.address}, not a public address`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
