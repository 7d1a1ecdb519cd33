/**
 * Golden iptables-save text. The expected files are reference/kube-proxy.md §2.8 (nat:
 * a kube-proxy payload for this setup round-tripped through real iptables 1.8.9) and §2.3
 * (filter's fixed block) plus §2.8's lab/empty REJECT line; rule shapes follow upstream
 * pkg/proxy/iptables/proxier_test.go (TestOverallIPTablesRules, TestNodePorts,
 * TestNoEndpointsReject, TestExternalTrafficPolicyLocal, TestInternalTrafficPolicy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { servicePortChainSuffix } from '../../../src/engine/proxy/chain-names';
import { buildIptablesRules } from '../../../src/engine/proxy/iptables-rules';
import { ctime, renderIptablesSave } from '../../../src/engine/proxy/iptables-save';
import { cluster, ep, referenceNode, svc } from './fixture';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', name), 'utf8');
const TIME = Date.UTC(2026, 10, 21, 23, 57, 49) / 1000;
const natLines = (result: ReturnType<typeof cluster>, node = 'node-a') => renderIptablesSave(buildIptablesRules(result, node), { table: 'nat' }).split('\n');
const filterLines = (result: ReturnType<typeof cluster>, node = 'node-a') => renderIptablesSave(buildIptablesRules(result, node), { table: 'filter' }).split('\n');

describe('iptables-save of the reference node', () => {
  const tables = buildIptablesRules(referenceNode(), 'node-a');
  it('nat table matches the real dump byte for byte', () => {
    expect(renderIptablesSave(tables, { table: 'nat', time: TIME })).toBe(golden('reference-node.nat.txt'));
  });
  it('filter table matches', () => {
    expect(renderIptablesSave(tables, { table: 'filter', time: TIME })).toBe(golden('reference-node.filter.txt'));
  });
  it('without -t prints mangle, filter, nat (iptables-nft order)', () => {
    const text = renderIptablesSave(tables);
    expect(text.split('\n').filter((l) => l.startsWith('*'))).toEqual(['*mangle', '*filter', '*nat']);
    expect(text).toContain('*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-IPTABLES-HINT - [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\n:KUBE-PROXY-CANARY - [0:0]\nCOMMIT\n');
    expect(text).not.toContain('# Generated');
  });
});

describe('ctime()', () => {
  it.each([
    [TIME, 'Sat Nov 21 23:57:49 2026'],
    [Date.UTC(2025, 10, 1, 9, 5, 3) / 1000, 'Sat Nov  1 09:05:03 2025'],
  ])('%d → %s', (t, text) => expect(ctime(t)).toBe(text));
});

describe('per-service patterns (reference §2.4)', () => {
  const port = (name: string, p: number, nodePort?: number) => ({ name, port: p, targetPort: String(p), protocol: 'TCP', nodePort });

  it('a NodePort Service without endpoints: filter REJECTs only (2.4 c)', () => {
    const r = cluster([svc({ namespace: 'lab', name: 'np', type: 'NodePort', clusterIP: '10.96.0.50', externalTrafficPolicy: 'Cluster', ports: [port('', 80, 31000)] })]);
    expect(filterLines(r)).toEqual(expect.arrayContaining([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "lab/np has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31000 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "lab/np has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]));
    expect(natLines(r).filter((l) => l.includes('lab/np'))).toEqual([]);
  });

  it('not-ready endpoints are not used; serving terminating ones are the fallback (2.4 c, 2.7)', () => {
    const r = cluster([
      svc({ namespace: 'a', name: 'x', clusterIP: '10.96.0.60', ports: [port('', 80)], endpoints: [ep('10.244.0.9', 80, '', 'TCP', 'node-a', { ready: false })] }),
      svc({ namespace: 'a', name: 'y', clusterIP: '10.96.0.61', ports: [port('', 80)], endpoints: [ep('10.244.0.8', 80, '', 'TCP', 'node-a', { ready: false, terminating: true, serving: true })] }),
    ]);
    expect(filterLines(r).some((l) => l.includes('"a/x has no endpoints"'))).toBe(true);
    expect(natLines(r)).toContain(`-A KUBE-SERVICES -d 10.96.0.61/32 -p tcp -m comment --comment "a/y cluster IP" -m tcp --dport 80 -j KUBE-SVC-${servicePortChainSuffix('a/y', 'tcp')}`);
    expect(natLines(r).some((l) => l.includes('--to-destination 10.244.0.8:80'))).toBe(true);
  });

  it('endpoints sort by "IP:port" string: 10.244.10.5 before 10.244.2.5 (2.4 b)', () => {
    const r = cluster([svc({ namespace: 'a', name: 's', clusterIP: '10.96.0.70', ports: [port('', 80)], endpoints: [ep('10.244.2.5', 80, ''), ep('10.244.10.5', 80, '')] })]);
    const jumps = natLines(r).filter((l) => l.includes('-> '));
    expect(jumps.map((l) => /-> ([\d.:]+)/.exec(l)![1])).toEqual(['10.244.10.5:80', '10.244.2.5:80']);
    expect(jumps[0]).toContain('-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-');
  });

  it('externalIPs and LoadBalancer IPs jump to KUBE-EXT after the cluster IP (2.4 e)', () => {
    const r = cluster([svc({
      namespace: 'ns2', name: 'svc2', type: 'LoadBalancer', clusterIP: '172.30.0.42', externalTrafficPolicy: 'Cluster', externalIPs: ['192.168.99.22'],
      loadBalancerIngress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example' }], ports: [port('p80', 80, 3001)], endpoints: [ep('10.180.0.2', 80, 'p80')],
    })]);
    const svcRules = natLines(r).filter((l) => l.startsWith('-A KUBE-SERVICES'));
    expect(svcRules).toEqual([
      '-A KUBE-SERVICES -d 172.30.0.42/32 -p tcp -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      '-A KUBE-SERVICES -d 192.168.99.22/32 -p tcp -m comment --comment "ns2/svc2:p80 external IP" -m tcp --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT',
      '-A KUBE-SERVICES -d 1.2.3.4/32 -p tcp -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
  });

  it('externalTrafficPolicy Local: EXT short-circuits, SVL holds the local endpoints (2.4 f)', () => {
    const r = cluster([svc({
      namespace: 'ns2', name: 'svc2', type: 'LoadBalancer', clusterIP: '172.30.0.42', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000,
      ports: [port('p80', 80, 3001)], endpoints: [ep('10.180.0.2', 80, 'p80', 'TCP', 'node-a'), ep('10.180.1.2', 80, 'p80', 'TCP', 'node-b')],
    })]);
    const ext = natLines(r).filter((l) => l.startsWith('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT'));
    expect(ext).toEqual([
      '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -s 10.244.0.0/16 -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
      '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVL-GNZBNJ2PO5MGZ6GT',
    ]);
    expect(natLines(r).filter((l) => l.startsWith('-A KUBE-SVL-'))).toEqual([
      expect.stringMatching(/^-A KUBE-SVL-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2\/svc2:p80 -> 10\.180\.0\.2:80" -j KUBE-SEP-/),
    ]);
    expect(filterLines(r)).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "ns2/svc2:p80 health check node port" -m tcp --dport 30000 -j ACCEPT');
    // On a node without a local endpoint: no final jump, DROP in KUBE-EXTERNAL-SERVICES.
    expect(natLines(r, 'node-c').filter((l) => l.startsWith('-A KUBE-EXT-'))).toHaveLength(3);
    expect(filterLines(r, 'node-c')).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 3001 -j DROP');
  });

  it('internalTrafficPolicy Local: the cluster IP goes to SVL; no local endpoint → filter DROP (2.4 g)', () => {
    const s = svc({ namespace: 'a', name: 'l', clusterIP: '10.96.0.80', internalTrafficPolicy: 'Local', ports: [port('', 80)], endpoints: [ep('10.244.1.3', 80, '', 'TCP', 'node-b')] });
    const onB = natLines(cluster([s]), 'node-b');
    expect(onB.find((l) => l.includes('"a/l cluster IP" -m tcp --dport 80 -j KUBE-SVL-'))).toBeDefined();
    expect(onB.some((l) => l.startsWith(':KUBE-SVC-'))).toBe(false);
    expect(filterLines(cluster([s]), 'node-a')).toContain('-A KUBE-SERVICES -d 10.96.0.80/32 -p tcp -m comment --comment "a/l has no local endpoints" -m tcp --dport 80 -j DROP');
  });

  it('sessionAffinity ClientIP: recent checks first, then probabilities; SEP sets the list (2.4 h)', () => {
    const r = cluster([svc({ namespace: 'ns1', name: 'svc1', clusterIP: '172.30.0.41', sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800, ports: [port('p80', 80)], endpoints: [ep('10.180.0.1', 80, 'p80'), ep('10.180.0.2', 80, 'p80')] })]);
    const lines = natLines(r);
    const svcRules = lines.filter((l) => l.startsWith('-A KUBE-SVC-XPGD46QRK7WJZT7O'));
    expect(svcRules[1]).toBe('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-SXIVWICOYRO3J4NJ --mask 255.255.255.255 --rsource -j KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(svcRules[3]).toBe('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(lines).toContain('-A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment "ns1/svc1:p80" -m recent --set --name KUBE-SEP-SXIVWICOYRO3J4NJ --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.180.0.1:80');
  });

  it('headless and ExternalName Services get no rules (2.4 j)', () => {
    const r = cluster([
      svc({ namespace: 'a', name: 'h', clusterIP: 'None', ports: [port('', 80)], endpoints: [ep('10.244.0.5', 80, '')] }),
      svc({ namespace: 'a', name: 'e', type: 'ExternalName', clusterIP: null, ports: [] }),
    ]);
    expect(natLines(r).concat(filterLines(r)).some((l) => l.includes('a/'))).toBe(false);
  });

  it('nftables mode leaves only kubelet\'s chains in iptables (reference §5)', () => {
    const text = renderIptablesSave(buildIptablesRules(cluster(referenceNode().services, undefined, 'nftables'), 'node-a'), { table: 'nat' });
    expect(text).toBe('*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-KUBELET-CANARY - [0:0]\nCOMMIT\n');
  });
});
