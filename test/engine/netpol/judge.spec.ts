/**
 * judgeConnection beyond the e2e tables: ipBlocks, DNS egress, external and node
 * addresses, hostNetwork Pods, the CNI's enforcement, and the explanation it carries.
 */
import { ConnectionQueryError, judgeConnection, reachMatrix, renderMatrix, simulate, simulateTimeline, type SimulationResult } from '../../../src/engine';
import { judge, modelManifests, NAMESPACES, PODS, truthTable, withPolicies } from './support';

const np = (name: string, namespace: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: '${namespace}'}\nspec:\n${spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;

const ipOf = (r: SimulationResult, ns: string, name: string) => r.pods.find((p) => p.namespace === ns && p.name === name)!.ip!;

describe('ipBlock', () => {
  it('should enforce except clause while egress access to server in CIDR block (e2e)', () => {
    // First simulate to learn y/a's address; Pod IPs do not depend on the policies.
    const ip = ipOf(withPolicies(''), 'y', 'a');
    const block = `${ip.split('.').slice(0, 3).join('.')}.0/24`;
    const r = withPolicies(np('cidr-except', 'x', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${block}, except: [${ip}/32]}`));
    expect(judge(r, 'x/a', 'y/a').allowed).toBe(false);
    expect(judge(r, 'x/a', 'y/a').egress.misses[0].reason).toContain(`does not contain ${ip}`);
    // Every other Pod of that node's /24 is allowed; Pods of the other node are not.
    for (const ns of NAMESPACES)
      for (const pod of PODS) {
        const target = ipOf(r, ns, pod);
        if (`${ns}/${pod}` === 'x/a' || target === ip) continue;
        expect(judge(r, 'x/a', `${ns}/${pod}`).allowed).toBe(target.startsWith(block.replace('0/24', '')));
      }
  });

  it('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (e2e: an except in one policy does not beat another policy)', () => {
    const ip = ipOf(withPolicies(''), 'y', 'a');
    const block = `${ip.split('.').slice(0, 3).join('.')}.0/24`;
    const r = withPolicies(
      np('cidr-except', 'x', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${block}, except: [${ip}/32]}`) +
        '---\n' +
        np('cidr-exact', 'x', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${ip}/32}`),
    );
    const j = judge(r, 'x/a', 'y/a');
    expect(j.allowed).toBe(true);
    expect(j.egress.allowedBy).toEqual({ namespace: 'x', name: 'cidr-exact', direction: 'Egress', ruleIndex: 0 });
    expect(j.notes.join(' ')).toContain('ipBlock matched a Pod or node address');
  });

  it('egress to an address outside the cluster is allowed only by an ipBlock, never by namespaceSelector {}', () => {
    const r = withPolicies(np('egress', 'x', "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {}\n- to:\n  - ipBlock: {cidr: 203.0.113.0/24}"));
    expect(judge(r, 'x/a', '203.0.113.7').allowed).toBe(true);
    expect(judge(r, 'x/a', '198.51.100.7').allowed).toBe(false);
    expect(judge(r, 'x/a', '198.51.100.7').egress.misses.map((m) => m.reason)).toEqual([
      'to[0] namespaceSelector {} selects Pods only, and 198.51.100.7 is not one',
      'to[0] ipBlock 203.0.113.0/24 does not contain 198.51.100.7',
    ]);
    expect(judge(r, 'x/a', 'z/c').allowed).toBe(true);
  });

  it('Cilium does not match ipBlocks against Pod addresses', () => {
    const ip = ipOf(withPolicies(''), 'y', 'a');
    const r = withPolicies(np('cidr', 'x', `podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${ip}/32}`));
    expect(judge(r, 'x/a', 'y/a').allowed).toBe(true);
    const cilium = { ...r, cluster: { ...r.cluster, cni: 'cilium' } };
    expect(judge(cilium, 'x/a', 'y/a').allowed).toBe(false);
    expect(judge(cilium, 'x/a', 'y/a').egress.misses[0].reason).toContain('cilium does not match ipBlocks against Pod or node addresses');
  });
});

describe('ingress from outside the Pod network', () => {
  const deny = np('deny', 'x', 'podSelector: {}\npolicyTypes: [Ingress]');

  it('ingress: [{}] admits external clients; from: [{podSelector: {}}] admits only the namespace\'s Pods; namespaceSelector: {} no external client', () => {
    const r = withPolicies(
      np('all', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- {}') +
        '---\n' +
        np('ns-pods', 'x', 'podSelector: {matchLabels: {pod: b}}\ningress:\n- from:\n  - podSelector: {}') +
        '---\n' +
        np('all-pods', 'x', 'podSelector: {matchLabels: {pod: c}}\ningress:\n- from:\n  - namespaceSelector: {}'),
    );
    expect(judge(r, '203.0.113.9', 'x/a').allowed).toBe(true);
    expect(judge(r, '203.0.113.9', 'x/b').allowed).toBe(false);
    expect(judge(r, 'x/c', 'x/b').allowed).toBe(true);
    expect(judge(r, 'y/c', 'x/b').allowed).toBe(false);
    expect(judge(r, 'y/c', 'x/c').allowed).toBe(true);
    expect(judge(r, '203.0.113.9', 'x/c').allowed).toBe(false);
    expect(judge(r, '203.0.113.9', 'x/c').source).toEqual({ kind: 'external', ip: '203.0.113.9' });
  });

  it("traffic from the Pod's own node is allowed; another node's is not (types.go: \"OR if the traffic source is the pod's local node\")", () => {
    const r = withPolicies(deny);
    const pod = r.pods.find((p) => p.namespace === 'x' && p.name === 'a')!;
    const own = r.cluster.nodes.find((n) => n.name === pod.nodeName)!;
    const other = r.cluster.nodes.find((n) => n.name !== pod.nodeName)!;
    const fromOwn = judge(r, own.internalIP, 'x/a');
    expect(fromOwn.allowed).toBe(true);
    expect(fromOwn.source).toEqual({ kind: 'node', ip: own.internalIP, node: own.name });
    expect(judge(r, other.internalIP, 'x/a').allowed).toBe(false);
  });

  it('a Pod always reaches itself, even under default-deny-all', () => {
    const r = withPolicies(np('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'));
    const self = judge(r, 'x/a', 'x/a');
    expect(self.allowed).toBe(true);
    expect(self.reason).toContain('cannot block access to itself');
    expect(judge(r, 'x/a', ipOf(r, 'x', 'a')).allowed).toBe(true);
  });

  it('a Pod address given as the source is that Pod', () => {
    const r = withPolicies(np('only-b', 'x', 'podSelector: {}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}'));
    expect(judge(r, ipOf(r, 'x', 'b'), 'x/a').allowed).toBe(true);
    expect(judge(r, ipOf(r, 'x', 'c'), 'x/a').allowed).toBe(false);
  });
});

describe('hostNetwork Pods', () => {
  const hostPod = `---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: 'y', labels: {pod: b}}
spec:
  hostNetwork: true
  containers: [{name: agent, image: busybox}]
`;

  it('are never selected by a policy and are matched by no selector (their traffic is node traffic)', () => {
    const r = simulate([
      { name: 'model.yaml', content: modelManifests() + '\n' + hostPod },
      { name: 'p.yaml', content: np('deny-y', 'y', 'podSelector: {}\npolicyTypes: [Ingress]') + '---\n' + np('from-b', 'x', "podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: 'y'}}\n    podSelector: {matchLabels: {pod: b}}") },
    ]);
    // Destination: a hostNetwork Pod is not isolated by deny-y.
    const to = judge(r, 'x/a', 'y/agent');
    expect(to.allowed).toBe(true);
    expect(to.ingress.reason).toContain('host network');
    // Source: y/b matches from-b, y/agent (same labels, host network) does not, unless it runs on x/a's node.
    expect(judge(r, 'y/b', 'x/a').allowed).toBe(true);
    const agent = r.pods.find((p) => p.name === 'agent')!;
    for (const pod of PODS) {
      const target = r.pods.find((p) => p.namespace === 'x' && p.name === pod)!;
      expect(judge(r, 'y/agent', `x/${pod}`).allowed).toBe(target.nodeName === agent.nodeName);
    }
  });
});

describe('DNS egress (a classic pitfall)', () => {
  const coredns = (r: SimulationResult) => r.pods.find((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')!;

  it('default-deny egress breaks DNS; allowing UDP and TCP 53 to kube-dns Pods by selector repairs it; a rule without protocol is TCP only', () => {
    const denyEgress = np('deny-egress', 'x', 'podSelector: {}\npolicyTypes: [Egress]');
    const r1 = withPolicies(denyEgress);
    const dns = coredns(r1);
    const to = `kube-system/${dns.name}`;
    expect(judge(r1, 'x/a', to, 53, 'UDP').allowed).toBe(false);

    const allowDNS = np(
      'allow-dns',
      'x',
      "podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n    podSelector: {matchLabels: {k8s-app: kube-dns}}\n  ports:\n  - {protocol: UDP, port: 53}\n  - {protocol: TCP, port: 53}",
    );
    const r2 = withPolicies(denyEgress + '---\n' + allowDNS);
    expect(judge(r2, 'x/a', to, 53, 'UDP').allowed).toBe(true);
    expect(judge(r2, 'x/a', to, 53, 'TCP').allowed).toBe(true);
    expect(judge(r2, 'x/a', 'y/a', 80).allowed).toBe(false);

    const tcpOnly = np('dns-tcp', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports:\n  - port: 53');
    const r3 = withPolicies(tcpOnly);
    expect(judge(r3, 'x/a', to, 53, 'TCP').allowed).toBe(true);
    expect(judge(r3, 'x/a', to, 53, 'UDP').allowed).toBe(false);
    expect(judge(r3, 'x/a', to, 53, 'UDP').egress.misses[0].reason).toBe('53/UDP is not in ports 53/TCP');
  });
});

describe('enforcement depends on the CNI', () => {
  const r = withPolicies(np('deny', 'x', 'podSelector: {}\npolicyTypes: [Ingress]'));

  it('kindnet (kind v0.24+) enforces', () => {
    const j = judge(r, 'y/a', 'x/a');
    expect(j).toMatchObject({ allowed: false, policyAllowed: false, enforced: true, cni: 'kindnet' });
  });

  it('flannel does not: the policy would deny, the connection goes through, and the reason says so', () => {
    const flannel = { ...r, cluster: { ...r.cluster, cni: 'flannel' } };
    const j = judge(flannel, 'y/a', 'x/a');
    expect(j).toMatchObject({ allowed: true, policyAllowed: false, enforced: false, cni: 'flannel' });
    expect(j.reason).toContain('flannel does not implement NetworkPolicy');
  });
});

describe('explanations', () => {
  it('a drop names the isolating policy and, per rule, what did not match; an allow names the rule', () => {
    const r = withPolicies(np('web', 'x', "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}\n  ports:\n  - port: 8080\n- from:\n  - namespaceSelector: {matchLabels: {ns: 'z'}}"));
    const denied = judge(r, 'x/c', 'x/a');
    expect(denied.ingress.isolatedBy).toEqual([{ namespace: 'x', name: 'web' }]);
    expect(denied.ingress.misses).toEqual([
      { namespace: 'x', name: 'web', direction: 'Ingress', ruleIndex: 0, reason: 'from[0] podSelector pod=b does not match x/c (labels pod=c); 80/TCP is not in ports 8080/TCP' },
      { namespace: 'x', name: 'web', direction: 'Ingress', ruleIndex: 1, reason: 'from[0] namespaceSelector ns=z does not match namespace x (labels kubernetes.io/metadata.name=x,ns=x)' },
    ]);
    expect(denied.reason).toMatch(/^denied: x\/c → x\/a on 80\/TCP\. Ingress: x\/a is isolated for ingress by NetworkPolicy x\/web and no ingress rule allows this/);
    const allowed = judge(r, 'z/c', 'x/a');
    expect(allowed.ingress.allowedBy).toEqual({ namespace: 'x', name: 'web', direction: 'Ingress', ruleIndex: 1 });
    expect(allowed.egress.isolated).toBe(false);
  });

  it('bad queries are errors that say what is wrong', () => {
    const r = withPolicies('');
    expect(() => judge(r, 'x/nope', 'x/a')).toThrow(new ConnectionQueryError('source: pods "nope" not found in namespace "x"'));
    expect(() => judge(r, '10.0.0.300', 'x/a')).toThrow(ConnectionQueryError);
    expect(() => judgeConnection(r, { source: { pod: { namespace: 'x', name: 'a' } }, destination: { pod: { namespace: 'x', name: 'b' } }, port: 0 })).toThrow('port 0 is not between 1 and 65535');
    expect(() => judge(r, 'x/a', 'x/b', 80, 'ICMP')).toThrow('unknown protocol');
  });
});

describe('namespace labels', () => {
  it('carries the automatic kubernetes.io/metadata.name label, and kubectl label namespace in a Timeline changes what a namespaceSelector selects', () => {
    const timeline = `apiVersion: kube-netlab.io/v1alpha1
kind: Timeline
steps:
  - kubectl: kubectl label namespace z team=blue
`;
    const policies = np('from-blue', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {team: blue}}');
    const sim = simulateTimeline([
      { name: 'model.yaml', content: modelManifests() },
      { name: 'p.yaml', content: policies },
      { name: 't.yaml', content: timeline },
    ]);
    const before = sim.snapshots[0];
    const after = sim.snapshots[1];
    expect(before.namespaceLabels.z).toEqual({ 'kubernetes.io/metadata.name': 'z', ns: 'z' });
    expect(after.namespaceLabels.z).toEqual({ 'kubernetes.io/metadata.name': 'z', ns: 'z', team: 'blue' });
    expect(sim.steps[0].output).toBe('namespace/z labeled\n');
    expect(judge(before, 'z/a', 'x/a').allowed).toBe(false);
    expect(judge(after, 'z/a', 'x/a').allowed).toBe(true);
  });
});

describe('policies in a Timeline', () => {
  it('kubectl delete networkpolicy lifts the isolation; an apply step adds a policy', () => {
    const timeline = `apiVersion: kube-netlab.io/v1alpha1
kind: Timeline
steps:
  - kubectl: kubectl delete netpol deny -n x
  - apply: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-y, namespace: 'y'}
      spec: {podSelector: {}, policyTypes: [Ingress]}
`;
    const sim = simulateTimeline([
      { name: 'model.yaml', content: modelManifests() },
      { name: 'p.yaml', content: np('deny', 'x', 'podSelector: {}\npolicyTypes: [Ingress]') },
      { name: 't.yaml', content: timeline },
    ]);
    expect(sim.steps.map((s) => s.output)).toEqual(['networkpolicy.networking.k8s.io "deny" deleted\n', 'networkpolicy.networking.k8s.io/deny-y created\n']);
    expect(judge(sim.snapshots[0], 'y/a', 'x/a').allowed).toBe(false);
    expect(judge(sim.snapshots[1], 'y/a', 'x/a').allowed).toBe(true);
    expect(judge(sim.snapshots[2], 'x/a', 'y/a').allowed).toBe(false);
  });
});

describe('reachMatrix', () => {
  it('agrees with pairwise judgements, from fewer equivalence classes than Pods', () => {
    const r = withPolicies(
      np('x-a', 'x', "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: 'y'}}\n    podSelector: {matchLabels: {pod: b}}") +
        '---\n' +
        np('deny-z', 'z', 'podSelector: {}\npolicyTypes: [Ingress]'),
    );
    const m = reachMatrix(r, { port: 80, namespaces: ['x', 'y', 'z'] });
    expect(m.names).toEqual(NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`)));
    expect(m.cells.map((row) => row.map((c) => (c === 'allowed' ? '.' : 'X')).join(''))).toEqual(truthTable(r));
    // Selectors mention only `pod`: 3 namespaces × 3 values.
    expect(m.equivalenceClasses).toBe(9);
    const coarse = reachMatrix(withPolicies(np('deny-z', 'z', 'podSelector: {}\npolicyTypes: [Ingress]')), { port: 80, namespaces: ['x', 'y', 'z'] });
    expect(coarse.equivalenceClasses).toBe(3);
    expect(renderMatrix(coarse)).toContain('TCP/80: 9 Pods, 3 equivalence classes of Pods; kindnet enforces NetworkPolicy');
  });

  it('equivalence classes never change a verdict: ipBlocks, named ports that differ per Pod, hostNetwork Pods', () => {
    const extra = `
---
apiVersion: v1
kind: Pod
metadata: {name: d, namespace: 'x', labels: {pod: a}}
spec:
  containers: [{name: c, image: nginx, ports: [{name: serve-80-tcp, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: 'y', labels: {pod: b}}
spec:
  hostNetwork: true
  containers: [{name: agent, image: busybox}]
`;
    const ip = ipOf(withPolicies(''), 'y', 'a');
    const policies =
      np('named', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- ports:\n  - port: serve-80-tcp') +
      '---\n' +
      np('cidr', 'y', `podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${ip.split('.').slice(0, 3).join('.')}.0/24, except: [${ip}/32]}\n  - namespaceSelector: {matchLabels: {ns: 'x'}}\n    podSelector: {matchExpressions: [{key: pod, operator: NotIn, values: [c]}]}`) +
      '---\n' +
      np('deny-z', 'z', 'podSelector: {}\npolicyTypes: [Ingress]');
    const r = simulate([
      { name: 'model.yaml', content: modelManifests() + extra },
      { name: 'p.yaml', content: policies },
    ]);
    for (const port of [80, 8080]) {
      const m = reachMatrix(r, { port, namespaces: ['x', 'y', 'z'] });
      expect(m.equivalenceClasses).toBeLessThanOrEqual(m.names.length);
      const pairwise = m.names.map((from) => m.names.map((to) => (judge(r, from, to, port).allowed ? 'allowed' : 'denied')));
      expect(m.cells).toEqual(pairwise);
    }
  });

  it('per workload, a cell is partial when only some Pods of a Deployment may connect', () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {containers: [{name: c, image: busybox}]}
`;
    const r0 = simulate([{ name: 'm.yaml', content: manifests }]);
    const first = r0.pods.filter((p) => p.labels.app === 'web').sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    const policy = np('one-web', 'default', `podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to:\n  - ipBlock: {cidr: ${first.ip}/32}`);
    const r = simulate([{ name: 'm.yaml', content: manifests }, { name: 'p.yaml', content: policy }]);
    const m = reachMatrix(r, { port: 80, by: 'workload', namespaces: ['default'] });
    expect(m.names).toEqual(['default/client[Pod]', 'default/web[Deployment]']);
    expect(m.cells).toEqual([
      ['allowed', 'partial'],
      ['allowed', 'allowed'],
    ]);
  });
});
