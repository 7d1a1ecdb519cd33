/**
 * The routing decision of an Ingress controller for one HTTP request: which nginx server
 * (host) and location (path) ingress-nginx picks, and then either the backend Service's
 * endpoints (ingress-nginx proxies to Pod endpoints directly, not to the ClusterIP) with the
 * upstream URI after `rewrite-target`, or the response the controller writes itself: 404
 * from its default backend, 503 when the backend has no ready endpoint (or does not exist),
 * 308 for HTTP→HTTPS, 301 for a directory location's missing slash, 302 for `app-root`.
 *
 * nginx semantics reproduced (ngx_http_core_module): server selection by exact name, then
 * the one-label wildcard regex ingress-nginx renders for `*.example.com`, then the
 * catch-all `_`; the URI is normalised (percent-decoding, merged slashes, dot segments);
 * `= /x` locations first, then the longest string prefix, a prefix location ending in `/`
 * redirecting its slash-less twin (auto_redirect); on a regex server, the first `~*` regex
 * in location order. Every step is explained in `explanation`.
 */
import type { EndpointResult, IngressControllerResult, ServicePortResult, SimulationResult } from '../result';
import { compareStrings } from '../util/compare';
import { CATCH_ALL, buildNginxServers, renderLocation, type NginxLocation, type NginxServer } from './nginx-model';
import { nginxResponse, type HttpResponse } from './responses';

export interface IngressRequest {
  /** The Host header (a `:port` is ignored); '' or absent: no Host header (the catch-all server answers). */
  host?: string;
  /** The request target: path and optional `?query` (default `/`). */
  path?: string;
  /** `http` or `https`; default `https` when `port` is 443, else `http`. */
  scheme?: 'http' | 'https';
  /** The port the client connected to (informational; 443 implies https when `scheme` is absent). */
  port?: number;
  /** The TLS server name for https (default: the host). */
  sni?: string;
  /** The controller (`namespace/name` of an `ingressControllers` entry); default: the only one, else the first with a ready Pod. */
  controller?: string;
  /** Scenario time for the Date header (default `result.now`). */
  at?: number;
}

export interface IngressEndpoint {
  /** A Pod IP (or the ClusterIP with `service-upstream`, the external name of an ExternalName Service). */
  address: string;
  port: number;
  podNamespace?: string;
  podName?: string;
  nodeName?: string;
}

export interface IngressRoute {
  /** `backend`: proxied to `endpoints`; `response`: the controller answers itself (`status`, `response`); `no-controller`: nothing serves Ingresses. */
  outcome: 'backend' | 'response' | 'no-controller';
  controller: { namespace: string; name: string } | null;
  /** The nginx server: the host, `*.example.com`, or `_` (catch-all). */
  server: string | null;
  /** The Ingress whose rule (or defaultBackend) matched; null for the controller's own default backend. */
  ingress: { namespace: string; name: string } | null;
  /** The rule path that matched; null when a default backend answered. */
  rule: { host: string; path: string; pathType: string } | null;
  /** The nginx location as ingress-nginx renders it (`= /foo`, `/foo/`, `~* "^/foo"`). */
  location: string | null;
  /** The Service (in the Ingress's namespace) and port the request went to; `via` says which backend it was. */
  backend: { namespace: string; service: string; port: number | string; servicePort: ServicePortResult | null; via: 'rule' | 'ingress-default-backend' | 'default-backend-annotation' | 'controller-default-backend' } | null;
  /** The URI sent upstream (after `rewrite-target`); null when nothing is proxied. */
  upstreamPath: string | null;
  /** The ready endpoints ingress-nginx balances over (round robin); [] unless `outcome` is `backend`. */
  endpoints: IngressEndpoint[];
  /** For https: which certificate the controller presents and whether it names the host. */
  tls: { secret: string | null; coversHost: boolean } | null;
  /** The status of a response the controller writes itself; null when proxied. */
  status: number | null;
  response: HttpResponse | null;
  /** Every step of the decision, in order, in words a student can act on. */
  explanation: string[];
}

/** nginx's URI normalisation: percent-decoding, merged slashes, `.`/`..` segments resolved. */
export function normaliseUri(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const out: string[] = [];
  const segments = decoded.replace(/\/{2,}/g, '/').split('/');
  segments.forEach((seg, i) => {
    if (seg === '.') {
      if (i === segments.length - 1) out.push('');
      return;
    }
    if (seg === '..') {
      if (out.length > 1) out.pop();
      if (i === segments.length - 1) out.push('');
      return;
    }
    out.push(seg);
  });
  const joined = out.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** PCRE as ingress-nginx users write it, for JavaScript: `(?P<n>` → `(?<n>`, a leading `(?i)` dropped (always case-insensitive here). */
function toRegExp(pattern: string, anchored: boolean): RegExp | null {
  try {
    return new RegExp(`${anchored ? '^' : ''}${pattern.replace(/^\(\?i\)/, '').replace(/\(\?P</g, '(?<')}`, 'i');
  } catch {
    return null;
  }
}

/** nginx `rewrite` replacement: `$1`..`$9` and named captures; unmatched groups are empty. */
function substitute(target: string, m: RegExpExecArray): string {
  return target.replace(/\$(\d|\{?[A-Za-z_][A-Za-z0-9_]*\}?)/g, (whole, ref: string) => {
    if (/^\d$/.test(ref)) return m[Number(ref)] ?? '';
    const name = ref.replace(/[{}]/g, '');
    return m.groups && name in m.groups ? (m.groups[name] ?? '') : whole;
  });
}

function chooseController(result: SimulationResult, wanted: string | undefined, why: string[]): IngressControllerResult | undefined {
  const all = result.ingressControllers;
  if (wanted !== undefined) {
    const c = all.find((x) => `${x.namespace}/${x.name}` === wanted);
    if (!c) why.push(`no Ingress controller ${wanted}; the cluster has ${all.map((x) => `${x.namespace}/${x.name}`).join(', ') || 'none'}`);
    return c;
  }
  if (all.length === 0) {
    why.push('no Ingress controller runs in the cluster: nothing listens for the request (install ingress-nginx; on kind, deploy/static/provider/kind/deploy.yaml)');
    return undefined;
  }
  const c = all.length === 1 ? all[0] : (all.find((x) => x.pods.some((p) => p.ready)) ?? all[0]);
  why.push(`controller ingress-nginx ${c.namespace}/${c.name} (Pods ${c.pods.map((p) => `${p.name}${p.ready ? '' : ' (not ready)'}`).join(', ')})`);
  return c;
}

/** Server selection: exact name, then the one-label wildcard regex, then the catch-all. */
function selectServer(servers: Map<string, NginxServer>, host: string, why: string[]): NginxServer {
  const names = [...servers.keys()].filter((h) => h !== CATCH_ALL).sort(compareStrings);
  if (host && host !== CATCH_ALL && servers.has(host)) {
    why.push(`Host ${host} matches the rule host ${host} exactly`);
    return servers.get(host)!;
  }
  for (const name of names) {
    if (!name.startsWith('*.')) continue;
    // buildServerName: `~^(?<subdomain>[\w-]+)\.example\.com$` — exactly one extra label.
    const re = new RegExp(`^[\\w-]+\\.${name.slice(2).replace(/\./g, '\\.')}$`);
    if (re.test(host)) {
      why.push(`Host ${host} matches the wildcard rule host ${name} (one label before .${name.slice(2)})`);
      return servers.get(name)!;
    }
  }
  const shown = host || '(none)';
  why.push(names.length ? `no rule for host ${shown}; rules exist for ${names.join(', ')}; the catch-all server (rules without host, else the default backend) answers` : `Host ${shown}: no Ingress names a host; the catch-all server answers`);
  return servers.get(CATCH_ALL)!;
}

interface LocationMatch {
  location?: NginxLocation;
  /** nginx auto_redirect: the URI lacks the trailing slash of this prefix location. */
  redirectTo?: string;
}

function matchLocation(server: NginxServer, uri: string, why: string[]): LocationMatch {
  if (server.enforceRegex) {
    why.push(`server ${server.hostname} uses regex locations (an Ingress on it sets use-regex or rewrite-target): paths are tried as case-insensitive regexes anchored at the start, longest first, first match wins`);
    for (const l of server.locations) {
      const re = toRegExp(l.path, true);
      if (!re) {
        why.push(`  ${renderLocation(l)}: not a valid regular expression, skipped`);
        continue;
      }
      if (re.test(uri)) {
        why.push(`  ${renderLocation(l)} matches ${uri}`);
        return { location: l };
      }
      why.push(`  ${renderLocation(l)} does not match`);
    }
    why.push(`no location of server ${server.hostname} matches ${uri}`);
    return {};
  }
  const exact = server.locations.find((l) => l.match === 'exact' && l.path === uri);
  if (exact) {
    why.push(`location ${renderLocation(exact)} matches ${uri} exactly`);
    return { location: exact };
  }
  const twin = server.locations.find((l) => l.match === 'prefix' && l.path.length > 1 && l.path.endsWith('/') && l.path.slice(0, -1) === uri);
  if (twin) {
    why.push(`${uri} is location ${twin.path} without its trailing slash: nginx redirects (301) to ${twin.path}`);
    return { redirectTo: twin.path };
  }
  let best: NginxLocation | undefined;
  for (const l of server.locations) if (l.match === 'prefix' && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  const tried = server.locations.filter((l) => l !== best).map(renderLocation);
  if (best) why.push(`location ${renderLocation(best)} is the longest prefix of ${uri}${tried.length ? ` (also configured: ${tried.join(', ')})` : ''}`);
  return best ? { location: best } : {};
}

function describeBackend(l: NginxLocation): string {
  const s = l.backend?.service;
  return s ? `${s.name}:${s.port.number ?? s.port.name}` : 'the default backend';
}

/** Ready endpoints of a Service port, as ingress-nginx reads them from its EndpointSlices. */
function readyEndpoints(endpoints: EndpointResult[], portName: string): IngressEndpoint[] {
  return endpoints
    .filter((e) => e.ready && e.portName === portName)
    .map((e) => ({ address: e.ip, port: e.port, podNamespace: e.podNamespace, podName: e.podName, nodeName: e.nodeName }));
}

/** Routes one request through an Ingress controller (see the module comment). Pure; never throws. */
export function routeIngressRequest(result: SimulationResult, request: IngressRequest): IngressRoute {
  const why: string[] = [];
  const at = request.at ?? result.now;
  const scheme = request.scheme ?? (request.port === 443 ? 'https' : 'http');
  const host = (request.host ?? '').replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
  const target = request.path || '/';
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const args = q >= 0 ? target.slice(q + 1) : '';
  const uri = normaliseUri(rawPath);
  const route: IngressRoute = { outcome: 'response', controller: null, server: null, ingress: null, rule: null, location: null, backend: null, upstreamPath: null, endpoints: [], tls: null, status: null, response: null, explanation: why };

  const controller = chooseController(result, request.controller, why);
  if (!controller) return { ...route, outcome: 'no-controller' };
  route.controller = { namespace: controller.namespace, name: controller.name };
  if (!controller.pods.some((p) => p.ready)) why.push('warning: no Pod of the controller is ready, so a real request would not be answered; the decision below is what nginx would do once it is');

  const servers = buildNginxServers(controller, result.ingresses, result.secrets);
  const server = selectServer(servers, host, why);
  route.server = server.hostname;
  if (server.hostname === CATCH_ALL && host) {
    // An Ingress that names the host but that this controller does not serve is the usual mistake.
    for (const i of result.ingresses) {
      if (i.rules.some((r) => r.host === host) && (i.controller?.namespace !== controller.namespace || i.controller.name !== controller.name)) {
        why.push(`Ingress ${i.namespace}/${i.name} has a rule for ${host} but ${i.controller ? `is served by ${i.controller.namespace}/${i.controller.name}` : 'no controller serves it (see its diagnostic: class, controller)'}`);
      }
    }
  }
  const respond = (status: number, location?: string): IngressRoute => ({ ...route, outcome: 'response', status, response: nginxResponse(status, { at, ...(location !== undefined ? { location } : {}), hsts: scheme === 'https' }) });

  if (scheme === 'https') {
    const sni = (request.sni ?? host).toLowerCase();
    const sniServer = servers.get(sni) ?? [...servers.values()].find((s) => s.hostname.startsWith('*.') && new RegExp(`^[\\w-]+\\.${s.hostname.slice(2).replace(/\./g, '\\.')}$`).test(sni));
    if (sniServer?.tls?.secretName) {
      route.tls = { secret: `${sniServer.tls.ingress.namespace}/${sniServer.tls.secretName}`, coversHost: true };
      why.push(`TLS: SNI ${sni} gets the certificate of Secret ${route.tls.secret} (Ingress ${sniServer.tls.ingress.namespace}/${sniServer.tls.ingress.name})`);
    } else {
      route.tls = { secret: null, coversHost: false };
      why.push(`TLS: no usable certificate for ${sni || '(no SNI)'} (no Ingress lists it under spec.tls with a kubernetes.io/tls Secret that covers it): the controller presents its default "Kubernetes Ingress Controller Fake Certificate"; curl fails verification without -k`);
    }
  }

  // Server rewrite phase: app-root redirects `/` before any location is chosen.
  if (server.appRoot && uri === '/') {
    why.push(`app-root: ${uri} is redirected (302) to ${server.appRoot}`);
    return respond(302, `${scheme}://${request.host ?? host}${server.appRoot}`);
  }

  const match = matchLocation(server, uri, why);
  if (match.redirectTo) return respond(301, `${scheme}://${host}${match.redirectTo}${args ? `?${args}` : ''}`);
  const location = match.location;
  if (!location) return respond(404);
  route.location = renderLocation(location);
  if (location.ingress) route.ingress = { namespace: location.ingress.namespace, name: location.ingress.name };
  if (location.ingress && !location.isDefaultBackend && !location.ingressDefault) route.rule = { host: server.hostname === CATCH_ALL ? '' : server.hostname, path: location.ingressPath, pathType: location.rulePathType ?? location.pathType };
  const a = location.annotations;

  // `return CODE URL` in the location runs in nginx's rewrite phase, before lua's ssl-redirect.
  if (a.temporalRedirect) {
    why.push(`temporal-redirect: answered with ${a.temporalRedirectCode} to ${a.temporalRedirect}`);
    return respond(a.temporalRedirectCode, a.temporalRedirect);
  }
  if (a.permanentRedirect) {
    why.push(`permanent-redirect: answered with ${a.permanentRedirectCode} to ${a.permanentRedirect}`);
    return respond(a.permanentRedirectCode, a.permanentRedirect);
  }
  if (scheme === 'http' && (a.forceSslRedirect || (a.sslRedirect && server.tls))) {
    const cert = server.tls ? (server.tls.secretName ? `Secret ${server.tls.ingress.namespace}/${server.tls.secretName}` : 'the default certificate') : '';
    why.push(a.forceSslRedirect ? 'force-ssl-redirect: plain HTTP is redirected (308) to https' : `ssl-redirect: Ingress ${server.tls!.ingress.namespace}/${server.tls!.ingress.name} configures TLS for host ${host} (${cert}), so plain HTTP is redirected (308) to https; set nginx.ingress.kubernetes.io/ssl-redirect: "false" to serve HTTP`);
    // lua_ingress.lua: Host header without its port; request_uri loses a final `/` (preserve-trailing-slash is false).
    const requestUri = target.endsWith('/') ? target.slice(0, -1) : target;
    return respond(308, `https://${(request.host ?? '').replace(/:\d*$/, '')}${requestUri}`);
  }

  // The backend: a rule's Service, an Ingress's defaultBackend, or the controller's own.
  const svcRef = location.backend?.service;
  if (!svcRef) {
    if (controller.defaultBackendService) {
      const svc = result.services.find((s) => `${s.namespace}/${s.name}` === controller.defaultBackendService);
      const eps = svc && svc.ports[0] ? readyEndpoints(svc.endpoints, svc.ports[0].name) : [];
      if (svc && eps.length) {
        why.push(`no rule matched: the controller's --default-backend-service ${controller.defaultBackendService} answers`);
        return { ...route, outcome: 'backend', backend: { namespace: svc.namespace, service: svc.name, port: svc.ports[0].port, servicePort: svc.ports[0], via: 'controller-default-backend' }, upstreamPath: target, endpoints: eps };
      }
    }
    why.push(location.isDefaultBackend && location.ingress === null ? 'no rule matched: the controller\'s default backend answers 404 Not Found' : `no path of server ${server.hostname} matched ${uri}: the controller's default backend answers 404 Not Found`);
    return respond(404);
  }
  const via = location.ingressDefault ? 'ingress-default-backend' : 'rule';
  const namespace = location.ingress!.namespace;
  const portRef = svcRef.port.number ?? svcRef.port.name!;
  route.backend = { namespace, service: svcRef.name, port: portRef, servicePort: null, via };
  why.push(via === 'rule' ? `rule ${route.rule!.path} (${location.pathType}) of Ingress ${namespace}/${location.ingress!.name} sends it to Service ${describeBackend(location)}` : `Ingress ${namespace}/${location.ingress!.name}'s defaultBackend ${describeBackend(location)} answers what its rules do not match`);

  // rewrite-target: the whole URI is replaced when the location's path (a regex, unanchored) matches.
  route.upstreamPath = target;
  if (a.rewriteTarget && a.rewriteTarget !== location.path) {
    const re = toRegExp(location.path, false);
    const m = re?.exec(uri);
    if (m) {
      const rewritten = substitute(a.rewriteTarget, m);
      route.upstreamPath = args ? `${rewritten}${rewritten.includes('?') ? '&' : '?'}${args}` : rewritten;
      why.push(`rewrite-target ${a.rewriteTarget}: ${uri} is sent upstream as ${route.upstreamPath}`);
    }
  }

  const svc = result.services.find((s) => s.namespace === namespace && s.name === svcRef.name);
  const fallback = (): IngressRoute | undefined => {
    if (!a.defaultBackend) return undefined;
    const alt = result.services.find((s) => s.namespace === namespace && s.name === a.defaultBackend);
    const eps = alt && alt.ports[0] ? readyEndpoints(alt.endpoints, alt.ports[0].name) : [];
    if (!alt || eps.length === 0) return undefined;
    why.push(`default-backend annotation: Service ${a.defaultBackend} answers instead`);
    return { ...route, outcome: 'backend', backend: { namespace, service: alt.name, port: alt.ports[0].port, servicePort: alt.ports[0], via: 'default-backend-annotation' }, endpoints: eps };
  };
  if (!svc) {
    why.push(`Service ${namespace}/${svcRef.name} does not exist: the upstream has no endpoints, so the controller answers 503 Service Temporarily Unavailable`);
    return fallback() ?? respond(503);
  }
  const servicePort = svc.ports.find((p) => (svcRef.port.number !== undefined ? p.port === svcRef.port.number : p.name === svcRef.port.name)) ?? null;
  route.backend = { ...route.backend!, servicePort };
  if (!servicePort) {
    why.push(`Service ${namespace}/${svc.name} has no port ${portRef} (ports: ${svc.ports.map((p) => (p.name ? `${p.name}/${p.port}` : String(p.port))).join(', ')}): 503 Service Temporarily Unavailable`);
    return fallback() ?? respond(503);
  }
  if (svc.type === 'ExternalName') {
    why.push(`Service ${svc.name} is ExternalName: nginx proxies to ${svc.externalName}:${servicePort.port}`);
    return { ...route, outcome: 'backend', endpoints: [{ address: svc.externalName ?? '', port: servicePort.port }] };
  }
  if (a.serviceUpstream && svc.clusterIP && svc.clusterIP !== 'None') {
    why.push(`service-upstream: nginx proxies to the ClusterIP ${svc.clusterIP}:${servicePort.port} (kube-proxy picks the Pod)`);
    return { ...route, outcome: 'backend', endpoints: [{ address: svc.clusterIP, port: servicePort.port }] };
  }
  const endpoints = readyEndpoints(svc.endpoints, servicePort.name);
  if (endpoints.length === 0) {
    const notReady = svc.endpoints.filter((e) => e.portName === servicePort.name).length;
    why.push(`Service ${namespace}/${svc.name} port ${portRef} has no ready endpoint${notReady ? ` (${notReady} not ready)` : svc.selector ? ` (no Pod matches its selector ${Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(',')})` : ''}: the controller answers 503 Service Temporarily Unavailable`);
    return fallback() ?? respond(503);
  }
  why.push(`ingress-nginx proxies straight to the Pod endpoints (not the ClusterIP), round robin: ${endpoints.map((e) => `${e.address}:${e.port}${e.podName ? ` (${e.podName})` : ''}`).join(', ')}`);
  return { ...route, outcome: 'backend', endpoints };
}
