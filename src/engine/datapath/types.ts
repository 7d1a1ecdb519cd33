/** A network namespace's links, addresses and routes, as `ip addr` / `ip route` show them. */

/** One address of a link (`ip addr`'s `inet` / `inet6` lines). */
export interface InterfaceAddress {
  family: 'inet' | 'inet6';
  /** The address without prefix, e.g. `10.244.1.2` or `fe80::1`. */
  address: string;
  prefixLength: number;
  /** IPv4 broadcast (`brd`), when set. */
  broadcast?: string;
  /** `global`, `link` or `host`. */
  scope: string;
}

/** One link (`ip link` / `ip addr`). */
export interface NetworkInterface {
  /** ifindex within its network namespace. */
  index: number;
  name: string;
  /** For a veth: the peer's ifindex in the peer's namespace (printed `name@ifN`). */
  peerIndex?: number;
  /** `loopback` or `ether` (`link/<type>`). */
  linkType: 'loopback' | 'ether';
  mac: string;
  mtu: number;
  /** The flags between `<>`, e.g. `BROADCAST,MULTICAST,UP,LOWER_UP`. */
  flags: string[];
  /** Operational state: `UP` or `UNKNOWN` (loopback). */
  state: string;
  /** tx queue length when the link has one (`qlen 1000` on lo); absent for veths. */
  qlen?: number;
  /** The peer's namespace by name, when it is a named netns here (`link-netns cni-...`). */
  linkNetns?: string;
  /** The peer's namespace by id, when it has no name here (`link-netnsid N`). */
  linkNetnsId?: number;
  addresses: InterfaceAddress[];
}

/** One route of the main table (`ip route`). */
export interface Route {
  /** `default` or `a.b.c.d` / `a.b.c.d/len`. */
  destination: string;
  via?: string;
  dev: string;
  /** `kernel` for routes the kernel adds with an address; absent for `boot`. */
  proto?: string;
  /** Absent for `universe`. */
  scope?: string;
  src?: string;
}

/** A named network namespace (`ip netns list`): one per Pod sandbox. */
export interface NamedNetns {
  name: string;
  /** The nsid the node's namespace has given it (`(id: N)`). */
  id: number;
  /** The Pod whose sandbox (pause container) holds it. */
  podNamespace: string;
  podName: string;
}

/** Everything `ip` shows inside one network namespace. */
export interface NetnsView {
  interfaces: NetworkInterface[];
  routes: Route[];
  /** Named namespaces under /var/run/netns (a node's Pod sandboxes; [] inside a Pod). */
  netns: NamedNetns[];
}
