/**
 * NetworkPolicies as kubectl v1.33 shows them: `kubectl get` (printers.go printNetworkPolicy:
 * NAME, POD-SELECTOR, AGE), `-o yaml/json` (the defaulted object), and `kubectl describe`
 * (describe.go describeNetworkPolicy / describeNetworkPolicySpec, which prints no events).
 */
import type { LabelSelectorResult, NetworkPolicyPeerResult, NetworkPolicyPortResult, NetworkPolicyResult } from '../../result';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import { rfc3339 } from '../timestamps';
import type { Json } from '../yaml';
import { ageOf, formatLabelSelector, type ClusterView } from './cluster-view';
import { annotationsMultiline, labelsMultiline } from './describe-text';
import { objectMeta, typeOf, type Item } from './items';

export function networkPolicyItem(view: ClusterView, p: NetworkPolicyResult): Item {
  return {
    type: typeOf('networkpolicies'),
    namespace: p.namespace,
    name: p.name,
    labels: p.labels,
    cells: () => [p.name, formatLabelSelector(p.podSelector), ageOf(view, p.createdAt)],
    object: () => networkPolicyObject(p),
  };
}

/** A LabelSelector as JSON: empty fields left out (omitempty), so `{}` selects everything. */
function selectorObject(s: LabelSelectorResult): Json {
  return {
    ...(Object.keys(s.matchLabels).length ? { matchLabels: s.matchLabels } : {}),
    ...(s.matchExpressions.length ? { matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values.length ? { values: e.values } : {}) })) } : {}),
  };
}

function portObject(p: NetworkPolicyPortResult): Json {
  return { protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}

function peerObject(p: NetworkPolicyPeerResult): Json {
  return {
    ...(p.podSelector ? { podSelector: selectorObject(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selectorObject(p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length ? { except: p.ipBlock.except } : {}) } } : {}),
  };
}

/** Fields in NetworkPolicySpec's order (podSelector, ingress, egress, policyTypes); empty lists left out. */
function networkPolicyObject(p: NetworkPolicyResult): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: objectMeta({ name: p.name, namespace: p.namespace, createdAt: p.createdAt, labels: p.labels, annotations: p.annotations }),
    spec: {
      podSelector: selectorObject(p.podSelector),
      ...(p.ingress.length ? { ingress: p.ingress.map((r) => ({ ...(r.ports.length ? { ports: r.ports.map(portObject) } : {}), ...(r.from.length ? { from: r.from.map(peerObject) } : {}) })) } : {}),
      ...(p.egress.length ? { egress: p.egress.map((r) => ({ ...(r.ports.length ? { ports: r.ports.map(portObject) } : {}), ...(r.to.length ? { to: r.to.map(peerObject) } : {}) })) } : {}),
      policyTypes: p.policyTypes,
    },
  };
}

/** metav1.Time printed with %s: Go's time.Time String() in the client's zone (UTC here), `2025-01-01 00:05:00 +0000 UTC`. */
function goTimeString(seconds: number): string {
  return `${rfc3339(seconds).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

export function describeNetworkPolicy(p: NetworkPolicyResult): string {
  let s = `Name:\t${p.name}\nNamespace:\t${p.namespace}\nCreated on:\t${goTimeString(p.createdAt)}\n`;
  s += labelsMultiline('Labels', p.labels);
  s += annotationsMultiline('Annotations', p.annotations);
  s += 'Spec:\n';
  // `  PodSelector: ` then the value written at LEVEL_2 (four more spaces).
  const selector = Object.keys(p.podSelector.matchLabels).length + p.podSelector.matchExpressions.length === 0 ? '<none> (Allowing the specific traffic to all pods in this namespace)' : formatLabelSelector(p.podSelector);
  s += `  PodSelector:     ${selector}\n`;
  if (p.policyTypes.includes('Ingress')) s += '  Allowing ingress traffic:\n' + rulesText(p.ingress.map((r) => ({ ports: r.ports, peers: r.from })), 'From', 'ingress', 'source');
  else s += '  Not affecting ingress traffic\n';
  if (p.policyTypes.includes('Egress')) s += '  Allowing egress traffic:\n' + rulesText(p.egress.map((r) => ({ ports: r.ports, peers: r.to })), 'To', 'egress', 'destination');
  else s += '  Not affecting egress traffic\n';
  s += `  Policy Types: ${p.policyTypes.join(', ') || '<none>'}\n`;
  return tabwrite(s, DESCRIBE_TABWRITER);
}

/** printNetworkPolicySpecIngressFrom / EgressTo, at the initial indent of four spaces. */
function rulesText(rules: { ports: NetworkPolicyPortResult[]; peers: NetworkPolicyPeerResult[] }[], peerTitle: 'From' | 'To', direction: string, restricted: string): string {
  const indent = '    ';
  if (rules.length === 0) return `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`;
  return rules
    .map((rule) => {
      let s = '';
      if (rule.ports.length === 0) s += `${indent}To Port: <any> (traffic allowed to all ports)\n`;
      // %s of a nil *IntOrString prints <nil>.
      for (const port of rule.ports) s += port.endPort !== undefined ? `${indent}To Port Range: ${port.port}-${port.endPort}/${port.protocol}\n` : `${indent}To Port: ${port.port ?? '<nil>'}/${port.protocol}\n`;
      if (rule.peers.length === 0) s += `${indent}${peerTitle}: <any> (traffic not restricted by ${restricted})\n`;
      for (const peer of rule.peers) {
        s += `${indent}${peerTitle}:\n`;
        if (peer.namespaceSelector) s += `  ${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`;
        if (peer.podSelector) s += `  ${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`;
        if (peer.ipBlock && !peer.podSelector && !peer.namespaceSelector) s += `  ${indent}IPBlock:\n    ${indent}CIDR: ${peer.ipBlock.cidr}\n    ${indent}Except: ${peer.ipBlock.except.join(', ')}\n`;
      }
      return s;
    })
    .join(`${indent}----------\n`);
}
