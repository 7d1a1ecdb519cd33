/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go portProtoHash /
 * servicePortEndpointChainName): the first 16 characters of the RFC 4648 base32 of
 * SHA-256 over the service-port name, the lower-cased protocol and, for endpoint chains,
 * the endpoint's `ip:port` (Go's net.JoinHostPort), concatenated without separators.
 * See shared/docs/reference/kube-proxy.md §1.
 */
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (upper case, no padding). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(acc << (5 - bits)) & 31];
  return out;
}

function hash16(text: string): string {
  return base32(createHash('sha256').update(text, 'utf8').digest()).slice(0, 16);
}

/**
 * The service-port name kube-proxy prints in comments and hashes: `ns/svc:port`, or
 * `ns/svc` when the port is unnamed (no trailing colon since v1.19).
 */
export function servicePortName(namespace: string, name: string, portName: string): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** The suffix shared by KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW- chains of one service port. */
export function servicePortChainSuffix(spn: string, protocol: string): string {
  return hash16(spn + protocol.toLowerCase());
}

/** `ip:port` as Go's net.JoinHostPort writes it (IPv6 in brackets). */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The KUBE-SEP- chain of one endpoint of one service port. */
export function endpointChainName(spn: string, protocol: string, ip: string, port: number): string {
  return `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + joinHostPort(ip, port))}`;
}

/**
 * nftables mode's chain-name base (pkg/proxy/nftables/proxier.go hashAndTruncate): the
 * first 8 base32 characters of SHA-256(name), a hyphen, then the readable name, cut to
 * 240 characters with "..." (never reached by valid Kubernetes names).
 */
export function nftNameBase(name: string): string {
  const hashed = `${base32(createHash('sha256').update(name, 'utf8').digest()).slice(0, 8)}-${name}`;
  return hashed.length > 240 ? `${hashed.slice(0, 237)}...` : hashed;
}

/** `ns/svc/proto/portName`: the readable part of a service port's nftables chains (unnamed port: trailing slash). */
export function nftServicePortName(namespace: string, name: string, protocol: string, portName: string): string {
  return `${namespace}/${name}/${protocol.toLowerCase()}/${portName}`;
}

/** `ns/svc/proto/portName__ip/port` for an endpoint chain and affinity set (IPv6 colons become dots). */
export function nftEndpointName(namespace: string, name: string, protocol: string, portName: string, ip: string, port: number): string {
  return `${nftServicePortName(namespace, name, protocol, portName)}__${ip.replace(/:/g, '.')}/${port}`;
}
