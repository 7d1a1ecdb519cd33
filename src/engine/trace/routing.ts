/**
 * The kernel's route lookup in one network namespace's main table (`ip route get`):
 * the longest matching prefix wins; `default` matches everything. The source address is
 * the route's `src`, else the first IPv4 address of the outgoing device (what MASQUERADE
 * picks).
 */
import { inCidr } from '../cluster/cidr';
import type { NetnsView, Route } from '../datapath';

function prefixOf(r: Route): number {
  if (r.destination === 'default') return 0;
  const slash = r.destination.indexOf('/');
  return slash < 0 ? 32 : Number(r.destination.slice(slash + 1));
}

export function lookupRoute(view: NetnsView, dst: string): Route | undefined {
  let best: Route | undefined;
  let bestPrefix = -1;
  for (const r of view.routes) {
    const prefix = prefixOf(r);
    if (prefix <= bestPrefix) continue;
    if (r.destination === 'default' || inCidr(dst, r.destination)) {
      best = r;
      bestPrefix = prefix;
    }
  }
  return best;
}

/** The address a packet leaving by `route` gets as its source. */
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
