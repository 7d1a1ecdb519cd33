/** IPv4 addresses and CIDR blocks as 32-bit unsigned integers. (v0 is single-stack IPv4, like a default kind cluster.) */

/** An IPv4 block: its network address and prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Parses dotted-quad IPv4, or returns null. Leading zeros are refused, as Go's netip does. */
export function parseIPv4(text: string): number | null {
  if (!IPV4.test(text)) return null;
  return text.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

export function formatIPv4(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/** Parses "10.96.0.0/16"; the address is masked to the network address. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, ...rest] = text.split('/');
  if (rest.length > 0 || len === undefined || !/^\d{1,2}$/.test(len)) return null;
  const ip = parseIPv4(addr);
  const prefix = Number(len);
  if (ip === null || prefix > 32) return null;
  return { base: (ip & mask(prefix)) >>> 0, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.prefix}`;
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & mask(cidr.prefix)) >>> 0) === cidr.base;
}

/** The n-th subnet of length `prefix` inside `cidr` (how the node IPAM controller carves pod CIDRs). */
export function subnet(cidr: Cidr, prefix: number, index: number): Cidr {
  return { base: (cidr.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Numeric sort key for an IP string (non-IPs sort last). */
export function ipSortKey(ip: string | null): number {
  const n = ip === null ? null : parseIPv4(ip);
  return n === null ? 2 ** 32 : n;
}

const parsedCidrs = new Map<string, Cidr | null>();

/** Whether `ip` is inside `cidr` ("10.96.0.1/32", or a bare address for /32); false when either does not parse. */
export function inCidr(ip: string, cidr: string): boolean {
  let c = parsedCidrs.get(cidr);
  if (c === undefined) {
    c = parseCidr(cidr.includes('/') ? cidr : `${cidr}/32`);
    if (parsedCidrs.size > 10000) parsedCidrs.clear();
    parsedCidrs.set(cidr, c);
  }
  const n = parseIPv4(ip);
  return c !== null && n !== null && cidrContains(c, n);
}
