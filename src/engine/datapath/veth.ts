/**
 * The two ends of a Pod sandbox's veth pair, as every CNI here leaves them: the host end
 * in the node's namespace (its peer in the Pod's netns, `link-netns cni-...`), the Pod's
 * `eth0` (its peer in the node's namespace, which the Pod's netns met first: nsid 0), and
 * the `ip netns` entry of the sandbox. What differs between CNIs (names, indexes, MACs,
 * addresses, bridge port) is passed in.
 */
import type { SimulationResult } from '../result';
import { broadcastOf, hex, linkLocal, randomMac, sandboxBases, VETH_FLAGS, type SandboxBase } from './netns';
import type { InterfaceAddress, NamedNetns, NetworkInterface } from './types';

/** A global IPv4 address `ip/prefix`, with the broadcast netlink computes (none for /31 and /32). */
export function inetAddress(ip: string, prefix: number): InterfaceAddress {
  const broadcast = broadcastOf(ip, prefix);
  return { family: 'inet', address: ip, prefixLength: prefix, ...(broadcast ? { broadcast } : {}), scope: 'global' };
}

/** The node-side end of a Pod's veth pair. */
export function hostVeth(link: { index: number; name: string; peerIndex: number; master?: string; mac: string; mtu: number; netns: string; addresses: InterfaceAddress[] }): NetworkInterface {
  return {
    index: link.index,
    name: link.name,
    peerIndex: link.peerIndex,
    linkType: 'ether',
    kind: 'veth',
    ...(link.master ? { master: link.master } : {}),
    mac: link.mac,
    mtu: link.mtu,
    flags: VETH_FLAGS,
    state: 'UP',
    linkNetns: link.netns,
    addresses: link.addresses,
  };
}

/** The Pod's `eth0`: IP/prefix and its link-local address. */
export function podEth0(link: { index: number; peerIndex: number; mac: string; mtu: number; ip: string; prefix: number }): NetworkInterface {
  return {
    index: link.index,
    name: 'eth0',
    peerIndex: link.peerIndex,
    linkType: 'ether',
    kind: 'veth',
    mac: link.mac,
    mtu: link.mtu,
    flags: VETH_FLAGS,
    state: 'UP',
    // The node's namespace is the first peer this netns met: nsid 0, and it has no name here.
    linkNetnsId: 0,
    addresses: [inetAddress(link.ip, link.prefix), linkLocal(link.mac)],
  };
}

/** The sandbox as `ip netns` lists it on the node, with its nsid there. */
export function sandboxNetns(s: SandboxBase & { nsid: number }): NamedNetns {
  return { name: s.netns, id: s.nsid, podNamespace: s.pod.namespace, podName: s.pod.name, podIP: s.pod.ip ?? '' };
}

/** A sandbox whose host end is ip.RandomVethName's `veth<8 hex>` with a random MAC (the plugins' ptp and bridge). */
export interface RandomVethSandbox extends SandboxBase {
  /** nsid in the node's namespace: 0 is docker's host namespace (peer of the node's eth0). */
  nsid: number;
  hostVeth: string;
  hostIndex: number;
  hostMac: string;
  podMac: string;
}

/**
 * ptp and bridge create the host end in the node's namespace: the node's veths take
 * consecutive indexes from `firstHostIndex` in creation order (no Pod ever deleted).
 */
export function randomVethSandboxes(result: SimulationResult, nodeName: string, firstHostIndex: number): RandomVethSandbox[] {
  return sandboxBases(result, nodeName).map((b) => ({
    ...b,
    nsid: b.ordinal + 1,
    hostVeth: `veth${hex(b.rand, 4)}`,
    hostIndex: firstHostIndex + b.ordinal,
    hostMac: randomMac(b.rand),
    podMac: randomMac(b.rand),
  }));
}
