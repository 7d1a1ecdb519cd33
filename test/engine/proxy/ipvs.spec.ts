/**
 * kube-proxy's IPVS mode. Expected text: reference/kube-proxy.md §4.2 (`ipvsadm -Ln` of the
 * §2.8 setup, from ipvsadm.c's printf formats and sort), §4.3 (ipset members) and §4.4
 * (the nat table, verified by round-trip through iptables 1.8.9); rule order from
 * pkg/proxy/ipvs/proxier.go writeIptablesRules and iptablesJumpChain; set headers from
 * `ipset list` of ipset 7.17 on a 6.x kernel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIptablesRules } from '../../../src/engine/proxy/iptables-rules';
import { renderIptablesSave } from '../../../src/engine/proxy/iptables-save';
import { renderIpsetList, renderIpvsadmList } from '../../../src/engine/proxy/ipvs-list';
import { buildIpvsState, findVirtualServer, ipsetMembership, kubeIpvs0Addresses } from '../../../src/engine/proxy/ipvs-rules';
import type { SimulationResult } from '../../../src/engine/result';
import { cluster, ep, referenceNode, svc } from './fixture';
import { ipvsNode, ipvsNodeWithExternals } from './ipvs-fixture';

const stripRight = (text: string) => text.split('\n').map((l) => l.trimEnd()).join('\n');

describe('ipvsadm -Ln', () => {
  const state = buildIpvsState(ipvsNode(), 'node-a');

  // The reference listing, except for one line's place: libipvs' ipvs_cmp_services computes
  // `int r = ntohl(a) - ntohl(b)`, so 192.168.10.11 (more than 2^31 above 10.96.0.1) sorts
  // first. Real listings show the same: "TCP  172.17.0.1:30180" before "TCP  10.0.1.30:30180".
  it('matches the reference listing (trailing spaces stripped)', () => {
    expect(stripRight(renderIpvsadmList(state.virtualServers)!)).toBe(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  192.168.10.11:30999 rr
  -> 10.244.0.70:8080             Masq    1      0          0
  -> 10.244.1.70:8080             Masq    1      0          0
  -> 10.244.2.70:8080             Masq    1      0          0
TCP  10.96.0.1:443 rr
  -> 192.168.10.11:6443           Masq    1      0          0
TCP  10.96.0.10:53 rr
  -> 10.244.0.2:53                Masq    1      0          0
  -> 10.244.0.3:53                Masq    1      0          0
TCP  10.96.0.10:9153 rr
  -> 10.244.0.2:9153              Masq    1      0          0
  -> 10.244.0.3:9153              Masq    1      0          0
TCP  10.96.33.33:80 rr
  -> 10.244.0.70:8080             Masq    1      0          0
  -> 10.244.1.70:8080             Masq    1      0          0
  -> 10.244.2.70:8080             Masq    1      0          0
TCP  10.96.33.99:80 rr
UDP  10.96.0.10:53 rr
  -> 10.244.0.2:53                Masq    1      0          0
  -> 10.244.0.3:53                Masq    1      0          0
`);
  });

  it('destination lines keep printf "  -> %-28s %-7s %-6d %-10u %-10u" padding', () => {
    const line = renderIpvsadmList(state.virtualServers)!.split('\n')[8];
    expect(line).toBe(`  -> ${'192.168.10.11:6443'.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
  });

  it('--stats prints zero counters in %8 columns', () => {
    const lines = renderIpvsadmList(state.virtualServers, { stats: true })!.split('\n');
    expect(lines.slice(1, 5)).toEqual([
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  192.168.10.11:30999                 0        0        0        0        0',
      '  -> 10.244.0.70:8080                    0        0        0        0        0',
    ]);
  });

  it('-t VIP:PORT lists one service without the version line; unknown → null', () => {
    expect(stripRight(renderIpvsadmList(state.virtualServers, { service: { protocol: 'UDP', address: '10.96.0.10', port: 53 } })!)).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nUDP  10.96.0.10:53 rr\n  -> 10.244.0.2:53                Masq    1      0          0\n  -> 10.244.0.3:53                Masq    1      0          0\n',
    );
    expect(renderIpvsadmList(state.virtualServers, { service: { protocol: 'TCP', address: '10.96.0.10', port: 54 } })).toBeNull();
  });

  it('ClientIP affinity is persistence; the scheduler comes from ipvs.scheduler', () => {
    const s = buildIpvsState(ipvsNode((r) => {
      r.services[2].sessionAffinity = 'ClientIP';
      r.services[2].sessionAffinityTimeoutSeconds = 600;
      r.cluster.ipvsScheduler = 'lc';
    }), 'node-a');
    const text = renderIpvsadmList(s.virtualServers)!;
    expect(text).toContain('\nTCP  10.96.33.33:80 lc persistent 600\n');
    expect(text).toContain('\nTCP  10.96.0.1:443 lc\n');
  });
});

describe("ipvsadm's order (libipvs ipvs_cmp_services / ipvs_cmp_dests, glibc qsort)", () => {
  it('compares addresses by their signed 32-bit difference: a kind node address sorts before the cluster IPs', () => {
    const r = cluster([svc({
      namespace: 'ns', name: 'web', type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ name: '', port: 80, targetPort: '80', protocol: 'TCP', nodePort: 30050 }],
      endpoints: [ep('10.244.0.5', 80, ''), ep('172.18.0.3', 80, '')],
    })], [{ name: 'node-a', internalIP: '172.18.0.3', roles: [] }], 'ipvs');
    (r as { pods: unknown[] }).pods = [];
    const vs = buildIpvsState(r, 'node-a').virtualServers;
    expect(vs.map((v) => `${v.address}:${v.port}`)).toEqual(['172.18.0.3:30050', '10.96.0.50:80']);
    expect(vs[1].realServers.map((d) => d.address)).toEqual(['172.18.0.3', '10.244.0.5']);
  });
});

describe('traffic policies (proxier.go syncEndpoint)', () => {
  const web = (extra: Parameters<typeof svc>[0] extends infer T ? Partial<T> : never, nodes?: Parameters<typeof cluster>[1]) => {
    const r = cluster([svc({
      namespace: 'ns', name: 'web', type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ name: '', port: 80, targetPort: '8080', protocol: 'TCP', nodePort: 30050 }],
      endpoints: [ep('10.244.0.5', 8080, ''), ep('10.244.1.5', 8080, '', 'TCP', 'node-b')], ...extra,
    })], nodes, 'ipvs');
    (r as { pods: unknown[] }).pods = [];
    return r;
  };
  const reals = (r: SimulationResult, node: string, address: string) => buildIpvsState(r, node).virtualServers.find((v) => v.address === address)!.realServers.map((x) => x.address);
  const twoNodes = [{ name: 'node-a', internalIP: '192.168.10.11', roles: [] }, { name: 'node-b', internalIP: '192.168.10.12', roles: [] }, { name: 'node-c', internalIP: '192.168.10.13', roles: [] }];

  it('externalTrafficPolicy Local: the node port uses local endpoints, the cluster IP all', () => {
    const r = web({ externalTrafficPolicy: 'Local' }, twoNodes);
    expect(reals(r, 'node-a', '192.168.10.11')).toEqual(['10.244.0.5']);
    expect(reals(r, 'node-a', '10.96.0.50')).toEqual(['10.244.0.5', '10.244.1.5']);
  });

  it('externalTrafficPolicy Local with no local endpoint falls back to all (kubernetes#97081), unlike iptables mode', () => {
    const r = web({ externalTrafficPolicy: 'Local' }, twoNodes);
    expect(reals(r, 'node-c', '192.168.10.13')).toEqual(['10.244.0.5', '10.244.1.5']);
    const state = buildIpvsState(r, 'node-c');
    expect(state.ipsets.find((s) => s.name === 'KUBE-NODE-PORT-LOCAL-TCP')!.members).toEqual(['30050']);
  });

  it('internalTrafficPolicy Local without a local endpoint leaves the cluster IP without real servers', () => {
    const r = web({ type: 'ClusterIP', ports: [{ name: '', port: 80, targetPort: '8080', protocol: 'TCP' }], internalTrafficPolicy: 'Local' }, twoNodes);
    expect(reals(r, 'node-b', '10.96.0.50')).toEqual(['10.244.1.5']);
    expect(reals(r, 'node-c', '10.96.0.50')).toEqual([]);
  });

  it('not-ready endpoints are not real servers; serving terminating ones are when nothing is ready', () => {
    const r = web({ endpoints: [ep('10.244.0.5', 8080, '', 'TCP', 'node-a', { ready: false }), ep('10.244.0.6', 8080, '', 'TCP', 'node-a', { ready: false, terminating: true, serving: true })] });
    expect(reals(r, 'node-a', '10.96.0.50')).toEqual(['10.244.0.6']);
  });
});

describe('ipsets', () => {
  const state = buildIpvsState(ipvsNode(), 'node-a');
  const members = (name: string) => state.ipsets.find((s) => s.name === name)!.members;

  it('members in kube-proxy notation (reference §4.3)', () => {
    expect(members('KUBE-CLUSTER-IP')).toEqual(['10.96.0.1,tcp:443', '10.96.0.10,tcp:53', '10.96.0.10,tcp:9153', '10.96.0.10,udp:53', '10.96.33.33,tcp:80', '10.96.33.99,tcp:80']);
    // Hairpin: endpoints on this node only.
    expect(members('KUBE-LOOP-BACK')).toEqual([
      '10.244.0.2,tcp:53,10.244.0.2', '10.244.0.2,tcp:9153,10.244.0.2', '10.244.0.2,udp:53,10.244.0.2',
      '10.244.0.3,tcp:53,10.244.0.3', '10.244.0.3,tcp:9153,10.244.0.3', '10.244.0.3,udp:53,10.244.0.3',
      '10.244.0.70,tcp:8080,10.244.0.70', '192.168.10.11,tcp:6443,192.168.10.11',
    ]);
    expect(members('KUBE-NODE-PORT-TCP')).toEqual(['30999']);
    expect(members('KUBE-IPVS-IPS')).toEqual(['10.96.0.1', '10.96.0.10', '10.96.33.33', '10.96.33.99']);
  });

  it('ipset list prints ipset 7.17 headers', () => {
    const text = renderIpsetList(state, { name: 'KUBE-NODE-PORT-TCP', node: 'node-a' });
    expect(text).toBe('Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\nReferences: 1\nNumber of entries: 1\nMembers:\n30999\n');
    const cip = renderIpsetList(state, { name: 'KUBE-CLUSTER-IP', node: 'node-a' })!.split('\n');
    expect(cip.slice(0, 3)).toEqual(['Name: KUBE-CLUSTER-IP', 'Type: hash:ip,port', 'Revision: 7']);
    expect(cip[3]).toMatch(/^Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}$/);
    // Referenced by the masquerade rule, the ACCEPT rule and KUBE-IPVS-FILTER.
    expect(cip[5]).toBe('References: 3');
  });

  it("the IPv6 proxier's sets: KUBE-6- names cut to 31 characters, family inet6, empty (ipset.go NewIPSet)", () => {
    const v6 = state.ipsets.filter((s) => s.family === 'inet6');
    expect(v6).toHaveLength(17);
    expect(v6.map((s) => s.name)).toContain('KUBE-6-LOAD-BALANCER-SOURCE-CID');
    expect(v6.map((s) => s.name)).toContain('KUBE-6-NODE-PORT-LOCAL-SCTP-HAS');
    expect(v6.every((s) => s.members.length === 0)).toBe(true);
    const text = renderIpsetList(state, { name: 'KUBE-6-CLUSTER-IP', node: 'node-a' })!;
    expect(text).toMatch(/^Name: KUBE-6-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nHeader: family inet6 hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}\nSize in memory: 232\nReferences: 1\nNumber of entries: 0\nMembers:\n$/);
  });

  it('-n lists names in declaration order; an unknown name is null', () => {
    expect(renderIpsetList(state, { namesOnly: true, node: 'node-a' })!.split('\n').slice(0, 3)).toEqual(['KUBE-LOOP-BACK', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP']);
    expect(renderIpsetList(state, { name: 'NOPE', node: 'node-a' })).toBeNull();
  });
});

describe('IPVS-mode iptables', () => {
  it('nat table: the reference §4.4 rules, the NodePort rule and the jumps from the built-in chains', () => {
    const nat = renderIptablesSave(buildIptablesRules(ipvsNode(), 'node-a'), { table: 'nat' });
    expect(nat.split('\n').filter((l) => l.startsWith('-A'))).toEqual([
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
      '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
      '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
      '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
    ]);
    expect(nat).toContain(':KUBE-LOAD-BALANCER - [0:0]\n');
    expect(nat).not.toContain('KUBE-SVC-');
  });

  it('filter table: prepended jumps end with kubelet\'s KUBE-FIREWALL; KUBE-IPVS-FILTER rejects other ports of service IPs', () => {
    const filter = renderIptablesSave(buildIptablesRules(ipvsNode(), 'node-a'), { table: 'filter' }).split('\n');
    expect(filter.filter((l) => l.startsWith('-A INPUT'))).toEqual([
      '-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER',
      '-A INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT',
      '-A INPUT -j KUBE-FIREWALL',
    ]);
    expect(filter).toContain('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable');
  });

  // Golden: the rules this test renders, restored into real iptables 1.8.9 (nf_tables) with the
  // sets created by ipset 7.17, then `iptables-save` (comment lines dropped): identical, so the
  // canonical form is iptables' own. Rule order and content follow writeIptablesRules: the
  // LB set's jump, the eTP Local RETURNs before the masquerade marks, health check ACCEPT.
  it('with externalIPs, an eTP Local LoadBalancer and a UDP node port: iptables-save round-trips', () => {
    const golden = readFileSync(join(__dirname, 'golden', 'ipvs-externals.iptables-save.txt'), 'utf8');
    expect(renderIptablesSave(buildIptablesRules(ipvsNodeWithExternals(), 'node-a'))).toBe(golden);
  });

  it('externalIPs: masquerade plus the two ACCEPT rules (physdev, addrtype)', () => {
    const nat = renderIptablesSave(buildIptablesRules(ipvsNode((r) => { r.services[2].externalIPs = ['192.168.99.22']; }), 'node-a'), { table: 'nat' });
    expect(nat).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service external ip + port for masquerade and filter purpose" -m set --match-set KUBE-EXTERNAL-IP dst,dst -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT\n');
  });
});

describe('kube-ipvs0 addresses', () => {
  it('every cluster IP and external IP as bound addresses, in IPVS mode only', () => {
    const r = ipvsNode((x) => { x.services[2].externalIPs = ['192.168.99.22', '192.168.10.11']; });
    // 192.168.10.11 is already node-a's address: not bound again (proxier.go shouldBind).
    expect(kubeIpvs0Addresses(r, 'node-a')).toEqual(['10.96.0.1', '10.96.0.10', '10.96.33.33', '10.96.33.99', '192.168.99.22']);
    expect(kubeIpvs0Addresses(referenceNode(), 'node-a')).toEqual([]);
    // The same without any node port in the cluster (the node's addresses are listed on every sync).
    const noNodePort = ipvsNode((x) => {
      x.services[2].ports[0].nodePort = undefined;
      x.services[2].externalIPs = ['192.168.10.11'];
    });
    expect(kubeIpvs0Addresses(noNodePort, 'node-a')).not.toContain('192.168.10.11');
  });
});

describe('findVirtualServer', () => {
  it('finds the virtual server of (protocol, address, port), with what it stands for', () => {
    const state = buildIpvsState(ipvsNode(), 'node-a');
    const vs = findVirtualServer(state, 'tcp', '192.168.10.11', 30999)!;
    expect([vs.kind, vs.servicePortName, vs.realServers.length]).toEqual(['nodePort', 'lab/echo:http', 3]);
    expect(findVirtualServer(state, 'UDP', '10.96.0.10', 9153)).toBeUndefined();
  });
});

describe('ipsetMembership (-m set --match-set, for the packet tracer)', () => {
  const inSet = ipsetMembership(buildIpvsState(ipvsNode(), 'node-a'));
  const p = (src: string, dst: string, proto: string, dport: number) => ({ src, dst, proto, sport: 40000, dport });
  it('dst,dst on hash:ip,port; dst on bitmap:port; dst,dst,src on hash:ip,port,ip', () => {
    expect(inSet('KUBE-CLUSTER-IP', 'dst,dst', p('10.244.1.9', '10.96.0.10', 'udp', 53))).toBe(true);
    expect(inSet('KUBE-CLUSTER-IP', 'dst,dst', p('10.244.1.9', '10.96.0.10', 'udp', 54))).toBe(false);
    expect(inSet('KUBE-NODE-PORT-TCP', 'dst', p('203.0.113.2', '192.168.10.11', 'tcp', 30999))).toBe(true);
    // Hairpin: the endpoint reaching itself after DNAT.
    expect(inSet('KUBE-LOOP-BACK', 'dst,dst,src', p('10.244.0.70', '10.244.0.70', 'tcp', 8080))).toBe(true);
    expect(inSet('KUBE-LOOP-BACK', 'dst,dst,src', p('10.244.0.2', '10.244.0.70', 'tcp', 8080))).toBe(false);
    expect(inSet('KUBE-IPVS-IPS', 'dst', p('1.1.1.1', '10.96.33.99', 'tcp', 22))).toBe(true);
  });
});
