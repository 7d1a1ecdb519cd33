/**
 * `v1` Endpoints written by hand: the classic way to point a Service without selector at
 * addresses outside the cluster. The mirroring controller copies it into EndpointSlices.
 */
import type { EndpointAddress, EndpointPort, EndpointsDocument, EndpointSubset } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { isAbsent, quote, readList, readObject, readString, readStringMap, type ObjectReport } from '../fields';
import { readEndpointPort, readObjectReference } from './endpoint-parts';
import type { KindConverter } from './types';

export const endpointsConverter: KindConverter<'Endpoints'> = {
  kind: 'Endpoints',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): EndpointsDocument | undefined {
    const annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};
    const subsets: EndpointSubset[] = [];
    (readList(r, value.subsets, 'subsets', 'Endpoints', '[]v1.EndpointSubset') ?? []).forEach((raw, i) => {
      const path = `subsets[${i}]`;
      const s = readObject(r, raw, path, 'Endpoints', 'v1.EndpointSubset');
      if (!s) return;
      const addresses = readAddresses(r, s.addresses, `${path}.addresses`, meta.namespace);
      const notReadyAddresses = readAddresses(r, s.notReadyAddresses, `${path}.notReadyAddresses`, meta.namespace);
      const portsRaw = readList(r, s.ports, `${path}.ports`, 'EndpointSubset', '[]v1.EndpointPort') ?? [];
      const ports: EndpointPort[] = [];
      portsRaw.forEach((p, j) => {
        const port = readEndpointPort(r, p, `${path}.ports[${j}]`, 'EndpointSubset');
        // ValidateEndpoints: a subset with several ports must name each of them.
        if (port && portsRaw.length > 1 && port.name === '') r.invalid(`${path}.ports[${j}].name`, 'Required value');
        if (port) ports.push(port);
      });
      subsets.push({ addresses, notReadyAddresses, ports });
    });
    if (r.failed) return undefined;
    return { meta, annotations, subsets, origin };
  },
};

function readAddresses(r: ObjectReport, raw: unknown, path: string, namespace: string): EndpointAddress[] {
  const out: EndpointAddress[] = [];
  (readList(r, raw, path, 'EndpointSubset', '[]v1.EndpointAddress') ?? []).forEach((a, i) => {
    const apath = `${path}[${i}]`;
    const addr = readObject(r, a, apath, 'EndpointSubset', 'v1.EndpointAddress');
    if (!addr) return;
    const ip = readString(r, addr.ip, `${apath}.ip`, 'EndpointAddress') ?? '';
    if (ip === '') r.invalid(`${apath}.ip`, 'Required value');
    else if (parseIPv4(ip) === null) r.invalid(`${apath}.ip`, `Invalid value: ${quote(ip)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    const nodeName = readString(r, addr.nodeName, `${apath}.nodeName`, 'EndpointAddress');
    const hostname = readString(r, addr.hostname, `${apath}.hostname`, 'EndpointAddress');
    const targetRef = isAbsent(addr.targetRef) ? undefined : readObjectReference(r, addr.targetRef, `${apath}.targetRef`, 'EndpointAddress', namespace);
    out.push({ ip, ...(nodeName ? { nodeName } : {}), ...(hostname ? { hostname } : {}), ...(targetRef ? { targetRef } : {}) });
  });
  return out;
}
