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
  /** The link's parent by name when it is in this namespace (`cilium_host@cilium_net`), or `NONE` for a tunnel bound to no device (`tunl0@NONE`). */
  peerName?: string;
  /** `loopback`, `ether` or `ipip` (`link/<type>`; ipip prints the tunnel's local and remote, `0.0.0.0 brd 0.0.0.0`). */
  linkType: 'loopback' | 'ether' | 'ipip';
  /** The link kind (`ip -d link`): veth, bridge, vxlan, ipip, dummy, geneve; absent for lo and the node's eth0 as seen from inside. */
  kind?: 'veth' | 'bridge' | 'vxlan' | 'ipip' | 'dummy' | 'geneve';
  /** The bridge it is a port of (`master cni0`). */
  master?: string;
  /** The queueing discipline; absent: `noqueue`. A device that is down shows `noop`. */
  qdisc?: string;
  /** A vxlan device's settings (`ip -d link`): VNI (`id`; absent with `external`), local address, underlay device, UDP port. */
  vxlan?: { id?: number; local?: string; dev?: string; port: number; learning: boolean; external?: boolean };
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
  /** `blackhole` (dropped; printed before the destination); absent for an ordinary unicast route. */
  type?: 'blackhole';
  /** `default` or `a.b.c.d` / `a.b.c.d/len`. */
  destination: string;
  via?: string;
  /** The output device; '' for a blackhole route. */
  dev: string;
  /** `kernel` for routes the kernel adds with an address; absent for `boot`. */
  proto?: string;
  /** Absent for `universe`. */
  scope?: string;
  src?: string;
  /** `metric N` (the route's priority). */
  metric?: number;
  /** The gateway is taken as on-link even outside the device's subnets (`onlink`: flannel's and calico's tunnel routes). */
  onlink?: boolean;
  /** A route MTU (`mtu N`; cilium's tunnel routes). */
  mtu?: number;
}

/** A named network namespace (`ip netns list`): one per Pod sandbox. */
export interface NamedNetns {
  name: string;
  /** The nsid the node's namespace has given it (`(id: N)`). */
  id: number;
  /** The Pod whose sandbox (pause container) holds it. */
  podNamespace: string;
  podName: string;
  /** The Pod's IP (what a bridge or cilium delivers to this sandbox). */
  podIP?: string;
}

/**
 * Where an overlay device sends what it encapsulates: the vxlan FDB/ARP entries flannel and
 * felix write (inner next hop → remote VTEP), calico's IPIP peers, cilium's tunnel map
 * (remote Pod CIDR → node). Not printed by `ip`; the packet tracer reads it.
 */
export interface TunnelPeer {
  /** The overlay device: `flannel.1`, `vxlan.calico`, `tunl0`, `cilium_vxlan`, `cilium_geneve`. */
  dev: string;
  /** An inner next hop (`10.244.2.0`) or a destination range (`10.0.2.0/24`). */
  match: string;
  /** The remote node's underlay address (its InternalIP) the outer packet goes to. */
  remote: string;
  /** The remote node's name. */
  node: string;
}

/** Everything `ip` shows inside one network namespace. */
export interface NetnsView {
  interfaces: NetworkInterface[];
  routes: Route[];
  /** Named namespaces under /var/run/netns (a node's Pod sandboxes; [] inside a Pod). */
  netns: NamedNetns[];
  /** The overlay's remote endpoints, on a node whose CNI tunnels (absent otherwise). */
  tunnelPeers?: TunnelPeer[];
}
