/**
 * The Endpoints controller (pkg/controller/endpoint): for each Service with a selector,
 * the Pods of its namespace whose labels contain the selector, that have an IP and are
 * not terminated, become addresses — ready or not — for each Service port. A named
 * targetPort is resolved per Pod with `podutil.FindPort` (a container port with that
 * name and the Service port's protocol); a Pod lacking it is left out of that port only.
 *
 * Also explains, as diagnostics, why a Service has fewer endpoints than expected.
 */
import type { Diagnostic } from '../diagnostic';
import type { Pod, Service, ServicePort } from '../model';
import type { EndpointResult } from '../result';
import { ipSortKey } from '../cluster/cidr';
import { API_SERVER_PORT } from '../cluster/kind-defaults';
import { compareBy, compareStrings } from '../util/compare';
import { formatLabels, LabelIndex } from '../util/labels';
import type { ClusterState, PodState } from '../state';

export type { PodState } from '../state';

/**
 * The controller's pass: every Service's endpoints recomputed from the Pods as they are
 * now. default/kubernetes is the API server's own: one address per control plane, its
 * secure port (the apiserver endpoint reconciler).
 */
export function endpointsController(state: ClusterState): void {
  const index = new LabelIndex<PodState>(
    (s) => s.pod.meta.namespace,
    (s) => s.pod.meta.labels,
  );
  for (const s of state.pods.values()) index.add(s);
  for (const svc of state.services.values()) {
    if (svc.system && svc.service.selector === null && svc.service.meta.namespace === 'default' && svc.service.meta.name === 'kubernetes') {
      svc.endpoints = apiServerEndpoints(state);
      continue;
    }
    const outcome = computeEndpoints(svc.service, index);
    state.conditions.push(...outcome.diagnostics);
    svc.endpoints = outcome.endpoints;
  }
}

function apiServerEndpoints(state: ClusterState): EndpointResult[] {
  return state.topology.nodes
    .filter((n) => n.roles.includes('control-plane'))
    .map((n) => ({
      ip: n.internalIP,
      port: API_SERVER_PORT,
      portName: 'https',
      protocol: 'TCP',
      // A real Endpoints object carries no targetRef here; the name shows who answers.
      podName: `kube-apiserver-${n.name}`,
      podNamespace: 'kube-system',
      nodeName: n.name,
      ready: true,
    }))
    .sort(compareBy<EndpointResult>((e) => ipSortKey(e.ip)));
}

export interface EndpointsOutcome {
  endpoints: EndpointResult[];
  diagnostics: Diagnostic[];
}

/** Resolves a Service port's target on one Pod (`podutil.FindPort`); null when the Pod lacks the named port. */
export function findPort(pod: Pod, port: ServicePort): number | null {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec.containers) for (const p of c.ports) if (p.name === target && p.protocol === port.protocol) return p.containerPort;
  return null;
}

export function computeEndpoints(service: Service, index: LabelIndex<PodState>): EndpointsOutcome {
  const diagnostics: Diagnostic[] = [];
  const { namespace } = service.meta;
  const say = (severity: Diagnostic['severity'], message: string, path?: string, hint?: string) => {
    const pos = service.origin?.locate(path);
    diagnostics.push({
      severity,
      message,
      ...(path ? { path } : {}),
      ...(service.origin ? { file: service.origin.file, line: pos!.line, column: pos!.column, object: service.origin.label } : { object: `Service ${namespace}/${service.meta.name}` }),
      ...(hint ? { hint } : {}),
    });
  };
  if (service.type === 'ExternalName' || service.selector === null) return { endpoints: [], diagnostics };

  const selected = index.select(namespace, service.selector);
  if (selected.length === 0) {
    const miss = explainNoMatch(service, index);
    say('warning', miss.message, miss.path, 'make spec.selector equal to labels the Pods carry (kubectl get pods --show-labels)');
    return { endpoints: [], diagnostics };
  }

  const live = selected.filter((s) => s.ip !== null && s.phase !== 'Succeeded' && s.phase !== 'Failed');
  if (live.length === 0) {
    const pending = selected.find((s) => s.pendingReason);
    say('warning', `Service ${service.meta.name} selects ${plural(selected.length, 'Pod')} but none is running${pending ? ` (Pod ${pending.pod.meta.name} is Pending: ${pending.pendingReason})` : ''}, so it has no endpoints`, 'spec.selector');
  }

  const endpoints: EndpointResult[] = [];
  for (const port of service.ports) {
    const lacking: PodState[] = [];
    for (const s of live) {
      const target = findPort(s.pod, port);
      if (target === null) {
        lacking.push(s);
        continue;
      }
      endpoints.push({
        ip: s.ip!,
        port: target,
        portName: port.name,
        protocol: port.protocol,
        podName: s.pod.meta.name,
        podNamespace: s.pod.meta.namespace,
        nodeName: s.nodeName!,
        ready: s.ready || service.publishNotReadyAddresses,
      });
    }
    if (lacking.length > 0) reportMissingNamedPort(say, service, port, lacking, live.length);
    else if (typeof port.targetPort === 'number' || port.targetPort === undefined) reportUndeclaredNumericPort(say, service, port, live);
  }
  endpoints.sort(compareBy<EndpointResult>((e) => e.portName, (e) => e.protocol, (e) => ipSortKey(e.ip), (e) => e.port, (e) => e.podName));
  return { endpoints, diagnostics };
}

type Say = (severity: Diagnostic['severity'], message: string, path?: string, hint?: string) => void;

function reportMissingNamedPort(say: Say, service: Service, port: ServicePort, lacking: PodState[], total: number): void {
  const declared = new Set<string>();
  for (const s of lacking) for (const c of s.pod.spec.containers) for (const p of c.ports) if (p.name) declared.add(`${p.name} (${p.containerPort}/${p.protocol})`);
  const names = lacking.slice(0, 3).map((s) => s.pod.meta.name).join(', ') + (lacking.length > 3 ? `, and ${lacking.length - 3} more` : '');
  const who = lacking.length === total ? `none of the ${plural(total, 'selected Pod')} declares` : `${plural(lacking.length, 'selected Pod')} of ${total} ${lacking.length === 1 ? 'does' : 'do'} not declare`;
  say(
    'warning',
    `Service ${service.meta.name} port ${portLabel(port)} targets the port named ${JSON.stringify(port.targetPort)}/${port.protocol}, but ${who} a container port with that name (${names}); ${lacking.length === 1 ? 'it is' : 'they are'} left out of this port's endpoints`,
    `spec.ports[${port.index}].targetPort`,
    declared.size > 0 ? `the Pods declare ${[...declared].sort(compareStrings).join(', ')}` : 'name the container port in the Pod template (ports: [{name: ..., containerPort: ...}]) or use a number',
  );
}

function reportUndeclaredNumericPort(say: Say, service: Service, port: ServicePort, live: PodState[]): void {
  const target = (port.targetPort ?? port.port) as number;
  // Declaring container ports is optional; only Pods that declare some, none of them this one, are suspicious.
  const mismatched = live.filter((s) => {
    const ports = s.pod.spec.containers.flatMap((c) => c.ports);
    return ports.length > 0 && !ports.some((p) => p.containerPort === target && p.protocol === port.protocol);
  });
  if (mismatched.length === 0) return;
  const declared = [...new Set(mismatched.flatMap((s) => s.pod.spec.containers.flatMap((c) => c.ports.map((p) => `${p.containerPort}/${p.protocol}`))))].sort(compareStrings);
  say(
    'warning',
    `Service ${service.meta.name} port ${portLabel(port)} sends traffic to port ${target}/${port.protocol}, but ${plural(mismatched.length, 'selected Pod')} declare${mismatched.length === 1 ? 's' : ''} only ${declared.join(', ')}; connections are refused unless the container also listens on ${target}`,
    `spec.ports[${port.index}].${port.targetPort === undefined ? 'port' : 'targetPort'}`,
    `set targetPort to the port the container listens on`,
  );
}

/** "Service web selects app=web,tier=front; no Pod has tier=front (3 Pods have app=web)". */
export function explainNoMatch(service: Service, index: LabelIndex<PodState>): { message: string; path: string } {
  const { namespace, name } = service.meta;
  const selector = service.selector!;
  const head = `Service ${name} selects ${formatLabels(selector)}`;
  const pairs = Object.keys(selector)
    .sort(compareStrings)
    .map((k) => ({ key: k, value: selector[k], count: index.withLabel(namespace, k, selector[k]).length }));
  const absent = pairs.filter((p) => p.count === 0);
  const present = pairs.filter((p) => p.count > 0);
  if (absent.length > 0) {
    const path = `spec.selector[${absent[0].key}]`;
    if (present.length > 0) {
      const have = present.map((p) => `${plural(p.count, 'Pod')} ${p.count === 1 ? 'has' : 'have'} ${p.key}=${p.value}`).join(', ');
      return { message: `${head}; no Pod has ${absent.map((p) => `${p.key}=${p.value}`).join(' or ')} (${have})`, path };
    }
    const elsewhere = index
      .namespaces()
      .filter((ns) => ns !== namespace)
      .map((ns) => ({ ns, count: index.select(ns, selector).length }))
      .filter((x) => x.count > 0);
    const where = index.inNamespace(namespace).length === 0 ? `namespace ${namespace} has no Pods` : `no Pod in namespace ${namespace} has ${absent.map((p) => `${p.key}=${p.value}`).join(' or ')}`;
    const also = elsewhere.length > 0 ? ` (${elsewhere.map((x) => `${plural(x.count, 'Pod')} in namespace ${x.ns} match${x.count === 1 ? 'es' : ''}`).join(', ')}; a Service selects Pods of its own namespace only)` : '';
    return { message: `${head}; ${where}${also}`, path };
  }
  // Every pair is carried by some Pod, but no Pod carries all: name the closest one.
  let best: { state: PodState; score: number } | undefined;
  for (const p of pairs) {
    for (const state of index.withLabel(namespace, p.key, p.value)) {
      const score = pairs.filter((q) => state.pod.meta.labels[q.key] === q.value).length;
      if (!best || score > best.score || (score === best.score && compareStrings(state.pod.meta.name, best.state.pod.meta.name) < 0)) best = { state, score };
    }
  }
  const labels = best!.state.pod.meta.labels;
  const wrong = pairs.filter((q) => labels[q.key] !== q.value);
  const diff = wrong.map((q) => (q.key in labels ? `${q.key}=${labels[q.key]}` : `no ${q.key} label`)).join(', ');
  return {
    message: `${head}; no Pod has all of them (closest: Pod ${best!.state.pod.meta.name} has ${pairs.filter((q) => labels[q.key] === q.value).map((q) => `${q.key}=${q.value}`).join(',')} but ${diff})`,
    path: `spec.selector[${wrong[0].key}]`,
  };
}

function portLabel(port: ServicePort): string {
  return `${port.name ? `${port.name} ` : ''}(${port.port}/${port.protocol})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
