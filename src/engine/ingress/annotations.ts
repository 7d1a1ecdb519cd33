/**
 * The ingress-nginx annotations the course uses (docs/user-guide/nginx-configuration/
 * annotations.md), parsed per Ingress: they apply to the locations that Ingress
 * contributes, except `use-regex`/`rewrite-target`, which switch every location of the
 * host to regex matching (enforceRegexModifier), and `app-root`, which is per server.
 */

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

export interface NginxAnnotations {
  /** `rewrite-target`: the upstream URI replacement (`/$2`); '' when unset. */
  rewriteTarget: string;
  /** `use-regex`: paths are regular expressions. */
  useRegex: boolean;
  /** `ssl-redirect` (default true): redirect HTTP to HTTPS when the host has a certificate. */
  sslRedirect: boolean;
  /** `force-ssl-redirect` (default false): redirect HTTP to HTTPS even without a certificate. */
  forceSslRedirect: boolean;
  /** `app-root`: `/` is redirected (302) there; '' when unset. */
  appRoot: string;
  /** `default-backend`: a Service (same namespace) used when the matched backend has no endpoints; '' when unset. */
  defaultBackend: string;
  /** `service-upstream`: proxy to the Service's ClusterIP instead of its endpoints. */
  serviceUpstream: boolean;
  /** `permanent-redirect` / `temporal-redirect` (which wins when both are set): answer with a redirect to this URL; '' when unset. */
  permanentRedirect: string;
  permanentRedirectCode: number;
  temporalRedirect: string;
  temporalRedirectCode: number;
}

/** ingress-nginx parses booleans with strconv.ParseBool; anything else keeps the default. */
function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return fallback;
}

export function parseNginxAnnotations(annotations: Record<string, string>): NginxAnnotations {
  const get = (name: string) => annotations[NGINX_PREFIX + name];
  const code = Number(get('permanent-redirect-code'));
  const temporalCode = Number(get('temporal-redirect-code'));
  return {
    rewriteTarget: get('rewrite-target') ?? '',
    useRegex: bool(get('use-regex'), false),
    sslRedirect: bool(get('ssl-redirect'), true),
    forceSslRedirect: bool(get('force-ssl-redirect'), false),
    appRoot: get('app-root') ?? '',
    defaultBackend: get('default-backend') ?? '',
    serviceUpstream: bool(get('service-upstream'), false),
    permanentRedirect: get('permanent-redirect') ?? '',
    // annotations/redirect: a permanent code outside 300..308 becomes 301, a temporal one outside 300..307 becomes 302.
    permanentRedirectCode: Number.isInteger(code) && code >= 300 && code <= 308 ? code : 301,
    temporalRedirect: get('temporal-redirect') ?? '',
    temporalRedirectCode: Number.isInteger(temporalCode) && temporalCode >= 300 && temporalCode <= 307 ? temporalCode : 302,
  };
}
