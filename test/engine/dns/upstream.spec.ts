/**
 * DNS outside the cluster: UpstreamZone documents (kube-netlab.io/v1alpha1), the records
 * ExternalDNS would publish (external-dns source/service.go: LoadBalancer ingress IPs for
 * the hostname annotation, the ttl annotation), and names nothing owns. Forwarded answers
 * carry RA and no AA, as a recursive resolver's do.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { queryDns, simulate, type DnsAnswer } from '../../../src/engine';
import { dnsCluster } from './fixture';

const ask = (r: ReturnType<typeof simulate>, name: string, type = 'A') => queryDns(r, { name, type }) as DnsAnswer;

describe('UpstreamZone', () => {
  const r = dnsCluster();

  it('answers its records, not authoritative, recursion available; through CoreDNS the cache plugin caps the TTL (kubeadm: cache 30)', () => {
    const direct = queryDns(r, { name: 'www.example.com', server: '172.18.0.1' }) as DnsAnswer;
    expect(direct.answers.map((x) => `${x.name} ${x.ttl} ${x.type} ${x.data}`)).toEqual(['www.example.com. 300 A 203.0.113.10']);
    const a = ask(r, 'www.example.com');
    expect(a.answers.map((x) => `${x.name} ${x.ttl} ${x.type} ${x.data}`)).toEqual(['www.example.com. 30 A 203.0.113.10']);
    expect(a.flags).toEqual({ aa: false, rd: true, ra: true });
    expect(ask(r, 'example.com', 'MX').answers.map((x) => x.data)).toEqual(['10 mail.example.com.']);
  });

  it('a name of the zone it lacks is NXDOMAIN with the zone SOA; another type of an existing name is NODATA', () => {
    const nx = ask(r, 'nope.example.com');
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.authority.map((x) => x.name)).toEqual(['example.com.']);
    const nodata = ask(r, 'www.example.com', 'AAAA');
    expect([nodata.rcode, nodata.answers.length]).toEqual(['NOERROR', 0]);
    expect(nx.notes).toEqual([]);
  });

  it('a name nothing owns is NXDOMAIN from the root with a note that it is outside the simulation', () => {
    const a = ask(r, 'api.github.com');
    expect(a.rcode).toBe('NXDOMAIN');
    expect(a.source).toBe('outside');
    expect(a.notes[0]).toContain('api.github.com is outside the simulation');
  });

  it('validates its records with located errors', () => {
    const bad = simulate([{ name: 'z.yaml', content: 'apiVersion: kube-netlab.io/v1alpha1\nkind: UpstreamZone\nmetadata: {name: z}\nspec:\n  zone: example.org\n  records:\n    - {name: www, type: A, value: not-an-ip}\n    - {name: www, type: WKS, value: x}\n' }]);
    expect(bad.diagnostics.map((d) => [d.path, d.line])).toEqual([
      ['spec.records[0].value', 7],
      ['spec.records[1].type', 8],
    ]);
    expect(bad.diagnostics[0].message).toContain('A data must be an IPv4 address');
    expect(bad.upstreamZones).toEqual([]);
  });
});

describe('ExternalDNS records', () => {
  const r = simulate([
    {
      name: 'lb.yaml',
      content: `
apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: pool, namespace: metallb-system}
spec:
  addresses: [172.18.255.200-172.18.255.250]
---
apiVersion: v1
kind: Namespace
metadata: {name: metallb-system}
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  annotations:
    external-dns.alpha.kubernetes.io/hostname: shop.example.org,www.shop.example.org
    external-dns.alpha.kubernetes.io/ttl: "60"
spec:
  type: LoadBalancer
  selector: {app: shop}
  ports: [{port: 80}]
`,
    },
  ]);

  it("publishes the LoadBalancer's ingress IP under each hostname with the ttl annotation", () => {
    const ip = r.services.find((s) => s.name === 'shop')!.loadBalancerIngress[0]?.ip;
    expect(ip).toBeDefined();
    for (const host of ['shop.example.org', 'www.shop.example.org']) {
      const direct = queryDns(r, { name: host, server: '172.18.0.1' }) as DnsAnswer;
      expect(direct.answers.map((x) => `${x.name} ${x.ttl} ${x.type} ${x.data}`)).toEqual([`${host}. 60 A ${ip}`]);
      const a = ask(r, host);
      expect(a.answers.map((x) => x.ttl)).toEqual([30]);
      expect(a.source).toBe('external-dns');
    }
  });
});

describe('ExternalDNS records of Ingresses', () => {
  it('publishes the hostname annotation and rule hosts at the Ingress address (result.ingresses, from the Ingress engine)', () => {
    const base = dnsCluster();
    // The Ingress engine reports externalDNS per Ingress; a result carrying one stands in for it here.
    const r = { ...base, ingresses: [{ externalDNS: { hostnames: ['shop.example.net'], specHosts: ['api.example.net', '*.example.net'], targets: ['172.18.255.201'], ttl: 120 } }] } as typeof base;
    const direct = queryDns(r, { name: 'shop.example.net', server: '172.18.0.1' }) as DnsAnswer;
    expect(direct.answers.map((x) => `${x.name} ${x.ttl} ${x.type} ${x.data}`)).toEqual(['shop.example.net. 120 A 172.18.255.201']);
    expect(ask(r, 'api.example.net').source).toBe('external-dns');
    expect(ask(r, 'other.example.net').rcode).toBe('NXDOMAIN');
  });
});

describe('examples/cluster-dns.yaml', () => {
  const r = simulate([{ name: 'cluster-dns.yaml', content: readFileSync(path.join(__dirname, '../../../examples/cluster-dns.yaml'), 'utf8') }]);

  it('simulates without errors and answers through its Corefile (hosts entry, stub domain, ExternalName to an UpstreamZone)', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const from = { namespace: 'test', pod: 'client' };
    expect((queryDns(r, { from, name: 'registry.lab' }) as DnsAnswer).answers.map((a) => a.data)).toEqual(['203.0.113.50']);
    expect((queryDns(r, { from, name: 'ldap.corp.internal' }) as DnsAnswer).answers.map((a) => a.data)).toEqual(['10.150.0.20']);
    expect((queryDns(r, { from, name: 'search' }) as DnsAnswer).answers.map((a) => `${a.type} ${a.data}`)).toEqual(['CNAME www.example.com.', 'A 203.0.113.10']);
  });
});
