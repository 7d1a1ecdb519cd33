/** Pieces shared by the EndpointSlice and Endpoints converters: ports and object references. */
import type { EndpointPort, ObjectReference } from '../../model';
import { isAbsent, portNameErrors, quote, readInt32, readObject, readString, type ObjectReport } from '../fields';
import { PROTOCOLS } from './pod-spec';

/** `discovery.k8s.io/v1` EndpointPort or `v1` EndpointPort at `path` (`ports[0]`, `subsets[0].ports[0]`). */
export function readEndpointPort(r: ObjectReport, raw: unknown, path: string, goStruct: string): EndpointPort | undefined {
  const p = readObject(r, raw, path, goStruct, 'v1.EndpointPort');
  if (!p) return undefined;
  const name = readString(r, p.name, `${path}.name`, 'EndpointPort') ?? '';
  const protocol = readString(r, p.protocol, `${path}.protocol`, 'EndpointPort') ?? 'TCP';
  const port = readInt32(r, p.port, `${path}.port`, 'EndpointPort');
  if (name) for (const e of portNameErrors(name)) r.invalid(`${path}.name`, `Invalid value: ${quote(name)}: ${e}`);
  if (!PROTOCOLS.includes(protocol)) r.invalid(`${path}.protocol`, `Unsupported value: ${quote(protocol)}: supported values: ${PROTOCOLS.map(quote).join(', ')}`);
  if (port === undefined) {
    if (isAbsent(p.port)) r.invalid(`${path}.port`, 'Invalid value: 0: must be between 1 and 65535, inclusive');
    return undefined;
  }
  if (port < 1 || port > 65535) r.invalid(`${path}.port`, `Invalid value: ${port}: must be between 1 and 65535, inclusive`);
  return { name, port, protocol };
}

export function readObjectReference(r: ObjectReport, raw: unknown, path: string, goStruct: string, defaultNamespace: string): ObjectReference | undefined {
  const ref = readObject(r, raw, path, goStruct, 'v1.ObjectReference');
  if (!ref) return undefined;
  const kind = readString(r, ref.kind, `${path}.kind`, 'ObjectReference') ?? '';
  const name = readString(r, ref.name, `${path}.name`, 'ObjectReference') ?? '';
  const namespace = readString(r, ref.namespace, `${path}.namespace`, 'ObjectReference') || defaultNamespace;
  return { kind, namespace, name };
}
