/** `v1.Service`: type, pinned ClusterIP, ports, selector (validated as the API server does). */
import type { Service, ServicePort, ServiceType } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { nameErrors, portNameErrors, quote, readBool, readInt32, readIntOrString, readList, readObject, readString, readStringMap, isAbsent } from '../fields';
import { PROTOCOLS } from './pod-spec';
import type { KindConverter } from './types';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export const serviceConverter: KindConverter<'Service'> = {
  kind: 'Service',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1035-label',
  convert({ r, value, meta, origin }): Service | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Service', 'v1.ServiceSpec') ?? {};
    const type = readString(r, spec.type, 'spec.type', 'ServiceSpec') ?? 'ClusterIP';
    if (!SERVICE_TYPES.includes(type)) {
      r.invalid('spec.type', `Unsupported value: ${quote(type)}: supported values: ${SERVICE_TYPES.map(quote).join(', ')}`);
      return undefined;
    }
    let clusterIP = readString(r, spec.clusterIP, 'spec.clusterIP', 'ServiceSpec');
    const clusterIPs = readList(r, spec.clusterIPs, 'spec.clusterIPs', 'ServiceSpec', '[]string');
    if (!clusterIP && clusterIPs && typeof clusterIPs[0] === 'string') clusterIP = clusterIPs[0];
    if (clusterIP && clusterIP !== 'None' && parseIPv4(clusterIP) === null)
      r.invalid('spec.clusterIPs[0]', `Invalid value: ${quote(clusterIP)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    const externalName = readString(r, spec.externalName, 'spec.externalName', 'ServiceSpec');
    if (type === 'ExternalName') {
      if (!externalName) r.invalid('spec.externalName', 'Required value');
      if (clusterIP) r.invalid('spec.clusterIP', 'Forbidden: may not be set for ExternalName services');
    }
    if (clusterIP === 'None' && (type === 'NodePort' || type === 'LoadBalancer'))
      r.invalid('spec.clusterIPs[0]', `Invalid value: "None": may not be set to 'None' for ${type} services`);
    const headless = clusterIP === 'None';

    const ports: ServicePort[] = [];
    const portsRaw = readList(r, spec.ports, 'spec.ports', 'ServiceSpec', '[]v1.ServicePort');
    if ((portsRaw === undefined || portsRaw.length === 0) && !headless && type !== 'ExternalName' && !r.failed)
      r.invalid('spec.ports', 'Required value', 'a Service needs at least one port, e.g. ports: [{port: 80, targetPort: 8080}]');
    const names = new Set<string>();
    (portsRaw ?? []).forEach((p, i) => {
      const ppath = `spec.ports[${i}]`;
      const port = readObject(r, p, ppath, 'ServiceSpec', 'v1.ServicePort');
      if (!port) return;
      const name = readString(r, port.name, `${ppath}.name`, 'ServicePort') ?? '';
      const protocol = readString(r, port.protocol, `${ppath}.protocol`, 'ServicePort') ?? 'TCP';
      const portNumber = readInt32(r, port.port, `${ppath}.port`, 'ServicePort');
      const targetPort = readIntOrString(r, port.targetPort, `${ppath}.targetPort`, 'ServicePort');
      const nodePort = readInt32(r, port.nodePort, `${ppath}.nodePort`, 'ServicePort');
      if ((portsRaw ?? []).length > 1 && name === '') r.invalid(`${ppath}.name`, 'Required value', 'a Service with several ports must name each of them');
      if (name) {
        for (const e of nameErrors(name, 'dns1123-label')) r.invalid(`${ppath}.name`, `Invalid value: ${quote(name)}: ${e}`);
        if (names.has(name)) r.invalid(`${ppath}.name`, `Duplicate value: ${quote(name)}`);
        names.add(name);
      }
      if (!PROTOCOLS.includes(protocol)) r.invalid(`${ppath}.protocol`, `Unsupported value: ${quote(protocol)}: supported values: ${PROTOCOLS.map(quote).join(', ')}`);
      if (portNumber === undefined) {
        if (isAbsent(port.port)) r.invalid(`${ppath}.port`, 'Invalid value: 0: must be between 1 and 65535, inclusive');
      } else if (portNumber < 1 || portNumber > 65535) r.invalid(`${ppath}.port`, `Invalid value: ${portNumber}: must be between 1 and 65535, inclusive`);
      if (typeof targetPort === 'number' && (targetPort < 1 || targetPort > 65535))
        r.invalid(`${ppath}.targetPort`, `Invalid value: ${targetPort}: must be between 1 and 65535, inclusive`);
      if (typeof targetPort === 'string') {
        const errs = portNameErrors(targetPort);
        for (const e of errs)
          r.invalid(`${ppath}.targetPort`, `Invalid value: ${quote(targetPort)}: ${e}`, /^\d+$/.test(targetPort) ? `write the number without quotes: targetPort: ${targetPort}` : undefined);
      }
      if (nodePort !== undefined && nodePort !== 0 && type !== 'NodePort' && type !== 'LoadBalancer')
        r.invalid(`${ppath}.nodePort`, `Forbidden: may not be used when \`type\` is '${type}'`);
      if (portNumber !== undefined) {
        ports.push({ index: i, name, port: portNumber, protocol, ...(targetPort !== undefined ? { targetPort } : {}), ...(nodePort ? { nodePort } : {}) });
      }
    });
    const selectorRaw = readStringMap(r, spec.selector, 'spec.selector', 'ServiceSpec');
    const publishNotReadyAddresses = readBool(r, spec.publishNotReadyAddresses, 'spec.publishNotReadyAddresses', 'ServiceSpec') ?? false;
    if (r.failed) return undefined;
    return {
      meta,
      type: type as ServiceType,
      ...(clusterIP ? { clusterIP } : {}),
      ...(type === 'ExternalName' && externalName ? { externalName } : {}),
      ports,
      selector: selectorRaw && Object.keys(selectorRaw).length > 0 ? selectorRaw : null,
      publishNotReadyAddresses,
      origin,
    };
  },
};
