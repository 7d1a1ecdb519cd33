/** `v1.Node`: addresses, pod CIDR, labels, taints, allocatable, Ready, unschedulable. */
import type { NodeDocument } from '../../model';
import { parseCidr, parseIPv4 } from '../../cluster/cidr';
import { isObject, quote, readBool, readList, readObject, readString, type ObjectReport } from '../fields';
import { readTaints } from './pod-spec';
import type { KindConverter } from './types';

export const nodeConverter: KindConverter<'Node'> = {
  kind: 'Node',
  apiVersions: ['v1'],
  scope: 'Cluster',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): NodeDocument | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Node', 'v1.NodeSpec') ?? {};
    const status = readObject(r, value.status, 'status', 'Node', 'v1.NodeStatus') ?? {};
    let podCIDR = readString(r, spec.podCIDR, 'spec.podCIDR', 'NodeSpec');
    const podCIDRs = readList(r, spec.podCIDRs, 'spec.podCIDRs', 'NodeSpec', '[]string');
    if (!podCIDR && podCIDRs && typeof podCIDRs[0] === 'string') podCIDR = podCIDRs[0];
    if (podCIDR && parseCidr(podCIDR) === null) r.invalid('spec.podCIDR', `Invalid value: ${quote(podCIDR)}: must be a valid IPv4 CIDR (the simulator is single-stack IPv4)`);
    const taints = readTaints(r, spec.taints, 'spec.taints', 'NodeSpec');
    const unschedulable = readBool(r, spec.unschedulable, 'spec.unschedulable', 'NodeSpec') ?? false;
    let internalIP: string | undefined;
    (readList(r, status.addresses, 'status.addresses', 'NodeStatus', '[]v1.NodeAddress') ?? []).forEach((a, i) => {
      if (!isObject(a) || a.type !== 'InternalIP' || typeof a.address !== 'string' || internalIP) return;
      if (parseIPv4(a.address) === null) r.add('warning', `status.addresses[${i}].address ${quote(a.address)} is not an IPv4 address; the node gets an address on kind's network instead`, `status.addresses[${i}].address`);
      else internalIP = a.address;
    });
    const allocatable = readQuantities(r, status.allocatable, 'status.allocatable');
    let ready: boolean | undefined;
    (readList(r, status.conditions, 'status.conditions', 'NodeStatus', '[]v1.NodeCondition') ?? []).forEach((c) => {
      if (isObject(c) && c.type === 'Ready' && typeof c.status === 'string') ready = c.status === 'True';
    });
    if (r.failed) return undefined;
    return {
      meta,
      ...(internalIP ? { internalIP } : {}),
      ...(podCIDR ? { podCIDR } : {}),
      ...(taints ? { taints } : {}),
      allocatable,
      ...(ready !== undefined ? { ready } : {}),
      unschedulable,
      origin,
    };
  },
};

/** `v1.ResourceList`: resource name → quantity (a string, or a bare number YAML reads as one). */
function readQuantities(r: ObjectReport, value: unknown, path: string): Record<string, string> {
  const map = readObject(r, value, path, 'NodeStatus', 'v1.ResourceList');
  const out: Record<string, string> = {};
  for (const key of Object.keys(map ?? {}).sort()) {
    const v = map![key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
    else r.add('warning', `${path}[${key}] is not a quantity; it is ignored`, `${path}[${key}]`);
  }
  return out;
}
