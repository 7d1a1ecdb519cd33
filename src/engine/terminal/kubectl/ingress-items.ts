/**
 * Ingresses, IngressClasses and Secrets as `kubectl get` prints them (printers.go
 * printIngress: CLASS `<none>` without ingressClassName, HOSTS the first three rule hosts
 * then ` + N more...` (`*` when none), ADDRESS the sorted set of status IPs/hostnames cut to
 * 16 characters unless -o wide, PORTS `80` or `80, 443` with TLS; printIngressClass:
 * PARAMETERS `Kind.apiGroup/name`; printSecret: TYPE, DATA) and as -o yaml/json objects.
 * Secret values are never in the result: -o yaml shows each key with an empty value.
 */
import type { IngressBackendResult, IngressClassResult, IngressResult, SecretResult } from '../../result';
import { compareStrings } from '../../util/compare';
import type { Json } from '../yaml';
import { ageOf, type ClusterView } from './cluster-view';
import { objectMeta, typeOf, type Item } from './items';

/** loadBalancerWidth in printers.go. */
const LOAD_BALANCER_WIDTH = 16;

/** ingressLoadBalancerStatusStringer: IPs (else hostnames), deduplicated and sorted, comma-joined; cut unless wide. */
export function ingressAddress(i: IngressResult, wide: boolean): string {
  const set = [...new Set(i.loadBalancerIngress.map((a) => a.ip || a.hostname || '').filter(Boolean))].sort(compareStrings);
  const r = set.join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

/** formatHosts: at most three rule hosts, then `+ N more...`; `*` when no rule names a host. */
export function ingressHosts(i: IngressResult): string {
  const list: string[] = [];
  let more = false;
  for (const rule of i.rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${i.rules.length - 3} more...` : list.join(',');
}

export function backendJson(b: IngressBackendResult): Json {
  if (b.resource) return { resource: { ...(b.resource.apiGroup !== undefined ? { apiGroup: b.resource.apiGroup } : {}), kind: b.resource.kind, name: b.resource.name } };
  const port = b.service!.port;
  return { service: { name: b.service!.name, port: port.name ? { name: port.name } : { number: port.number ?? 0 } } };
}

export function ingressItem(view: ClusterView, i: IngressResult): Item {
  return {
    type: typeOf('ingresses'),
    namespace: i.namespace,
    name: i.name,
    labels: i.labels,
    cells: (wide) => [i.name, i.ingressClassName ?? '<none>', ingressHosts(i), ingressAddress(i, wide), i.tls.length ? '80, 443' : '80', ageOf(view, i.createdAt)],
    object: () => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: objectMeta({ name: i.name, namespace: i.namespace, createdAt: i.createdAt, labels: i.labels, annotations: i.annotations }),
      spec: {
        ...(i.defaultBackend ? { defaultBackend: backendJson(i.defaultBackend) } : {}),
        ...(i.ingressClassName !== null ? { ingressClassName: i.ingressClassName } : {}),
        ...(i.rules.length
          ? { rules: i.rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), ...(r.paths ? { http: { paths: r.paths.map((p) => ({ backend: backendJson(p.backend), ...(p.path ? { path: p.path } : {}), pathType: p.pathType })) } } : {}) })) }
          : {}),
        ...(i.tls.length ? { tls: i.tls.map((t) => ({ ...(t.hosts.length ? { hosts: t.hosts } : {}), ...(t.secretName ? { secretName: t.secretName } : {}) })) } : {}),
      },
      status: { loadBalancer: i.loadBalancerIngress.length ? { ingress: i.loadBalancerIngress.map((a) => ({ ...(a.hostname ? { hostname: a.hostname } : {}), ...(a.ip ? { ip: a.ip } : {}) })) } : {} },
    }),
  };
}

export function ingressClassItem(view: ClusterView, c: IngressClassResult): Item {
  const p = c.parameters;
  return {
    type: typeOf('ingressclasses'),
    namespace: null,
    name: c.name,
    labels: c.labels,
    cells: () => [c.name, c.controller, p ? `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>', ageOf(view, c.createdAt)],
    object: () => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: objectMeta({ name: c.name, createdAt: c.createdAt, labels: c.labels, annotations: c.annotations }),
      spec: {
        controller: c.controller,
        ...(p ? { parameters: { ...(p.apiGroup !== undefined ? { apiGroup: p.apiGroup } : {}), kind: p.kind, name: p.name, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}), ...(p.scope !== undefined ? { scope: p.scope } : {}) } } : {}),
      },
    }),
  };
}

export function secretItem(view: ClusterView, s: SecretResult): Item {
  return {
    type: typeOf('secrets'),
    namespace: s.namespace,
    name: s.name,
    labels: s.labels,
    cells: () => [s.name, s.type, String(s.dataKeys.length), ageOf(view, s.createdAt)],
    object: () => ({
      apiVersion: 'v1',
      ...(s.dataKeys.length ? { data: Object.fromEntries(s.dataKeys.map((k) => [k, ''])) } : {}),
      kind: 'Secret',
      metadata: objectMeta({ name: s.name, namespace: s.namespace, createdAt: s.createdAt, labels: s.labels, annotations: s.annotations }),
      type: s.type,
    }),
  };
}
