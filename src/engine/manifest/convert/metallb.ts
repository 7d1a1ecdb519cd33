/**
 * MetalLB's `IPAddressPool` and `L2Advertisement` (metallb.io/v1beta1). Their presence
 * means MetalLB is installed; its controller then gives LoadBalancer Services addresses
 * (controllers/load-balancer.ts). Checked as MetalLB's validating webhook does.
 */
import type { IPAddressPool, L2Advertisement } from '../../model';
import { parseIPRange } from '../../controllers/load-balancer';
import { quote, readBool, readInt32, readList, readObject, readString, readStringMap } from '../fields';
import type { KindConverter } from './types';

export const ipAddressPoolConverter: KindConverter<'IPAddressPool'> = {
  kind: 'IPAddressPool',
  apiVersions: ['metallb.io/v1beta1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): IPAddressPool | undefined {
    const spec = readObject(r, value.spec, 'spec', 'IPAddressPool', 'v1beta1.IPAddressPoolSpec') ?? {};
    const addresses: string[] = [];
    const list = readList(r, spec.addresses, 'spec.addresses', 'IPAddressPoolSpec', '[]string') ?? [];
    if (list.length === 0) r.invalid('spec.addresses', 'Required value', 'list the addresses MetalLB may hand out, e.g. addresses: [172.18.255.200-172.18.255.250] (a free part of the kind docker network)');
    list.forEach((a, i) => {
      const text = readString(r, a, `spec.addresses[${i}]`, 'IPAddressPoolSpec');
      if (text === undefined) return;
      if (parseIPRange(text) === null)
        r.add('error', `admission webhook "ipaddresspoolvalidationwebhook.metallb.io" denied the request: invalid CIDR ${quote(text)} in pool ${quote(meta.name)}`, `spec.addresses[${i}]`, 'write a CIDR (172.18.255.200/29) or a range (172.18.255.200-172.18.255.250)');
      addresses.push(text);
    });
    const allocation = readObject(r, spec.serviceAllocation, 'spec.serviceAllocation', 'IPAddressPoolSpec', 'v1beta1.ServiceAllocation');
    let serviceAllocation: IPAddressPool['serviceAllocation'];
    if (allocation) {
      const priority = readInt32(r, allocation.priority, 'spec.serviceAllocation.priority', 'ServiceAllocation');
      const namespaces = (readList(r, allocation.namespaces, 'spec.serviceAllocation.namespaces', 'ServiceAllocation', '[]string') ?? []).filter((n): n is string => typeof n === 'string');
      const serviceSelectors: Record<string, string>[] = [];
      (readList(r, allocation.serviceSelectors, 'spec.serviceAllocation.serviceSelectors', 'ServiceAllocation', '[]v1.LabelSelector') ?? []).forEach((s, i) => {
        const sel = readObject(r, s, `spec.serviceAllocation.serviceSelectors[${i}]`, 'ServiceAllocation', 'v1.LabelSelector');
        const labels = sel ? readStringMap(r, sel.matchLabels, `spec.serviceAllocation.serviceSelectors[${i}].matchLabels`, 'LabelSelector') : undefined;
        if (labels) serviceSelectors.push(labels);
      });
      serviceAllocation = { ...(priority !== undefined ? { priority } : {}), namespaces, serviceSelectors };
    }
    if (r.failed) return undefined;
    return {
      meta,
      addresses,
      autoAssign: readBool(r, spec.autoAssign, 'spec.autoAssign', 'IPAddressPoolSpec') ?? true,
      avoidBuggyIPs: readBool(r, spec.avoidBuggyIPs, 'spec.avoidBuggyIPs', 'IPAddressPoolSpec') ?? false,
      ...(serviceAllocation ? { serviceAllocation } : {}),
      origin,
    };
  },
};

export const l2AdvertisementConverter: KindConverter<'L2Advertisement'> = {
  kind: 'L2Advertisement',
  apiVersions: ['metallb.io/v1beta1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): L2Advertisement | undefined {
    const spec = readObject(r, value.spec, 'spec', 'L2Advertisement', 'v1beta1.L2AdvertisementSpec') ?? {};
    const pools = (readList(r, spec.ipAddressPools, 'spec.ipAddressPools', 'L2AdvertisementSpec', '[]string') ?? []).filter((n): n is string => typeof n === 'string');
    if (r.failed) return undefined;
    return { meta, ipAddressPools: pools, origin };
  },
};
