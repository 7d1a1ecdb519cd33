/**
 * What the API server and the Ingress controllers make of Ingresses, IngressClasses and
 * Secrets: the DefaultIngressClass admission plugin (plugin/pkg/admission/network/
 * defaultingressclass: an Ingress created without class gets the newest default class),
 * which controller serves each Ingress (ingress-nginx's class checks), the address it
 * publishes, and diagnostics that say why an Ingress is not served or will not work
 * (missing Service or port, missing or wrong TLS Secret, a certificate not covering a host).
 */
import type { Diagnostic } from '../diagnostic';
import type { Ingress, IngressBackend, IngressClass, Secret } from '../model';
import type { IngressClassResult, IngressControllerResult, IngressExternalDNSResult, IngressResult, SecretResult } from '../result';
import { ANNOTATION_INGRESS_CLASS } from '../manifest/convert/ingress';
import { compareBy, compareStrings } from '../util/compare';
import { certificateCoversHost } from '../util/x509';
import { diagnose, type ClusterState, type StoredObject } from '../state';
import { discoverIngressControllers, isNginxIncController } from './controller';

export const ANNOTATION_DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';
const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';
const EXTERNAL_DNS_TARGET = 'external-dns.alpha.kubernetes.io/target';
const EXTERNAL_DNS_TTL = 'external-dns.alpha.kubernetes.io/ttl';

const KIND_DEPLOY_URL = 'https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml';

export interface IngressSnapshot {
  ingresses: IngressResult[];
  ingressClasses: IngressClassResult[];
  ingressControllers: IngressControllerResult[];
  secrets: SecretResult[];
  diagnostics: Diagnostic[];
}

function stored<K extends 'Ingress' | 'IngressClass' | 'Secret'>(state: ClusterState, kind: K): StoredObject<K>[] {
  return [...state.store.values()].filter((o): o is StoredObject<K> => o.kind === kind);
}

/** The class the DefaultIngressClass admission plugin gives an Ingress created without one: the newest default class that existed then. */
function admittedClassName(ing: StoredObject<'Ingress'>, classes: StoredObject<'IngressClass'>[]): string | null {
  const i = ing.object;
  if (i.ingressClassName !== undefined) return i.ingressClassName;
  if (i.annotations[ANNOTATION_INGRESS_CLASS] !== undefined) return null;
  const defaults = classes
    .filter((c) => c.applySeq < ing.applySeq && c.object.annotations[ANNOTATION_DEFAULT_CLASS] === 'true')
    .sort((a, b) => b.appliedAt - a.appliedAt || compareStrings(a.object.meta.name, b.object.meta.name));
  return defaults[0]?.object.meta.name ?? null;
}

/** ingress-nginx's class check (internal/ingress/controller/store): does `c` serve this Ingress? Else why not. */
function servedBy(c: IngressControllerResult, ing: Ingress, className: string | null, classes: Map<string, IngressClass>): { ok: true } | { ok: false; why: string } {
  const who = `ingress-nginx (${c.namespace}/${c.name})`;
  if (c.watchNamespace && c.watchNamespace !== ing.meta.namespace) return { ok: false, why: `${who} watches only namespace ${c.watchNamespace}` };
  if (className !== null) {
    const cls = classes.get(className);
    if (cls?.controller === c.controllerClass) return { ok: true };
    // --ingress-class-by-name: the IngressClass named like --ingress-class is watched whatever its controller.
    if (cls && c.ingressClassByName && className === c.ingressClass) return { ok: true };
    if (!cls) return { ok: false, why: `IngressClass "${className}" does not exist (${who} serves the classes whose spec.controller is ${c.controllerClass})` };
    return { ok: false, why: `IngressClass "${className}" belongs to controller ${cls.controller}, and ${who} runs with --controller-class=${c.controllerClass}` };
  }
  const annotation = ing.annotations[ANNOTATION_INGRESS_CLASS];
  if (annotation !== undefined) return annotation === c.ingressClass ? { ok: true } : { ok: false, why: `annotation ${ANNOTATION_INGRESS_CLASS}: "${annotation}" is not ${who}'s --ingress-class=${c.ingressClass}` };
  if (c.watchIngressWithoutClass) return { ok: true };
  return { ok: false, why: `the Ingress names no class, no IngressClass is marked default (${ANNOTATION_DEFAULT_CLASS}: "true"), and ${who} runs without --watch-ingress-without-class` };
}

function backendResult(b: IngressBackend | undefined) {
  if (!b) return null;
  return {
    ...(b.service ? { service: { name: b.service.name, port: { ...b.service.port } } } : {}),
    ...(b.resource ? { resource: { ...b.resource } } : {}),
  };
}

function splitList(raw: string | undefined): string[] {
  return (raw ?? '').replace(/ /g, '').split(',').filter(Boolean);
}

function externalDNS(ing: Ingress, address: { ip?: string; hostname?: string }[]): IngressExternalDNSResult | undefined {
  const hostnames = splitList(ing.annotations[EXTERNAL_DNS_HOSTNAME]);
  const specHosts = [...new Set([...ing.rules.map((r) => r.host), ...ing.tls.flatMap((t) => t.hosts)].filter(Boolean))];
  if (hostnames.length === 0 && specHosts.length === 0) return undefined;
  const target = splitList(ing.annotations[EXTERNAL_DNS_TARGET]);
  const targets = target.length ? target : address.map((a) => a.ip ?? a.hostname ?? '').filter(Boolean);
  const ttlText = ing.annotations[EXTERNAL_DNS_TTL];
  const ttl = ttlText && /^\d+$/.test(ttlText) && Number(ttlText) >= 1 && Number(ttlText) < 2 ** 31 ? Number(ttlText) : undefined;
  return { hostnames, specHosts, targets, ...(ttl !== undefined ? { ttl } : {}) };
}

/** Every host an Ingress's rules name and whether one rule covers `tlsHost` (exact, or the same wildcard). */
function ruleHostCovered(ing: Ingress, tlsHost: string): boolean {
  return ing.rules.some((r) => r.host === tlsHost);
}

/** Checks that do not change routing but explain what will go wrong: backends, TLS. */
function checkIngress(state: ClusterState, ing: Ingress, secrets: Map<string, Secret>, out: Diagnostic[]): void {
  const label = `Ingress ${ing.meta.namespace}/${ing.meta.name}`;
  const warn = (message: string, path: string, hint?: string) => out.push(diagnose(ing.origin, label, 'warning', message, path, hint));
  const checkBackend = (b: IngressBackend, path: string) => {
    if (!b.service) return;
    const svc = state.services.get(`${ing.meta.namespace}/${b.service.name}`);
    if (!svc) {
      warn(`${label}: Service "${b.service.name}" not found in namespace ${ing.meta.namespace}; the controller answers 503 for requests routed here`, `${path}.service.name`, 'a backend Service must be in the Ingress\'s own namespace');
      return;
    }
    const { number, name } = b.service.port;
    const port = svc.service.ports.find((p) => (number !== undefined ? p.port === number : p.name === name));
    if (!port) {
      const have = svc.service.ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ');
      warn(`${label}: Service "${b.service.name}" has no port ${number ?? name} (it has ${have || 'none'}); the controller answers 503 for requests routed here`, `${path}.service.port`, 'name the Service port (spec.ports[].port or .name), not the targetPort');
    }
  };
  if (ing.defaultBackend) checkBackend(ing.defaultBackend, 'spec.defaultBackend');
  ing.rules.forEach((r, i) => r.paths?.forEach((p, j) => checkBackend(p.backend, `spec.rules[${i}].http.paths[${j}].backend`)));
  ing.tls.forEach((t, i) => {
    t.hosts.forEach((h, j) => {
      if (!ruleHostCovered(ing, h)) warn(`${label}: TLS host ${h} matches no rule host of this Ingress; it is not served over TLS from here`, `spec.tls[${i}].hosts[${j}]`);
    });
    if (!t.secretName) return;
    const secret = secrets.get(`${ing.meta.namespace}/${t.secretName}`);
    const fake = 'the controller serves its default self-signed certificate ("Kubernetes Ingress Controller Fake Certificate") instead';
    if (!secret) {
      warn(`${label}: Secret "${t.secretName}" not found in namespace ${ing.meta.namespace}; ${fake}`, `spec.tls[${i}].secretName`);
      return;
    }
    if (!secret.dataKeys.includes('tls.crt') || !secret.dataKeys.includes('tls.key')) {
      warn(`${label}: Secret "${t.secretName}" (type ${secret.type}) has no tls.crt and tls.key; ${fake}`, `spec.tls[${i}].secretName`, 'create it with kubectl create secret tls NAME --cert=FILE --key=FILE');
      return;
    }
    const cert = secret.certificate;
    if (!cert || 'error' in cert) {
      warn(`${label}: Secret "${t.secretName}" holds no readable certificate (${cert ? cert.error : 'no tls.crt'}); ${fake}`, `spec.tls[${i}].secretName`);
      return;
    }
    for (const h of t.hosts) {
      if (!coversHost(cert, h)) warn(`${label}: the certificate in Secret "${t.secretName}" is not valid for ${h} (it names ${[...cert.dnsNames, ...(cert.commonName ? [`CN=${cert.commonName}`] : [])].join(', ') || 'no host'}); ${fake} for ${h}`, `spec.tls[${i}].hosts`);
    }
  });
}

/** ingress-nginx: Go's VerifyHostname on the SANs; the commonName only when the certificate has no SAN (its legacy check). */
export function coversHost(cert: { dnsNames: string[]; commonName?: string }, host: string): boolean {
  if (certificateCoversHost(cert.dnsNames, host)) return true;
  return cert.dnsNames.length === 0 && cert.commonName !== undefined && certificateCoversHost([cert.commonName], host);
}

export function buildIngressSnapshot(state: ClusterState): IngressSnapshot {
  const diagnostics: Diagnostic[] = [];
  const controllers = discoverIngressControllers(state);
  const classEntries = stored(state, 'IngressClass');
  const classes = new Map(classEntries.map((c) => [c.object.meta.name, c.object]));
  const secretEntries = stored(state, 'Secret');
  const secrets = new Map(secretEntries.map((s) => [`${s.object.meta.namespace}/${s.object.meta.name}`, s.object]));

  const defaults = classEntries.filter((c) => c.object.annotations[ANNOTATION_DEFAULT_CLASS] === 'true');
  if (defaults.length > 1) {
    const names = defaults.map((c) => c.object.meta.name).sort(compareStrings);
    for (const c of defaults) diagnostics.push(diagnose(c.object.origin, `IngressClass ${c.object.meta.name}`, 'info', `IngressClass ${c.object.meta.name}: ${names.length} IngressClasses are marked default (${names.join(', ')}); Ingresses created without a class get the newest`, `metadata.annotations`));
  }
  if (controllers.length === 0) {
    const inc = [...state.pods.values()].find((s) => isNginxIncController(s.pod));
    if (inc) diagnostics.push(diagnose(inc.pod.origin, `Pod ${inc.pod.meta.namespace}/${inc.pod.meta.name}`, 'info', `Pod ${inc.pod.meta.namespace}/${inc.pod.meta.name} runs NGINX Inc's nginx-ingress controller, which the simulator does not model (it simulates kubernetes/ingress-nginx)`));
  }

  const ingresses: IngressResult[] = stored(state, 'Ingress').map((entry) => {
    const ing = entry.object;
    const label = `Ingress ${ing.meta.namespace}/${ing.meta.name}`;
    const className = admittedClassName(entry, classEntries);
    let controller: IngressControllerResult | undefined;
    const reasons: string[] = [];
    for (const c of controllers) {
      const verdict = servedBy(c, ing, className, classes);
      if (verdict.ok) {
        controller ??= c;
      } else reasons.push(verdict.why);
    }
    if (!controller) {
      const why = controllers.length === 0 ? 'no Ingress controller runs in the cluster' : reasons.join('; ');
      diagnostics.push(
        diagnose(ing.origin, label, 'warning', `${label} is not served by any Ingress controller and gets no address: ${why}`, className !== null && ing.ingressClassName !== undefined ? 'spec.ingressClassName' : undefined, controllers.length === 0 ? `install ingress-nginx as kind documents it: kubectl apply -f ${KIND_DEPLOY_URL}` : undefined),
      );
    } else if (controller.address.length === 0 && !ing.loadBalancer) {
      const why = controller.pods.some((p) => p.ready) ? `its --publish-service ${controller.publishService ?? ''} has no address yet` : 'none of its Pods is ready';
      diagnostics.push(diagnose(ing.origin, label, 'info', `${label} is served by ingress-nginx (${controller.namespace}/${controller.name}) but has no address: ${why}`));
    }
    if (controller) checkIngress(state, ing, secrets, diagnostics);
    const loadBalancerIngress = ing.loadBalancer ? ing.loadBalancer.map((a) => ({ ...a })) : (controller?.address ?? []).map((a) => ({ ...a }));
    const dns = externalDNS(ing, loadBalancerIngress);
    return {
      namespace: ing.meta.namespace,
      name: ing.meta.name,
      labels: { ...ing.meta.labels },
      annotations: { ...ing.annotations },
      ingressClassName: className,
      rules: ing.rules.map((r) => ({ host: r.host, paths: r.paths ? r.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: backendResult(p.backend)! })) : null })),
      defaultBackend: backendResult(ing.defaultBackend),
      tls: ing.tls.map((t) => ({ hosts: [...t.hosts], secretName: t.secretName })),
      controller: controller ? { namespace: controller.namespace, name: controller.name } : null,
      loadBalancerIngress,
      ...(dns ? { externalDNS: dns } : {}),
      createdAt: entry.appliedAt,
    };
  });

  const ingressClasses: IngressClassResult[] = classEntries.map(({ object: c, appliedAt }) => ({
    name: c.meta.name,
    labels: { ...c.meta.labels },
    annotations: { ...c.annotations },
    controller: c.controller,
    isDefault: c.annotations[ANNOTATION_DEFAULT_CLASS] === 'true',
    ...(c.parameters ? { parameters: { ...c.parameters } } : {}),
    createdAt: appliedAt,
  }));

  const secretResults: SecretResult[] = secretEntries.map(({ object: s, appliedAt }) => ({
    namespace: s.meta.namespace,
    name: s.meta.name,
    type: s.type,
    labels: { ...s.meta.labels },
    annotations: { ...s.annotations },
    dataKeys: [...s.dataKeys],
    ...(s.certificate ? { certificate: 'error' in s.certificate ? { error: s.certificate.error } : { dnsNames: [...s.certificate.dnsNames], ...(s.certificate.commonName !== undefined ? { commonName: s.certificate.commonName } : {}) } } : {}),
    createdAt: appliedAt,
  }));

  const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);
  return {
    ingresses: ingresses.sort(byNamespaceName),
    ingressClasses: ingressClasses.sort((a, b) => compareStrings(a.name, b.name)),
    ingressControllers: controllers,
    secrets: secretResults.sort(byNamespaceName),
    diagnostics,
  };
}

/** The reconcile step: what holds now about Ingresses goes into `state.conditions`. */
export function ingressControllerStep(state: ClusterState): void {
  state.conditions.push(...buildIngressSnapshot(state).diagnostics);
}
