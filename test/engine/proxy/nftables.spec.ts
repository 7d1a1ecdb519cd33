/**
 * kube-proxy's nftables mode. Chain names: upstream pkg/proxy/nftables/proxier_test.go
 * (TestOverallNFTablesRules) and reference/kube-proxy.md §1.3. The golden
 * nftables-overall.ip.txt is what nft 1.0.6 (Debian bookworm, as in kindest/node) lists
 * after loading nftables-overall.ip.nft: upstream's expected rules for that test, in v1.33's
 * form (pkg/proxy/nftables/proxier.go b0f823e6), without svc5's source ranges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nftEndpointName, nftNameBase, nftServicePortName } from '../../../src/engine/proxy/chain-names';
import { priorityText, renderNftChain, renderNftRuleset, renderNftSet, renderNftTable, renderNftTables } from '../../../src/engine/proxy/nftables-list';
import { buildNftablesRuleset, nftDispatch } from '../../../src/engine/proxy/nftables-rules';
import { cluster, ep, svc } from './fixture';
import { overallNFTablesNode } from './nftables-fixture';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', name), 'utf8');

/**
 * Elements of a concatenation map are listed in the kernel's hash order, which changes from
 * boot to boot; the simulator sorts them. Compare element blocks as sets of lines.
 */
function normalizeElements(text: string): string {
  return text.replace(/elements = \{ ([^}]*) \}/g, (_m, body: string) => {
    const items = body.split(/,\n\t+ {5}/).sort();
    return `elements = { ${items.join(',\n\t\t\t     ')} }`;
  });
}

describe('nftables chain names (hashAndTruncate)', () => {
  it.each([
    [nftServicePortName('ns1', 'svc1', 'TCP', 'p80'), 'ULMVA6XW-ns1/svc1/tcp/p80'],
    [nftServicePortName('ns2', 'svc2', 'tcp', 'p80'), '42NFTM6N-ns2/svc2/tcp/p80'],
    [nftServicePortName('ns5', 'svc5', 'tcp', 'p80'), 'HVFWP5L3-ns5/svc5/tcp/p80'],
    [nftEndpointName('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1', 80), '5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80'],
    [nftEndpointName('ns5', 'svc5', 'tcp', 'p80', '10.180.0.3', 80), 'GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80'],
  ])('%s → %s', (name, base) => {
    expect(nftNameBase(name)).toBe(base);
  });
  it('an unnamed port leaves a trailing slash; IPv6 colons become dots', () => {
    expect(nftServicePortName('default', 'web', 'tcp', '')).toBe('default/web/tcp/');
    expect(nftEndpointName('ns1', 'svc1', 'tcp', 'p80', 'fd00:10:180::2:1', 80)).toBe('ns1/svc1/tcp/p80__fd00.10.180..2.1/80');
  });
});

describe('table ip kube-proxy for TestOverallNFTablesRules', () => {
  const [v4, v6] = buildNftablesRuleset(overallNFTablesNode(), 'test-node');

  it('lists as nft 1.0.6 lists the upstream rules', () => {
    expect(normalizeElements(renderNftTable(v4))).toBe(normalizeElements(golden('nftables-overall.ip.txt')));
  });

  it('sorts map elements by address, protocol number, then port', () => {
    const map = v4.sets.find((s) => s.name === 'service-ips')!;
    expect(map.elements.map((e) => e.key[0])).toEqual(['1.2.3.4', '5.6.7.8', '172.30.0.41', '172.30.0.42', '172.30.0.43', '172.30.0.44', '172.30.0.45', '192.168.99.22', '192.168.99.33']);
  });

  it('keeps the dispatch structure a tracer can follow', () => {
    const services = v4.chains.find((c) => c.name === 'services')!;
    expect(services.rules.map((r) => r.text)).toEqual([
      'ip daddr . meta l4proto . th dport vmap @service-ips',
      'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports',
    ]);
    const svc4 = v4.chains.find((c) => c.name === 'service-LAUZTJTB-ns4/svc4/tcp/p80')!;
    expect(svc4.rules[1].targets).toEqual(['endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80', 'endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80']);
  });

  it('the IPv6 proxier has its own table with no Service in a single-stack cluster', () => {
    expect(v6.family).toBe('ip6');
    expect(v6.sets.every((s) => s.elements.length === 0)).toBe(true);
    // No IPv6 service CIDR: no "drop unallocated" rule (proxier.go setupNFTables).
    expect(v6.chains.find((c) => c.name === 'cluster-ips-check')!.rules.map((r) => r.text)).toEqual(['ip6 daddr @cluster-ips reject']);
    expect(renderNftTables([v4, v6])).toBe('table ip kube-proxy\ntable ip6 kube-proxy\n');
  });
});

describe('nft list text', () => {
  const tables = buildNftablesRuleset(overallNFTablesNode(), 'test-node');
  it('priorities print by name where nft 1.0.6 names them (checked against nft list output)', () => {
    expect(priorityText(-110, 'prerouting')).toBe('dstnat - 10');
    expect(priorityText(-110, 'input')).toBe('-110');
    expect(priorityText(-90, 'output')).toBe('-90');
    expect(priorityText(-100, 'prerouting')).toBe('dstnat');
    expect(priorityText(-100, 'output')).toBe('-100');
    expect(priorityText(100, 'postrouting')).toBe('srcnat');
    expect(priorityText(0, 'input')).toBe('filter');
  });
  it('list chain and list map print the object inside its table', () => {
    expect(renderNftChain(tables[0], 'mark-for-masquerade')).toBe('table ip kube-proxy {\n\tchain mark-for-masquerade {\n\t\tmeta mark set meta mark | 0x00004000\n\t}\n}\n');
    expect(renderNftSet(tables[0], 'map', 'no-endpoint-nodeports')).toBe(
      'table ip kube-proxy {\n\tmap no-endpoint-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n\t\tcomment "vmap to drop or reject packets to service nodeports with no endpoints"\n\t\telements = { tcp . 3001 comment "ns2/svc2:p80" : drop }\n\t}\n}\n',
    );
    expect(renderNftSet(tables[0], 'set', 'service-ips')).toBeNull();
    expect(renderNftChain(tables[0], 'nope')).toBeNull();
  });
  it('ruleset is every table in turn', () => {
    expect(renderNftRuleset(tables)).toBe(renderNftTable(tables[0]) + renderNftTable(tables[1]));
  });
});

describe('traffic policies (proxier.go syncProxyRules)', () => {
  const local = (eps: ReturnType<typeof ep>[], extra = {}) =>
    cluster([svc({ namespace: 'ns', name: 'web', clusterIP: '10.96.0.50', ports: [{ name: '', port: 80, targetPort: '8080', protocol: 'TCP' }], internalTrafficPolicy: 'Local', endpoints: eps, ...extra })], undefined, 'nftables');

  it('internalTrafficPolicy Local with a local endpoint dispatches to local-… only', () => {
    const [t] = buildNftablesRuleset(local([ep('10.244.0.5', 8080, ''), ep('10.244.1.5', 8080, '', 'TCP', 'node-b')]), 'node-a');
    const base = nftNameBase('ns/web/tcp/');
    expect(t.sets.find((s) => s.name === 'service-ips')!.elements).toEqual([{ key: ['10.96.0.50', 'tcp', '80'], value: `goto local-${base}` }]);
    expect(t.chains.some((c) => c.name === `service-${base}`)).toBe(false);
    expect(t.chains.find((c) => c.name === `local-${base}`)!.rules.map((r) => r.text)).toEqual([
      'ip daddr 10.96.0.50 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade',
      `numgen random mod 1 vmap { 0 : goto endpoint-${nftNameBase('ns/web/tcp/__10.244.0.5/8080')} }`,
    ]);
  });

  it('internalTrafficPolicy Local without a local endpoint drops (no-endpoint-services)', () => {
    const [t] = buildNftablesRuleset(local([ep('10.244.1.5', 8080, '', 'TCP', 'node-b')]), 'node-a');
    expect(t.sets.find((s) => s.name === 'no-endpoint-services')!.elements).toEqual([{ key: ['10.96.0.50', 'tcp', '80'], value: 'drop', comment: 'ns/web' }]);
  });

  it('externalTrafficPolicy Local with a local endpoint: short-circuits, then goto local-… (TestExternalTrafficPolicyLocal)', () => {
    const r = cluster([svc({
      namespace: 'ns', name: 'web', type: 'NodePort', clusterIP: '10.96.0.50', externalTrafficPolicy: 'Local',
      ports: [{ name: 'http', port: 80, targetPort: '8080', protocol: 'TCP', nodePort: 30050 }],
      endpoints: [ep('10.244.0.5', 8080, 'http'), ep('10.244.1.5', 8080, 'http', 'TCP', 'node-b')],
    })], undefined, 'nftables');
    const [t] = buildNftablesRuleset(r, 'node-a');
    const base = nftNameBase('ns/web/tcp/http');
    expect(t.chains.find((c) => c.name === `external-${base}`)!.rules.map((x) => x.text)).toEqual([
      `ip saddr 10.244.0.0/16 goto service-${base}`,
      'fib saddr type local jump mark-for-masquerade',
      `fib saddr type local goto service-${base}`,
      `goto local-${base}`,
    ]);
    expect(t.chains.find((c) => c.name === `local-${base}`)!.rules.map((x) => x.text)).toEqual([`numgen random mod 1 vmap { 0 : goto endpoint-${nftNameBase('ns/web/tcp/http__10.244.0.5/8080')} }`]);
  });

  it('other proxy modes have no kube-proxy table', () => {
    expect(buildNftablesRuleset(overallNFTablesNode('iptables'), 'test-node')).toEqual([]);
    expect(buildNftablesRuleset(overallNFTablesNode('ipvs'), 'test-node')).toEqual([]);
  });
});

describe('nftDispatch (the packet flows of upstream TestOverallNFTablesRules / TestClusterIPGeneral)', () => {
  const [t] = buildNftablesRuleset(overallNFTablesNode(), 'test-node');
  it('cluster IP, external IP, LB IP and node port reach their chains', () => {
    expect(nftDispatch(t, 'TCP', '172.30.0.41', 80).service).toEqual({ map: 'service-ips', verdict: 'goto service-ULMVA6XW-ns1/svc1/tcp/p80', chain: 'service-ULMVA6XW-ns1/svc1/tcp/p80' });
    expect(nftDispatch(t, 'tcp', '192.168.99.33', 80).service?.chain).toBe('external-LAUZTJTB-ns4/svc4/tcp/p80');
    expect(nftDispatch(t, 'tcp', '192.168.0.2', 3003).service).toEqual({ map: 'service-nodeports', verdict: 'goto external-4AT6LBPK-ns3/svc3/tcp/p80', chain: 'external-4AT6LBPK-ns3/svc3/tcp/p80' });
  });
  it('node ports only on nodeport-ips (nodePortAddresses "primary")', () => {
    expect(nftDispatch(t, 'tcp', '192.168.1.2', 3003)).toEqual({});
  });
  it('no endpoints: reject; eTP Local without local endpoints: drop', () => {
    expect(nftDispatch(t, 'tcp', '172.30.0.46', 80)).toEqual({ noEndpoints: { map: 'no-endpoint-services', verdict: 'goto reject-chain', comment: 'ns6/svc6:p80' } });
    expect(nftDispatch(t, 'tcp', '192.168.0.2', 3001).noEndpoints).toEqual({ map: 'no-endpoint-nodeports', verdict: 'drop', comment: 'ns2/svc2:p80' });
  });
  it('other ports of a cluster IP are rejected, unallocated service IPs dropped', () => {
    expect(nftDispatch(t, 'tcp', '172.30.0.41', 443)).toEqual({ clusterIPsCheck: 'reject' });
    expect(nftDispatch(t, 'tcp', '172.30.0.50', 80)).toEqual({ clusterIPsCheck: 'drop' });
    expect(nftDispatch(t, 'tcp', '10.180.0.1', 80)).toEqual({});
  });
});
