/**
 * The Corefile: kubeadm's by default (cmd/kubeadm/app/phases/addons/dns/manifests.go), or
 * the scenario's kube-system/coredns ConfigMap. Plugin defaults from CoreDNS's setup.go
 * (kubernetes: ttl 5, pods disabled; hosts: ttl 3600), server-block selection by the
 * longest zone (core/dnsserver), plugin order from plugin.cfg (rewrite, hosts, kubernetes,
 * forward), and the reload plugin keeping the running Corefile when a new one is invalid.
 */
import { queryDns, runCommandLine, type DnsAnswer, type SimulationResult } from '../../../src/engine';
import { parseCorefile } from '../../../src/engine/dns/corefile';
import { readCorefile } from '../../../src/engine/dns/server-config';
import { kubeadmCorefile } from '../../../src/engine/dns/kubeadm-corefile';
import { dnsCluster } from './fixture';

function ask(result: SimulationResult, name: string, type = 'A'): DnsAnswer {
  const a = queryDns(result, { name, type });
  if ('error' in a) throw new Error(a.error);
  return a;
}

const corefileConfigMap = (corefile: string) => `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
${corefile
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

describe('Corefile parsing', () => {
  it("reads kubeadm's Corefile: one .:53 block, kubernetes for cluster.local and the reverse zones, pods insecure, ttl 30, fallthrough for reverse zones", () => {
    const read = readCorefile(kubeadmCorefile('cluster.local'));
    if ('error' in read) throw new Error(read.error.message);
    const [block] = read.config.blocks;
    expect(block.zones).toEqual(['.']);
    expect(block.port).toBe(53);
    expect(block.kubernetes).toMatchObject({ zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'], pods: 'insecure', ttl: 30, fallthrough: ['in-addr.arpa.', 'ip6.arpa.'] });
    expect(block.forward).toMatchObject({ from: '.', to: ['/etc/resolv.conf'] });
  });

  it('takes several server blocks with keys, comments, quoted words and nested blocks', () => {
    const parsed = parseCorefile('# stub domain\nconsul.local:53 {\n  errors\n  forward . 10.150.0.1 # the consul server\n}\n.:53 {\n  hosts {\n    1.2.3.4 "printer.lan"\n    fallthrough\n  }\n}\n');
    if ('error' in parsed) throw new Error(parsed.error.message);
    expect(parsed.blocks.map((b) => b.keys.map((k) => `${k.zone}:${k.port}`))).toEqual([['consul.local.:53'], ['.:53']]);
    expect(parsed.blocks[1].directives[0].block.map((d) => [d.name, ...d.args])).toEqual([['1.2.3.4', 'printer.lan'], ['fallthrough']]);
  });

  it.each([
    ['.:53 {\n  errors\n', 'Corefile:2 - Error during parsing: Unexpected EOF'],
    ['.:53 {\n  errors\n}\n}\n', "Corefile:4 - Error during parsing: Unexpected '}' because no matching opening brace"],
    ['.:53 {\n  kubernets cluster.local\n}\n', "Corefile:2 - Error during parsing: Unknown directive 'kubernets'"],
    ['.:53 {\n  kubernetes cluster.local {\n    pods sometimes\n  }\n}\n', "Corefile:3 - Error during parsing: plugin/kubernetes: value sometimes not supported for 'pods' option"],
    ['.:53 {\n  errors\n}\n.:53 {\n  errors\n}\n', 'Corefile:4 - Error during parsing: cannot serve dns://.:53 - it is already defined'],
  ])('refuses %j with a located error', (text, message) => {
    const read = readCorefile(text);
    expect('error' in read && read.error.message).toContain(message);
  });
});

describe("the scenario's Corefile", () => {
  it('plugin defaults apply when the Corefile does not set them: ttl 5, pods disabled', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    kubernetes cluster.local\n    forward . /etc/resolv.conf\n}'));
    expect(r.diagnostics.filter((d) => d.object === 'ConfigMap kube-system/coredns')).toEqual([]);
    expect(ask(r, 'data.prod.svc.cluster.local').answers[0].ttl).toBe(5);
    expect(ask(r, 'data.prod.svc.cluster.local', 'AAAA').authority[0].data).toMatch(/ 86400 5$/);
    expect(ask(r, '10-244-1-5.prod.pod.cluster.local').rcode).toBe('NXDOMAIN');
    // Without fallthrough and without the reverse zones, a PTR goes to forward; the ClusterIP's PTR is not the plugin's.
    expect(ask(r, '10.40.96.10.in-addr.arpa', 'PTR').source).toBe('outside');
  });

  it('pods verified answers only an IP a Pod of that namespace has', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    kubernetes cluster.local {\n       pods verified\n    }\n    forward . /etc/resolv.conf\n}'));
    const db0 = r.pods.find((p) => p.name === 'db-0')!.ip!.replace(/\./g, '-');
    expect(ask(r, `${db0}.prod.pod.cluster.local`).rcode).toBe('NOERROR');
    expect(ask(r, `${db0}.test.pod.cluster.local`).rcode).toBe('NXDOMAIN');
    expect(ask(r, '10-244-9-9.prod.pod.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('hosts entries answer before kubernetes and forward; without fallthrough a missing name is SERVFAIL', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    hosts {\n       203.0.113.7 registry.corp\n       fallthrough\n    }\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\nlab:53 {\n    hosts {\n       203.0.113.8 printer.lab\n    }\n}'));
    expect(ask(r, 'registry.corp').answers.map((x) => `${x.ttl} ${x.data}`)).toEqual(['3600 203.0.113.7']);
    expect(ask(r, 'data.prod.svc.cluster.local').answers[0].data).toBe('10.96.40.10');
    // lab. has its own block (longest zone wins), whose hosts plugin has no fallthrough.
    expect(ask(r, 'printer.lab').answers[0].data).toBe('203.0.113.8');
    expect(ask(r, 'scanner.lab').rcode).toBe('SERVFAIL');
  });

  it('a stub domain block forwards its zone; a name no block serves is REFUSED', () => {
    const r = dnsCluster(`${corefileConfigMap('example.com:53 {\n    forward . 10.150.0.1\n}\ncluster.local:53 {\n    kubernetes cluster.local\n}')}`);
    expect(ask(r, 'www.example.com').answers[0].data).toBe('203.0.113.10');
    expect(ask(r, 'data.prod.svc.cluster.local').answers[0].data).toBe('10.96.40.10');
    expect(ask(r, 'www.google.com').rcode).toBe('REFUSED');
  });

  it('rewrite name changes the question before the kubernetes plugin; exact rules rewrite the answer back', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    rewrite name db.internal data.prod.svc.cluster.local\n    rewrite stop {\n        name suffix .svc.clusterset.local .svc.cluster.local answer auto\n    }\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}'));
    expect(r.diagnostics.filter((d) => d.object === 'ConfigMap kube-system/coredns')).toEqual([]);
    const a = ask(r, 'db.internal');
    expect(a.answers.map((x) => `${x.name} ${x.data}`)).toEqual(['db.internal. 10.96.40.10']);
    expect(a.notes.join(' ')).toContain('rewrite');
    const b = ask(r, 'data.prod.svc.clusterset.local');
    expect(b.answers.map((x) => `${x.name} ${x.data}`)).toEqual(['data.prod.svc.clusterset.local. 10.96.40.10']);
  });

  it('a regex name rule with an answer name rule in a block rewrites the answer as the README example does', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    rewrite stop {\n        name regex (.*)-(prod)\\.lab {1}.{2}.svc.cluster.local\n        answer name (.*)\\.(prod)\\.svc\\.cluster\\.local {1}-{2}.lab\n    }\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}'));
    expect(r.diagnostics.filter((d) => d.object === 'ConfigMap kube-system/coredns')).toEqual([]);
    expect(ask(r, 'data-prod.lab').answers.map((x) => `${x.name} ${x.data}`)).toEqual(['data-prod.lab. 10.96.40.10']);
  });

  it('hosts: a PTR its entries lack goes to the next plugin even without fallthrough (hosts.go)', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    hosts {\n       203.0.113.7 registry.corp\n    }\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}'));
    expect(ask(r, '7.113.0.203.in-addr.arpa', 'PTR').answers.map((x) => x.data)).toEqual(['registry.corp.']);
    expect(ask(r, '10.40.96.10.in-addr.arpa', 'PTR').answers.map((x) => x.data)).toEqual(['data.prod.svc.cluster.local.']);
    expect(ask(r, 'registry.corp', 'MX').rcode).toBe('NOERROR');
  });

  it('the cache plugin clamps every TTL of a reply to its success or denial bounds (plugin/cache WriteMsg)', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    kubernetes cluster.local\n    forward . /etc/resolv.conf\n    cache 300 {\n        success 1000 60 10\n        denial 1000 20\n    }\n}'));
    expect(r.diagnostics.filter((d) => d.object === 'ConfigMap kube-system/coredns')).toEqual([]);
    // Success: min(record TTLs) clamped to [10, 60]: upstream 300 → 60; the plugin's 5 → 10.
    expect(ask(r, 'www.example.com').answers.map((x) => x.ttl)).toEqual([60]);
    expect(ask(r, 'data.prod.svc.cluster.local').answers.map((x) => x.ttl)).toEqual([10]);
    // Denial: the root SOA's 86400 clamped to [5, 20].
    expect(ask(r, 'nope.example.org').authority.map((x) => x.ttl)).toEqual([20]);
  });

  it('an invalid Corefile is a located error on the ConfigMap, and CoreDNS keeps kubeadm\'s', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    kubernetes cluster.local {\n       pods sometimes\n    }\n}'));
    const d = r.diagnostics.find((x) => x.object === 'ConfigMap kube-system/coredns')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain("Corefile:3 - Error during parsing: plugin/kubernetes: value sometimes not supported for 'pods' option");
    expect(d.path).toBe('data.Corefile');
    // `Corefile: |` is on line 7 of the fixture's ConfigMap document; the Corefile's line 3 is 3 lines below.
    const yamlLine = r.diagnostics.find((x) => x.object === 'ConfigMap kube-system/coredns')!.line!;
    expect(yamlLine).toBeGreaterThan(3);
    expect(ask(r, 'data.prod.svc.cluster.local').answers[0].ttl).toBe(30);
  });

  it('warns when no port-53 block runs the kubernetes plugin for the cluster domain', () => {
    const r = dnsCluster(corefileConfigMap('.:53 {\n    forward . /etc/resolv.conf\n}'));
    expect(r.diagnostics.find((x) => x.object === 'ConfigMap kube-system/coredns')?.message).toContain('no server block on port 53 runs the kubernetes plugin for cluster.local');
    expect(ask(r, 'data.prod.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('kubectl get configmaps lists the Corefile ConfigMap; -o yaml shows the Corefile', () => {
    const r = dnsCluster();
    const out = runCommandLine(r, 'kubectl get cm -n kube-system');
    expect(out.stdout.split('\n')[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(out.stdout).toMatch(/\ncoredns\s+1\s+/);
    expect(out.stdout).toMatch(/\nkube-root-ca\.crt\s+1\s+/);
    const yaml = runCommandLine(r, 'kubectl get configmap coredns -n kube-system -o yaml').stdout;
    expect(yaml).toContain('  Corefile: |\n    .:53 {\n        errors\n');
    expect(yaml).toContain('kind: ConfigMap');
    expect(runCommandLine(r, 'kubectl get cm').stdout).toMatch(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+/);
  });

  it('kubectl describe configmap prints Data/====, each key, ----, the value (describe.go ConfigMapDescriber)', () => {
    const out = runCommandLine(dnsCluster(), 'kubectl describe cm coredns -n kube-system').stdout;
    expect(out.startsWith('Name:         coredns\nNamespace:    kube-system\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nCorefile:\n----\n.:53 {\n    errors\n')).toBe(true);
    expect(out.endsWith('    loadbalance\n}\n\n\nBinaryData\n====\n\nEvents:  <none>\n')).toBe(true);
  });
});
