/** `v1.PodSpec` and `v1.PodStatus`, as far as networking needs them; shared by Pods and Pod templates. */
import type { Container, ContainerPort, Pod, PodSpec, Taint, Toleration } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { readPodDNS } from './pod-dns';
import { readAffinity, readReadinessGates, readRequests } from './scheduling-spec';
import { isAbsent, isObject, portNameErrors, quote, readBool, readInt32, readList, readObject, readString, readStringMap, type ObjectReport } from '../fields';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

/** A container's `env` entries that carry a literal `value` (a CNI's settings are read from them). */
function readEnv(r: ObjectReport, value: unknown, path: string): NonNullable<Container['env']> {
  const out: NonNullable<Container['env']> = [];
  (readList(r, value, path, 'Container', '[]v1.EnvVar') ?? []).forEach((e, i) => {
    const entry = readObject(r, e, `${path}[${i}]`, 'Container', 'v1.EnvVar');
    if (!entry) return;
    const name = readString(r, entry.name, `${path}[${i}].name`, 'EnvVar');
    const v = readString(r, entry.value, `${path}[${i}].value`, 'EnvVar');
    if (name && v !== undefined) out.push({ name, value: v, index: i });
  });
  return out;
}

/** `path` is `spec` (a Pod) or `spec.template.spec` (a Pod template). */
export function readPodSpec(r: ObjectReport, value: unknown, path: string): PodSpec | undefined {
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
      const hostPort = readInt32(r, port.hostPort, `${ppath}.hostPort`, 'ContainerPort');
      if (containerPort !== undefined) ports.push({ name: portName, containerPort, protocol, ...(hostPort ? { hostPort } : {}) });
    });
    const image = readString(r, container.image, `${cpath}.image`, 'Container');
    const requests = readRequests(r, container, cpath);
    const readinessProbe = readObject(r, container.readinessProbe, `${cpath}.readinessProbe`, 'Container', 'v1.Probe') !== undefined;
    const env = readEnv(r, container.env, `${cpath}.env`);
    const [command, args] = (['command', 'args'] as const).map((f) => readList(r, container[f], `${cpath}.${f}`, 'Container', '[]string')?.map((a, k) => readString(r, a, `${cpath}.${f}[${k}]`, 'Container') ?? ''));
    containers.push({ name: name ?? '', ports, ...(image !== undefined ? { image } : {}), ...(requests ? { requests } : {}), ...(readinessProbe ? { readinessProbe } : {}), ...(env.length > 0 ? { env } : {}), ...(command ? { command } : {}), ...(args ? { args } : {}) });
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
  const affinity = readAffinity(r, spec.affinity, `${path}.affinity`);
  const readinessGates = readReadinessGates(r, spec.readinessGates, `${path}.readinessGates`);
  const hostname = readString(r, spec.hostname, `${path}.hostname`, 'PodSpec');
  const subdomain = readString(r, spec.subdomain, `${path}.subdomain`, 'PodSpec');
  const restartPolicy = readString(r, spec.restartPolicy, `${path}.restartPolicy`, 'PodSpec');
  const dns = readPodDNS(r, spec, path);
  return {
    ...(nodeName ? { nodeName } : {}),
    hostNetwork: readBool(r, spec.hostNetwork, `${path}.hostNetwork`, 'PodSpec') ?? false,
    nodeSelector: readStringMap(r, spec.nodeSelector, `${path}.nodeSelector`, 'PodSpec') ?? {},
    tolerations,
    containers,
    ...(affinity ? { affinity } : {}),
    ...(readinessGates?.length ? { readinessGates } : {}),
    ...(hostname ? { hostname } : {}),
    ...(subdomain ? { subdomain } : {}),
    ...(restartPolicy ? { restartPolicy } : {}),
    ...dns,
  };
}

export function readPodStatus(r: ObjectReport, value: unknown): Pod['status'] {
  const status = readObject(r, value, 'status', 'Pod', 'v1.PodStatus');
  if (!status) return {};
  const out: Pod['status'] = {};
  const podIP = readString(r, status.podIP, 'status.podIP', 'PodStatus');
  if (podIP) {
    if (parseIPv4(podIP) === null) r.add('warning', `status.podIP ${quote(podIP)} is not an IPv4 address; it is ignored and an address is allocated`, 'status.podIP');
    else out.podIP = podIP;
  }
  const hostIP = readString(r, status.hostIP, 'status.hostIP', 'PodStatus');
  if (hostIP && parseIPv4(hostIP) !== null) out.hostIP = hostIP;
  const phase = readString(r, status.phase, 'status.phase', 'PodStatus');
  if (phase) out.phase = phase;
  (readList(r, status.conditions, 'status.conditions', 'PodStatus', '[]v1.PodCondition') ?? []).forEach((c) => {
    if (isObject(c) && c.type === 'Ready' && typeof c.status === 'string') out.ready = c.status === 'True';
    if (isObject(c) && typeof c.type === 'string' && typeof c.status === 'string') (out.conditions ??= []).push({ type: c.type, status: c.status });
  });
  return out;
}

/** `[]v1.Taint` at `path` (`spec.taints`, `nodeRegistration.taints`); undefined when absent. */
export function readTaints(r: ObjectReport, value: unknown, path: string, goStruct: string): Taint[] | undefined {
  const list = readList(r, value, path, goStruct, '[]v1.Taint');
  if (!list) return undefined;
  const taints: Taint[] = [];
  list.forEach((t, i) => {
    const tpath = `${path}[${i}]`;
    const taint = readObject(r, t, tpath, goStruct, 'v1.Taint');
    if (!taint) return;
    const key = readString(r, taint.key, `${tpath}.key`, 'Taint') ?? '';
    const effect = readString(r, taint.effect, `${tpath}.effect`, 'Taint') ?? '';
    if (!key) r.invalid(`${tpath}.key`, 'Required value');
    if (!TAINT_EFFECTS.includes(effect)) {
      r.invalid(`${tpath}.effect`, effect ? `Unsupported value: ${quote(effect)}: supported values: ${TAINT_EFFECTS.map(quote).join(', ')}` : 'Required value');
      return;
    }
    taints.push({ key, value: readString(r, taint.value, `${tpath}.value`, 'Taint') ?? '', effect: effect as Taint['effect'] });
  });
  return taints;
}
