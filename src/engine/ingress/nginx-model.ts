/**
 * ingress-nginx's merged configuration model (internal/ingress/controller/controller.go
 * createServers + getBackendServers, location.go updateServerLocations, template.go
 * buildLocation/buildServerName): every Ingress a controller serves, oldest first, merged
 * into one nginx `server` per host, each with its `location`s.
 *
 * - The catch-all server `_` and every host's server start with a root location `/` on the
 *   default backend: the controller's own (404) or, for a host, the `spec.defaultBackend` of
 *   the oldest Ingress naming that host; an Ingress with a defaultBackend and no rules takes
 *   the catch-all's root.
 * - A path adds a location; the same path with the same pathType from a later Ingress is
 *   ignored (the oldest wins; equal creation times: namespace/name in descending order); a path `/` replaces the default root.
 * - Prefix `/foo` becomes `location /foo/` plus `location = /foo` (only `/foo/` when an
 *   Exact `/foo` exists); Exact is `= /foo`; ImplementationSpecific stays `/foo` (an nginx
 *   string prefix). Locations of an Ingress with `use-regex` or a `rewrite-target` are not
 *   normalised, and their presence turns every location of the server into
 *   `~* "^<path>"` (case-insensitive, anchored at the start only).
 * - Locations are ordered longest rule path first (ties: greater string first), each Prefix
 *   expanded in place; on a regex server nginx tries them in this order.
 * - TLS (createServers): the oldest Ingress naming a host in its rules and having a tls
 *   section configures the host's certificate: the tls entry listing the host (else one whose
 *   certificate covers it); the default certificate when there is none or it is unusable.
 *   Any configured certificate (the default one too) turns on ssl-redirect for the host.
 */
import type { IngressBackendResult, IngressControllerResult, IngressResult, SecretResult } from '../result';
import { compareStrings } from '../util/compare';
import { parseNginxAnnotations, type NginxAnnotations } from './annotations';
import { coversHost } from './status';

export const CATCH_ALL = '_';

export interface NginxLocation {
  /** The path nginx sees after normalisation (`/foo/` for Prefix `/foo`). */
  path: string;
  /** `exact` (`= /foo`), `prefix` (`/foo`), or `regex` (`~* "^/foo"`). */
  match: 'exact' | 'prefix' | 'regex';
  /** The Ingress path's type (Exact for the twin a Prefix path gets). */
  pathType: string;
  /** The Ingress rule's own pathType when it differs (the `= /foo` location ingress-nginx adds for a Prefix path is Exact). */
  rulePathType?: string;
  /** The rule path as written in the Ingress ('' for a default-backend root). */
  ingressPath: string;
  /** The Ingress that contributed it; null for the controller's own default root. */
  ingress: IngressResult | null;
  /** The backend; null: the controller's default backend. */
  backend: IngressBackendResult | null;
  /** The root location still on its default backend: a path `/` replaces it. */
  isDefaultBackend: boolean;
  /** The backend is an Ingress's `spec.defaultBackend` (not a rule's path). */
  ingressDefault: boolean;
  annotations: NginxAnnotations;
}

export interface NginxServer {
  /** The host, `*.example.com`, or `_` for the catch-all. */
  hostname: string;
  locations: NginxLocation[];
  /** Some location's Ingress uses `use-regex` or `rewrite-target`: every location is a regex. */
  enforceRegex: boolean;
  /**
   * The certificate the server is configured with, from the oldest Ingress with a tls section
   * among those naming the host: its Secret, or null for the controller's default ("Fake")
   * certificate (no tls entry for the host, a missing or unreadable Secret, a certificate not
   * naming the host). null `tls`: no certificate configured (the catch-all, a host without
   * tls): no ssl-redirect.
   */
  tls: { ingress: IngressResult; secretName: string | null } | null;
  /** `app-root` of the first Ingress on this host that sets it; '' when none. */
  appRoot: string;
}

/** `location` as ingress-nginx's template renders it (buildLocation). */
export function renderLocation(l: NginxLocation): string {
  if (l.match === 'regex') return `~* "^${l.path}"`;
  return l.match === 'exact' ? `= ${l.path}` : l.path;
}

const NO_ANNOTATIONS = parseNginxAnnotations({});

function needsRewrite(l: NginxLocation): boolean {
  return l.annotations.rewriteTarget !== '' && l.annotations.rewriteTarget !== l.path;
}

/** location.go updateServerLocations. */
function updateServerLocations(locations: NginxLocation[]): NginxLocation[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: NginxLocation[] = [];
  for (const l of locations) {
    if (l.path === '/' || l.pathType !== 'Prefix' || needsRewrite(l) || l.annotations.useRegex) {
      out.push(l);
      continue;
    }
    const normalised = l.path.endsWith('/') ? l.path : `${l.path}/`;
    out.push({ ...l, path: normalised });
    if (!exact.has(l.path)) out.push({ ...l, pathType: 'Exact', rulePathType: l.pathType, match: 'exact' });
  }
  return out;
}

function rootLocation(ingress: IngressResult | null, backend: IngressBackendResult | null): NginxLocation {
  return { path: '/', match: 'prefix', pathType: 'Prefix', ingressPath: '', ingress, backend, isDefaultBackend: true, ingressDefault: backend !== null, annotations: ingress ? parseNginxAnnotations(ingress.annotations) : NO_ANNOTATIONS };
}

/** The servers of one controller, by hostname. */
export function buildNginxServers(controller: IngressControllerResult, ingresses: IngressResult[], secrets: SecretResult[]): Map<string, NginxServer> {
  const served = ingresses
    .filter((i) => i.controller?.namespace === controller.namespace && i.controller.name === controller.name)
    // sortIngressSlice: oldest first; the same creationTimestamp orders by namespace/name, descending.
    .sort((a, b) => a.createdAt - b.createdAt || -compareStrings(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  const servers = new Map<string, NginxServer>();
  const newServer = (hostname: string, root: NginxLocation): NginxServer => ({ hostname, locations: [root], enforceRegex: false, tls: null, appRoot: '' });
  servers.set(CATCH_ALL, newServer(CATCH_ALL, rootLocation(null, null)));

  // createServers: default roots, then certificates and app-root.
  for (const ing of served) {
    const ingressDefault = ing.defaultBackend?.service ? ing.defaultBackend : null;
    if (ingressDefault && ing.rules.length === 0) {
      // The catch-all case: an Ingress with a backend and no rule configures the `_` server's root.
      const catchAll = servers.get(CATCH_ALL)!;
      if (catchAll.locations[0].isDefaultBackend) catchAll.locations[0] = { ...rootLocation(ing, ingressDefault), isDefaultBackend: false };
    }
    for (const rule of ing.rules) {
      const host = rule.host || CATCH_ALL;
      // The root carries the creating Ingress's annotations (locationApplyAnnotations) and its defaultBackend, if any.
      if (!servers.has(host)) servers.set(host, newServer(host, rootLocation(ing, ingressDefault)));
    }
  }
  const secretByKey = new Map(secrets.map((s) => [`${s.namespace}/${s.name}`, s]));
  /** A Secret ingress-nginx can load and whose certificate names `host` (VerifyHostname, then the legacy CN check). */
  const usable = (ing: IngressResult, secretName: string, host: string) => {
    const secret = secretByKey.get(`${ing.namespace}/${secretName}`);
    const cert = secret?.certificate;
    return !!secret && secret.dataKeys.includes('tls.key') && !!cert && !('error' in cert) && coversHost(cert, host);
  };
  for (const ing of served) {
    const annotations = parseNginxAnnotations(ing.annotations);
    for (const rule of ing.rules) {
      const server = servers.get(rule.host || CATCH_ALL)!;
      if (!server.appRoot && annotations.appRoot) server.appRoot = annotations.appRoot;
      // The catch-all always has the default certificate; a host gets one from its oldest Ingress with a tls section.
      if (server.hostname === CATCH_ALL || server.tls || ing.tls.length === 0) continue;
      const host = server.hostname;
      // extractTLSSecretName: the tls entry listing the host, else one whose certificate covers it.
      const listed = ing.tls.find((t) => t.hosts.some((h) => h.toLowerCase() === host));
      const secretName = listed ? listed.secretName : (ing.tls.find((t) => t.secretName && usable(ing, t.secretName, host))?.secretName ?? '');
      server.tls = { ingress: ing, secretName: secretName && usable(ing, secretName, host) ? secretName : null };
    }
  }

  // getBackendServers: the locations.
  for (const ing of served) {
    const annotations = parseNginxAnnotations(ing.annotations);
    for (const rule of ing.rules) {
      const server = servers.get(rule.host || CATCH_ALL)!;
      for (const p of rule.paths ?? []) {
        if (!p.backend.service) continue; // resource backends: ingress-nginx uses the default backend
        const path = p.path || '/';
        const sameType = server.locations.find((l) => l.path === path && (l.pathType === p.pathType || (path === '/' && l.isDefaultBackend)));
        if (sameType && !sameType.isDefaultBackend) continue; // already configured by an older Ingress
        const location: NginxLocation = { path, match: p.pathType === 'Exact' ? 'exact' : 'prefix', pathType: p.pathType, ingressPath: p.path, ingress: ing, backend: p.backend, isDefaultBackend: false, ingressDefault: false, annotations };
        if (sameType) server.locations[server.locations.indexOf(sameType)] = location;
        else server.locations.push(location);
      }
    }
  }

  for (const server of servers.values()) {
    // getBackendServers sorts (string descending, then length descending, both stable); getConfiguration then expands Prefix paths in place.
    const byString = [...server.locations].sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
    server.locations = updateServerLocations(byString.sort((a, b) => b.path.length - a.path.length));
    server.enforceRegex = server.locations.some((l) => l.annotations.useRegex || needsRewrite(l));
    if (server.enforceRegex) server.locations = server.locations.map((l) => ({ ...l, match: 'regex' as const }));
  }
  return servers;
}
