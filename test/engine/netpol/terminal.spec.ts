/**
 * kubectl v1.33 views of NetworkPolicies: `get` (printers.go printNetworkPolicy), `describe`
 * (describe.go describeNetworkPolicy, describeNetworkPolicySpec, printNetworkPolicySpecIngressFrom
 * / EgressTo: PodSelector value at LEVEL_2, `To Port Range` for endPort, `----------` between
 * rules, no Events section) and `-o yaml` of the defaulted object.
 */
import { runCommandLine, simulate } from '../../../src/engine';

const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-allow, labels: {team: a}}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {env: prod}}
      podSelector: {matchLabels: {role: client}}
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
    ports:
    - port: 8080
    - {protocol: UDP, port: 32000, endPort: 32768}
  - {}
  egress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: kube-public}
spec:
  podSelector: {}
  ingress:
  - ports:
    - protocol: UDP
    from:
    - podSelector: {}
`;

const result = simulate([{ name: 'np.yaml', content: policy }]);
const sh = (line: string) => runCommandLine(result, line);

describe('kubectl and NetworkPolicies', () => {
  it('get networkpolicies / netpol: NAME, POD-SELECTOR (<none> for {}), AGE', () => {
    expect(sh('kubectl get netpol')).toEqual({ stdout: 'NAME        POD-SELECTOR   AGE\napi-allow   app=api        0s\n', stderr: '', exitCode: 0 });
    expect(sh('kubectl get networkpolicies -A').stdout).toBe('NAMESPACE     NAME        POD-SELECTOR   AGE\nde' + 'fault       api-allow   app=api        0s\nkube-public   deny-all    <none>         0s\n');
    expect(sh('kubectl get networkpolicy.networking.k8s.io nope').stderr).toBe('Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n');
    expect(sh('kubectl get netpol -o name').stdout).toBe('networkpolicy.networking.k8s.io/api-allow\n');
  });

  it('describe networkpolicy', () => {
    expect(sh('kubectl describe networkpolicy api-allow').stdout).toBe(`Name:         api-allow
Namespace:    default
Created on:   2025-01-01 00:00:00 +0000 UTC
Labels:       team=a
Annotations:  <none>
Spec:
  PodSelector:     app=api
  Allowing ingress traffic:
    To Port: 8080/TCP
    To Port Range: 32000-32768/UDP
    From:
      NamespaceSelector: env=prod
      PodSelector: role=client
    From:
      IPBlock:
        CIDR: 172.17.0.0/16
        Except: 172.17.1.0/24
    ----------
    To Port: <any> (traffic allowed to all ports)
    From: <any> (traffic not restricted by source)
  Allowing egress traffic:
    <none> (Selected pods are isolated for egress connectivity)
  Policy Types: Ingress, Egress
`);
    expect(sh('kubectl describe netpol deny-all -n kube-public').stdout).toBe(`Name:         deny-all
Namespace:    kube-public
Created on:   2025-01-01 00:00:00 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)
  Allowing ingress traffic:
    To Port: <nil>/UDP
    From:
      PodSelector: <none>
  Not affecting egress traffic
  Policy Types: Ingress
`);
  });

  it('-o yaml: the object after defaulting (protocol, policyTypes), empty lists left out', () => {
    expect(sh('kubectl get netpol api-allow -o yaml').stdout).toBe(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  creationTimestamp: "2025-01-01T00:00:00Z"
  labels:
    team: a
  name: api-allow
  namespace: default
spec:
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          env: prod
      podSelector:
        matchLabels:
          role: client
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    ports:
    - port: 8080
      protocol: TCP
    - endPort: 32768
      port: 32000
      protocol: UDP
  - {}
  podSelector:
    matchLabels:
      app: api
  policyTypes:
  - Ingress
  - Egress
`);
  });

  it('namespaces show their own labels too', () => {
    const r = simulate([{ name: 'ns.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {env: production}}\n' }]);
    expect(runCommandLine(r, 'kubectl get ns prod --show-labels').stdout).toBe('NAME   STATUS   AGE   LABELS\nprod   Active   0s    env=production,kubernetes.io/metadata.name=prod\n');
    expect(runCommandLine(r, 'kubectl get ns -l env=production -o name').stdout).toBe('namespace/prod\n');
  });
});
