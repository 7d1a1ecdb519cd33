/**
 * The Pod side: resolv.conf as kubelet's GetPodDNS builds it per dnsPolicy and containerd
 * writes it (pkg/kubelet/network/dns/dns.go; the docs' dnsConfig example in
 * kubernetes/website dns-pod-service.md), /etc/hosts as kubelet's managedHostsFileContent
 * writes it, and glibc res_search's walk over the search list (ndots, absolute names, going
 * on after NXDOMAIN and NODATA).
 */
import { queryDns, runCommandLine, simulate, type DnsAnswer } from '../../../src/engine';
import { searchCandidates } from '../../../src/engine/dns/resolver';
import { dnsCluster } from './fixture';

const pod = (name: string, spec: string) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: test}
spec:
${spec}
  containers: [{name: c, image: nicolaka/netshoot}]
`;

describe('resolv.conf per dnsPolicy', () => {
  const r = dnsCluster(
    pod('host-net', '  hostNetwork: true') +
      pod('host-net-cluster', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet') +
      pod('default-policy', '  dnsPolicy: Default') +
      pod('none', '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.2.3.4]\n    searches: [ns1.svc.cluster-domain.example, my.dns.search.suffix]\n    options: [{name: ndots, value: "2"}, {name: edns0}]') +
      pod('merged', '  dnsConfig:\n    nameservers: [10.96.0.10, 8.8.8.8]\n    searches: [svc.cluster.local, corp.example]\n    options: [{name: ndots, value: "2"}, {name: single-request-reopen}]'),
  );
  const cat = (name: string) => runCommandLine(r, `kubectl exec -n test ${name} -- cat /etc/resolv.conf`).stdout;

  it('ClusterFirst (the default): kube-dns only, the namespace search list, ndots:5', () => {
    expect(cat('client')).toBe('search test.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('ClusterFirst on a hostNetwork Pod falls back to Default: the node resolv.conf as kubelet parses it (a `.` search dropped)', () => {
    expect(cat('host-net')).toBe('nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n');
    expect(cat('default-policy')).toBe('nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n');
  });

  it('ClusterFirstWithHostNet gives a hostNetwork Pod the cluster resolver', () => {
    expect(cat('host-net-cluster')).toBe('search test.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it("None takes everything from dnsConfig (the Kubernetes docs' example)", () => {
    expect(cat('none')).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n');
  });

  it('dnsConfig is merged: nameservers and searches appended without duplicates, options by name (dnsConfig wins)', () => {
    expect(cat('merged')).toBe('search test.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\nnameserver 8.8.8.8\noptions ndots:2 single-request-reopen\n');
  });

  it('the API server refuses dnsPolicy None without nameservers, and unknown policies', () => {
    const bad = simulate([{ name: 'p.yaml', content: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  dnsPolicy: None\n  containers: [{name: c, image: x}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  dnsPolicy: ClusterLast\n  containers: [{name: c, image: x}]\n` }]);
    expect(bad.diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      expect.stringContaining('spec.dnsConfig: ') as unknown as string,
      expect.stringContaining('spec.dnsPolicy: ') as unknown as string,
    ]);
    expect(bad.diagnostics[0].message).toContain('Required value: must provide `dnsConfig` when `dnsPolicy` is None');
    expect(bad.diagnostics[1].message).toContain('Unsupported value: "ClusterLast": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"');
    expect(bad.pods.some((p) => p.namespace === 'default')).toBe(false);
  });
});

describe('/etc/hosts', () => {
  const r = dnsCluster(pod('aliased', '  hostname: box\n  subdomain: db\n  hostAliases: [{ip: 203.0.113.5, hostnames: [foo.local, bar.local]}]'));

  it("kubelet's file: header, localhost lines, the Pod's FQDN with subdomain, then hostAliases", () => {
    const ip = r.pods.find((p) => p.name === 'aliased')!.ip!;
    expect(runCommandLine(r, 'kubectl exec -n test aliased -- cat /etc/hosts').stdout).toBe(
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tbox.db.test.svc.cluster.local\tbox\n\n# Entries added by HostAliases.\n203.0.113.5\tfoo.local\tbar.local\n`,
    );
  });

  it('getent hosts reads /etc/hosts before DNS', () => {
    expect(runCommandLine(r, 'kubectl exec -n test aliased -- getent hosts bar.local').stdout).toBe('203.0.113.5     foo.local bar.local\n');
  });
});

describe('the search walk (glibc res_search)', () => {
  const rc = { nameservers: ['10.96.0.10'], searches: ['test.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };

  it.each([
    ['data', ['data.test.svc.cluster.local.', 'data.svc.cluster.local.', 'data.cluster.local.', 'data.']],
    ['data.prod.svc.cluster.local', ['data.prod.svc.cluster.local.test.svc.cluster.local.', 'data.prod.svc.cluster.local.svc.cluster.local.', 'data.prod.svc.cluster.local.cluster.local.', 'data.prod.svc.cluster.local.']],
    ['data.prod.svc.cluster.local.', ['data.prod.svc.cluster.local.']],
    ['a.b.c.d.e.f', ['a.b.c.d.e.f.', 'a.b.c.d.e.f.test.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']],
  ])('%s is asked as %j', (name, expected) => {
    expect(searchCandidates(name, rc)).toEqual(expected);
  });

  const r = dnsCluster();
  const walk = (name: string) => {
    const a = queryDns(r, { from: { namespace: 'test', pod: 'client' }, name }) as DnsAnswer;
    return a.tried.map((t) => `${t.name} ${t.rcode === 'NOERROR' && t.answers === 0 ? 'NODATA' : t.rcode}`);
  };

  it('data.prod: parsed as endpoint "data" of a Service "prod" in test first (NXDOMAIN), then answered', () => {
    expect(walk('data.prod')).toEqual(['data.prod.test.svc.cluster.local. NXDOMAIN', 'data.prod.svc.cluster.local. NOERROR']);
  });

  it('data.prod.svc: the _port._proto reading, then a namespace named svc, then the answer', () => {
    expect(walk('data.prod.svc')).toEqual(['data.prod.svc.test.svc.cluster.local. NXDOMAIN', 'data.prod.svc.svc.cluster.local. NXDOMAIN', 'data.prod.svc.cluster.local. NOERROR']);
  });

  it('prod (a namespace): glibc goes on after the NODATA of prod.svc.cluster.local to the bare name', () => {
    expect(walk('prod')).toEqual(['prod.test.svc.cluster.local. NXDOMAIN', 'prod.svc.cluster.local. NODATA', 'prod.cluster.local. NXDOMAIN', 'prod. NXDOMAIN']);
  });

  it('without --from the question goes straight to the cluster DNS Service, no search list', () => {
    const a = queryDns(r, { name: 'data.prod', type: 'A' }) as DnsAnswer;
    expect(a.server).toBe('10.96.0.10');
    expect(a.tried.map((t) => t.name)).toEqual(['data.prod.']);
    expect(a.rcode).toBe('NXDOMAIN');
  });

  it('says which Pod does not exist', () => {
    expect(queryDns(r, { from: { namespace: 'test', pod: 'nope' }, name: 'data' })).toEqual({ error: 'pods "nope" not found in namespace "test"' });
  });
});
