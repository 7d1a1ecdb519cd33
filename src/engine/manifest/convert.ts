/**
 * Raw documents → the internal model, with the API server's validation on the fields the
 * simulation reads. An object with an error is left out, as the API server would refuse
 * it; the others go on, so that one bad object does not hide the rest.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostic';
import type {
  Container,
  ContainerPort,
  Deployment,
  LabelSelector,
  Namespace,
  ObjectMeta,
  Origin,
  Pod,
  PodSpec,
  Scenario,
  Service,
  ServicePort,
  ServiceType,
  Toleration,
} from '../model';
import { objectKey } from '../model';
import { parseIPv4 } from '../cluster/cidr';
import { matchesSelector, formatGoStringMap } from '../util/labels';
import type { LoadedDocument } from './load';
import { LOAD_LIMITS } from './load';
import type { Locator } from './locate';
import { classifyKind } from './kinds';
import {
  isAbsent,
  isObject,
  jsonKind,
  nameErrors,
  ObjectReport,
  portNameErrors,
  quote,
  readBool,
  readInt32,
  readIntOrString,
  readList,
  readObject,
  readString,
  readStringMap,
  type Raw,
} from './fields';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

interface RawObject {
  file: string;
  value: unknown;
  locator: Locator;
}

/** Converts every document; diagnostics go to `sink`. */
export function convertDocuments(documents: LoadedDocument[], sink: Diagnostic[]): Scenario {
  const scenario: Scenario = { namespaces: [], pods: [], deployments: [], services: [], applyOrder: [] };
  const seen = new Map<string, Origin>();
  let objectCount = 0;

  for (const object of documents.flatMap((doc) => expandLists(doc, sink))) {
    if (++objectCount > LOAD_LIMITS.maxObjects) {
      const pos = object.locator.locate();
      sink.push({ severity: 'error', message: `too many objects: the simulator reads at most ${LOAD_LIMITS.maxObjects}; the rest are ignored`, file: object.file, line: pos.line, column: pos.column });
      break;
    }
    const converted = convertObject(object, sink);
    if (!converted) continue;
    const key = objectKey(converted.kind, converted.namespace, converted.name);
    const previous = seen.get(key);
    if (previous) {
      const where = previous.locate();
      const pos = converted.origin.locate();
      sink.push({
        severity: 'warning',
        message: `${converted.origin.label} is defined twice; this definition replaces the one at ${previous.file}:${where.line} (kubectl apply updates the object in place)`,
        file: converted.origin.file,
        line: pos.line,
        column: pos.column,
        object: converted.origin.label,
      });
      removeObject(scenario, converted.kind, converted.namespace, converted.name);
    } else {
      scenario.applyOrder.push(key);
    }
    seen.set(key, converted.origin);
    converted.add(scenario);
  }
  return scenario;
}

function removeObject(s: Scenario, kind: string, namespace: string, name: string): void {
  const keep = <T extends { meta: { namespace: string; name: string } }>(list: T[]) => list.filter((o) => !(o.meta.namespace === namespace && o.meta.name === name));
  if (kind === 'Pod') s.pods = keep(s.pods);
  if (kind === 'Service') s.services = keep(s.services);
  if (kind === 'Deployment') s.deployments = keep(s.deployments);
  if (kind === 'Namespace') s.namespaces = s.namespaces.filter((n) => n.name !== name);
}

/** `kind: List` (and `PodList`, ... as `kubectl get -o yaml` prints) → its items. */
function expandLists(doc: LoadedDocument, sink: Diagnostic[]): RawObject[] {
  const v = doc.value;
  if (isObject(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && 'items' in v) {
    if (!Array.isArray(v.items)) {
      const pos = doc.locator.locate('items');
      sink.push({ severity: 'error', message: `${v.kind}: items must be a list, got ${jsonKind(v.items)}`, path: 'items', file: doc.file, line: pos.line, column: pos.column });
      return [];
    }
    const itemsNode = isMap(doc.root) ? doc.root.get('items', true) : undefined;
    return v.items.map((item, i) => ({
      file: doc.file,
      value: item,
      locator: doc.locator.child(isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? null) : null),
    }));
  }
  return [{ file: doc.file, value: v, locator: doc.locator }];
}

interface Converted {
  kind: string;
  namespace: string;
  name: string;
  origin: Origin;
  add(s: Scenario): void;
}

function convertObject(object: RawObject, sink: Diagnostic[]): Converted | undefined {
  const { value, file, locator } = object;
  const at = (path?: string) => {
    const pos = locator.locate(path);
    return { file, line: pos.line, column: pos.column };
  };
  if (!isObject(value)) {
    sink.push({ severity: 'error', message: `expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${jsonKind(value)}`, ...at() });
    return undefined;
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    const missing = [typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion not set' : '', typeof kind !== 'string' || kind === '' ? 'kind not set' : ''].filter(Boolean);
    sink.push({ severity: 'error', message: `error validating data: [${missing.join(', ')}]`, path: typeof kind !== 'string' ? 'kind' : 'apiVersion', ...at(typeof kind !== 'string' ? 'kind' : 'apiVersion') });
    return undefined;
  }

  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const clusterScoped = kind === 'Namespace' || kind === 'Node' || kind.startsWith('Cluster') || kind === 'PersistentVolume' || kind === 'StorageClass' || kind === 'IngressClass' || kind === 'PriorityClass' || kind === 'CustomResourceDefinition';
  const namespace = clusterScoped ? '' : typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  const label = `${kind} ${clusterScoped ? '' : `${namespace}/`}${name || '<no name>'}`;
  const origin: Origin = { file, label, locate: (path?: string) => locator.locate(path), has: (path: string) => locator.has(path) };

  const klass = classifyKind(apiVersion, kind);
  if (klass.class === 'unknown' || klass.class === 'wrong-version') {
    const hint = klass.class === 'wrong-version' ? `${kind} is served as apiVersion ${klass.served}` : klass.suggestion ? `did you mean kind: ${klass.suggestion}?` : 'install the CustomResourceDefinition first, or check the spelling of kind and apiVersion';
    sink.push({
      severity: 'error',
      message: `resource mapping not found for name: ${quote(name)} namespace: ${quote(clusterScoped ? '' : namespace)} from ${quote(file)}: no matches for kind ${quote(kind)} in version ${quote(apiVersion)}`,
      path: klass.class === 'wrong-version' ? 'apiVersion' : 'kind',
      ...at(klass.class === 'wrong-version' ? 'apiVersion' : 'kind'),
      object: label,
      hint,
    });
    return undefined;
  }
  if (klass.class === 'recognised') {
    sink.push({ severity: 'info', message: `${kind} is not simulated yet; ${label} is accepted but has no effect on the results`, ...at('kind'), object: label });
    return undefined;
  }

  const r = new ObjectReport(sink, origin, kind, apiVersion, name);
  const meta = readMeta(r, value, clusterScoped);
  if (!meta || r.failed) return undefined;

  switch (kind) {
    case 'Namespace': {
      for (const e of nameErrors(meta.name, 'dns1123-label')) r.invalid('metadata.name', `Invalid value: ${quote(meta.name)}: ${e}`);
      if (r.failed) return undefined;
      const ns: Namespace = { name: meta.name, origin };
      return { kind, namespace: '', name: meta.name, origin, add: (s) => s.namespaces.push(ns) };
    }
    case 'Pod': {
      for (const e of nameErrors(meta.name, 'dns1123-subdomain')) r.invalid('metadata.name', `Invalid value: ${quote(meta.name)}: ${e}`);
      const spec = readPodSpec(r, value.spec, 'spec');
      const status = readPodStatus(r, value.status);
      if (!spec || r.failed) return undefined;
      const owner = readOwner(metadata);
      const pod: Pod = { meta, spec, status, origin, ...(owner ? { owner } : {}) };
      return { kind, namespace: meta.namespace, name: meta.name, origin, add: (s) => s.pods.push(pod) };
    }
    case 'Deployment': {
      for (const e of nameErrors(meta.name, 'dns1123-subdomain')) r.invalid('metadata.name', `Invalid value: ${quote(meta.name)}: ${e}`);
      const deployment = readDeployment(r, value, meta, origin);
      if (!deployment || r.failed) return undefined;
      return { kind, namespace: meta.namespace, name: meta.name, origin, add: (s) => s.deployments.push(deployment) };
    }
    case 'Service': {
      for (const e of nameErrors(meta.name, 'dns1035-label')) r.invalid('metadata.name', `Invalid value: ${quote(meta.name)}: ${e}`);
      const service = readService(r, value, meta, origin);
      if (!service || r.failed) return undefined;
      return { kind, namespace: meta.namespace, name: meta.name, origin, add: (s) => s.services.push(service) };
    }
  }
  return undefined;
}

function readMeta(r: ObjectReport, value: Raw, clusterScoped: boolean): ObjectMeta | undefined {
  const metadata = readObject(r, value.metadata, 'metadata', r.kind, 'v1.ObjectMeta');
  const name = readString(r, metadata?.name, 'metadata.name', 'ObjectMeta');
  const namespace = clusterScoped ? '' : readString(r, metadata?.namespace, 'metadata.namespace', 'ObjectMeta');
  const labels = readStringMap(r, metadata?.labels, 'metadata.labels', 'ObjectMeta') ?? {};
  if (!name) {
    r.invalid('metadata.name', 'Required value: name or generateName is required', 'give the object a metadata.name (kubectl apply needs one)');
    return undefined;
  }
  if (namespace) for (const e of nameErrors(namespace, 'dns1123-label')) r.invalid('metadata.namespace', `Invalid value: ${quote(namespace)}: ${e}`);
  return { name, namespace: clusterScoped ? '' : namespace || 'default', labels };
}

function readOwner(metadata: Raw): Pod['owner'] {
  if (!Array.isArray(metadata.ownerReferences)) return undefined;
  const refs = metadata.ownerReferences.filter(isObject);
  const ref = refs.find((o) => o.controller === true) ?? refs[0];
  return ref && typeof ref.kind === 'string' && typeof ref.name === 'string' ? { kind: ref.kind, name: ref.name } : undefined;
}

/** `v1.PodSpec`, as far as networking needs it. `path` is `spec` or `spec.template.spec`. */
function readPodSpec(r: ObjectReport, value: unknown, path: string): PodSpec | undefined {
  const spec = readObject(r, value, path, path === 'spec' ? 'Pod' : 'PodTemplateSpec', 'v1.PodSpec');
  if (!spec) {
    if (!r.failed) r.invalid(`${path}.containers`, 'Required value');
    return undefined;
  }
  const containersRaw = readList(r, spec.containers, `${path}.containers`, 'PodSpec', '[]v1.Container');
  const containers: Container[] = [];
  if (containersRaw !== undefined && containersRaw.length === 0) r.invalid(`${path}.containers`, 'Required value');
  if (isAbsent(spec.containers)) r.invalid(`${path}.containers`, 'Required value');
  (containersRaw ?? []).forEach((c, i) => {
    const cpath = `${path}.containers[${i}]`;
    const container = readObject(r, c, cpath, 'PodSpec', 'v1.Container');
    if (!container) return;
    const name = readString(r, container.name, `${cpath}.name`, 'Container');
    if (!name && container.name === undefined) r.invalid(`${cpath}.name`, 'Required value');
    const ports: ContainerPort[] = [];
    (readList(r, container.ports, `${cpath}.ports`, 'Container', '[]v1.ContainerPort') ?? []).forEach((p, j) => {
      const ppath = `${cpath}.ports[${j}]`;
      const port = readObject(r, p, ppath, 'Container', 'v1.ContainerPort');
      if (!port) return;
      const containerPort = readInt32(r, port.containerPort, `${ppath}.containerPort`, 'ContainerPort');
      const portName = readString(r, port.name, `${ppath}.name`, 'ContainerPort') ?? '';
      const protocol = readString(r, port.protocol, `${ppath}.protocol`, 'ContainerPort') ?? 'TCP';
      if (isAbsent(port.containerPort)) r.invalid(`${ppath}.containerPort`, 'Required value');
      else if (containerPort !== undefined && (containerPort < 1 || containerPort > 65535)) r.invalid(`${ppath}.containerPort`, `Invalid value: ${containerPort}: must be between 1 and 65535, inclusive`);
      if (portName) for (const e of portNameErrors(portName)) r.invalid(`${ppath}.name`, `Invalid value: ${quote(portName)}: ${e}`);
      if (!PROTOCOLS.includes(protocol)) r.invalid(`${ppath}.protocol`, `Unsupported value: ${quote(protocol)}: supported values: ${PROTOCOLS.map(quote).join(', ')}`);
      if (containerPort !== undefined) ports.push({ name: portName, containerPort, protocol });
    });
    containers.push({ name: name ?? '', ports });
  });
  const tolerations: Toleration[] = [];
  (readList(r, spec.tolerations, `${path}.tolerations`, 'PodSpec', '[]v1.Toleration') ?? []).forEach((t, i) => {
    const tpath = `${path}.tolerations[${i}]`;
    const tol = readObject(r, t, tpath, 'PodSpec', 'v1.Toleration');
    if (!tol) return;
    const operator = readString(r, tol.operator, `${tpath}.operator`, 'Toleration') ?? 'Equal';
    if (operator !== 'Equal' && operator !== 'Exists') {
      r.invalid(`${tpath}.operator`, `Unsupported value: ${quote(operator)}: supported values: "Equal", "Exists"`);
      return;
    }
    tolerations.push({
      key: readString(r, tol.key, `${tpath}.key`, 'Toleration') ?? '',
      operator,
      value: readString(r, tol.value, `${tpath}.value`, 'Toleration') ?? '',
      effect: readString(r, tol.effect, `${tpath}.effect`, 'Toleration') ?? '',
    });
  });
  const nodeName = readString(r, spec.nodeName, `${path}.nodeName`, 'PodSpec');
  return {
    ...(nodeName ? { nodeName } : {}),
    hostNetwork: readBool(r, spec.hostNetwork, `${path}.hostNetwork`, 'PodSpec') ?? false,
    nodeSelector: readStringMap(r, spec.nodeSelector, `${path}.nodeSelector`, 'PodSpec') ?? {},
    tolerations,
    containers,
  };
}

function readPodStatus(r: ObjectReport, value: unknown): Pod['status'] {
  const status = readObject(r, value, 'status', 'Pod', 'v1.PodStatus');
  if (!status) return {};
  const out: Pod['status'] = {};
  const podIP = readString(r, status.podIP, 'status.podIP', 'PodStatus');
  if (podIP) {
    if (parseIPv4(podIP) === null) r.add('warning', `status.podIP ${quote(podIP)} is not an IPv4 address; it is ignored and an address is allocated`, 'status.podIP');
    else out.podIP = podIP;
  }
  const phase = readString(r, status.phase, 'status.phase', 'PodStatus');
  if (phase) out.phase = phase;
  (readList(r, status.conditions, 'status.conditions', 'PodStatus', '[]v1.PodCondition') ?? []).forEach((c) => {
    if (isObject(c) && c.type === 'Ready' && typeof c.status === 'string') out.ready = c.status === 'True';
  });
  return out;
}

function readSelector(r: ObjectReport, value: unknown, path: string): LabelSelector | undefined {
  const sel = readObject(r, value, path, 'DeploymentSpec', 'v1.LabelSelector');
  if (!sel) return undefined;
  const matchLabels = readStringMap(r, sel.matchLabels, `${path}.matchLabels`, 'LabelSelector') ?? {};
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  (readList(r, sel.matchExpressions, `${path}.matchExpressions`, 'LabelSelector', '[]v1.LabelSelectorRequirement') ?? []).forEach((e, i) => {
    const epath = `${path}.matchExpressions[${i}]`;
    const expr = readObject(r, e, epath, 'LabelSelector', 'v1.LabelSelectorRequirement');
    if (!expr) return;
    const key = readString(r, expr.key, `${epath}.key`, 'LabelSelectorRequirement') ?? '';
    const operator = readString(r, expr.operator, `${epath}.operator`, 'LabelSelectorRequirement') ?? '';
    const values = (readList(r, expr.values, `${epath}.values`, 'LabelSelectorRequirement', '[]string') ?? []).map(String);
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
      r.invalid(`${epath}.operator`, `Invalid value: ${quote(operator)}: not a valid selector operator`);
      return;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) r.invalid(`${epath}.values`, 'Required value: must be specified when `operator` is \'In\' or \'NotIn\'');
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions };
}

function readDeployment(r: ObjectReport, value: Raw, meta: ObjectMeta, origin: Origin): Deployment | undefined {
  const spec = readObject(r, value.spec, 'spec', 'Deployment', 'v1.DeploymentSpec') ?? {};
  const replicas = readInt32(r, spec.replicas, 'spec.replicas', 'DeploymentSpec');
  if (replicas !== undefined && replicas < 0) r.invalid('spec.replicas', `Invalid value: ${replicas}: must be greater than or equal to 0`);
  const template = readObject(r, spec.template, 'spec.template', 'DeploymentSpec', 'v1.PodTemplateSpec');
  const templateMeta = readObject(r, template?.metadata, 'spec.template.metadata', 'PodTemplateSpec', 'v1.ObjectMeta');
  const templateLabels = readStringMap(r, templateMeta?.labels, 'spec.template.metadata.labels', 'ObjectMeta') ?? {};
  const selector = readSelector(r, spec.selector, 'spec.selector');
  const podSpec = readPodSpec(r, template?.spec, 'spec.template.spec');
  if (r.failed) return undefined;
  if (!selector) {
    r.invalid('spec.selector', 'Required value', 'add spec.selector.matchLabels with the labels of spec.template.metadata.labels');
    return undefined;
  }
  if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) {
    r.invalid('spec.selector', 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
    return undefined;
  }
  if (!matchesSelector(selector, templateLabels)) {
    r.invalid(
      'spec.template.metadata.labels',
      `Invalid value: ${formatGoStringMap(templateLabels)}: \`selector\` does not match template \`labels\``,
      `give the Pod template every label of spec.selector.matchLabels (${Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',')})`,
    );
    return undefined;
  }
  if (!podSpec) return undefined;
  return { meta, replicas: replicas ?? 1, selector, template: { labels: templateLabels, spec: podSpec, raw: template }, origin };
}

function readService(r: ObjectReport, value: Raw, meta: ObjectMeta, origin: Origin): Service | undefined {
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
}
