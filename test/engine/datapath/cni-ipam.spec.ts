/**
 * The CNIs' IPAM (cluster/cni-ipam.ts), against upstream behaviour:
 * - calico-ipam (libcalico-go lib/ipam): blocks of blockSize from the pool, affine to one
 *   node; the tunnel address first; ordinals in order; a released ordinal goes to the back
 *   of the block's unallocated list; a full block makes the host claim another block;
 *   the error text when nothing is left (cni-plugin: "failed to request 1 IPv4 addresses.
 *   IPAM allocated only 0");
 * - cilium (k8s ipallocator bitmap, random scan): never the network or broadcast address;
 *   the router IP is the first allocation; "range is full" when exhausted.
 */
import { createPodIpams } from '../../../src/engine/cluster/cni-ipam';
import type { ClusterTopology, CniSettings } from '../../../src/engine/cluster/topology';

function topology(settings: CniSettings, nodes: string[]): ClusterTopology {
  return {
    name: 'kind',
    kubernetesVersion: 'v1.33',
    serviceCIDR: '10.96.0.0/16',
    podCIDR: '10.244.0.0/16',
    nodeCIDRMaskSize: 24,
    clusterDomain: 'cluster.local',
    clusterDNS: ['10.96.0.10'],
    kubernetesServiceIP: '10.96.0.1',
    dnsServiceIP: '10.96.0.10',
    nodePortRange: { base: 30000, size: 2768 },
    kubeProxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16' },
    cni: settings.ipam === 'calico-ipam' ? 'calico' : 'cilium',
    cniSettings: settings,
    portMappings: [],
    nodes: nodes.map((name, i) => ({
      name,
      roles: [],
      internalIP: `172.18.0.${i + 2}`,
      podCIDR: `10.244.${i}.0/24`,
      taints: [],
      labels: {},
      maxPods: 110,
      allocatable: {},
      ready: true,
      networkReady: true,
      unschedulable: false,
      nodeInfo: { kubeletVersion: '', containerRuntimeVersion: '', osImage: '', kernelVersion: '' },
      createdAt: 0,
    })),
  };
}

const last = (ip: string | null) => Number(ip?.split('.')[3]);

describe('calico-ipam', () => {
  const settings: CniSettings = { backend: 'ipip', mtu: 1480, ipam: 'calico-ipam', podNetwork: '192.168.0.0/24', nodeMaskSize: 30 };

  it('claims a block per node, gives the tunnel its first address and Pods the next ones', () => {
    const pools = createPodIpams(topology(settings, ['a', 'b']));
    const a = pools.get('a')!;
    const b = pools.get('b')!;
    expect(a.ranges()).toHaveLength(1);
    expect(a.ranges()[0]).not.toBe(b.ranges()[0]);
    const base = last(a.ranges()[0].split('/')[0]);
    expect(last(a.nodeAddress?.() ?? null)).toBe(base);
    expect([a.allocate(), a.allocate(), a.allocate()].map(last)).toEqual([base + 1, base + 2, base + 3]);
    // The /30 block is full: the next address comes from a second block affine to the same node.
    const next = a.allocate();
    expect(a.ranges()).toHaveLength(2);
    expect(a.ranges()[1]).toMatch(/\/30$/);
    expect(next).toBe(a.ranges()[1].split('/')[0]);
  });

  it('puts a released address at the back of its block', () => {
    const a = createPodIpams(topology({ ...settings, backend: 'none', nodeMaskSize: 29 }, ['a'])).get('a')!;
    expect(a.nodeAddress?.()).toBeUndefined();
    const first = a.allocate();
    const second = a.allocate();
    a.release(first!);
    expect(last(a.allocate())).toBe(last(second) + 1);
  });

  it('reports exhaustion as the calico cni plugin does', () => {
    const a = createPodIpams(topology({ ...settings, podNetwork: '192.168.0.0/30', nodeMaskSize: 30 }, ['a'])).get('a')!;
    for (let i = 0; i < 3; i++) expect(a.allocate()).not.toBeNull();
    expect(a.allocate()).toBeNull();
    expect(a.exhausted()).toBe('failed to request 1 IPv4 addresses. IPAM allocated only 0');
  });
});

describe('cilium cluster-pool', () => {
  const settings: CniSettings = { backend: 'vxlan', mtu: 1500, ipam: 'cluster-pool', podNetwork: '10.0.0.0/8', nodeMaskSize: 29 };

  it('gives nodes consecutive CIDRs and never hands out the network or broadcast address', () => {
    const pools = createPodIpams(topology(settings, ['a', 'b']));
    expect(pools.get('a')!.ranges()).toEqual(['10.0.0.0/29']);
    expect(pools.get('b')!.ranges()).toEqual(['10.0.0.8/29']);
    const a = pools.get('a')!;
    const got = [a.nodeAddress?.() ?? null];
    // 6 usable addresses: router, health, then 4 Pods.
    for (let i = 0; i < 4; i++) got.push(a.allocate());
    expect(a.allocate()).toBeNull();
    expect(a.exhausted()).toBe('unable to allocate IPv4 address: range is full (10.0.0.0/29)');
    expect(got.map(last).every((n) => n >= 1 && n <= 6)).toBe(true);
    expect(new Set(got).size).toBe(5);
  });

  it('uses spec.podCIDR in ipam mode kubernetes', () => {
    const pools = createPodIpams(topology({ ...settings, ipam: 'kubernetes', podNetwork: '10.244.0.0/16', nodeMaskSize: 24 }, ['a', 'b']));
    expect(pools.get('b')!.ranges()).toEqual(['10.244.1.0/24']);
  });
});
