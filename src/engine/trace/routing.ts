/**
 * Addresses of a network namespace as netfilter and the routing code use them (route
 * lookup itself is datapath/route-lookup.ts).
 */
import type { NetnsView, Route } from '../datapath';

/** The address a packet leaving by `route` gets as its source: the route's `src`, else the device's first IPv4 address (what MASQUERADE picks). */
export function sourceAddress(view: NetnsView, route: Route): string | undefined {
  if (route.src) return route.src;
  return view.interfaces.find((i) => i.name === route.dev)?.addresses.find((a) => a.family === 'inet')?.address;
}

/** Every IPv4 address of the namespace (`addrtype LOCAL`), loopback range included. */
export function localAddresses(view: NetnsView): Set<string> {
  const out = new Set<string>();
  for (const i of view.interfaces) for (const a of i.addresses) if (a.family === 'inet') out.add(a.address);
  return out;
}
