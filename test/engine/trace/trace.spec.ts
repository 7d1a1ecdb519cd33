/**
 * Traced connections on a default kind cluster (kindnet, kube-proxy iptables mode). The
 * expected paths are what the kernel does with kube-proxy v1.33's rules
 * (pkg/proxy/iptables/proxier.go) and kindnet's routes: DNAT in nat PREROUTING (OUTPUT
 * from a node), masquerade only for marked packets, REJECT for a Service without
 * endpoints, DROP for externalTrafficPolicy Local without a local endpoint.
 */
import { createHash } from 'node:crypto';
import { traceConnection, type SimulationResult, type TraceResult } from '../../../src/engine';
import { run, service } from '../support/scenario';

const web = (replicas: number, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:${extra}
      containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]
`;
const svc = (name: string, spec: string) => `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;
const client = (node?: string) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec: {${node ? `nodeName: ${node}, ` : ''}containers: [{name: c, image: busybox}]}\n`;

const pod = (r: SimulationResult, name: string) => r.pods.find((p) => p.namespace === 'default' && p.name.startsWith(name))!;
const node = (r: SimulationResult, name: string) => r.cluster.nodes.find((n) => n.name === name)!;
const fromPod = (name: string) => ({ kind: 'pod' as const, namespace: 'default', name });
const chains = (t: TraceResult) => t.hops.filter((h) => h.kind === 'netfilter').map((h) => `${h.table} ${h.chain}`);

describe('Pod to Pod', () => {
  const r = run(web(2, '\n      nodeName: kind-worker') + client('kind-worker') + `---\napiVersion: v1\nkind: Pod\nmetadata: {name: far, labels: {app: far}}\nspec: {nodeName: kind-worker2, containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n`);

  it('same node: from the Pod to the node by its veth, then the host route to the other veth; no NAT', () => {
    const target = r.pods.find((p) => p.name.startsWith('web-'))!;
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: target.ip!, port: 80 } });
    expect(t.verdict).toBe('delivered');
    expect(t.destination).toEqual({ pod: `default/${target.name}`, node: 'kind-worker', ip: target.ip, port: 80 });
    expect(new Set(t.hops.map((h) => h.node))).toEqual(new Set(['kind-worker']));
    expect(t.hops.some((h) => h.kind === 'dnat' || h.kind === 'snat')).toBe(false);
    // ptp: the node holds `<podIP> dev veth... scope host` for each local Pod.
    expect(t.hops.find((h) => h.kind === 'route' && h.netns === 'root')?.action).toMatch(new RegExp(`^route ${target.ip!.replace(/\./g, '\\.')} dev veth[0-9a-f]{8} scope host$`));
    expect(t.candidates).toEqual([]);
  });

  it('cross node: kindnet routes the other podCIDR via that node InternalIP, and the packet keeps its addresses', () => {
    const far = pod(r, 'far');
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: far.ip!, port: 8080 } });
    expect(t.verdict).toBe('delivered');
    const worker2 = node(r, 'kind-worker2');
    expect(t.hops.find((h) => h.kind === 'route' && h.node === 'kind-worker' && h.netns === 'root')?.action).toBe(`route ${worker2.podCIDR} via ${worker2.internalIP} dev eth0`);
    expect(t.hops.map((h) => h.node)).toContain('kind-worker2');
    expect(t.hops[t.hops.length - 1].packet).toEqual({ protocol: 'TCP', src: `${pod(r, 'client').ip}:${t.source.port}`, dst: `${far.ip}:8080` });
  });

  it('a port no container declares is refused by the Pod', () => {
    const far = pod(r, 'far');
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: far.ip!, port: 80 } });
    expect(t.verdict).toBe('refused');
    expect(t.reason).toContain('8080/TCP');
  });

  it('an address no Pod has leaves by the default route and times out', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: '10.244.2.200', port: 80 } });
    expect(t.verdict).toBe('timed-out');
  });
});

describe('Pod to Service (ClusterIP)', () => {
  const r = run(web(3) + svc('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 80}]') + svc('empty', '  selector: {app: none}\n  ports: [{port: 80}]') + svc('wrong', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]') + client());
  const ip = service(r, 'default', 'web').clusterIP!;

  it('nat PREROUTING jumps to KUBE-SERVICES, the Service chain, one endpoint chain, and DNATs there', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip, port: 80 } });
    expect(t.verdict).toBe('delivered');
    const nat = chains(t).filter((c) => c.startsWith('nat'));
    expect(nat.slice(0, 4)).toEqual(['nat PREROUTING', 'nat KUBE-SERVICES', expect.stringMatching(/^nat KUBE-SVC-[A-Z2-7]{16}$/), expect.stringMatching(/^nat KUBE-SEP-[A-Z2-7]{16}$/)]);
    const services = t.hops.find((h) => h.chain === 'KUBE-SERVICES')!;
    expect(services.rule).toContain(`-d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-`);
    const dnat = t.hops.find((h) => h.kind === 'dnat')!;
    expect(dnat.before?.dst).toBe(`${ip}:80`);
    expect(dnat.packet.dst).toBe(`${t.destination.ip}:80`);
  });

  it('names every ready endpoint as a candidate, each with probability 1/3, and follows the chosen one', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip, port: 80 } });
    const endpoints = service(r, 'default', 'web').endpoints.map((e) => `${e.ip}:${e.port}`).sort();
    expect(t.candidates.map((c) => `${c.ip}:${c.port}`).sort()).toEqual(endpoints);
    for (const c of t.candidates) expect(c.probability).toBeCloseTo(1 / 3, 6);
    const chosen = t.candidates.filter((c) => c.chosen);
    expect(chosen).toHaveLength(1);
    expect(`${chosen[0].ip}:${chosen[0].port}`).toBe(`${t.destination.ip}:${t.destination.port}`);
    expect(chosen[0].pod).toBe(t.destination.pod);
  });

  it('is deterministic for a seed, and different seeds reach different endpoints', () => {
    const once = traceConnection(r, { from: fromPod('client'), to: { ip, port: 80 } }, { seed: 'a' });
    expect(traceConnection(r, { from: fromPod('client'), to: { ip, port: 80 } }, { seed: 'a' })).toEqual(once);
    const reached = new Set(Array.from({ length: 30 }, (_, i) => traceConnection(r, { from: fromPod('client'), to: { ip, port: 80 } }, { seed: String(i) }).destination.pod));
    expect(reached.size).toBe(3);
  });

  it('a Service without endpoints is rejected by filter KUBE-SERVICES with icmp-port-unreachable', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: service(r, 'default', 'empty').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('rejected');
    const last = t.hops[t.hops.length - 1];
    expect(last).toMatchObject({ table: 'filter', chain: 'KUBE-SERVICES' });
    expect(last.rule).toContain('--comment "default/empty has no endpoints"');
    expect(last.rule).toContain('-j REJECT --reject-with icmp-port-unreachable');
  });

  it('a wrong targetPort reaches the Pod on a port nothing listens on: refused', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: service(r, 'default', 'wrong').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('refused');
    expect(t.destination.port).toBe(8080);
  });

  it('a port the Service does not have matches no rule: the packet leaves and times out', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip, port: 8080 } });
    expect(t.verdict).toBe('timed-out');
    expect(t.hops.some((h) => h.kind === 'dnat')).toBe(false);
  });

  it('from a node, the DNAT happens in nat OUTPUT', () => {
    const t = traceConnection(r, { from: { kind: 'node', name: 'kind-control-plane' }, to: { ip, port: 80 } });
    expect(t.verdict).toBe('delivered');
    expect(chains(t)[0]).toBe('nat OUTPUT');
  });

  it('UDP to kube-dns reaches one of the two CoreDNS Pods', () => {
    const t = traceConnection(r, { from: fromPod('client'), to: { ip: '10.96.0.10', port: 53 }, protocol: 'UDP' });
    expect(t.verdict).toBe('delivered');
    expect(t.destination.pod).toMatch(/^kube-system\/coredns-/);
    expect(t.candidates).toHaveLength(2);
    expect(t.candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
  });
});

describe('hairpin: a Pod to its own Service', () => {
  const r = run(web(1) + svc('web', '  selector: {app: web}\n  ports: [{port: 80}]'));
  const self = pod(r, 'web-');

  it('the SEP chain marks traffic from the endpoint itself, and POSTROUTING masquerades it to the node side of the veth', () => {
    const t = traceConnection(r, { from: fromPod(self.name), to: { ip: service(r, 'default', 'web').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('delivered');
    expect(t.destination.pod).toBe(`default/${self.name}`);
    const mark = t.hops.find((h) => h.chain?.startsWith('KUBE-SEP-') && h.rule?.includes('-j KUBE-MARK-MASQ'));
    expect(mark?.rule).toContain(`-s ${self.ip}/32`);
    const snat = t.hops.find((h) => h.kind === 'snat')!;
    // kindnet's ptp gives the node's end of every veth the podCIDR's first address.
    const gateway = node(r, self.nodeName!).podCIDR.replace(/0\/24$/, '1');
    expect(snat.packet.src).toBe(`${gateway}:${t.source.port}`);
  });
});

describe('NodePort from outside the cluster', () => {
  const scenario = (policy: string) => run(web(1, '\n      nodeName: kind-worker') + svc('web', `  type: NodePort\n  externalTrafficPolicy: ${policy}\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]`));

  it('externalTrafficPolicy Cluster: from another node, the packet is DNATed, masqueraded to that node, and forwarded', () => {
    const r = scenario('Cluster');
    const worker2 = node(r, 'kind-worker2');
    const t = traceConnection(r, { from: { kind: 'external' }, to: { ip: worker2.internalIP, port: 30080 } });
    expect(t.verdict).toBe('delivered');
    expect(t.source.ip).toBe('172.18.0.1');
    expect(chains(t)).toEqual(expect.arrayContaining(['nat KUBE-NODEPORTS', expect.stringMatching(/^nat KUBE-EXT-/), 'nat KUBE-MARK-MASQ']));
    const snat = t.hops.find((h) => h.kind === 'snat')!;
    expect(snat.packet.src).toBe(`${worker2.internalIP}:${t.source.port}`);
    expect(t.destination.node).toBe('kind-worker');
  });

  it('externalTrafficPolicy Local: a node without a local endpoint drops it in filter KUBE-EXTERNAL-SERVICES', () => {
    const r = scenario('Local');
    const t = traceConnection(r, { from: { kind: 'external' }, to: { ip: node(r, 'kind-worker2').internalIP, port: 30080 } });
    expect(t.verdict).toBe('dropped');
    const last = t.hops[t.hops.length - 1];
    expect(last).toMatchObject({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES' });
    expect(last.rule).toContain('--comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP');
  });

  it('externalTrafficPolicy Local: the node with the endpoint delivers it with the client address kept', () => {
    const r = scenario('Local');
    const t = traceConnection(r, { from: { kind: 'external', ip: '172.18.0.100' }, to: { ip: node(r, 'kind-worker').internalIP, port: 30080 } });
    expect(t.verdict).toBe('delivered');
    expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
    expect(t.hops[t.hops.length - 1].packet.src).toMatch(/^172\.18\.0\.100:/);
  });

  it('Pod and ClusterIP addresses are not routed from outside', () => {
    const r = scenario('Cluster');
    const t = traceConnection(r, { from: { kind: 'external' }, to: { ip: service(r, 'default', 'web').clusterIP!, port: 80 } });
    expect(t.verdict).toBe('timed-out');
    expect(t.reason).toContain('reachable only from inside the cluster');
  });
});

describe('LoadBalancer through MetalLB', () => {
  const metallb = `---\napiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: pool, namespace: metallb-system}\nspec: {addresses: [172.18.255.200-172.18.255.250]}\n---\napiVersion: metallb.io/v1beta1\nkind: L2Advertisement\nmetadata: {name: l2, namespace: metallb-system}\n`;
  const r = run(`apiVersion: v1\nkind: Namespace\nmetadata: {name: metallb-system}\n---\n${web(2)}${svc('web', '  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80}]')}${metallb}`);

  it('enters on the node MetalLB elects (lowest SHA-256 of node#ip among nodes not excluded from load balancers)', () => {
    const ip = service(r, 'default', 'web').loadBalancerIngress[0].ip!;
    const eligible = r.cluster.nodes.filter((n) => !('node.kubernetes.io/exclude-from-external-load-balancers' in n.labels)).map((n) => n.name);
    const expected = eligible.sort((a, b) => createHash('sha256').update(`${a}#${ip}`).digest('hex').localeCompare(createHash('sha256').update(`${b}#${ip}`).digest('hex')))[0];
    const t = traceConnection(r, { from: { kind: 'external' }, to: { ip, port: 80 } });
    expect(t.verdict).toBe('delivered');
    expect(t.hops[1].node).toBe(expected);
    expect(t.hops.find((h) => h.chain === 'KUBE-SERVICES')?.rule).toContain('--comment "default/web loadbalancer IP"');
  });
});
