/**
 * Cross-node traces over each CNI's datapath: flannel's VXLAN (flannel.1, VNI 1, UDP 8472),
 * calico's IP-in-IP (tunl0), cilium's VXLAN tunnel (UDP 8472) — the tunnel hop names the
 * encapsulation and the remote node, and the packet arrives in the Pod unchanged.
 */
import { traceConnection } from '../../../src/engine';
import { must, withCni } from '../datapath/support';

describe.each([
  ['flannel', /^encapsulated in VXLAN by flannel\.1 \(VNI 1, UDP 8472\) from 172\.18\.0\.\d+ to kind-worker \(172\.18\.0\.\d+\)$/, 'flannel.1'],
  ['calico', /^encapsulated in IP-in-IP by tunl0 from 172\.18\.0\.\d+ to kind-worker \(172\.18\.0\.\d+\)$/, 'tunl0'],
  ['cilium', /^encapsulated by cilium's BPF program in VXLAN \(UDP 8472\) to kind-worker \(172\.18\.0\.\d+\)$/, 'cilium_vxlan'],
] as const)('%s', (cni, tunnel, arrivesOn) => {
  const result = withCni(cni);
  const web = must(result.pods.find((p) => p.namespace === 'default' && p.name === 'web'));

  it('client on kind-worker2 to web on kind-worker goes through the tunnel', () => {
    const t = traceConnection(result, { from: { kind: 'pod', namespace: 'default', name: 'client' }, to: { ip: web.ip!, port: 80 } });
    const hop = must(t.hops.find((h) => h.kind === 'tunnel'));
    expect(hop.node).toBe('kind-worker2');
    expect(hop.action).toMatch(tunnel);
    expect(t.hops).toContainEqual(expect.objectContaining({ node: 'kind-worker', interface: arrivesOn, kind: 'forward' }));
    expect(t.destination.pod).toBe('default/web');
    // nginx declares no port in these manifests: its image's server listens on 80.
    expect(t.verdict).toBe('delivered');
  });
});
