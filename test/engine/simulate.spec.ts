/**
 * Behaviour of a default kind cluster (v1.33, 1 control plane + 2 workers) after
 * `kubectl apply`. Expected values follow from Kubernetes' rules, not from the engine.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { ENGINE_VERSION, simulate } from '../../src/engine';
import { deployment, inPodCIDR, podsOf, run, service } from './support/scenario';

const POD_NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const example = readFileSync(path.join(__dirname, '../../examples/web-deployment.yaml'), 'utf8');

describe('default kind cluster', () => {
  const result = run('');

  it('has one control plane and two workers with kind addresses and /24 pod CIDRs', () => {
    expect(result.cluster).toMatchObject({ name: 'kind', serviceCIDR: '10.96.0.0/16', podCIDR: '10.244.0.0/16', clusterDomain: 'cluster.local', nodePortRange: '30000-32767' });
    expect(result.cluster.nodes).toHaveLength(3);
    expect(result.cluster.nodes).toMatchObject([
      { name: 'kind-control-plane', roles: ['control-plane'], internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24', taints: ['node-role.kubernetes.io/control-plane:NoSchedule'] },
      { name: 'kind-worker', roles: [], internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24', taints: [] },
      { name: 'kind-worker2', roles: [], internalIP: '172.18.0.4', podCIDR: '10.244.2.0/24', taints: [] },
    ]);
    expect(result.namespaces).toEqual(expect.arrayContaining(['default', 'kube-node-lease', 'kube-public', 'kube-system']));
    expect(result.engineVersion).toBe(ENGINE_VERSION);
  });

  it('has default/kubernetes at 10.96.0.1:443 backed by the API server on the control plane :6443', () => {
    const svc = service(result, 'default', 'kubernetes');
    expect(svc.clusterIP).toBe('10.96.0.1');
    expect(svc.ports).toEqual([{ name: 'https', port: 443, targetPort: '6443', protocol: 'TCP' }]);
    expect(svc.endpoints.map((e) => `${e.ip}:${e.port}`)).toEqual(['172.18.0.2:6443']);
  });

  it('has kube-system/kube-dns at 10.96.0.10 backed by two CoreDNS Pods on the control plane', () => {
    const svc = service(result, 'kube-system', 'kube-dns');
    expect(svc.clusterIP).toBe('10.96.0.10');
    expect(svc.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    const coredns = result.pods.filter((p) => p.labels['k8s-app'] === 'kube-dns');
    expect(coredns.map((p) => p.ip).sort()).toEqual(['10.244.0.2', '10.244.0.3']);
    expect(coredns.every((p) => p.nodeName === 'kind-control-plane' && /^coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(p.name))).toBe(true);
    expect(svc.endpoints).toHaveLength(6); // 2 Pods × 3 ports
  });

  it('reports nothing about an empty scenario', () => {
    expect(result.diagnostics).toEqual([]);
  });
});

describe('Deployment behind a Service', () => {
  const result = run(example);
  const pods = podsOf(result);

  it('creates one ReplicaSet <deploy>-<pod-template-hash> and 3 Pods <rs>-<5 chars>', () => {
    expect(pods).toHaveLength(3);
    const rs = result.replicaSets.find((r) => r.deployment === 'web')!;
    expect(rs.name).toBe(`web-${rs.podTemplateHash}`);
    for (const pod of pods) {
      expect(pod.name).toMatch(POD_NAME);
      expect(pod.name.startsWith(`${rs.name}-`)).toBe(true);
      expect(pod.labels).toEqual({ app: 'web', 'pod-template-hash': rs.podTemplateHash });
      expect(pod).toMatchObject({ ownerKind: 'ReplicaSet', ownerName: rs.name, phase: 'Running', ready: true });
    }
  });

  it('schedules no Pod on the tainted control plane and spreads over both workers', () => {
    const nodes = pods.map((p) => p.nodeName);
    expect(nodes).not.toContain('kind-control-plane');
    expect(new Set(nodes)).toEqual(new Set(['kind-worker', 'kind-worker2']));
  });

  it('gives each Pod a distinct IP from its node /24', () => {
    const ips = pods.map((p) => p.ip!);
    expect(new Set(ips).size).toBe(3);
    for (const pod of pods) {
      expect(inPodCIDR(pod.ip!)).toBe(true);
      expect(pod.ip!.startsWith(pod.nodeName === 'kind-worker' ? '10.244.1.' : '10.244.2.')).toBe(true);
      expect(pod.ip!.endsWith('.1')).toBe(false); // .1 is the node's bridge gateway
    }
  });

  it('lists 3 ready endpoints on the Pod IPs at the resolved named port', () => {
    const svc = service(result, 'default', 'web');
    expect(svc.type).toBe('ClusterIP');
    expect(svc.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(svc.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(svc.endpoints).toHaveLength(3);
    expect(new Set(svc.endpoints.map((e) => e.ip))).toEqual(new Set(pods.map((p) => p.ip)));
    for (const e of svc.endpoints) expect(e).toMatchObject({ port: 80, portName: 'http', protocol: 'TCP', ready: true, podNamespace: 'default' });
  });

  it('allocates a ClusterIP outside the kubernetes and kube-dns addresses', () => {
    const ip = service(result, 'default', 'web').clusterIP;
    expect(['10.96.0.0', '10.96.0.1', '10.96.0.10', '10.96.255.255']).not.toContain(ip);
  });

  it('reports nothing for a correct scenario', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('defaults replicas to 1', () => {
    const r = run(deployment('one', 1, { app: 'one' }, '[]').replace('  replicas: 1\n', ''));
    expect(podsOf(r)).toHaveLength(1);
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same input', () => {
    const a = JSON.stringify(simulate([{ name: 'a.yaml', content: example }]));
    const b = JSON.stringify(simulate([{ name: 'a.yaml', content: example }]));
    expect(a).toBe(b);
  });

  it('keeps existing Pod names when an unrelated object is added', () => {
    const before = podsOf(run(example)).map((p) => p.name);
    const after = podsOf(run(example + '---\n' + deployment('api', 2, { app: 'api' }, '[]'))).filter((p) => p.name.startsWith('web-'));
    expect(after.map((p) => p.name)).toEqual(before);
  });

  it('changes the pod-template-hash when the template changes', () => {
    const a = run(example).replicaSets.find((r) => r.deployment === 'web')!;
    const b = run(example.replace('nginx:1.27', 'nginx:1.28')).replicaSets.find((r) => r.deployment === 'web')!;
    expect(a.podTemplateHash).not.toBe(b.podTemplateHash);
    expect(a.podTemplateHash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('re-rolls Pod names with another seed', () => {
    const a = simulate([{ name: 'a.yaml', content: example }]);
    const b = simulate([{ name: 'a.yaml', content: example }], { seed: 'other' });
    expect(podsOf(a).map((p) => p.name)).not.toEqual(podsOf(b).map((p) => p.name));
  });
});

describe('targetPort', () => {
  const pod = (name: string, labels: string, ports: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: ${labels}}
spec:
  containers: [{name: app, image: nginx, ports: ${ports}}]
`;

  it('resolves a named targetPort per Pod', () => {
    const r = run(
      pod('a', '{app: web}', '[{name: http, containerPort: 8080}]') +
        pod('b', '{app: web}', '[{name: http, containerPort: 9090}]') +
        '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}}\n',
    );
    const byPod = Object.fromEntries(service(r, 'default', 'web').endpoints.map((e) => [e.podName, e.port]));
    expect(byPod).toEqual({ a: 8080, b: 9090 });
  });

  it('leaves out a Pod that does not declare the named port, and says so', () => {
    const r = run(
      pod('a', '{app: web}', '[{name: http, containerPort: 8080}]') +
        pod('b', '{app: web}', '[{name: web, containerPort: 8080}]') +
        '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}}\n',
    );
    expect(service(r, 'default', 'web').endpoints.map((e) => e.podName)).toEqual(['a']);
    const d = r.diagnostics.find((x) => x.path === 'spec.ports[0].targetPort')!;
    expect(d).toMatchObject({ severity: 'warning', object: 'Service default/web' });
    expect(d.message).toContain('b');
  });

  it('uses the port itself when targetPort is omitted', () => {
    const r = run(pod('a', '{app: web}', '[{containerPort: 80}]') + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n');
    const svc = service(r, 'default', 'web');
    expect(svc.ports[0].targetPort).toBe('80');
    expect(svc.endpoints.map((e) => e.port)).toEqual([80]);
  });

  it('matches the protocol of a named port (UDP service port does not take a TCP container port)', () => {
    const r = run(pod('a', '{app: dns}', '[{name: dns, containerPort: 53, protocol: TCP}]') + '---\n{apiVersion: v1, kind: Service, metadata: {name: dns}, spec: {selector: {app: dns}, ports: [{port: 53, protocol: UDP, targetPort: dns}]}}\n');
    expect(service(r, 'default', 'dns').endpoints).toEqual([]);
  });
});

describe('Service types', () => {
  const base = deployment('web', 2, { app: 'web' }, '[{name: http, containerPort: 80}]');

  it('headless: clusterIP None, endpoints still listed', () => {
    const r = run(base + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}}\n');
    const svc = service(r, 'default', 'web');
    expect(svc.clusterIP).toBe('None');
    expect(svc.endpoints).toHaveLength(2);
  });

  it('ExternalName: no cluster IP, no endpoints', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: db}, spec: {type: ExternalName, externalName: db.example.com}}\n');
    expect(service(r, 'default', 'db')).toMatchObject({ type: 'ExternalName', clusterIP: null, externalName: 'db.example.com', endpoints: [] });
    expect(r.diagnostics).toEqual([]);
  });

  it('NodePort: a port in 30000-32767, a pinned one honoured', () => {
    const r = run(base + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: NodePort, selector: {app: web}, ports: [{name: a, port: 80}, {name: b, port: 81, targetPort: 80, nodePort: 30080}]}}\n');
    const [a, b] = service(r, 'default', 'web').ports;
    expect(a.nodePort).toBeGreaterThanOrEqual(30000);
    expect(a.nodePort).toBeLessThanOrEqual(32767);
    expect(b.nodePort).toBe(30080);
  });

  it('NodePort out of range: the API server refuses the Service', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: NodePort, ports: [{port: 80, nodePort: 8080}]}}\n');
    expect(r.services.find((s) => s.name === 'web')).toBeUndefined();
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: 'spec.ports[0].nodePort',
        message: 'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
      }),
    );
  });

  it('LoadBalancer: cluster IP and node port, EXTERNAL-IP pending on kind (info)', () => {
    const r = run(base + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}}\n');
    const svc = service(r, 'default', 'web');
    expect(svc.clusterIP).toMatch(/^10\.96\./);
    expect(svc.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['info']);
  });
});

describe('selectors', () => {
  it('names the nearest miss when a selector matches nothing, located in the right file', () => {
    const svc = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector:', '    app: web', '    tier: front', '  ports:', '    - port: 80', ''].join('\n');
    const r = simulate([
      { name: 'deploy.yaml', content: deployment('web', 3, { app: 'web' }, '[]') },
      { name: 'svc.yaml', content: svc },
    ]);
    expect(service(r, 'default', 'web').endpoints).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'Service web selects app=web,tier=front; no Pod has tier=front (3 Pods have app=web)',
        path: 'spec.selector[tier]',
        file: 'svc.yaml',
        line: 8,
        column: 5,
        object: 'Service default/web',
        hint: expect.any(String),
      },
    ]);
  });

  it('names the closest Pod when each label exists but no Pod has all', () => {
    const r = run(
      deployment('a', 1, { app: 'web', tier: 'back' }, '[]') +
        '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web, tier: front}, ports: [{port: 80}]}}\n' +
        '---\n{apiVersion: v1, kind: Pod, metadata: {name: x, labels: {tier: front}}, spec: {containers: [{name: c, image: nginx}]}}\n',
    );
    const d = r.diagnostics.find((x) => x.object === 'Service default/web')!;
    expect(d.message).toMatch(/^Service web selects app=web,tier=front; no Pod has all of them \(closest: Pod a-\w+-\w+ has app=web but tier=back\)$/);
  });

  it('points at Pods of another namespace when the labels match there', () => {
    const r = run('{apiVersion: v1, kind: Namespace, metadata: {name: prod}}\n---\n' + deployment('web', 1, { app: 'web' }, '[]').replace('name: web', 'name: web\n  namespace: prod') + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n');
    expect(r.diagnostics.find((x) => x.object === 'Service default/web')!.message).toContain('1 Pod in namespace prod matches');
  });

  it('refuses a Deployment whose selector does not match its template labels', () => {
    const bad = deployment('web', 1, { app: 'web' }, '[]').replace('matchLabels: {"app":"web"}', 'matchLabels: {"app":"api"}');
    const r = run(bad);
    expect(podsOf(r)).toEqual([]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: 'spec.template.metadata.labels',
        message: 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      }),
    );
  });
});

describe('pinned values', () => {
  it('honours spec.nodeName, status.podIP and spec.clusterIP', () => {
    const r = run(`
apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {nodeName: kind-worker2, containers: [{name: c, image: nginx}]}
status: {podIP: 10.244.2.77}
---
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.96.100.100, selector: {app: a}, ports: [{port: 80}]}
`);
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'kind-worker2', ip: '10.244.2.77' });
    expect(service(r, 'default', 'a')).toMatchObject({ clusterIP: '10.96.100.100' });
    expect(service(r, 'default', 'a').endpoints.map((e) => e.ip)).toEqual(['10.244.2.77']);
  });

  it('lets spec.nodeName bypass the control-plane taint', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {nodeName: kind-control-plane, containers: [{name: c, image: nginx}]}}\n');
    expect(podsOf(r)[0]).toMatchObject({ nodeName: 'kind-control-plane', ip: '10.244.0.5' }); // .2-.4: CoreDNS ×2, local-path-provisioner
  });

  it('refuses a clusterIP outside the service range in the API server words', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {clusterIP: 10.97.0.1, ports: [{port: 80}]}}\n');
    expect(r.services.find((s) => s.name === 'web')).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'spec.clusterIPs',
        line: 1,
        message: 'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.97.0.1"}: failed to allocate IP 10.97.0.1: the provided network does not match the current range',
      }),
    ]);
  });

  it('refuses the network address of the service range as not in the valid range', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {clusterIP: 10.96.0.0, ports: [{port: 80}]}}\n');
    expect(r.diagnostics[0].message).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/16',
    );
  });

  it('refuses a clusterIP already taken (kube-dns holds 10.96.0.10)', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: dns2}, spec: {clusterIP: 10.96.0.10, ports: [{port: 53}]}}\n');
    expect(r.diagnostics[0].message).toBe('The Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
  });
});

describe('scheduling limits', () => {
  it('leaves a Pod Pending with the scheduler message when no node fits', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {nodeSelector: {disk: ssd}, containers: [{name: c, image: nginx}]}}\n');
    expect(podsOf(r)[0]).toMatchObject({ phase: 'Pending', nodeName: null, ip: null, ready: false });
    expect(r.diagnostics[0].message).toBe(
      "Pod a is Pending: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('puts hostNetwork Pods on the node IP', () => {
    const r = run('{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {hostNetwork: true, containers: [{name: c, image: nginx}]}}\n');
    const pod = podsOf(r)[0];
    expect(pod.ip).toBe(r.cluster.nodes.find((n) => n.name === pod.nodeName)!.internalIP);
  });

  it('marks a Pod pinned Ready=False as a not-ready endpoint', () => {
    const r = run(`
{apiVersion: v1, kind: Pod, metadata: {name: a, labels: {app: a}}, spec: {containers: [{name: c, image: nginx}]}, status: {conditions: [{type: Ready, status: "False"}]}}
---
{apiVersion: v1, kind: Service, metadata: {name: a}, spec: {selector: {app: a}, ports: [{port: 80}]}}
`);
    expect(service(r, 'default', 'a').endpoints.map((e) => e.ready)).toEqual([false]);
  });
});
