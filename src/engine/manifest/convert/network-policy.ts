/**
 * `networking.k8s.io/v1` NetworkPolicy, defaulted (pkg/apis/networking/v1 defaults.go:
 * protocol TCP, policyTypes from the rules) and validated (pkg/apis/networking/validation
 * ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer,
 * ValidateIPBlock) as the API server of v1.33 does.
 */
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule } from '../../model';
import { cidrContains, formatCidr, parseCidr, parseIPv4, type Cidr } from '../../cluster/cidr';
import { portNameErrors, quote, readInt32, readIntOrString, readList, readObject, readString, readStringMap, type ObjectReport, type Raw } from '../fields';
import { readSelector } from './selector';
import type { KindConverter } from './types';

const POLICY_TYPES = ['Ingress', 'Egress'] as const;
/** In ValidateNetworkPolicyPort's order (its message lists them so). */
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export const networkPolicyConverter: KindConverter<'NetworkPolicy'> = {
  kind: 'NetworkPolicy',
  apiVersions: ['networking.k8s.io/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): NetworkPolicy | undefined {
    const annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};
    const spec = readObject(r, value.spec, 'spec', 'NetworkPolicy', 'v1.NetworkPolicySpec') ?? {};
    const podSelector = readSelector(r, spec.podSelector, 'spec.podSelector', 'NetworkPolicySpec') ?? EMPTY_SELECTOR;
    const ingress = readRules(r, spec.ingress, 'ingress', 'from');
    const egress = readRules(r, spec.egress, 'egress', 'to');
    const written = readPolicyTypes(r, spec.policyTypes);
    if (r.failed) return undefined;
    // SetDefaults_NetworkPolicy: no policyTypes → Ingress always, Egress only with egress rules.
    const policyTypes: NetworkPolicy['policyTypes'] = written && written.length > 0 ? written : ['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])];
    if (!written?.length && egress.length > 0 && ingress.length === 0)
      r.add(
        'warning',
        `NetworkPolicy ${meta.namespace}/${meta.name} has egress rules and no spec.policyTypes: the API server defaults policyTypes to [Ingress, Egress], so the selected Pods also accept no ingress at all`,
        'spec.egress',
        'for an egress-only policy write policyTypes: [Egress]',
      );
    return { meta, annotations, podSelector, policyTypes, ingress, egress, origin };
  },
};

/** `spec.ingress` / `spec.egress`: rules with their ports and peers. */
function readRules(r: ObjectReport, value: unknown, direction: 'ingress' | 'egress', peersField: 'from' | 'to'): NetworkPolicyRule[] {
  const ruleType = direction === 'ingress' ? 'NetworkPolicyIngressRule' : 'NetworkPolicyEgressRule';
  const rules: NetworkPolicyRule[] = [];
  (readList(r, value, `spec.${direction}`, 'NetworkPolicySpec', `[]v1.${ruleType}`) ?? []).forEach((raw, i) => {
    const path = `spec.${direction}[${i}]`;
    const rule = readObject(r, raw, path, 'NetworkPolicySpec', `v1.${ruleType}`) ?? {};
    const ports: NetworkPolicyPort[] = [];
    (readList(r, rule.ports, `${path}.ports`, ruleType, '[]v1.NetworkPolicyPort') ?? []).forEach((p, j) => {
      const port = readPort(r, p, `${path}.ports[${j}]`, ruleType);
      if (port) ports.push(port);
    });
    const peers: NetworkPolicyPeer[] = [];
    (readList(r, rule[peersField], `${path}.${peersField}`, ruleType, '[]v1.NetworkPolicyPeer') ?? []).forEach((p, j) => {
      const peer = readPeer(r, p, `${path}.${peersField}[${j}]`, ruleType);
      if (peer) peers.push(peer);
    });
    rules.push({ ports, peers });
  });
  return rules;
}

/** ValidateNetworkPolicyPort: protocol, port number or name, endPort only after a numeric port. */
function readPort(r: ObjectReport, value: unknown, path: string, ruleType: string): NetworkPolicyPort | undefined {
  const raw = readObject(r, value, path, ruleType, 'v1.NetworkPolicyPort');
  if (!raw) return undefined;
  const protocol = readString(r, raw.protocol, `${path}.protocol`, 'NetworkPolicyPort') ?? 'TCP';
  const port = readIntOrString(r, raw.port, `${path}.port`, 'NetworkPolicyPort');
  const endPort = readInt32(r, raw.endPort, `${path}.endPort`, 'NetworkPolicyPort');
  if (!PROTOCOLS.includes(protocol)) r.invalid(`${path}.protocol`, `Unsupported value: ${quote(protocol)}: supported values: ${PROTOCOLS.map(quote).join(', ')}`);
  if (typeof port === 'number') {
    if (port < 1 || port > 65535) r.invalid(`${path}.port`, `Invalid value: ${port}: must be between 1 and 65535, inclusive`);
    if (endPort !== undefined) {
      // Upstream reports the value of `port` here, not endPort's.
      if (endPort < port) r.invalid(`${path}.endPort`, `Invalid value: ${port}: must be greater than or equal to \`port\``, `the range is port..endPort: write endPort: ${port} or more`);
      if (endPort < 1 || endPort > 65535) r.invalid(`${path}.endPort`, `Invalid value: ${endPort}: must be between 1 and 65535, inclusive`);
    }
  } else if (typeof port === 'string') {
    if (endPort !== undefined) r.invalid(`${path}.endPort`, `Invalid value: ${endPort}: may not be specified when \`port\` is non-numeric`, 'a range needs a numeric port: named ports cannot have an endPort');
    for (const e of portNameErrors(port))
      r.invalid(`${path}.port`, `Invalid value: ${quote(port)}: ${e}`, /^\d+$/.test(port) ? `write the number without quotes: port: ${port}` : undefined);
  } else if (endPort !== undefined) {
    r.invalid(`${path}.endPort`, `Invalid value: ${endPort}: may not be specified when \`port\` is not specified`, 'give the first port of the range in port (port: 32000, endPort: 32768)');
  }
  return { protocol, ...(port !== undefined ? { port } : {}), ...(endPort !== undefined ? { endPort } : {}) };
}

/** ValidateNetworkPolicyPeer: at least one of the three; ipBlock alone. */
function readPeer(r: ObjectReport, value: unknown, path: string, ruleType: string): NetworkPolicyPeer | undefined {
  const raw = readObject(r, value, path, ruleType, 'v1.NetworkPolicyPeer');
  if (!raw) return undefined;
  const podSelector = readSelector(r, raw.podSelector, `${path}.podSelector`, 'NetworkPolicyPeer');
  const namespaceSelector = readSelector(r, raw.namespaceSelector, `${path}.namespaceSelector`, 'NetworkPolicyPeer');
  const ipBlock = readIPBlock(r, raw.ipBlock, `${path}.ipBlock`);
  const count = [raw.podSelector, raw.namespaceSelector, raw.ipBlock].filter((x) => x !== undefined && x !== null).length;
  if (count === 0) r.invalid(path, 'Required value: must specify a peer', 'a peer needs podSelector, namespaceSelector or ipBlock (to allow every source, leave the from/to list out)');
  else if (count > 1 && raw.ipBlock !== undefined && raw.ipBlock !== null)
    r.invalid(path, 'Forbidden: may not specify both ipBlock and another peer', 'put the ipBlock in a list item of its own (a new `- ipBlock:` entry)');
  return { ...(podSelector ? { podSelector } : {}), ...(namespaceSelector ? { namespaceSelector } : {}), ...(ipBlock ? { ipBlock } : {}) };
}

const CIDR_ERROR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * ValidateIPBlock with v1.33's legacy CIDR parsing (StrictIPCIDRValidation is off): a CIDR
 * with host bits set is accepted, with the API server's "ambiguous" warning; every
 * `except` must be a strict subset of `cidr`. IPv6 blocks are accepted and never match (the
 * simulated cluster is IPv4 only).
 */
function readIPBlock(r: ObjectReport, value: unknown, path: string): NetworkPolicyPeer['ipBlock'] {
  const raw: Raw | undefined = readObject(r, value, path, 'NetworkPolicyPeer', 'v1.IPBlock');
  if (!raw) return undefined;
  const cidr = readString(r, raw.cidr, `${path}.cidr`, 'IPBlock') ?? '';
  const except = (readList(r, raw.except, `${path}.except`, 'IPBlock', '[]string') ?? []).map((e, i) => readString(r, e, `${path}.except[${i}]`, 'IPBlock') ?? '');
  if (cidr === '') {
    r.invalid(`${path}.cidr`, 'Required value');
    return undefined;
  }
  const block = checkCidr(r, cidr, `${path}.cidr`);
  // Upstream stops at an invalid cidr.
  if (block === undefined) return undefined;
  except.forEach((e, i) => {
    const ex = checkCidr(r, e, `${path}.except[${i}]`);
    if (block && ex && (ex.prefix <= block.prefix || !cidrContains(block, ex.base)))
      r.invalid(`${path}.except[${i}]`, `Invalid value: ${quote(e)}: must be a strict subset of \`cidr\``, `except lists ranges inside ${cidr} to leave out, each with a longer prefix than /${block.prefix}`);
  });
  return { cidr, except };
}

/** A parsed IPv4 block, `null` for an IPv6 one, undefined when invalid (reported). */
function checkCidr(r: ObjectReport, text: string, path: string): Cidr | null | undefined {
  if (text.includes(':')) return /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(text) ? null : (r.invalid(path, `Invalid value: ${quote(text)}: ${CIDR_ERROR}`), undefined);
  const block = parseCidr(text);
  if (!block) {
    r.invalid(path, `Invalid value: ${quote(text)}: ${CIDR_ERROR}`);
    return undefined;
  }
  const ip = parseIPv4(text.split('/')[0])!;
  if (ip !== block.base) {
    r.add('warning', `${path}: CIDR value ${quote(text)} is ambiguous in this context (should be ${quote(formatCidr(block))} or ${quote(`${text.split('/')[0]}/32`)}?)`, path);
  }
  return block;
}

/** `spec.policyTypes` as written; undefined when absent. */
function readPolicyTypes(r: ObjectReport, value: unknown): NetworkPolicy['policyTypes'] | undefined {
  const list = readList(r, value, 'spec.policyTypes', 'NetworkPolicySpec', '[]v1.PolicyType');
  if (!list) return undefined;
  const types = list.map((t, i) => readString(r, t, `spec.policyTypes[${i}]`, 'NetworkPolicySpec') ?? '');
  if (types.length > 2) {
    r.invalid('spec.policyTypes', `Invalid value: []networking.PolicyType{${types.map(quote).join(', ')}}: may not specify more than two policyTypes`);
    return undefined;
  }
  const out: NetworkPolicy['policyTypes'] = [];
  types.forEach((t, i) => {
    if ((POLICY_TYPES as readonly string[]).includes(t)) out.push(t as 'Ingress' | 'Egress');
    else r.invalid(`spec.policyTypes[${i}]`, `Unsupported value: ${quote(t)}: supported values: "Ingress", "Egress"`, /^(ingress|egress)$/i.test(t) ? `policy types are capitalised: ${t[0].toUpperCase()}${t.slice(1).toLowerCase()}` : undefined);
  });
  return out;
}
