/**
 * The trace contract's addresses as typed: `--from ns/pod | pod | node/NAME |
 * external[:IP]`, `--to IP:port | URL`. A URL's port defaults by scheme (http 80,
 * https 443); a host name is returned as a name for the caller to resolve.
 */
import { parseIPv4 } from '../cluster/cidr';
import type { TraceSource } from './types';

export class TraceSyntaxError extends Error {}

export function parseTraceSource(text: string, defaultNamespace = 'default'): TraceSource {
  if (text === 'external') return { kind: 'external' };
  if (text.startsWith('external:')) {
    const ip = text.slice('external:'.length);
    if (parseIPv4(ip) === null) throw new TraceSyntaxError(`--from ${text}: ${ip} is not an IPv4 address`);
    return { kind: 'external', ip };
  }
  if (text.startsWith('node/')) return { kind: 'node', name: text.slice('node/'.length) };
  const parts = text.replace(/^(pods?|po)\//, '').split('/');
  if (parts.length === 1 && parts[0]) return { kind: 'pod', namespace: defaultNamespace, name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: 'pod', namespace: parts[0], name: parts[1] };
  throw new TraceSyntaxError(`--from ${text}: expected NAMESPACE/POD, POD, node/NAME, external or external:IP`);
}

/** Where a connection goes: an address, or a name still to be looked up; the URL's path for HTTP clients. */
export interface TraceTarget {
  host: string;
  /** The host is an IPv4 address (no lookup needed). */
  isAddress: boolean;
  port: number;
  scheme?: 'http' | 'https';
  path?: string;
}

export function parseTraceTarget(text: string): TraceTarget {
  const url = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)?(\?[^#]*)?/i.exec(text);
  if (url) {
    const scheme = url[1].toLowerCase() as 'http' | 'https';
    const port = url[3] !== undefined ? Number(url[3]) : scheme === 'https' ? 443 : 80;
    checkPort(text, port);
    return { host: url[2].toLowerCase(), isAddress: parseIPv4(url[2]) !== null, port, scheme, path: (url[4] || '/') + (url[5] ?? '') };
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || !/^\d+$/.test(text.slice(colon + 1))) throw new TraceSyntaxError(`--to ${text}: expected IP:PORT, NAME:PORT or a URL (http://NAME[:PORT]/PATH)`);
  const port = Number(text.slice(colon + 1));
  checkPort(text, port);
  const host = text.slice(0, colon).toLowerCase();
  return { host, isAddress: parseIPv4(host) !== null, port };
}

function checkPort(text: string, port: number): void {
  if (port < 1 || port > 65535) throw new TraceSyntaxError(`--to ${text}: port ${port} is not between 1 and 65535`);
}

/** The address to connect to: the target's own, `localhost` as 127.0.0.1; null for a name that needs a lookup. */
export function targetAddress(target: TraceTarget): string | null {
  if (target.isAddress) return target.host;
  return target.host === 'localhost' ? '127.0.0.1' : null;
}

/** The HTTP request a URL target makes (Host header from the URL), for Ingress controllers on the way. */
export function targetHttp(target: TraceTarget): { host: string; path: string; scheme: 'http' | 'https' } | undefined {
  return target.scheme ? { host: target.host, path: target.path ?? '/', scheme: target.scheme } : undefined;
}
