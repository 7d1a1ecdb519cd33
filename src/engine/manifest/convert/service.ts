/**
 * `v1.Service`: type, pinned ClusterIP, ports, selector, externalIPs, session affinity,
 * traffic policies, LoadBalancer fields and annotations — defaulted (pkg/apis/core/v1
 * defaults.go) and validated (pkg/apis/core/validation ValidateService) as the API server does.
 */
import type { LoadBalancerIngress, Service, ServicePort, ServiceType } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { nameErrors, portNameErrors, quote, readBool, readInt32, readIntOrString, readList, readObject, readString, readStringMap, isAbsent, type ObjectReport, type Raw } from '../fields';
import { PROTOCOLS } from './pod-spec';
import type { KindConverter } from './types';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export const serviceConverter: KindConverter<'Service'> = {
  kind: 'Service',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1035-label',
  convert({ r, value, meta, rawMetadata, origin }): Service | undefined {
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
    const extra = readServiceExtras(r, spec, value, rawMetadata, type as ServiceType);
    if (r.failed) return undefined;
    return {
      meta,
      type: type as ServiceType,
      ...(clusterIP ? { clusterIP } : {}),
      ...(type === 'ExternalName' && externalName ? { externalName } : {}),
      ports,
      selector: selectorRaw && Object.keys(selectorRaw).length > 0 ? selectorRaw : null,
      publishNotReadyAddresses,
      ...extra,
      origin,
    };
  },
};

const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** core.MaxClientIPServiceAffinitySeconds and DefaultClientIPServiceAffinitySeconds. */
const MAX_AFFINITY_SECONDS = 86400;
const DEFAULT_AFFINITY_SECONDS = 10800;
const POLICIES = ['Cluster', 'Local'];

type ServiceExtras = Pick<
  Service,
  | 'annotations'
  | 'externalIPs'
  | 'sessionAffinity'
  | 'sessionAffinityTimeoutSeconds'
  | 'externalTrafficPolicy'
  | 'internalTrafficPolicy'
  | 'healthCheckNodePort'
  | 'loadBalancerIP'
  | 'loadBalancerClass'
  | 'allocateLoadBalancerNodePorts'
  | 'loadBalancerIngress'
>;

/** The fields beyond type, ports and selector, with the API server's defaults and errors. */
function readServiceExtras(r: ObjectReport, spec: Raw, value: Raw, rawMetadata: Raw, type: ServiceType): ServiceExtras {
  const out: ServiceExtras = {};
  out.annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};

  const externalIPs: string[] = [];
  (readList(r, spec.externalIPs, 'spec.externalIPs', 'ServiceSpec', '[]string') ?? []).forEach((ip, i) => {
    const s = readString(r, ip, `spec.externalIPs[${i}]`, 'ServiceSpec');
    if (s === undefined) return;
    if (parseIPv4(s) === null) r.invalid(`spec.externalIPs[${i}]`, `Invalid value: ${quote(s)}: ${IP_ERROR}`);
    else externalIPs.push(s);
  });
  out.externalIPs = externalIPs;

  // v1 defaulting: SessionAffinity "" → None; None drops any sessionAffinityConfig; ClientIP gets 10800 s.
  const affinity = readString(r, spec.sessionAffinity, 'spec.sessionAffinity', 'ServiceSpec') || 'None';
  if (affinity !== 'None' && affinity !== 'ClientIP') r.invalid('spec.sessionAffinity', `Unsupported value: ${quote(affinity)}: supported values: "ClientIP", "None"`);
  else out.sessionAffinity = affinity;
  if (affinity === 'ClientIP') {
    const config = readObject(r, spec.sessionAffinityConfig, 'spec.sessionAffinityConfig', 'ServiceSpec', 'v1.SessionAffinityConfig');
    const clientIP = config ? readObject(r, config.clientIP, 'spec.sessionAffinityConfig.clientIP', 'SessionAffinityConfig', 'v1.ClientIPConfig') : undefined;
    const path = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    const timeout = clientIP ? readInt32(r, clientIP.timeoutSeconds, path, 'ClientIPConfig') : undefined;
    if (timeout !== undefined && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) r.invalid(path, `Invalid value: ${timeout}: must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
    out.sessionAffinityTimeoutSeconds = timeout ?? DEFAULT_AFFINITY_SECONDS;
  }

  // apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs.
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs.length > 0);
  const etp = readString(r, spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', 'ServiceSpec');
  if (etp) {
    if (!externallyAccessible)
      r.invalid('spec.externalTrafficPolicy', `Invalid value: ${quote(etp)}: may only be set for externally-accessible services`, 'externalTrafficPolicy applies to traffic arriving from outside (NodePort, LoadBalancer, externalIPs); remove it or change spec.type');
    else if (!POLICIES.includes(etp)) r.invalid('spec.externalTrafficPolicy', `Unsupported value: ${quote(etp)}: supported values: "Cluster", "Local"`);
  }
  if (externallyAccessible) out.externalTrafficPolicy = (etp === 'Local' ? 'Local' : 'Cluster');

  const itp = readString(r, spec.internalTrafficPolicy, 'spec.internalTrafficPolicy', 'ServiceSpec');
  if (itp && !POLICIES.includes(itp)) r.invalid('spec.internalTrafficPolicy', `Unsupported value: ${quote(itp)}: supported values: "Cluster", "Local"`);
  if (type !== 'ExternalName') out.internalTrafficPolicy = itp === 'Local' ? 'Local' : 'Cluster';

  // apiservice.NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local.
  const needsHealthCheck = type === 'LoadBalancer' && out.externalTrafficPolicy === 'Local';
  const hcnp = readInt32(r, spec.healthCheckNodePort, 'spec.healthCheckNodePort', 'ServiceSpec');
  if (hcnp) {
    if (!needsHealthCheck) r.invalid('spec.healthCheckNodePort', `Invalid value: ${hcnp}: may only be set when \`type\` is 'LoadBalancer' and \`externalTrafficPolicy\` is 'Local'`);
    else if (hcnp < 1 || hcnp > 65535) r.invalid('spec.healthCheckNodePort', `Invalid value: ${hcnp}: must be between 1 and 65535, inclusive`);
    else out.healthCheckNodePort = hcnp;
  }

  const lbIP = readString(r, spec.loadBalancerIP, 'spec.loadBalancerIP', 'ServiceSpec');
  if (lbIP) out.loadBalancerIP = lbIP;
  const lbClass = readString(r, spec.loadBalancerClass, 'spec.loadBalancerClass', 'ServiceSpec');
  if (lbClass) {
    if (type !== 'LoadBalancer') r.invalid('spec.loadBalancerClass', "Forbidden: may only be used when `type` is 'LoadBalancer'");
    else out.loadBalancerClass = lbClass;
  }
  const allocateNodePorts = readBool(r, spec.allocateLoadBalancerNodePorts, 'spec.allocateLoadBalancerNodePorts', 'ServiceSpec');
  if (allocateNodePorts !== undefined && type !== 'LoadBalancer') r.invalid('spec.allocateLoadBalancerNodePorts', "Forbidden: may only be used when `type` is 'LoadBalancer'");
  else if (type === 'LoadBalancer') out.allocateLoadBalancerNodePorts = allocateNodePorts ?? true;

  const status = readObject(r, value.status, 'status', 'Service', 'v1.ServiceStatus');
  const lb = status ? readObject(r, status.loadBalancer, 'status.loadBalancer', 'ServiceStatus', 'v1.LoadBalancerStatus') : undefined;
  const ingress: LoadBalancerIngress[] = [];
  (lb ? (readList(r, lb.ingress, 'status.loadBalancer.ingress', 'LoadBalancerStatus', '[]v1.LoadBalancerIngress') ?? []) : []).forEach((x, i) => {
    const entry = readObject(r, x, `status.loadBalancer.ingress[${i}]`, 'LoadBalancerStatus', 'v1.LoadBalancerIngress');
    if (!entry) return;
    const ip = readString(r, entry.ip, `status.loadBalancer.ingress[${i}].ip`, 'LoadBalancerIngress');
    const hostname = readString(r, entry.hostname, `status.loadBalancer.ingress[${i}].hostname`, 'LoadBalancerIngress');
    if (ip || hostname) ingress.push({ ...(ip ? { ip } : {}), ...(hostname ? { hostname } : {}) });
  });
  if (ingress.length > 0) out.loadBalancerIngress = ingress;
  return out;
}
