/**
 * `networking.k8s.io/v1` Ingress and IngressClass, decoded and validated as the API server
 * does (pkg/apis/networking/validation: ValidateIngressCreate, ValidateIngressSpec,
 * validateHTTPIngressPath, validateIngressBackend, validateIngressTLS, ValidateIngressClass).
 * `pathType` has no default in v1; Exact and Prefix paths must be absolute and free of
 * `//`, `/./`, `/../`, `%2f`; hosts are DNS names (a wildcard only as `*.` + subdomain),
 * never IPs; a backend is a Service (name + port number or name) or a resource, not both.
 */
import type { Ingress, IngressBackend, IngressClass, IngressPathType, IngressRule, LoadBalancerIngress } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { isAbsent, isObject, nameErrors, portNameErrors, quote, readInt32, readList, readObject, readString, readStringMap, type ObjectReport, type Raw } from '../fields';
import type { KindConverter } from './types';

const PATH_TYPES: IngressPathType[] = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
/** The deprecated annotation controllers still honour; it must agree with `ingressClassName`. */
export const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';

const WILDCARD_DNS1123 = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsWildcardDNS1123Subdomain. */
function wildcardErrors(host: string): string[] {
  const errs: string[] = [];
  if (host.length > 253) errs.push('must be no more than 253 characters');
  if (!WILDCARD_DNS1123.test(host))
    errs.push(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return errs;
}

/** A rule or TLS host: an IP is refused, `*` only as a leading `*.` label. */
function hostErrors(host: string, rejectIP: boolean): string[] {
  const errs = rejectIP && parseIPv4(host) !== null ? ['must be a DNS name, not an IP address'] : [];
  return [...errs, ...(host.includes('*') ? wildcardErrors(host) : nameErrors(host, 'dns1123-subdomain'))];
}

function readBackend(r: ObjectReport, value: unknown, path: string, goStruct: string): IngressBackend | undefined {
  const raw = readObject(r, value, path, goStruct, 'v1.IngressBackend');
  if (!raw) return undefined;
  const service = readObject(r, raw.service, `${path}.service`, 'IngressBackend', 'v1.IngressServiceBackend');
  const resource = readObject(r, raw.resource, `${path}.resource`, 'IngressBackend', 'v1.TypedLocalObjectReference');
  if (service && resource) {
    r.invalid(path, 'Invalid value: "": cannot set both resource and service backends');
    return undefined;
  }
  if (resource) {
    const kind = readString(r, resource.kind, `${path}.resource.kind`, 'TypedLocalObjectReference') ?? '';
    const name = readString(r, resource.name, `${path}.resource.name`, 'TypedLocalObjectReference') ?? '';
    const apiGroup = readString(r, resource.apiGroup, `${path}.resource.apiGroup`, 'TypedLocalObjectReference');
    if (!kind) r.invalid(`${path}.resource.kind`, 'Required value: kind is required');
    if (!name) r.invalid(`${path}.resource.name`, 'Required value: name is required');
    return { resource: { kind, name, ...(apiGroup !== undefined ? { apiGroup } : {}) } };
  }
  if (!service) {
    r.invalid(path, 'Invalid value: "": resource or service backend is required');
    return undefined;
  }
  const name = readString(r, service.name, `${path}.service.name`, 'IngressServiceBackend') ?? '';
  if (!name) r.invalid(`${path}.service.name`, 'Required value');
  // ValidateServiceName: a DNS-1035 label.
  else for (const e of nameErrors(name, 'dns1035-label')) r.invalid(`${path}.service.name`, `Invalid value: ${quote(name)}: ${e}`);
  const port = readObject(r, service.port, `${path}.service.port`, 'IngressServiceBackend', 'v1.ServiceBackendPort') ?? {};
  // A decoding error refuses the object before validation runs.
  if (!isAbsent(service.port) && !isObject(service.port)) return undefined;
  const portName = readString(r, port.name, `${path}.service.port.name`, 'ServiceBackendPort') ?? '';
  const portNumber = readInt32(r, port.number, `${path}.service.port.number`, 'ServiceBackendPort') ?? 0;
  if (portName && portNumber) r.invalid(path, 'Invalid value: "": cannot set both port name & port number');
  else if (portName) for (const e of portNameErrors(portName)) r.invalid(`${path}.service.port.name`, `Invalid value: ${quote(portName)}: ${e}`);
  else if (portNumber) {
    if (portNumber < 1 || portNumber > 65535) r.invalid(`${path}.service.port.number`, `Invalid value: ${portNumber}: must be between 1 and 65535, inclusive`);
  } else r.invalid(path, 'Required value: port name or number is required');
  return { service: { name, port: portName ? { name: portName } : { number: portNumber } } };
}

function readRules(r: ObjectReport, spec: Raw): IngressRule[] {
  const rules: IngressRule[] = [];
  (readList(r, spec.rules, 'spec.rules', 'IngressSpec', '[]v1.IngressRule') ?? []).forEach((item, i) => {
    const rpath = `spec.rules[${i}]`;
    const rule = readObject(r, item, rpath, 'IngressSpec', 'v1.IngressRule');
    if (!rule) return;
    const host = readString(r, rule.host, `${rpath}.host`, 'IngressRule') ?? '';
    if (host) for (const e of hostErrors(host, true)) r.invalid(`${rpath}.host`, `Invalid value: ${quote(host)}: ${e}`);
    const http = readObject(r, rule.http, `${rpath}.http`, 'IngressRuleValue', 'v1.HTTPIngressRuleValue');
    if (!http) {
      rules.push({ host, paths: null });
      return;
    }
    const paths: NonNullable<IngressRule['paths']> = [];
    const list = readList(r, http.paths, `${rpath}.http.paths`, 'HTTPIngressRuleValue', '[]v1.HTTPIngressPath') ?? [];
    if (list.length === 0) r.invalid(`${rpath}.http.paths`, 'Required value');
    list.forEach((p, j) => {
      const ppath = `${rpath}.http.paths[${j}]`;
      const raw = readObject(r, p, ppath, 'HTTPIngressRuleValue', 'v1.HTTPIngressPath');
      if (!raw) return;
      const path = readString(r, raw.path, `${ppath}.path`, 'HTTPIngressPath') ?? '';
      const pathType = readString(r, raw.pathType, `${ppath}.pathType`, 'HTTPIngressPath');
      if (isAbsent(raw.pathType)) {
        r.invalid(`${ppath}.pathType`, 'Required value: pathType must be specified');
        return;
      }
      if (pathType === 'Exact' || pathType === 'Prefix') {
        if (!path.startsWith('/')) r.invalid(`${ppath}.path`, `Invalid value: ${quote(path)}: must be an absolute path`);
        for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) r.invalid(`${ppath}.path`, `Invalid value: ${quote(path)}: must not contain '${seq}'`);
        for (const suffix of INVALID_PATH_SUFFIXES) if (path.endsWith(suffix)) r.invalid(`${ppath}.path`, `Invalid value: ${quote(path)}: cannot end with '${suffix}'`);
      } else if (pathType === 'ImplementationSpecific') {
        if (path && !path.startsWith('/')) r.invalid(`${ppath}.path`, `Invalid value: ${quote(path)}: must be an absolute path`);
      } else if (pathType !== undefined) r.invalid(`${ppath}.pathType`, `Unsupported value: ${quote(pathType)}: supported values: ${PATH_TYPES.map(quote).join(', ')}`);
      const backend = readBackend(r, raw.backend, `${ppath}.backend`, 'HTTPIngressPath');
      if (isAbsent(raw.backend)) r.invalid(`${ppath}.backend`, 'Invalid value: "": resource or service backend is required');
      if (backend && PATH_TYPES.includes(pathType as IngressPathType)) paths.push({ path, pathType: pathType as IngressPathType, backend });
    });
    rules.push({ host, paths });
  });
  return rules;
}

function readTLS(r: ObjectReport, spec: Raw): Ingress['tls'] {
  const tls: Ingress['tls'] = [];
  (readList(r, spec.tls, 'spec.tls', 'IngressSpec', '[]v1.IngressTLS') ?? []).forEach((item, i) => {
    const tpath = `spec.tls[${i}]`;
    const entry = readObject(r, item, tpath, 'IngressSpec', 'v1.IngressTLS');
    if (!entry) return;
    const hosts: string[] = [];
    (readList(r, entry.hosts, `${tpath}.hosts`, 'IngressTLS', '[]string') ?? []).forEach((h, j) => {
      const host = readString(r, h, `${tpath}.hosts[${j}]`, 'IngressTLS');
      if (host === undefined) return;
      for (const e of hostErrors(host, false)) r.invalid(`${tpath}.hosts[${j}]`, `Invalid value: ${quote(host)}: ${e}`);
      hosts.push(host);
    });
    const secretName = readString(r, entry.secretName, `${tpath}.secretName`, 'IngressTLS') ?? '';
    if (secretName) for (const e of nameErrors(secretName, 'dns1123-subdomain')) r.invalid(`${tpath}.secretName`, `Invalid value: ${quote(secretName)}: ${e}`);
    tls.push({ hosts, secretName });
  });
  return tls;
}

/** Pinned `status.loadBalancer.ingress` (replayed dumps keep their address). */
function readStatus(r: ObjectReport, value: Raw): LoadBalancerIngress[] | undefined {
  const status = readObject(r, value.status, 'status', 'Ingress', 'v1.IngressStatus');
  const lb = status && readObject(r, status.loadBalancer, 'status.loadBalancer', 'IngressStatus', 'v1.IngressLoadBalancerStatus');
  const list = lb && readList(r, lb.ingress, 'status.loadBalancer.ingress', 'IngressLoadBalancerStatus', '[]v1.IngressLoadBalancerIngress');
  if (!list || list.length === 0) return undefined;
  return list.flatMap((e, i) => {
    const o = readObject(r, e, `status.loadBalancer.ingress[${i}]`, 'IngressLoadBalancerStatus', 'v1.IngressLoadBalancerIngress');
    if (!o) return [];
    const ip = readString(r, o.ip, `status.loadBalancer.ingress[${i}].ip`, 'IngressLoadBalancerIngress');
    const hostname = readString(r, o.hostname, `status.loadBalancer.ingress[${i}].hostname`, 'IngressLoadBalancerIngress');
    return ip || hostname ? [{ ...(ip ? { ip } : {}), ...(hostname ? { hostname } : {}) }] : [];
  });
}

export const ingressConverter: KindConverter<'Ingress'> = {
  kind: 'Ingress',
  apiVersions: ['networking.k8s.io/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): Ingress | undefined {
    const annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};
    const spec = readObject(r, value.spec, 'spec', 'Ingress', 'v1.IngressSpec') ?? {};
    const ingressClassName = readString(r, spec.ingressClassName, 'spec.ingressClassName', 'IngressSpec');
    if (ingressClassName !== undefined) for (const e of nameErrors(ingressClassName, 'dns1123-subdomain')) r.invalid('spec.ingressClassName', `Invalid value: ${quote(ingressClassName)}: ${e}`);
    const defaultBackend = readBackend(r, spec.defaultBackend, 'spec.defaultBackend', 'IngressSpec');
    const rules = readRules(r, spec);
    if (rules.length === 0 && isAbsent(spec.defaultBackend) && !r.failed) r.invalid('spec', 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
    const tls = readTLS(r, spec);
    const annotationClass = annotations[ANNOTATION_INGRESS_CLASS];
    if (annotationClass !== undefined && ingressClassName !== undefined && annotationClass !== ingressClassName)
      r.invalid(`annotations.${ANNOTATION_INGRESS_CLASS}`, `Invalid value: ${quote(annotationClass)}: must match \`ingressClassName\` when both are specified`);
    const loadBalancer = readStatus(r, value);
    if (r.failed) return undefined;
    return {
      meta,
      annotations,
      ...(ingressClassName !== undefined ? { ingressClassName } : {}),
      ...(defaultBackend ? { defaultBackend } : {}),
      rules,
      tls,
      ...(loadBalancer ? { loadBalancer } : {}),
      origin,
    };
  },
};

/** validation.IsDomainPrefixedPath: `<dns subdomain>/<path>`. */
function controllerErrors(controller: string): string[] {
  if (controller === '') return ['Required value'];
  const slash = controller.indexOf('/');
  if (slash < 0) return [`Invalid value: ${quote(controller)}: must be a domain-prefixed path (such as "acme.io/foo")`];
  const host = controller.slice(0, slash);
  const errs = nameErrors(host, 'dns1123-subdomain').map((e) => `Invalid value: ${quote(host)}: ${e}`);
  const path = controller.slice(slash);
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) errs.push(`Invalid value: ${quote(path)}: Invalid path`);
  return errs;
}

export const ingressClassConverter: KindConverter<'IngressClass'> = {
  kind: 'IngressClass',
  apiVersions: ['networking.k8s.io/v1'],
  scope: 'Cluster',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): IngressClass | undefined {
    const annotations = readStringMap(r, rawMetadata.annotations, 'metadata.annotations', 'ObjectMeta') ?? {};
    const spec = readObject(r, value.spec, 'spec', 'IngressClass', 'v1.IngressClassSpec') ?? {};
    const controller = readString(r, spec.controller, 'spec.controller', 'IngressClassSpec') ?? '';
    if (controller.length > 250) r.invalid('spec.controller', 'Too long: may not be more than 250 bytes');
    for (const e of controllerErrors(controller)) r.invalid('spec.controller', e);
    let parameters: IngressClass['parameters'];
    const params = readObject(r, spec.parameters, 'spec.parameters', 'IngressClassSpec', 'v1.IngressClassParametersReference');
    if (params) {
      const kind = readString(r, params.kind, 'spec.parameters.kind', 'IngressClassParametersReference') ?? '';
      const name = readString(r, params.name, 'spec.parameters.name', 'IngressClassParametersReference') ?? '';
      const apiGroup = readString(r, params.apiGroup, 'spec.parameters.apiGroup', 'IngressClassParametersReference');
      const scope = readString(r, params.scope, 'spec.parameters.scope', 'IngressClassParametersReference');
      const namespace = readString(r, params.namespace, 'spec.parameters.namespace', 'IngressClassParametersReference');
      if (!kind) r.invalid('spec.parameters.kind', 'Required value: kind is required');
      if (!name) r.invalid('spec.parameters.name', 'Required value: name is required');
      // validateIngressClassParametersReference: Namespace scope needs a namespace, Cluster scope forbids one.
      if (scope !== undefined && scope !== 'Cluster' && scope !== 'Namespace') r.invalid('spec.parameters.scope', `Unsupported value: ${quote(scope)}: supported values: "Cluster", "Namespace"`);
      if (scope === 'Namespace' && !namespace) r.invalid('spec.parameters.namespace', 'Required value: `parameters.scope` is set to "Namespace"');
      if (scope === 'Cluster' && namespace) r.invalid('spec.parameters.namespace', 'Forbidden: `parameters.scope` is set to "Cluster"');
      parameters = { kind, name, ...(apiGroup !== undefined ? { apiGroup } : {}), ...(scope !== undefined ? { scope } : {}), ...(namespace !== undefined ? { namespace } : {}) };
    }
    if (r.failed) return undefined;
    return { meta, annotations, controller, ...(parameters ? { parameters } : {}), origin };
  },
};
