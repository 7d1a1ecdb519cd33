/**
 * Calico's datapath. Expected values follow projectcalico/calico:
 * - libcalico-go `VethNameForWorkload`: `cali` + SHA-1("<namespace>.<pod>") hex, first 11
 *   digits (e.g. default/web → cali + sha1("default.web")[:11]); host end MAC
 *   ee:ee:ee:ee:ee:ee, fe80::ecee:eeff:feee:eeee (the course notes show both);
 * - cni-plugin dataplane_linux: Pod eth0 IP/32, `default via 169.254.1.1 dev eth0`,
 *   `169.254.1.1 dev eth0 scope link`; felix `<IP> dev cali... scope link`;
 * - BIRD: `blackhole <block> proto bird`, `<block> via <node> dev tunl0 proto bird onlink`;
 * - calico-ipam: /26 blocks affine to nodes; the tunnel address is the block's first.
 */
import { createHash } from 'crypto';
import { buildNodeNetwork, buildPodNetwork, lookupRoute, routeEffect, runCommandLine } from '../../../src/engine';
import { calicoVethName } from '../../../src/engine/datapath/calico';
import { must, withCni } from './support';

describe('calico datapath', () => {
  const result = withCni('calico');
  const worker = must(result.cluster.nodes.find((n) => n.name === 'kind-worker'));
  const worker2 = must(result.cluster.nodes.find((n) => n.name === 'kind-worker2'));
  const block = must(worker.cni?.podCIDRs[0]);
  const web = must(result.pods.find((p) => p.name === 'web'));

  it('names host veths by calico\'s rule', () => {
    expect(calicoVethName('default', 'web')).toBe(`cali${createHash('sha1').update('default.web').digest('hex').slice(0, 11)}`);
    expect(calicoVethName('default', 'web')).toHaveLength(15);
  });

  it('hands out addresses from a /26 block affine to the node, the tunnel taking its first', () => {
    expect(block).toMatch(/^192\.168\.\d+\.\d+\/26$/);
    const base = block.split('/')[0];
    expect(worker.cni?.nodeIP).toBe(base);
    // Every Pod on the node is in its block, and addresses go in order after the tunnel's.
    const onWorker = result.pods.filter((p) => p.nodeName === 'kind-worker' && !p.hostNetwork);
    const last = (ip: string) => Number(ip.split('.')[3]);
    expect(onWorker.map((p) => last(must(p.ip)) - last(base)).sort((a, b) => a - b)).toEqual(onWorker.map((_, i) => i + 1));
    expect(new Set(result.cluster.nodes.map((n) => n.cni?.podCIDRs[0])).size).toBe(3);
  });

  it('prints the node routes: blackhole for its block, /32 per Pod, BIRD routes over tunl0', () => {
    const out = runCommandLine(result, 'ip route', { node: 'kind-worker' }).stdout.split('\n');
    expect(out).toContain(`blackhole ${block} proto bird `);
    expect(out).toContain(`${web.ip} dev ${calicoVethName('default', 'web')} scope link `);
    expect(out).toContain(`${worker2.cni?.podCIDRs[0]} via 172.18.0.4 dev tunl0 proto bird onlink `);
  });

  it('prints the Pod side: tunl0 fallback down, eth0 at 4 with IP/32 and the 169.254.1.1 gateway', () => {
    expect(runCommandLine(result, 'kubectl exec web -- ip route').stdout).toBe('default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n');
    const pod = must(buildPodNetwork(result, 'default', 'web'));
    const node = must(buildNodeNetwork(result, 'kind-worker'));
    const cali = must(node.interfaces.find((i) => i.name === calicoVethName('default', 'web')));
    const link = runCommandLine(result, 'kubectl exec web -- ip link').stdout.split('\n');
    expect(link[2]).toBe('2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN mode DEFAULT group default qlen 1000');
    expect(link[3]).toBe('    link/ipip 0.0.0.0 brd 0.0.0.0');
    expect(link[4]).toBe(`4: eth0@if${cali.index}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP mode DEFAULT group default `);
    expect(cali.peerIndex).toBe(4);
    expect(runCommandLine(result, 'kubectl exec web -- ip addr show eth0').stdout).toContain(`    inet ${web.ip}/32 scope global eth0\n`);
    expect(runCommandLine(result, `ip addr show ${cali.name}`, { node: 'kind-worker' }).stdout).toBe(
      `${cali.index}: ${cali.name}@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default \n` +
        `    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns ${cali.linkNetns}\n` +
        '    inet6 fe80::ecee:eeff:feee:eeee/64 scope link \n       valid_lft forever preferred_lft forever\n',
    );
    expect(pod.interfaces.map((i) => i.name)).toEqual(['lo', 'tunl0', 'eth0']);
  });

  it('shows the node tunl0 with the tunnel address', () => {
    const out = runCommandLine(result, 'ip addr show tunl0', { node: 'kind-worker' }).stdout;
    expect(out).toBe(
      '3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n' +
        `    inet ${worker.cni?.nodeIP}/32 scope global tunl0\n       valid_lft forever preferred_lft forever\n`,
    );
  });

  it('lets a tracer see IPIP to the remote node and the blackhole for unused block addresses', () => {
    const node = must(buildNodeNetwork(result, 'kind-worker'));
    const client = must(result.pods.find((p) => p.name === 'client')?.ip);
    expect(routeEffect(node, lookupRoute(node, client), client)).toEqual({ action: 'ipip', dev: 'tunl0', remote: '172.18.0.4', remoteNode: 'kind-worker2' });
    const unused = block.replace(/\.(\d+)\/26$/, (_, d: string) => `.${Number(d) + 60}`);
    expect(routeEffect(node, lookupRoute(node, unused), unused)).toEqual({ action: 'drop', reason: 'blackhole' });
    expect(routeEffect(node, lookupRoute(node, must(web.ip)), must(web.ip))).toMatchObject({ action: 'veth', dev: calicoVethName('default', 'web') });
  });

  it('routes VXLAN pools through vxlan.calico to the remote tunnel address', () => {
    const pool = `---
apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: default-ipv4-ippool}
spec: {cidr: 192.168.0.0/16, vxlanMode: Always}
`;
    const r = withCni('calico', (t) => t, pool);
    const w2 = must(r.cluster.nodes.find((n) => n.name === 'kind-worker2'));
    const out = runCommandLine(r, 'ip route', { node: 'kind-worker' }).stdout;
    expect(out).toContain(`${w2.cni?.podCIDRs[0]} via ${w2.cni?.nodeIP} dev vxlan.calico proto 80 onlink \n`);
    expect(runCommandLine(r, 'kubectl exec web -- ip link').stdout).toMatch(/^1: lo: [^\n]*\n[^\n]*\n3: eth0@if\d+: /);
    const node = must(buildNodeNetwork(r, 'kind-worker'));
    const client = must(r.pods.find((p) => p.name === 'client')?.ip);
    expect(routeEffect(node, lookupRoute(node, client), client)).toMatchObject({ action: 'vxlan', dev: 'vxlan.calico', vni: 4096, port: 4789, remote: '172.18.0.4' });
  });
});

describe('ip route get (calico)', () => {
  it('answers EINVAL for a blackholed address and picks eth0\'s address for a cali route', () => {
    const result = withCni('calico');
    const worker = must(result.cluster.nodes.find((n) => n.name === 'kind-worker'));
    const block = must(worker.cni?.podCIDRs[0]);
    const unused = block.replace(/\.(\d+)\/26$/, (_, d: string) => `.${Number(d) + 60}`);
    expect(runCommandLine(result, `ip route get ${unused}`, { node: 'kind-worker' })).toEqual({ stdout: '', stderr: 'RTNETLINK answers: Invalid argument\n', exitCode: 2 });
    const web = must(result.pods.find((p) => p.name === 'web')?.ip);
    // The cali device has no IPv4 address: the source comes from the namespace's first global one (eth0).
    expect(runCommandLine(result, `ip route get ${web}`, { node: 'kind-worker' }).stdout).toBe(`${web} dev ${calicoVethName('default', 'web')} src 172.18.0.3 uid 0 \n    cache \n`);
  });
});
