/**
 * Truth tables of the upstream e2e suite (kubernetes test/e2e/network/netpol/network_policy.go,
 * same model as cyclonus: namespaces x, y, z × Pods a, b, c). Each case names the e2e test
 * it mirrors; the expected table is built the way the test builds its Reachability
 * (NewReachability(all, fill) then ExpectPeer overrides). Loopback is ignored, as there.
 */
import { expected, truthTable, withPolicies } from './support';

const policy = (name: string, namespace: string, spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: '${namespace}'}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

const docs = (...d: string[]) => d.join('---\n');

describe('e2e truth tables (kindnet enforces)', () => {
  it("should support a 'default-deny-ingress' policy", () => {
    const r = withPolicies(policy('deny-ingress', 'x', 'podSelector: {}\npolicyTypes: [Ingress]'));
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/*', false]));
  });

  it("should support a 'default-deny-all' policy", () => {
    const r = withPolicies(policy('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'));
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/*', false], ['x/*', '*', false]));
  });

  it('should enforce policy to allow traffic from pods within server namespace based on PodSelector', () => {
    const r = withPolicies(policy('x-a-allows-x-b', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}'));
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/a', false], ['x/b', 'x/a', true]));
  });

  it('should enforce policy to allow ingress traffic from pods in all namespaces', () => {
    const r = withPolicies(policy('allow-from-all-ns', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {}'));
    expect(truthTable(r)).toEqual(expected(true));
  });

  it('should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', () => {
    const r = withPolicies(policy('allow-client-a-via-ns-selector', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: "y"}}'));
    expect(truthTable(r)).toEqual(expected(true, ['x/*', 'x/a', false], ['z/*', 'x/a', false]));
  });

  it('should enforce policy based on NamespaceSelector with MatchExpressions (NotIn matches namespaces without the key too)', () => {
    const r = withPolicies(policy('ns-not-in', 'x', "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: ['y']}]}"));
    expect(truthTable(r)).toEqual(expected(true, ['y/*', 'x/a', false]));
  });

  it('should enforce policy based on PodSelector and NamespaceSelector (one peer: AND)', () => {
    const r = withPolicies(
      policy('pod-and-ns', 'x', "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: ['x']}]}\n    podSelector: {matchLabels: {pod: b}}"),
    );
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/a', false], ['y/b', 'x/a', true], ['z/b', 'x/a', true]));
  });

  it('should enforce policy based on PodSelector or NamespaceSelector (two peers: OR)', () => {
    const r = withPolicies(
      policy('pod-or-ns', 'x', "podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: ['x']}]}\n  - podSelector: {matchLabels: {pod: b}}"),
    );
    expect(truthTable(r)).toEqual(expected(true, ['x/*', 'x/a', false], ['x/b', 'x/a', true]));
  });

  it('podSelector alone never crosses namespaces: y/b and z/b do not match a policy of x', () => {
    const r = withPolicies(policy('only-b', 'x', 'podSelector: {}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}'));
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/*', false], ['x/b', 'x/*', true]));
  });

  it('should enforce multiple, stacked policies with overlapping podSelectors (policies add up)', () => {
    const r = withPolicies(
      docs(
        policy('from-b', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- from:\n  - podSelector: {matchLabels: {pod: b}}'),
        policy('from-y', 'x', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: "y"}}'),
      ),
    );
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/*', false], ['y/*', 'x/*', true], ['x/b', 'x/a', true]));
  });

  it('should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', () => {
    const r = withPolicies(
      docs(
        policy('allow-all-ingress', 'y', 'podSelector: {}\ningress:\n- {}'),
        policy('x-a-egress-only-to-y-a', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {ns: "y"}}\n    podSelector: {matchLabels: {pod: a}}'),
      ),
    );
    expect(truthTable(r)).toEqual(expected(true, ['x/a', '*', false], ['x/a', 'y/a', true]));
  });

  it('should enforce ingress and egress policies controlled independently (Ingress, Egress specified together)', () => {
    const r = withPolicies(
      policy('both', 'x', "podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - namespaceSelector: {matchLabels: {ns: 'y'}}\negress:\n- to:\n  - namespaceSelector: {matchLabels: {ns: 'z'}}"),
    );
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/a', false], ['y/*', 'x/a', true], ['x/a', '*', false], ['x/a', 'z/*', true]));
  });

  it('an allow-all ingress rule (ingress: [{}]) cannot be taken back by another policy', () => {
    const r = withPolicies(docs(policy('deny', 'x', 'podSelector: {}\npolicyTypes: [Ingress]'), policy('allow-all', 'x', 'podSelector: {}\ningress:\n- {}')));
    expect(truthTable(r)).toEqual(expected(true));
  });

  it('a policy with egress rules and no policyTypes also isolates ingress (API server defaulting)', () => {
    const r = withPolicies(policy('egress-only-by-mistake', 'x', "podSelector: {matchLabels: {pod: a}}\negress:\n- to:\n  - namespaceSelector: {matchLabels: {ns: 'y'}}"));
    expect(r.networkPolicies[0].policyTypes).toEqual(['Ingress', 'Egress']);
    expect(truthTable(r)).toEqual(expected(true, ['*', 'x/a', false], ['x/a', '*', false], ['x/a', 'y/*', true]));
  });
});

describe('ports and protocols (e2e)', () => {
  it('should allow ingress access on one named port', () => {
    const r = withPolicies(policy('named-81', 'x', 'podSelector: {}\ningress:\n- ports:\n  - port: serve-81-tcp'));
    expect(truthTable(r, 81)).toEqual(expected(true));
    expect(truthTable(r, 80)).toEqual(expected(true, ['*', 'x/*', false]));
  });

  it('should not mistakenly treat protocol: SCTP as protocol: TCP', () => {
    const r = withPolicies(policy('sctp-only', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- ports:\n  - {protocol: SCTP, port: 80}'));
    expect(truthTable(r, 80, 'TCP')).toEqual(expected(true, ['*', 'x/a', false]));
    expect(truthTable(r, 80, 'SCTP')).toEqual(expected(true));
  });

  it('should enforce policy to allow traffic only on the UDP port of a rule (a UDP rule does not allow TCP)', () => {
    const r = withPolicies(policy('udp-81', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- ports:\n  - {protocol: UDP, port: 81}'));
    expect(truthTable(r, 81, 'UDP')).toEqual(expected(true));
    expect(truthTable(r, 81, 'TCP')).toEqual(expected(true, ['*', 'x/a', false]));
  });

  it('should enforce ingress policy allowing any port traffic to a server on a specific protocol', () => {
    const r = withPolicies(policy('any-tcp', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- ports:\n  - protocol: TCP'));
    expect(truthTable(r, 80, 'TCP')).toEqual(expected(true));
    expect(truthTable(r, 81, 'TCP')).toEqual(expected(true));
    expect(truthTable(r, 80, 'UDP')).toEqual(expected(true, ['*', 'x/a', false]));
  });

  it('endPort: the range port..endPort is inclusive', () => {
    const r = withPolicies(policy('range', 'x', 'podSelector: {matchLabels: {pod: a}}\ningress:\n- ports:\n  - {port: 80, endPort: 81}'));
    expect(truthTable(r, 80)).toEqual(expected(true));
    expect(truthTable(r, 81)).toEqual(expected(true));
    expect(truthTable(r, 79)).toEqual(expected(true, ['*', 'x/a', false]));
    expect(truthTable(r, 82)).toEqual(expected(true, ['*', 'x/a', false]));
  });
});
