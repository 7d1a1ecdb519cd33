/**
 * `kubectl describe ingress` and `kubectl describe ingressclass` (describe.go
 * describeIngressV1, describeBackendV1, describeIngressTLSV1, describeIngressClassV1; v1.33):
 * each backend as `service:port (endpoints)` with the Service port's ready endpoints
 * (`<error: services "x" not found>` when the Service is missing), `*` for a rule without
 * host, `<default>` when there is no spec.defaultBackend.
 */
import type { IngressBackendResult, IngressClassResult, IngressResult } from '../../result';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import type { ClusterView } from './cluster-view';
import { formatEndpointSlices } from './describe';
import { annotationsMultiline, labelsMultiline } from './describe-text';
import { ingressAddress } from './ingress-items';

function describeBackend(view: ClusterView, namespace: string, b: IngressBackendResult): string {
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
  if (!b.service) return '';
  const { name, port } = b.service;
  const sb = `${name}:${port.number !== undefined ? port.number : port.name}`;
  const svc = view.services.find((s) => s.namespace === namespace && s.name === name);
  if (!svc) return `${sb} (<error: services "${name}" not found>)`;
  // The Service port's name selects the slice port (describeBackendV1: spName).
  let spName = '';
  for (const p of svc.ports) if ((port.number !== undefined && port.number !== 0 && port.number === p.port) || (port.name && port.name === p.name)) spName = p.name;
  const slices = view.endpointSlices().filter((e) => e.namespace === namespace && e.service === name);
  return `${sb} (${formatEndpointSlices(slices, spName)})`;
}

export function describeIngress(view: ClusterView, i: IngressResult): string {
  let s = `Name:\t${i.name}\n`;
  s += labelsMultiline('Labels', i.labels);
  s += `Namespace:\t${i.namespace}\n`;
  s += `Address:\t${ingressAddress(i, true)}\n`;
  s += `Ingress Class:\t${i.ingressClassName ?? '<none>'}\n`;
  const defaultBackend = i.defaultBackend ? describeBackend(view, i.namespace, i.defaultBackend) : '<default>';
  s += `Default backend:\t${defaultBackend}\n`;
  if (i.tls.length) {
    s += 'TLS:\n';
    for (const t of i.tls) s += t.secretName ? `  ${t.secretName} terminates ${t.hosts.join(',')}\n` : `  SNI routes ${t.hosts.join(',')}\n`;
  }
  s += 'Rules:\n  Host\tPath\tBackends\n  ----\t----\t--------\n';
  let count = 0;
  for (const rule of i.rules) {
    if (!rule.paths) continue;
    count++;
    s += `  ${rule.host || '*'}\t\n`;
    for (const p of rule.paths) s += `    \t${p.path} \t${describeBackend(view, i.namespace, p.backend)}\n`;
  }
  if (count === 0) s += `  *\t*\t${defaultBackend}\n`;
  s += annotationsMultiline('Annotations', i.annotations);
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

export function describeIngressClass(c: IngressClassResult): string {
  let s = `Name:\t${c.name}\n`;
  s += labelsMultiline('Labels', c.labels);
  s += annotationsMultiline('Annotations', c.annotations);
  s += `Controller:\t${c.controller}\n`;
  if (c.parameters) {
    s += 'Parameters:\n';
    if (c.parameters.apiGroup !== undefined) s += `  APIGroup:\t${c.parameters.apiGroup}\n`;
    s += `  Kind:\t${c.parameters.kind}\n  Name:\t${c.parameters.name}\n`;
  }
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}
