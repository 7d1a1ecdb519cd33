/**
 * Cilium's datapath. Expected values follow cilium/cilium:
 * - pkg/datapath/linux: the cilium_host/cilium_net veth pair (cilium_net registered first,
 *   each named `@` the other), cilium_host holding the router IP/32, cilium_vxlan a
 *   collect-metadata ("external") vxlan device on 8472;
 * - connector `Endpoint2IfName`: `lxc` + SHA-256(container ID) hex cut to 15 characters;
 *   the Pod's eth0 is the peer created first in the node's namespace and moved, keeping its
 *   index k; the node's `lxc...@if<k>` is k+1; `lxc_health@if6` at 7;
 * - Pod routes `default via <router> dev eth0 mtu 1450` and `<router> dev eth0 scope link`;
 *   node routes through cilium_host with `proto kernel src <router>` (remote ones `mtu 1450`).
 */
import { buildNodeNetwork, buildPodNetwork, lookupRoute, routeEffect, runCommandLine } from '../../../src/engine';
import { ciliumVethName } from '../../../src/engine/datapath/cilium';
import { must, withCni } from './support';

describe('cilium datapath', () => {
  const result = withCni('cilium');
  const worker = must(result.cluster.nodes.find((n) => n.name === 'kind-worker'));
  const router = must(worker.cni?.nodeIP);
  const web = must(result.pods.find((p) => p.name === 'web'));

  it('takes the router IP and Pod IPs from the node\'s cluster-pool /24, never its network or broadcast address', () => {
    expect(worker.cni?.podCIDRs).toEqual(['10.0.1.0/24']);
    for (const ip of [router, ...result.pods.filter((p) => p.nodeName === 'kind-worker' && !p.hostNetwork).map((p) => must(p.ip))]) {
      expect(ip).toMatch(/^10\.0\.1\.(\d+)$/);
      expect(Number(ip.split('.')[3])).toBeGreaterThanOrEqual(1);
      expect(Number(ip.split('.')[3])).toBeLessThanOrEqual(254);
    }
  });

  it('prints the node routes through cilium_host', () => {
    expect(runCommandLine(result, 'ip route', { node: 'kind-worker' }).stdout).toBe(
      [
        'default via 172.18.0.1 dev eth0 ',
        `10.0.0.0/24 via ${router} dev cilium_host proto kernel src ${router} mtu 1450 `,
        `10.0.1.0/24 via ${router} dev cilium_host proto kernel src ${router} `,
        `${router} dev cilium_host proto kernel scope link `,
        `10.0.2.0/24 via ${router} dev cilium_host proto kernel src ${router} mtu 1450 `,
        '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ',
        '',
      ].join('\n'),
    );
  });

  it('prints the agent devices and the lxc pairs with indexes that agree', () => {
    const links = runCommandLine(result, 'ip link', { node: 'kind-worker' }).stdout;
    expect(links).toContain('3: cilium_net@cilium_host: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n');
    expect(links).toContain('4: cilium_host@cilium_net: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n');
    expect(links).toContain('7: lxc_health@if6: ');
    expect(runCommandLine(result, 'ip -d link show cilium_vxlan', { node: 'kind-worker' }).stdout.split('\n')[2]).toBe('    vxlan external srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 ');
    const node = must(buildNodeNetwork(result, 'kind-worker'));
    const pod = must(buildPodNetwork(result, 'default', 'web'));
    const eth0 = must(pod.interfaces.find((i) => i.name === 'eth0'));
    const lxc = must(node.interfaces.find((i) => i.index === eth0.peerIndex));
    expect(lxc.name).toMatch(/^lxc[0-9a-f]{12}$/);
    expect(lxc.peerIndex).toBe(eth0.index);
    expect(lxc.index).toBe(eth0.index + 1);
    expect(ciliumVethName('abc')).toBe('lxcba7816bf8f01'); // SHA-256("abc") = ba7816bf8f01cfea...
  });

  it('gives the Pod IP/32 and routes via the router IP with the tunnel MTU', () => {
    expect(runCommandLine(result, 'kubectl exec web -- ip route').stdout).toBe(`default via ${router} dev eth0 mtu 1450 \n${router} dev eth0 scope link \n`);
    expect(runCommandLine(result, 'kubectl exec web -- ip addr show eth0').stdout).toContain(`    inet ${web.ip}/32 scope global eth0\n`);
  });

  it('lets a tracer see cilium\'s BPF encapsulating to the node owning the CIDR', () => {
    const node = must(buildNodeNetwork(result, 'kind-worker'));
    const client = must(result.pods.find((p) => p.name === 'client')?.ip);
    expect(routeEffect(node, lookupRoute(node, client), client)).toEqual({ action: 'cilium', dev: 'cilium_host', tunnel: { dev: 'cilium_vxlan', protocol: 'vxlan', port: 8472, remote: '172.18.0.4', remoteNode: 'kind-worker2' } });
    const ns = must(node.netns.find((n) => n.podName === 'web'));
    const lxc = must(node.interfaces.find((i) => i.linkNetns === ns.name));
    expect(routeEffect(node, lookupRoute(node, must(web.ip)), must(web.ip))).toEqual({ action: 'cilium', dev: 'cilium_host', endpoint: lxc.name, peerNetns: ns.name });
  });

  it('routes native mode with auto-direct-node-routes via the nodes, without route MTUs', () => {
    const native = withCni('cilium', (t) => t.replace('routing-mode: "tunnel"', 'routing-mode: "native"\n  ipv4-native-routing-cidr: "10.0.0.0/8"\n  auto-direct-node-routes: "true"'));
    const out = runCommandLine(native, 'ip route', { node: 'kind-worker' }).stdout;
    expect(out).toContain('10.0.2.0/24 via 172.18.0.4 dev eth0 proto kernel \n');
    expect(out).not.toContain('mtu');
    expect(runCommandLine(native, 'ip link', { node: 'kind-worker' }).stdout).not.toContain('cilium_vxlan');
  });
});
