/**
 * Traces in kube-proxy's other modes. nftables (pkg/proxy/nftables/proxier.go): the
 * `services` chain's `service-ips` vmap sends the packet to the Service's chain, whose
 * `numgen random mod N vmap` picks an endpoint chain that DNATs; a Service without endpoints
 * is rejected through `no-endpoint-services`. IPVS: the ClusterIP is on kube-ipvs0, so the
 * packet is local; IPVS takes it at LOCAL_IN and rewrites it to a real server (Masq); a
 * virtual server without real servers answers ICMP port unreachable (ip_vs_leave).
 */
import { traceConnection } from '../../../src/engine';
import { run, service } from '../support/scenario';

const scenario = (mode: string) => `
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking: {kubeProxyMode: ${mode}}
nodes: [{role: control-plane}, {role: worker}, {role: worker}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: none}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: busybox}]}
`;
const from = { kind: 'pod' as const, namespace: 'default', name: 'client' };

describe('nftables mode', () => {
  const r = run(scenario('nftables'));

  it('dispatches through service-ips to the Service chain, draws an endpoint chain with numgen, and DNATs', () => {
    const t = traceConnection(r, { from, to: { ip: service(r, 'default', 'web').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('delivered');
    const nft = t.hops.filter((h) => h.table === 'ip kube-proxy');
    expect(nft[0].chain).toBe('services');
    expect(nft[1].chain).toMatch(/^service-[A-Z2-7]{8}-default\/web\/tcp\/$/);
    expect(nft[1].rule).toMatch(/^numgen random mod 2 vmap \{ 0 : goto endpoint-/);
    expect(nft[2].rule).toBe(`meta l4proto tcp dnat to ${t.destination.ip}:80`);
    expect(t.candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
    // No iptables rule of kube-proxy's is involved in this mode.
    expect(t.hops.some((h) => h.chain === 'KUBE-SERVICES')).toBe(false);
  });

  it('rejects a Service without endpoints through no-endpoint-services', () => {
    const t = traceConnection(r, { from, to: { ip: service(r, 'default', 'empty').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('rejected');
    expect(t.hops.find((h) => h.table === 'ip kube-proxy')?.chain).toBe('service-endpoints-check');
  });
});

describe('IPVS mode', () => {
  const r = run(scenario('ipvs'));

  it('the virtual server on kube-ipvs0 schedules a real server and IPVS rewrites the destination', () => {
    const ip = service(r, 'default', 'web').clusterIP!;
    const t = traceConnection(r, { from, to: { ip, port: 80 } });
    expect(t.verdict).toBe('delivered');
    const ipvs = t.hops.find((h) => h.kind === 'ipvs')!;
    expect(ipvs.action).toContain(`IPVS virtual server TCP ${ip}:80 rr (default/web)`);
    expect(t.hops.find((h) => h.kind === 'dnat')?.before?.dst).toBe(`${ip}:80`);
    expect(t.candidates).toHaveLength(2);
  });

  it('a virtual server without real servers: ICMP port unreachable', () => {
    const t = traceConnection(r, { from, to: { ip: service(r, 'default', 'empty').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toContain('has no real servers');
  });
});
