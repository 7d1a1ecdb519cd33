/**
 * LoadBalancer Services on kind: `<pending>` without a load-balancer implementation;
 * with MetalLB (an IPAddressPool), addresses as metallb/internal/allocator hands them out:
 * lowest free address first (getIPFromCIDR walks each CIDR from its network address;
 * avoidBuggyIPs skips .0/.255), the loadBalancerIPs annotation honoured, the
 * address-pool annotation choosing a pool, autoAssign: false pools used only on request.
 */
import { run, svc } from './support';

const ns = '{apiVersion: v1, kind: Namespace, metadata: {name: metallb-system}}\n';
const pool = (name: string, addresses: string, extra = '') => `---\n{apiVersion: metallb.io/v1beta1, kind: IPAddressPool, metadata: {name: ${name}, namespace: metallb-system}, spec: {addresses: [${addresses}]${extra}}}\n`;
const l2 = '---\n{apiVersion: metallb.io/v1beta1, kind: L2Advertisement, metadata: {name: l2, namespace: metallb-system}}\n';
const lb = (name: string, annotations = '') => `---\n{apiVersion: v1, kind: Service, metadata: {name: ${name}${annotations ? `, annotations: {${annotations}}` : ''}}, spec: {type: LoadBalancer, selector: {app: ${name}}, ports: [{port: 80}]}}\n`;
const ingress = (r: ReturnType<typeof run>, name: string) => svc(r, name).loadBalancerIngress.map((i) => i.ip).join();

describe('LoadBalancer on kind', () => {
  it('stays pending without MetalLB and explains how to get an address', () => {
    const r = run(lb('web'));
    expect(svc(r, 'web').loadBalancerIngress).toEqual([]);
    const d = r.diagnostics.find((x) => x.object === 'Service default/web')!;
    expect(d.severity).toBe('info');
    expect(d.message).toMatch(/EXTERNAL-IP stays <pending>.*MetalLB.*cloud-provider-kind/);
  });

  it('honours a pinned status.loadBalancer.ingress (a replayed dump)', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: LoadBalancer, ports: [{port: 80}]}, status: {loadBalancer: {ingress: [{ip: 172.18.0.240}]}}}\n');
    expect(svc(r, 'web').loadBalancerIngress).toEqual([{ ip: '172.18.0.240' }]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('MetalLB', () => {
  it('hands out the lowest free address of the pool, then reports exhaustion', () => {
    const r = run(ns + pool('p', '172.18.255.200-172.18.255.201') + l2 + lb('a') + lb('b') + lb('c'));
    expect([ingress(r, 'a'), ingress(r, 'b'), ingress(r, 'c')]).toEqual(['172.18.255.200', '172.18.255.201', '']);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', object: 'Service default/c', message: expect.stringContaining('Failed to allocate IP for "default/c": no available IPs') }));
  });

  it('starts a CIDR at its network address unless avoidBuggyIPs', () => {
    expect(ingress(run(ns + pool('p', '192.168.10.0/30') + l2 + lb('a')), 'a')).toBe('192.168.10.0');
    expect(ingress(run(ns + pool('p', '192.168.10.0/30', ', avoidBuggyIPs: true') + l2 + lb('a')), 'a')).toBe('192.168.10.1');
  });

  it('honours the loadBalancerIPs annotation and keeps that address from others', () => {
    const r = run(ns + pool('p', '172.18.255.200-172.18.255.205') + l2 + lb('a') + lb('z', 'metallb.universe.tf/loadBalancerIPs: 172.18.255.200'));
    expect(ingress(r, 'z')).toBe('172.18.255.200');
    expect(ingress(r, 'a')).toBe('172.18.255.201');
  });

  it('refuses a requested address outside every pool', () => {
    const r = run(ns + pool('p', '172.18.255.200/30') + l2 + lb('a', 'metallb.io/loadBalancerIPs: 10.0.0.5'));
    expect(ingress(r, 'a')).toBe('');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ message: expect.stringContaining('Failed to allocate IP for "default/a": "10.0.0.5" is not allowed in config') }));
  });

  it('uses an autoAssign: false pool only when the address-pool annotation names it', () => {
    const pools = pool('auto', '172.18.255.200/32') + pool('manual', '172.18.255.210/32', ', autoAssign: false');
    const r = run(ns + pools + l2 + lb('a') + lb('m', 'metallb.universe.tf/address-pool: manual') + lb('x'));
    expect([ingress(r, 'a'), ingress(r, 'm'), ingress(r, 'x')]).toEqual(['172.18.255.200', '172.18.255.210', '']);
  });

  it('warns when no L2Advertisement announces the pool', () => {
    const r = run(ns + pool('p', '172.18.255.200/32') + lb('a'));
    expect(ingress(r, 'a')).toBe('172.18.255.200');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', object: 'IPAddressPool metallb-system/p', message: expect.stringContaining('is not announced by any L2Advertisement') }));
  });
});
