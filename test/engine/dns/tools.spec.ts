/**
 * dig, nslookup, host, getent and cat in a Pod (kubectl exec) and on a node. Expected text
 * follows BIND 9.18's formats (bin/dig/dig.c, nslookup.c, host.c; master-file columns from
 * lib/dns/masterdump.c) and the samples in /work/shared/docs/reference/dns.md §4; only
 * IDs, cookies and timings are the simulator's own (seeded).
 */
import { runCommandLine, simulate } from '../../../src/engine';
import { dnsCluster } from './fixture';

const r = dnsCluster();
const exec = (cmd: string) => runCommandLine(r, `kubectl exec -n test client -- ${cmd}`);

describe('dig', () => {
  it('prints the header, flags, sections, server and size as BIND 9.18 does (no RA from CoreDNS, mDNS warning for .local)', () => {
    const out = exec('dig data.prod.svc.cluster.local');
    expect(out.exitCode).toBe(0);
    const text = out.stdout.replace(/id: \d+/, 'id: ID').replace(/COOKIE: [0-9a-f]{16}/, 'COOKIE: C');
    expect(text).toBe(
      [
        '',
        '; <<>> DiG 9.18.33 <<>> data.prod.svc.cluster.local',
        ';; global options: +cmd',
        ';; Got answer:',
        ';; WARNING: .local is reserved for Multicast DNS',
        ';; You are currently testing what happens when an mDNS query is leaked to DNS',
        ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID',
        ';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1',
        ';; WARNING: recursion requested but not available',
        '',
        ';; OPT PSEUDOSECTION:',
        '; EDNS: version: 0, flags:; udp: 1232',
        '; COOKIE: C (echoed)',
        ';; QUESTION SECTION:',
        ';data.prod.svc.cluster.local.\tIN\tA',
        '',
        ';; ANSWER SECTION:',
        'data.prod.svc.cluster.local. 30\tIN\tA\t10.96.40.10',
        '',
        ';; Query time: 0 msec',
        ';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)',
        ';; WHEN: Wed Jan 01 00:00:02 UTC 2025',
        // 12 header + 33 question + 43 answer (uncompressed: miekg/dns does not compress what fits) + 23 OPT with cookie.
        ';; MSG SIZE  rcvd: 111',
        '',
        '',
      ].join('\n'),
    );
  });

  it('lays out short and long owners at the master-file columns (TTL 24, class 32, type 40, data 48)', () => {
    const out = exec('dig SRV _postgres._tcp.db.prod.svc.cluster.local').stdout;
    expect(out).toContain(';_postgres._tcp.db.prod.svc.cluster.local. IN SRV\n');
    expect(out).toContain('_postgres._tcp.db.prod.svc.cluster.local. 30 IN\tSRV 0 50 15432 db-0.db.prod.svc.cluster.local.\n');
    expect(out).toContain(';; ADDITIONAL SECTION:\ndb-0.db.prod.svc.cluster.local.\t30 IN\tA\t');
    expect(exec('dig nope.prod.svc.cluster.local').stdout).toContain(';; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. ');
  });

  it('NXDOMAIN is a response: status in the header, exit 0', () => {
    const out = exec('dig nope.prod.svc.cluster.local');
    expect(out.stdout).toContain('status: NXDOMAIN');
    expect(out.stdout).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n');
    expect(out.exitCode).toBe(0);
  });

  it('+short prints the data only; -x asks the PTR; +search walks the search list', () => {
    expect(exec('dig +short data.prod.svc.cluster.local').stdout).toBe('10.96.40.10\n');
    expect(exec('dig +short -x 10.96.40.10').stdout).toBe('data.prod.svc.cluster.local.\n');
    expect(exec('dig +short data.prod').stdout).toBe('');
    expect(exec('dig +short +search data.prod').stdout).toBe('10.96.40.10\n');
    expect(exec('dig +noall +answer ext.test.svc.cluster.local').stdout).toBe('ext.test.svc.cluster.local. 30\tIN\tCNAME\twww.example.com.\nwww.example.com.\t30\tIN\tA\t203.0.113.10\n');
  });

  it('a plain dig of a short name goes upstream: qr rd ra, the root SOA, and a note that the name is outside the simulation', () => {
    const out = exec('dig data');
    expect(out.stdout).toContain(';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n');
    // kubeadm's `cache 30` caps every TTL of the reply at 30 (plugin/cache WriteMsg).
    expect(out.stdout).toContain('.\t\t\t30\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. ');
    expect(out.stderr).toContain('kube-netlab: data is outside the simulation');
  });

  it('@server asks another server; an address without a DNS server times out (exit 9)', () => {
    expect(exec('dig @10.96.0.10 +short data.prod.svc.cluster.local').stdout).toBe('10.96.40.10\n');
    const out = exec('dig @10.244.9.9 data.prod.svc.cluster.local');
    expect(out.exitCode).toBe(9);
    expect(out.stdout).toBe(';; communications error to 10.244.9.9#53: timed out\n'.repeat(3) + '\n; <<>> DiG 9.18.33 <<>> @10.244.9.9 data.prod.svc.cluster.local\n; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n\n');
  });

  it('@server by name is looked up first; a name that does not resolve is dig\'s "couldn\'t get address" (exit 10)', () => {
    expect(exec('dig @kube-dns.kube-system +short data.prod.svc.cluster.local').stdout).toBe('10.96.40.10\n');
    expect(exec('dig @nope.kube-system data.prod.svc.cluster.local')).toMatchObject({ stderr: expect.stringContaining("dig: couldn't get address for 'nope.kube-system': not found\n") as unknown as string, exitCode: 10 });
  });

  it('is deterministic', () => {
    expect(exec('dig db.prod.svc.cluster.local').stdout).toBe(exec('dig db.prod.svc.cluster.local').stdout);
  });
});

describe('nslookup, host, getent', () => {
  it('nslookup walks the search list and prints Server/Address then Name/Address', () => {
    const out = exec('nslookup data.prod');
    // One warning per response without RA, as real pods show (NXDOMAIN for data.prod.test.svc..., the A answer, the AAAA NODATA).
    expect(out).toEqual({ stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tdata.prod.svc.cluster.local\nAddress: 10.96.40.10\n\n', stderr: ';; Got recursion not available from 10.96.0.10\n'.repeat(3), exitCode: 0 });
  });

  it('nslookup of an outside name: a warning per cluster search domain, then the forwarded answer, non-authoritative', () => {
    const out = exec('nslookup www.example.com');
    expect(out.stderr).toBe(';; Got recursion not available from 10.96.0.10\n'.repeat(3));
    expect(out.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nNon-authoritative answer:\nName:\twww.example.com\nAddress: 203.0.113.10\n\n');
  });

  it("nslookup: NXDOMAIN names the typed name, exit 1; an ExternalName prints the canonical name", () => {
    const nx = exec('nslookup nope.prod.svc.cluster.local');
    expect(nx.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope.prod.svc.cluster.local: NXDOMAIN\n\n");
    expect(nx.exitCode).toBe(1);
    expect(exec('nslookup ext').stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\next.test.svc.cluster.local\tcanonical name = www.example.com.\nName:\twww.example.com\nAddress: 203.0.113.10\n\n');
  });

  it('nslookup -type=srv and reverse lookups', () => {
    expect(exec('nslookup -type=srv _http._tcp.data.prod.svc.cluster.local').stdout).toContain('_http._tcp.data.prod.svc.cluster.local\tservice = 0 100 80 data.prod.svc.cluster.local.\n');
    expect(exec('nslookup 10.96.40.10').stdout).toContain('10.40.96.10.in-addr.arpa\tname = data.prod.svc.cluster.local.\n');
  });

  it('nslookup: every candidate NODATA is "No answer"', () => {
    expect(exec('nslookup prod.svc.cluster.local.').stdout).toContain("*** Can't find prod.svc.cluster.local: No answer\n");
  });

  it('host prints has address / is an alias for / not found: 3(NXDOMAIN)', () => {
    expect(exec('host data.prod').stdout).toBe('data.prod.svc.cluster.local has address 10.96.40.10\n');
    expect(exec('host ext').stdout).toBe('ext.test.svc.cluster.local is an alias for www.example.com.\nwww.example.com has address 203.0.113.10\n');
    expect(exec('host nope.prod.svc.cluster.local.')).toMatchObject({ stdout: 'Host nope.prod.svc.cluster.local not found: 3(NXDOMAIN)\n', exitCode: 1 });
    expect(exec('host 10.96.40.10').stdout).toBe('10.40.96.10.in-addr.arpa domain name pointer data.prod.svc.cluster.local.\n');
  });

  it('getent hosts: one line per address, canonical name then aliases; nothing and exit 2 when not found', () => {
    expect(exec('getent hosts data.prod').stdout).toBe('10.96.40.10     data.prod.svc.cluster.local\n');
    expect(exec('getent hosts alias').stdout).toBe('10.96.40.10     data.prod.svc.cluster.local alias.test.svc.cluster.local\n');
    expect(exec('getent hosts db.prod').stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(exec('getent hosts nope')).toMatchObject({ stdout: '', exitCode: 2 });
  });
});

describe('BusyBox nslookup (busybox and alpine images)', () => {
  const bb = dnsCluster(`
---
apiVersion: v1
kind: Pod
metadata: {name: bb, namespace: test}
spec:
  containers: [{name: bb, image: busybox:1.36}]
`);
  const run = (cmd: string) => runCommandLine(bb, `kubectl exec -n test bb -- ${cmd}`);

  it('a dotted name is asked only as it is (no search list): data.prod fails with NXDOMAIN for A and AAAA, exit 1', () => {
    expect(run('nslookup data.prod')).toMatchObject({ stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find data.prod: NXDOMAIN\n\n** server can't find data.prod: NXDOMAIN\n\n", exitCode: 1 });
  });

  it('a full name answers with IP:53 as the server address; the AAAA NODATA reply is a blank line', () => {
    expect(run('nslookup data.prod.svc.cluster.local')).toEqual({ stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdata.prod.svc.cluster.local\nAddress: 10.96.40.10\n\n\n', stderr: '', exitCode: 0 });
  });

  it('a name without dots gets every search domain and never the bare name; each reply is printed', () => {
    const out = run('nslookup ext').stdout;
    expect(out).toContain('ext.test.svc.cluster.local\tcanonical name = www.example.com\nName:\twww.example.com\nAddress: 203.0.113.10\n');
    expect(out).toContain("** server can't find ext.svc.cluster.local: NXDOMAIN\n");
    expect(out).toContain("** server can't find ext.cluster.local: NXDOMAIN\n");
    expect(out).not.toContain("can't find ext: ");
  });
});

describe('busybox:1.28 nslookup (the Kubernetes DNS debugging page)', () => {
  const bb = dnsCluster(`
---
apiVersion: v1
kind: Pod
metadata: {name: busybox, namespace: default}
spec:
  containers: [{name: busybox, image: busybox:1.28, command: [sleep, "3600"]}]
`);

  it('prints the docs\' output for kubernetes.default (getaddrinfo walks the search list; PTR names on the Address lines)', () => {
    // kubernetes.io/docs/tasks/administer-cluster/dns-debugging-resolution/
    expect(runCommandLine(bb, 'kubectl exec -ti busybox -- nslookup kubernetes.default')).toEqual({
      stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it("fails with nslookup: can't resolve", () => {
    const out = runCommandLine(bb, 'kubectl exec busybox -- nslookup nope.default');
    expect(out.stderr.split('\n')[0]).toBe("nslookup: can't resolve 'nope.default'");
    expect(out.exitCode).toBe(1);
  });
});

describe('a node asks its own resolver', () => {
  it('dig on a node goes to the kind network resolver, which does not know cluster names, and says so', () => {
    const out = runCommandLine(r, 'dig +short kubernetes.default.svc.cluster.local');
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('is a cluster name, but the question went to a resolver outside the cluster: only CoreDNS (the kube-dns Service, 10.96.0.10)');
    expect(runCommandLine(r, 'dig +short @10.96.0.10 kubernetes.default.svc.cluster.local').stdout).toBe('10.96.0.1\n');
  });
});

describe('cat of host files', () => {
  it('reads /etc/resolv.conf on a node (kind: the docker network gateway) and keeps cat on stdin working', () => {
    expect(runCommandLine(r, 'cat /etc/resolv.conf').stdout).toContain('nameserver 172.18.0.1\n');
    expect(runCommandLine(r, 'cat /etc/shadow')).toEqual({ stdout: '', stderr: 'cat: /etc/shadow: No such file or directory\n', exitCode: 1 });
    expect(runCommandLine(r, 'echo hi | cat').stdout).toBe('hi\n');
    expect(runCommandLine(r, 'kubectl exec -n test client -- cat /etc/hostname').stdout).toBe('client\n');
  });
});

describe('when CoreDNS cannot answer', () => {
  it('no CNI: CoreDNS stays Pending, kube-dns has no endpoints, kube-proxy rejects the query', () => {
    const noCni = simulate([{ name: 'k.yaml', content: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  disableDefaultCNI: true\n' }]);
    const out = runCommandLine(noCni, 'dig @10.96.0.10 kubernetes.default.svc.cluster.local');
    expect(out.exitCode).toBe(9);
    expect(out.stdout).toContain(';; communications error to 10.96.0.10#53: connection refused\n');
    expect(out.stderr).toContain('kube-netlab: Service kube-system/kube-dns has no ready endpoint');
  });

  it('kubeProxyMode none: nothing translates the ClusterIP, the query times out', () => {
    const noProxy = simulate([{ name: 'k.yaml', content: 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  kubeProxyMode: none\n' }]);
    expect(runCommandLine(noProxy, 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10').stdout).toBe(';; communications error to 10.96.0.10#53: timed out\n'.repeat(3) + ';; no servers could be reached\n\n');
  });
});

describe('CoreDNS readiness through a Timeline', () => {
  it('with both CoreDNS Pods not ready, kube-dns has no ready endpoint: queries are refused; a CoreDNS Pod IP still answers', () => {
    const r2 = simulate([
      {
        name: 't.yaml',
        content: `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: c, image: nicolaka/netshoot}]
---
apiVersion: kube-netlab.io/v1alpha1
kind: Timeline
steps:
  - podReady: {selector: k8s-app=kube-dns, namespace: kube-system, ready: false}
`,
      },
    ]);
    const out = runCommandLine(r2, 'kubectl exec client -- nslookup kubernetes.default');
    expect(out.stdout).toBe(';; communications error to 10.96.0.10#53: connection refused\n'.repeat(3) + ';; no servers could be reached\n\n');
    expect(out.stderr).toContain('no CoreDNS Pod is ready');
    const coreDnsIP = r2.pods.find((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')!.ip!;
    expect(runCommandLine(r2, `kubectl exec client -- dig +short @${coreDnsIP} kubernetes.default.svc.cluster.local`).stdout).toBe('10.96.0.1\n');
  });
});
