/**
 * kindnet's datapath (ptp + host-local, kubernetes-sigs/kind images/kindnetd's
 * 10-kindnet.conflist) as `ip` prints it on a node and in a Pod. Expected values follow:
 * - containernetworking/plugins ptp: the Pod's eth0 holds IP/<podCIDR mask> with routes
 *   `default via GW`, `<podCIDR> via GW src IP`, `GW scope link src IP` (GW = the range's
 *   first address, host-local's default); the node-side `veth<8 hex>` (ip.RandomVethName)
 *   holds GW/32, and the node routes `IP dev veth... scope host`;
 * - kindnetd routes other nodes' podCIDRs via their InternalIP;
 * - the node's eth0: InternalIP/16 on kind's docker network, default via its .1, the
 *   kernel's `proto kernel scope link src` subnet route;
 * - iproute2's formats (ip/ipaddress.c, ip/iproute.c, ip/ipnetns.c), trailing spaces
 *   where iproute2 prints "%s ";
 * - random values (veth names, MACs, netns names) are read from the built view, and only
 *   their shape is checked; ifindexes must agree on both ends of each veth.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { buildNodeNetwork, buildPodNetwork, runCommandLine, simulate } from '../../../src/engine';
import { linkLocalFromMac } from '../../../src/engine/datapath/kindnet';

// Two bare Pods pinned to kind-worker (10.244.1.0/24) and kind-worker2 (10.244.2.0/24).
const scenario = readFileSync(path.join(__dirname, '../terminal/cases/get-pods-wide/scenario.yaml'), 'utf8');
const extra = `---
apiVersion: v1
kind: Pod
metadata: {name: second}
spec:
  nodeName: kind-worker
  containers: [{name: a, image: busybox}, {name: b, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  nodeName: kind-worker
  hostNetwork: true
  containers: [{name: a, image: busybox}]
`;
const result = simulate([{ name: 'scenario.yaml', content: scenario + extra }]);

function must<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Error('missing');
  return v;
}

describe('kindnet datapath', () => {
  const node = must(buildNodeNetwork(result, 'kind-worker'));
  const nginx = must(buildPodNetwork(result, 'default', 'nginx'));
  const second = must(buildPodNetwork(result, 'default', 'second'));
  const vethOf = (pod: string) => must(node.interfaces.find((i) => i.linkNetns === node.netns.find((n) => n.podName === pod)?.name));

  it('gives every sandboxed Pod on the node a netns and a veth pair whose indexes agree', () => {
    expect(node.netns.map((n) => n.podName).sort()).toEqual(['nginx', 'second']);
    for (const [pod, view] of [['nginx', nginx], ['second', second]] as const) {
      const veth = vethOf(pod);
      const eth0 = must(view.interfaces.find((i) => i.name === 'eth0'));
      expect(veth.name).toMatch(/^veth[0-9a-f]{8}$/);
      expect(eth0.index).toBe(2);
      expect(veth.peerIndex).toBe(eth0.index);
      expect(eth0.peerIndex).toBe(veth.index);
      expect(veth.mac).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/); // unicast, locally administered
    }
    for (const n of node.netns) expect(n.name).toMatch(/^cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(node.netns.map((n) => n.id)).size).toBe(2);
  });

  it('derives IPv6 link-local addresses by EUI-64 (the course notes: b2:3c:c6:4a:ce:9f → fe80::b03c:c6ff:fe4a:ce9f)', () => {
    expect(linkLocalFromMac('b2:3c:c6:4a:ce:9f')).toBe('fe80::b03c:c6ff:fe4a:ce9f');
    expect(linkLocalFromMac('02:42:ac:12:00:02')).toBe('fe80::42:acff:fe12:2');
  });

  it('is deterministic', () => {
    expect(buildNodeNetwork(simulate([{ name: 'scenario.yaml', content: scenario + extra }]), 'kind-worker')).toEqual(node);
  });

  it('prints the node routes: default via the docker gateway, a host route per Pod, kindnet routes per other node', () => {
    const out = runCommandLine(result, 'ip route', { node: 'kind-worker' });
    expect(out.stdout).toBe(
      [
        'default via 172.18.0.1 dev eth0 ',
        '10.244.0.0/24 via 172.18.0.2 dev eth0 ',
        `10.244.1.2 dev ${vethOf('nginx').name} scope host `,
        `10.244.1.3 dev ${vethOf('second').name} scope host `,
        '10.244.2.0/24 via 172.18.0.4 dev eth0 ',
        '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ',
        '',
      ].join('\n'),
    );
  });

  it('prints the Pod routes ptp installs', () => {
    const out = runCommandLine(result, 'kubectl exec nginx -- ip r');
    expect(out).toEqual({
      stdout: 'default via 10.244.1.1 dev eth0 \n10.244.1.0/24 via 10.244.1.1 dev eth0 src 10.244.1.2 \n10.244.1.1 dev eth0 scope link src 10.244.1.2 \n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('prints `ip addr` in the Pod as iproute2 does', () => {
    const eth0 = must(nginx.interfaces.find((i) => i.name === 'eth0'));
    const out = runCommandLine(result, 'kubectl exec -it nginx -- ip addr');
    expect(out.stdout).toBe(
      [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        '    inet6 ::1/128 scope host ',
        '       valid_lft forever preferred_lft forever',
        `2: eth0@if${vethOf('nginx').index}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default `,
        `    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
        '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0',
        '       valid_lft forever preferred_lft forever',
        `    inet6 ${linkLocalFromMac(eth0.mac)}/64 scope link `,
        '       valid_lft forever preferred_lft forever',
        '',
      ].join('\n'),
    );
  });

  it('prints the node links with the peer netns by name, and `ip netns list` with ids', () => {
    const veth = vethOf('nginx');
    const ns = must(node.netns.find((n) => n.podName === 'nginx'));
    const link = runCommandLine(result, `ip link | grep -A1 ^${veth.index}:`, { node: 'kind-worker' }).stdout;
    expect(link).toBe(
      `${veth.index}: ${veth.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n` +
        `    link/ether ${veth.mac} brd ff:ff:ff:ff:ff:ff link-netns ${ns.name}\n`,
    );
    expect(runCommandLine(result, 'ip netns list', { node: 'kind-worker' }).stdout).toBe(node.netns.map((n) => `${n.name} (id: ${n.id})\n`).join(''));
    const addr = runCommandLine(result, `ip a show ${veth.name}`, { node: 'kind-worker' }).stdout;
    expect(addr).toContain(`    inet 10.244.1.1/32 scope global ${veth.name}\n`);
  });

  it('prints the node eth0 on kind\'s docker network, and -br a', () => {
    const out = runCommandLine(result, 'ip -br a', { node: 'kind-worker2' }).stdout.split('\n');
    expect(out[0]).toBe('lo               UNKNOWN        127.0.0.1/8 ::1/128 ');
    expect(out[1]).toMatch(/^eth0@if\d+ +UP {13}172\.18\.0\.4\/16 $/);
    const eth0 = runCommandLine(result, 'ip addr show eth0', { node: 'kind-worker2' }).stdout;
    expect(eth0).toContain('    inet 172.18.0.4/16 brd 172.18.255.255 scope global eth0\n');
  });

  it('runs ip in a netns from the node, like kubectl exec in the Pod', () => {
    const ns = must(node.netns.find((n) => n.podName === 'nginx'));
    const fromNode = runCommandLine(result, `ip netns exec ${ns.name} ip a`, { node: 'kind-worker' });
    expect(fromNode.stdout).toBe(runCommandLine(result, 'kubectl exec nginx -- ip a').stdout);
    expect(runCommandLine(result, 'ip netns exec cni-nope ip a', { node: 'kind-worker' })).toEqual({ stdout: '', stderr: 'Cannot open network namespace "cni-nope": No such file or directory\n', exitCode: 255 });
  });

  it('defaults to the first worker; hostNetwork Pods see the node; kubectl exec names the default container', () => {
    expect(runCommandLine(result, 'ip r').stdout).toBe(runCommandLine(result, 'ip r', { node: 'kind-worker' }).stdout);
    expect(runCommandLine(result, 'kubectl exec hostnet -- ip a').stdout).toBe(runCommandLine(result, 'ip a', { node: 'kind-worker' }).stdout);
    expect(runCommandLine(result, 'kubectl exec second -- ip r').stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(runCommandLine(result, 'kubectl exec nope -- ip a')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(runCommandLine(result, 'ip foo')).toEqual({ stdout: '', stderr: 'Object "foo" is unknown, try "ip help".\n', exitCode: 255 });
  });
});
