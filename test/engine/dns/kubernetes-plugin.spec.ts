/**
 * CoreDNS's kubernetes plugin on kubeadm's Corefile (ttl 30, pods insecure), asked straight
 * at the kube-dns Service. Expected answers follow the Kubernetes DNS spec
 * (kubernetes/dns docs/specification.md, schema 1.1.0) and CoreDNS's
 * plugin/kubernetes/handler_test.go cases (ClusterIP, headless, SRV weights, ExternalName,
 * NXDOMAIN vs NODATA, mixed case), written as zone-file records.
 */
import { queryDns, type DnsAnswer, type SimulationResult } from '../../../src/engine';
import { dnsCluster } from './fixture';

function ask(result: SimulationResult, name: string, type = 'A'): DnsAnswer {
  const a = queryDns(result, { name, type });
  if ('error' in a) throw new Error(a.error);
  return a;
}

const zone = (a: DnsAnswer) => a.answers.map((r) => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`);

describe('kubernetes plugin records (kubeadm Corefile)', () => {
  const r = dnsCluster(`
---
apiVersion: v1
kind: Pod
metadata: {name: warming, namespace: prod, labels: {app: warm}}
spec:
  hostname: warming
  subdomain: warm
  containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]
status:
  conditions: [{type: Ready, status: "False"}]
---
apiVersion: v1
kind: Service
metadata: {name: warm, namespace: prod}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector: {app: warm}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: cold, namespace: prod}
spec:
  clusterIP: None
  selector: {app: warm}
  ports: [{name: http, port: 80}]
`);
  const dbIPs = r.pods.filter((p) => p.namespace === 'prod' && p.name.startsWith('db-')).map((p) => p.ip!);
  const warmIP = r.pods.find((p) => p.name === 'warming')!.ip!;

  it('A for a ClusterIP Service is its ClusterIP, authoritative, TTL 30 (kubeadm ttl)', () => {
    const a = ask(r, 'data.prod.svc.cluster.local');
    expect(a.rcode).toBe('NOERROR');
    expect(a.flags).toEqual({ aa: true, rd: true, ra: false });
    expect(zone(a)).toEqual(['data.prod.svc.cluster.local. 30 IN A 10.96.40.10']);
  });

  it('AAAA on an IPv4 Service is NODATA: NOERROR, no answer, the zone SOA (min(ttl,300), minimum = ttl)', () => {
    const a = ask(r, 'data.prod.svc.cluster.local', 'AAAA');
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers).toEqual([]);
    expect(a.authority).toHaveLength(1);
    expect(a.authority[0].name).toBe('cluster.local.');
    expect(a.authority[0].ttl).toBe(30);
    expect(a.authority[0].data).toMatch(/^ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30$/);
  });

  it('headless: one A per ready address; none ready is NXDOMAIN', () => {
    expect(ask(r, 'db.prod.svc.cluster.local').answers.map((x) => x.data).sort()).toEqual([...dbIPs].sort());
    const empty = ask(r, 'empty.prod.svc.cluster.local');
    expect(empty.rcode).toBe('NXDOMAIN');
    expect(empty.authority[0].type).toBe('SOA');
  });

  it('StatefulSet Pods answer as <hostname>.<service> (hostname = Pod name, subdomain = serviceName)', () => {
    expect(zone(ask(r, 'db-1.db.prod.svc.cluster.local'))).toEqual([`db-1.db.prod.svc.cluster.local. 30 IN A ${r.pods.find((p) => p.name === 'db-1')!.ip}`]);
  });

  it('an endpoint without hostname answers by its dashed IP, also under a ClusterIP Service', () => {
    const ip = r.services.find((s) => s.name === 'data')!.endpoints[0].ip;
    expect(zone(ask(r, `${ip.replace(/\./g, '-')}.data.prod.svc.cluster.local`))).toEqual([`${ip.replace(/\./g, '-')}.data.prod.svc.cluster.local. 30 IN A ${ip}`]);
  });

  it('publishNotReadyAddresses publishes a not-ready Pod; without it the same Pod has no record', () => {
    expect(zone(ask(r, 'warming.warm.prod.svc.cluster.local'))).toEqual([`warming.warm.prod.svc.cluster.local. 30 IN A ${warmIP}`]);
    expect(ask(r, 'cold.prod.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('SRV on a named port of a ClusterIP Service: 0 100 <service port> <svc>, glue A', () => {
    const a = ask(r, '_http._tcp.data.prod.svc.cluster.local', 'SRV');
    expect(zone(a)).toEqual(['_http._tcp.data.prod.svc.cluster.local. 30 IN SRV 0 100 80 data.prod.svc.cluster.local.']);
    expect(a.additional.map((x) => `${x.name} ${x.type} ${x.data}`)).toEqual(['data.prod.svc.cluster.local. A 10.96.40.10']);
  });

  it('SRV on the bare name: one per port, weight floor(100/N) (backend_lookup.go)', () => {
    expect(ask(r, 'data.prod.svc.cluster.local', 'SRV').answers.map((x) => x.data)).toEqual(['0 50 80 data.prod.svc.cluster.local.', '0 50 9090 data.prod.svc.cluster.local.']);
  });

  it('headless SRV: one per ready endpoint with the resolved targetPort and the endpoint name', () => {
    const a = ask(r, '_postgres._tcp.db.prod.svc.cluster.local', 'SRV');
    expect(a.answers.map((x) => x.data).sort()).toEqual(['0 50 15432 db-0.db.prod.svc.cluster.local.', '0 50 15432 db-1.db.prod.svc.cluster.local.']);
    expect(a.additional.map((x) => x.name).sort()).toEqual(['db-0.db.prod.svc.cluster.local.', 'db-1.db.prod.svc.cluster.local.']);
  });

  it('an unknown port name or a wrong protocol is NXDOMAIN; port and protocol match case-insensitively', () => {
    expect(ask(r, '_nope._tcp.data.prod.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(ask(r, '_http._udp.data.prod.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(ask(r, '_HTTP._TCP.data.prod.svc.cluster.local', 'SRV').rcode).toBe('NOERROR');
  });

  it('ExternalName: CNAME first, then the chased target, in the cluster or upstream', () => {
    expect(zone(ask(r, 'alias.test.svc.cluster.local'))).toEqual(['alias.test.svc.cluster.local. 30 IN CNAME data.prod.svc.cluster.local.', 'data.prod.svc.cluster.local. 30 IN A 10.96.40.10']);
    // The upstream record's TTL (300) is capped by kubeadm's `cache 30` on its way through CoreDNS.
    expect(zone(ask(r, 'ext.test.svc.cluster.local'))).toEqual(['ext.test.svc.cluster.local. 30 IN CNAME www.example.com.', 'www.example.com. 30 IN A 203.0.113.10']);
    expect(zone(ask(r, 'ext.test.svc.cluster.local', 'CNAME'))).toEqual(['ext.test.svc.cluster.local. 30 IN CNAME www.example.com.']);
  });

  it('SRV on an ExternalName is NODATA (not implemented upstream); names below it are NXDOMAIN', () => {
    const srv = ask(r, 'ext.test.svc.cluster.local', 'SRV');
    expect([srv.rcode, srv.answers.length]).toEqual(['NOERROR', 0]);
    expect(ask(r, 'x.ext.test.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('NXDOMAIN versus NODATA at the namespace and zone levels', () => {
    const rc = (name: string, type = 'A') => {
      const a = ask(r, name, type);
      return a.rcode === 'NOERROR' && a.answers.length === 0 ? 'NODATA' : a.rcode;
    };
    expect(rc('prod.svc.cluster.local')).toBe('NODATA');
    expect(rc('svc.cluster.local')).toBe('NODATA');
    expect(rc('pod.cluster.local')).toBe('NODATA');
    expect(rc('cluster.local')).toBe('NODATA');
    expect(rc('nope.prod.svc.cluster.local')).toBe('NXDOMAIN');
    expect(rc('data.nons.svc.cluster.local')).toBe('NXDOMAIN');
    expect(rc('nons.svc.cluster.local')).toBe('NXDOMAIN');
    expect(rc('foo.cluster.local')).toBe('NXDOMAIN');
    // More labels than <endpoint> or <port>.<proto> in front of <svc>.<ns>.svc is no name at all.
    expect(rc('a.b.c.data.prod.svc.cluster.local')).toBe('NXDOMAIN');
    // Other types on an existing name: NODATA (a throw-away A lookup decides).
    expect(rc('data.prod.svc.cluster.local', 'MX')).toBe('NODATA');
    expect(rc('nope.prod.svc.cluster.local', 'MX')).toBe('NXDOMAIN');
  });

  it('names compare case-insensitively; the owner echoes the question', () => {
    expect(zone(ask(r, 'Data.PROD.svc.Cluster.Local'))).toEqual(['Data.PROD.svc.Cluster.Local. 30 IN A 10.96.40.10']);
  });

  it('pods insecure: any well-formed dashed IP in an existing namespace; a non-IP label or a missing namespace is NXDOMAIN', () => {
    expect(zone(ask(r, '10-244-9-9.prod.pod.cluster.local'))).toEqual(['10-244-9-9.prod.pod.cluster.local. 30 IN A 10.244.9.9']);
    expect(ask(r, 'web.prod.pod.cluster.local').rcode).toBe('NXDOMAIN');
    expect(ask(r, '10-244-9-9.nons.pod.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('PTR: a ClusterIP gives its Service; an endpoint IP gives <endpoint>.<svc> for each Service it backs', () => {
    expect(zone(ask(r, '10.40.96.10.in-addr.arpa', 'PTR'))).toEqual(['10.40.96.10.in-addr.arpa. 30 IN PTR data.prod.svc.cluster.local.']);
    const db0 = r.pods.find((p) => p.name === 'db-0')!.ip!;
    const ptr = `${db0.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(zone(ask(r, ptr, 'PTR'))).toEqual([`${ptr}. 30 IN PTR db-0.db.prod.svc.cluster.local.`]);
  });

  it('a PTR the plugin cannot answer falls through (fallthrough in-addr.arpa) to forward: NXDOMAIN without AA', () => {
    const a = ask(r, '99.99.168.192.in-addr.arpa', 'PTR');
    expect(a.rcode).toBe('NXDOMAIN');
    expect(a.flags.aa).toBe(false);
    expect(a.source).toBe('outside');
  });

  it('dns-version TXT is "1.1.0" (TTL 28800, capped at 30 by kubeadm\'s cache); SOA and NS at the apex', () => {
    expect(zone(ask(r, 'dns-version.cluster.local', 'TXT'))).toEqual(['dns-version.cluster.local. 30 IN TXT "1.1.0"']);
    expect(ask(r, 'cluster.local', 'SOA').answers[0].data).toMatch(/^ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30$/);
    const ns = ask(r, 'cluster.local', 'NS');
    expect(zone(ns)).toEqual(['cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.']);
    expect(ns.additional.map((x) => `${x.name} ${x.type} ${x.data}`)).toEqual(['kube-dns.kube-system.svc.cluster.local. A 10.96.0.10']);
  });

  it('zone transfers are REFUSED without the transfer plugin', () => {
    expect(ask(r, 'cluster.local', 'AXFR').rcode).toBe('REFUSED');
  });
});
