/**
 * `discovery.k8s.io/v1` EndpointSlice written by hand (a Service without selector) or
 * replayed from a dump; validated as ValidateEndpointSlice does for the fields read.
 */
import type { EndpointPort, EndpointSliceDocument, EndpointSliceEndpoint } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { isAbsent, quote, readBool, readList, readObject, readString, type ObjectReport } from '../fields';
import { readEndpointPort, readObjectReference } from './endpoint-parts';
import type { KindConverter } from './types';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
/** validation.maxAddresses, maxEndpoints, maxPorts (pkg/apis/discovery/validation). */
const MAX_ADDRESSES = 100;
const MAX_ENDPOINTS = 1000;

export const endpointSliceConverter: KindConverter<'EndpointSlice'> = {
  kind: 'EndpointSlice',
  apiVersions: ['discovery.k8s.io/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): EndpointSliceDocument | undefined {
    const addressType = readString(r, value.addressType, 'addressType', 'EndpointSlice');
    if (!addressType) r.invalid('addressType', 'Required value');
    else if (!ADDRESS_TYPES.includes(addressType)) r.invalid('addressType', `Unsupported value: ${quote(addressType)}: supported values: ${ADDRESS_TYPES.map(quote).join(', ')}`);
    const ports: EndpointPort[] = [];
    (readList(r, value.ports, 'ports', 'EndpointSlice', '[]v1.EndpointPort') ?? []).forEach((p, i) => {
      const port = readEndpointPort(r, p, `ports[${i}]`, 'EndpointSlice');
      if (port) ports.push(port);
    });
    const endpointsRaw = readList(r, value.endpoints, 'endpoints', 'EndpointSlice', '[]v1.Endpoint') ?? [];
    if (endpointsRaw.length > MAX_ENDPOINTS) r.invalid('endpoints', `Too many: ${endpointsRaw.length}: must have at most ${MAX_ENDPOINTS} items`);
    const endpoints: EndpointSliceEndpoint[] = [];
    endpointsRaw.forEach((e, i) => {
      const endpoint = readEndpoint(r, e, `endpoints[${i}]`, addressType ?? '', meta.namespace);
      if (endpoint) endpoints.push(endpoint);
    });
    if (r.failed) return undefined;
    return { meta, addressType: addressType!, ports, endpoints, origin };
  },
};

function readEndpoint(r: ObjectReport, raw: unknown, path: string, addressType: string, namespace: string): EndpointSliceEndpoint | undefined {
  const e = readObject(r, raw, path, 'EndpointSlice', 'v1.Endpoint');
  if (!e) return undefined;
  const addresses: string[] = [];
  const list = readList(r, e.addresses, `${path}.addresses`, 'Endpoint', '[]string') ?? [];
  if (list.length === 0) r.invalid(`${path}.addresses`, 'Required value: must contain at least 1 address');
  else if (list.length > MAX_ADDRESSES) r.invalid(`${path}.addresses`, `Too many: ${list.length}: must have at most ${MAX_ADDRESSES} items`);
  list.forEach((a, i) => {
    const address = readString(r, a, `${path}.addresses[${i}]`, 'Endpoint');
    if (address === undefined) return;
    if (addressType === 'IPv4' && parseIPv4(address) === null) r.invalid(`${path}.addresses[${i}]`, `Invalid value: ${quote(address)}: must be a valid IPv4 address`);
    addresses.push(address);
  });
  const c = readObject(r, e.conditions, `${path}.conditions`, 'Endpoint', 'v1.EndpointConditions') ?? {};
  const conditions: EndpointSliceEndpoint['conditions'] = {};
  for (const key of ['ready', 'serving', 'terminating'] as const) {
    const v = readBool(r, c[key], `${path}.conditions.${key}`, 'EndpointConditions');
    if (v !== undefined) conditions[key] = v;
  }
  const nodeName = readString(r, e.nodeName, `${path}.nodeName`, 'Endpoint');
  const zone = readString(r, e.zone, `${path}.zone`, 'Endpoint');
  const hostname = readString(r, e.hostname, `${path}.hostname`, 'Endpoint');
  const targetRef = isAbsent(e.targetRef) ? undefined : readObjectReference(r, e.targetRef, `${path}.targetRef`, 'Endpoint', namespace);
  return {
    addresses,
    conditions,
    ...(nodeName ? { nodeName } : {}),
    ...(zone ? { zone } : {}),
    ...(hostname ? { hostname } : {}),
    ...(targetRef ? { targetRef } : {}),
  };
}
