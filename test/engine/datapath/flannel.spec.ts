/**
 * flannel's datapath as `ip` prints it. Expected values follow:
 * - flannel cni plugin → bridge (containernetworking/plugins plugins/main/bridge,
 *   isGateway + isDefaultGateway as kube-flannel.yml's cni-conf.json delegates): bridge
 *   `cni0` holding the podCIDR's .1/24 (FLANNEL_SUBNET), `veth<8 hex>` ports with
 *   `master cni0`, the Pod's eth0 IP/24 with `default via .1`, the route to FLANNEL_NETWORK
 *   the flannel plugin adds to the IPAM routes, and the kernel's subnet route;
 * - flanneld's vxlan backend (flannel-io/flannel pkg/backend/vxlan): `flannel.1` with VNI 1,
 *   dstport 8472, nolearning, MTU 1450, holding `<podCIDR .0>/32`, and per remote node
 *   `<podCIDR> via <podCIDR .0> dev flannel.1 onlink`; host-gw: `via <InternalIP> dev eth0`.
 */
import { buildNodeNetwork, buildPodNetwork, lookupRoute, routeEffect, runCommandLine } from '../../../src/engine';
import { must, withCni } from './support';

describe('flannel datapath', () => {
  const result = withCni('flannel');
  const node = must(buildNodeNetwork(result, 'kind-worker'));
  const web = must(buildPodNetwork(result, 'default', 'web'));
  const webIP = must(result.pods.find((p) => p.name === 'web')?.ip);
  const nsOf = (pod: string) => must(node.netns.find((n) => n.podName === pod)).name;
  const vethOf = (pod: string) => must(node.interfaces.find((i) => i.linkNetns === nsOf(pod)));

  it('routes other nodes through flannel.1 onlink and its own subnet to cni0', () => {
    expect(runCommandLine(result, 'ip route', { node: 'kind-worker' }).stdout).toBe(
      [
        'default via 172.18.0.1 dev eth0 ',
        '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink ',
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 ',
        '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink ',
        '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ',
        '',
      ].join('\n'),
    );
  });

  it('gives the Pod the bridge plugin routes and IP/24', () => {
    expect(runCommandLine(result, 'kubectl exec web -- ip route').stdout).toBe(`default via 10.244.1.1 dev eth0 \n10.244.0.0/16 via 10.244.1.1 dev eth0 \n10.244.1.0/24 dev eth0 proto kernel scope link src ${webIP} \n`);
    const eth0 = must(web.interfaces.find((i) => i.name === 'eth0'));
    expect(eth0).toMatchObject({ index: 2, mtu: 1450, peerIndex: vethOf('web').index });
    expect(eth0.addresses[0]).toEqual({ family: 'inet', address: webIP, prefixLength: 24, broadcast: '10.244.1.255', scope: 'global' });
  });

  it('shows flannel.1, cni0 and the bridge ports as iproute2 does', () => {
    const flannel1 = runCommandLine(result, 'ip -d link show flannel.1', { node: 'kind-worker' }).stdout.split('\n');
    expect(flannel1[0]).toBe('3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default ');
    expect(flannel1[2]).toBe('    vxlan id 1 local 172.18.0.3 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 ');
    expect(runCommandLine(result, 'ip addr show flannel.1', { node: 'kind-worker' }).stdout).toContain('    inet 10.244.1.0/32 scope global flannel.1\n');
    expect(runCommandLine(result, 'ip addr show cni0', { node: 'kind-worker' }).stdout).toContain('    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0\n');
    const veth = vethOf('web');
    expect(veth.name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(runCommandLine(result, `ip link show ${veth.name}`, { node: 'kind-worker' }).stdout).toBe(
      `${veth.index}: ${veth.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT group default \n    link/ether ${veth.mac} brd ff:ff:ff:ff:ff:ff link-netns ${nsOf('web')}\n`,
    );
    // Bridge ports carry no IPv4 address (the gateway lives on cni0).
    expect(veth.addresses.map((a) => a.family)).toEqual(['inet6']);
  });

  it('lets a tracer follow a packet to a Pod on another node: vxlan to its VTEP', () => {
    const clientIP = must(result.pods.find((p) => p.name === 'client')?.ip);
    const fromPod = lookupRoute(web, clientIP);
    expect(routeEffect(web, fromPod, clientIP)).toEqual({ action: 'veth', dev: 'eth0', nextHop: '10.244.1.1', peerIndex: vethOf('web').index, peerNetnsId: 0 });
    const onNode = lookupRoute(node, clientIP);
    expect(onNode).toEqual({ destination: '10.244.2.0/24', via: '10.244.2.0', dev: 'flannel.1', onlink: true });
    expect(routeEffect(node, onNode, clientIP)).toEqual({ action: 'vxlan', dev: 'flannel.1', vni: 1, port: 8472, local: '172.18.0.3', remote: '172.18.0.4', remoteNode: 'kind-worker2', innerNextHop: '10.244.2.0' });
    expect(routeEffect(node, lookupRoute(node, webIP), webIP)).toEqual({ action: 'bridge', dev: 'cni0', nextHop: webIP, port: vethOf('web').name, peerNetns: nsOf('web') });
  });

  it('routes host-gw through the nodes', () => {
    const hostGw = withCni('flannel', (t) => t.replace('"Type": "vxlan"', '"Type": "host-gw"'));
    const out = runCommandLine(hostGw, 'ip route', { node: 'kind-worker' }).stdout;
    expect(out).toContain('10.244.2.0/24 via 172.18.0.4 dev eth0 \n');
    expect(out).not.toContain('flannel.1');
    expect(must(buildNodeNetwork(hostGw, 'kind-worker')).interfaces.map((i) => i.name).slice(0, 3)).toEqual(['lo', 'eth0', 'cni0']);
  });
});

describe('ip route get (flannel)', () => {
  const result = withCni('flannel');
  const client = must(result.pods.find((p) => p.name === 'client')?.ip);
  const web = must(result.pods.find((p) => p.name === 'web')?.ip);

  it('resolves through the routes with the kernel\'s source address choice', () => {
    // Route via flannel.1 without src: the device's own address is the source.
    expect(runCommandLine(result, `ip route get ${client}`, { node: 'kind-worker' }).stdout).toBe(`${client} via 10.244.2.0 dev flannel.1 src 10.244.1.0 uid 0 \n    cache \n`);
    expect(runCommandLine(result, `ip route get ${web}`, { node: 'kind-worker' }).stdout).toBe(`${web} dev cni0 src 10.244.1.1 uid 0 \n    cache \n`);
    expect(runCommandLine(result, `kubectl exec web -- ip route get ${client}`).stdout).toBe(`${client} via 10.244.1.1 dev eth0 src ${web} uid 0 \n    cache \n`);
    expect(runCommandLine(result, 'ip route get 10.244.1.1', { node: 'kind-worker' }).stdout).toBe('local 10.244.1.1 dev lo src 10.244.1.1 uid 0 \n    cache <local> \n');
  });
});

describe('ip link selectors', () => {
  const result = withCni('flannel');
  it('lists the ports of a bridge (master cni0) and links of a kind (type vxlan)', () => {
    const ports = runCommandLine(result, 'ip -br link show master cni0', { node: 'kind-worker' }).stdout.trim().split('\n');
    const node = must(buildNodeNetwork(result, 'kind-worker'));
    expect(ports.map((l) => l.split(' ')[0])).toEqual(node.interfaces.filter((i) => i.master === 'cni0').map((i) => `${i.name}@if2`));
    expect(runCommandLine(result, 'ip -br link show type vxlan', { node: 'kind-worker' }).stdout).toMatch(/^flannel\.1 +UNKNOWN +[0-9a-f:]{17} <BROADCAST,MULTICAST,UP,LOWER_UP> \n$/);
    expect(runCommandLine(result, 'ip link show master br0', { node: 'kind-worker' }).stderr).toBe('Device "br0" does not exist.\n');
  });
});
