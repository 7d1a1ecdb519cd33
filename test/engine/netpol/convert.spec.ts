/**
 * The NetworkPolicy converter: v1 defaulting (pkg/apis/networking/v1/defaults.go) and the
 * API server's validation (pkg/apis/networking/validation/validation.go,
 * ValidateNetworkPolicyPort / Peer / IPBlock / Spec), messages as kubectl prints them.
 */
import { simulate } from '../../../src/engine';

const run = (spec: string, name = 'p') =>
  simulate([
    {
      name: 'np.yaml',
      content: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
spec:
${spec}`,
    },
  ]);

const errors = (spec: string) =>
  run(spec)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);

describe('NetworkPolicy converter', () => {
  it('is simulated (no longer "recognised, not simulated") and defaults protocol and policyTypes', () => {
    const r = run(`  podSelector: {matchLabels: {app: db}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
      ports:
        - port: 5432
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.networkPolicies).toEqual([
      {
        namespace: 'default',
        name: 'p',
        labels: {},
        annotations: {},
        podSelector: { matchLabels: { app: 'db' }, matchExpressions: [] },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ protocol: 'TCP', port: 5432 }], from: [{ podSelector: { matchLabels: { app: 'api' }, matchExpressions: [] } }] }],
        egress: [],
        createdAt: 0,
      },
    ]);
  });

  it('defaults policyTypes to [Ingress, Egress] when there are egress rules, and warns when that isolates ingress by surprise', () => {
    const r = run(`  podSelector: {}
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
`);
    expect(r.networkPolicies[0].policyTypes).toEqual(['Ingress', 'Egress']);
    expect(r.diagnostics.map((d) => [d.severity, d.path])).toEqual([['warning', 'spec.egress']]);
    expect(r.diagnostics[0].hint).toBe('for an egress-only policy write policyTypes: [Egress]');
  });

  it('an empty egress list with policyTypes [Egress] is default-deny egress, kept as written', () => {
    const r = run('  podSelector: {}\n  policyTypes: [Egress]\n');
    expect(r.networkPolicies[0]).toMatchObject({ policyTypes: ['Egress'], ingress: [], egress: [] });
  });

  it('endPort needs a numeric port, at least port', () => {
    expect(errors('  podSelector: {}\n  ingress:\n    - ports:\n        - endPort: 90\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
    ]);
    expect(errors('  podSelector: {}\n  ingress:\n    - ports:\n        - {port: http, endPort: 90}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
    ]);
    // validation.go reports the value of `port` for this one.
    expect(errors('  podSelector: {}\n  egress:\n    - ports:\n        - {port: 9000, endPort: 8000}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 9000: must be greater than or equal to `port`',
    ]);
  });

  it('ports: number range, port name format, protocol', () => {
    expect(errors('  podSelector: {}\n  ingress:\n    - ports:\n        - {port: 70000, protocol: ICMP}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'The NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
    ]);
    expect(errors('  podSelector: {}\n  ingress:\n    - ports:\n        - port: Web_Port\n')).toContain(
      'The NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].port: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
  });

  it('peers: at least one field; ipBlock alone', () => {
    expect(errors('  podSelector: {}\n  ingress:\n    - from:\n        - {}\n')).toEqual(['The NetworkPolicy "p" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer']);
    expect(errors('  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          podSelector: {}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer',
    ]);
  });

  it('ipBlock: a valid CIDR, every except a strict subset of it', () => {
    expect(errors('  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/33}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(errors('  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24, 10.0.0.0/16, 10.0.5.0/24]}\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
      'The NetworkPolicy "p" is invalid: spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
    ]);
    expect(errors('  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {}\n')).toEqual(['The NetworkPolicy "p" is invalid: spec.egress[0].to[0].ipBlock.cidr: Required value']);
  });

  it('a CIDR with host bits set is accepted with the API server\'s "ambiguous" warning (legacy parsing in v1.33)', () => {
    const r = run('  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.1/24}\n');
    expect(r.networkPolicies).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['spec.egress[0].to[0].ipBlock.cidr: CIDR value "10.0.0.1/24" is ambiguous in this context (should be "10.0.0.0/24" or "10.0.0.1/32"?)']);
  });

  it('policyTypes: Ingress and Egress only, at most two', () => {
    const r = run('  podSelector: {}\n  policyTypes: [ingress]\n');
    expect(r.diagnostics.map((d) => [d.message, d.hint])).toEqual([['The NetworkPolicy "p" is invalid: spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"', 'policy types are capitalised: Ingress']]);
    expect(errors('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n')).toEqual([
      'The NetworkPolicy "p" is invalid: spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes',
    ]);
  });

  it('type errors are decode errors, located at the field', () => {
    const r = run('  podSelector: {}\n  ingress:\n    - ports:\n        - endPort: "90"\n');
    expect(r.diagnostics[0]).toMatchObject({
      message: 'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: json: cannot unmarshal string into Go struct field NetworkPolicyPort.spec.ingress.ports.endPort of type int32',
      path: 'spec.ingress[0].ports[0].endPort',
      line: 9,
    });
    expect(r.networkPolicies).toEqual([]);
  });

  it('is refused in a namespace that does not exist, and carries namespace labels for selectors', () => {
    const r = simulate([
      {
        name: 'a.yaml',
        content: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {env: production}}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: nowhere}\nspec: {podSelector: {}}\n',
      },
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['namespaces "nowhere" not found']);
    expect(r.namespaceLabels.prod).toEqual({ env: 'production', 'kubernetes.io/metadata.name': 'prod' });
    expect(r.namespaceLabels['kube-system']).toEqual({ 'kubernetes.io/metadata.name': 'kube-system' });
  });
});
