/**
 * Route lookup in one network namespace, and what the chosen route's device does to the
 * packet — what a packet tracer needs to walk the views hop by hop.
 *
 * `lookupRoute` follows the kernel's FIB for the main table: the longest matching prefix
 * wins (`default` is /0); among equal prefixes the lowest metric, then the first listed.
 * A blackhole route matches like any other and drops the packet. Routes are not checked
 * against the device's state (every device the views list is up).
 */
import { cidrHas } from './netns';
import type { NetnsView, NetworkInterface, Route } from './types';

function prefixOf(r: Route): number {
  if (r.destination === 'default') return 0;
  const [, len] = r.destination.split('/');
  return len === undefined ? 32 : Number(len);
}

/** The route the kernel picks for `destination` (an IPv4 address), or null (`RTNETLINK answers: Network is unreachable`). */
export function lookupRoute(view: NetnsView, destination: string): Route | null {
  let best: Route | null = null;
  for (const r of view.routes) {
    if (r.destination !== 'default' && !cidrHas(r.destination, destination)) continue;
    if (!best || prefixOf(r) > prefixOf(best) || (prefixOf(r) === prefixOf(best) && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
  }
  return best;
}

/** What sending out of a route's device means for the packet. */
export type RouteEffect =
  /** Dropped (`blackhole` route): calico's own-block route for addresses no Pod holds. */
  | { action: 'drop'; reason: 'blackhole' }
  /** No route, or a route through a device this namespace does not have. */
  | { action: 'unreachable'; reason: string }
  /**
   * Out of a veth: the packet appears in the peer's namespace (`peerNetns` by name when it
   * is a named netns of this node, `peerNetnsId` otherwise — 0: the node's namespace seen
   * from a Pod).
   */
  | { action: 'veth'; dev: string; nextHop: string; peerIndex?: number; peerNetns?: string; peerNetnsId?: number }
  /** Into a bridge (flannel's cni0): delivered to the port (`port`, into netns `peerNetns`) whose Pod holds the address; no port when none does. */
  | { action: 'bridge'; dev: string; nextHop: string; port?: string; peerNetns?: string }
  /** Out of the node's uplink onto kind's docker network, to `nextHop`. */
  | { action: 'forward'; dev: string; nextHop: string; onlink: boolean }
  /** Encapsulated in UDP: VXLAN/Geneve to the remote VTEP `remote` (a node's InternalIP). */
  | { action: 'vxlan' | 'geneve'; dev: string; vni: number; port: number; local?: string; remote: string; remoteNode: string; innerNextHop: string }
  /** Encapsulated in IPv4 (protocol 4) to `remote`. */
  | { action: 'ipip'; dev: string; remote: string; remoteNode: string }
  /**
   * Into cilium_host: cilium's BPF program takes the packet; it delivers to a local endpoint
   * (`endpoint`: its lxc device, into netns `peerNetns`) or, when `tunnel` is set,
   * encapsulates to the node owning the destination's CIDR.
   */
  | { action: 'cilium'; dev: string; endpoint?: string; peerNetns?: string; tunnel?: { dev: string; protocol: 'vxlan' | 'geneve'; port: number; remote: string; remoteNode: string } };

/** What the device of `route` does with a packet for `destination` in `view`. */
export function routeEffect(view: NetnsView, route: Route | null, destination: string): RouteEffect {
  if (!route) return { action: 'unreachable', reason: 'no route to the destination (Network is unreachable)' };
  if (route.type === 'blackhole') return { action: 'drop', reason: 'blackhole' };
  const dev = view.interfaces.find((i) => i.name === route.dev);
  if (!dev) return { action: 'unreachable', reason: `no device ${route.dev}` };
  const nextHop = route.via ?? destination;
  const peers = (view.tunnelPeers ?? []).filter((p) => p.dev === dev.name);
  if (dev.kind === 'vxlan' || dev.kind === 'geneve') {
    // Cilium's device is reached through cilium_host, not routed to; flannel's and calico's are routed to.
    const p = peers.find((x) => x.match === nextHop);
    if (!p) return { action: 'unreachable', reason: `${dev.name} has no forwarding entry for ${nextHop}` };
    return { action: dev.kind, dev: dev.name, vni: dev.vxlan?.id ?? 0, port: dev.vxlan?.port ?? 0, ...(dev.vxlan?.local ? { local: dev.vxlan.local } : {}), remote: p.remote, remoteNode: p.node, innerNextHop: nextHop };
  }
  if (dev.kind === 'ipip') {
    const p = peers.find((x) => x.match === nextHop);
    return { action: 'ipip', dev: dev.name, remote: nextHop, remoteNode: p?.node ?? '' };
  }
  if (dev.kind === 'bridge') {
    const port = localPort(view, nextHop, (i) => i.master === dev.name);
    return { action: 'bridge', dev: dev.name, nextHop, ...(port ? { port: port.dev, peerNetns: port.peerNetns } : {}) };
  }
  if (dev.name === 'cilium_host') {
    const tunnelDev = view.interfaces.find((i) => i.name === 'cilium_vxlan' || i.name === 'cilium_geneve');
    const p = tunnelDev ? (view.tunnelPeers ?? []).find((x) => x.dev === tunnelDev.name && cidrHas(x.match, destination)) : undefined;
    if (!tunnelDev || !p) {
      const endpoint = localPort(view, destination, (i) => i.name.startsWith('lxc'));
      return { action: 'cilium', dev: dev.name, ...(endpoint ? { endpoint: endpoint.dev, peerNetns: endpoint.peerNetns } : {}) };
    }
    return { action: 'cilium', dev: dev.name, tunnel: { dev: tunnelDev.name, protocol: tunnelDev.kind === 'geneve' ? 'geneve' : 'vxlan', port: tunnelDev.vxlan?.port ?? 0, remote: p.remote, remoteNode: p.node } };
  }
  // A Pod's eth0 or a node's Pod-side veth; the node's own eth0 (no kind: docker's veth) forwards onto kind's network.
  if (dev.kind === 'veth') {
    return { action: 'veth', dev: dev.name, nextHop, ...(dev.peerIndex !== undefined ? { peerIndex: dev.peerIndex } : {}), ...(dev.linkNetns ? { peerNetns: dev.linkNetns } : {}), ...(dev.linkNetnsId !== undefined ? { peerNetnsId: dev.linkNetnsId } : {}) };
  }
  return { action: 'forward', dev: dev.name, nextHop, onlink: route.onlink ?? false };
}

/** The node-side veth (matching `which`) of the local Pod holding `ip`, with the Pod's netns; undefined when no local Pod holds it. */
function localPort(view: NetnsView, ip: string, which: (i: NetworkInterface) => boolean): { dev: string; peerNetns: string } | undefined {
  const ns = view.netns.find((n) => n.podIP === ip);
  const dev = ns ? view.interfaces.find((i) => i.linkNetns === ns.name && which(i)) : undefined;
  return dev && ns ? { dev: dev.name, peerNetns: ns.name } : undefined;
}
