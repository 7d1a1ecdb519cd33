/**
 * Routing through ingress-nginx. Expected outcomes come from the Ingress conformance suite
 * (kubernetes-sigs/ingress-controller-conformance features/path_rules.feature,
 * host_rules.feature, default_backend.feature), the Ingress docs' pathType table
 * (content/en/docs/concepts/services-networking/ingress.md "Examples"), and ingress-nginx's
 * documented behaviour (docs/user-guide/ingress-path-matching.md, docs/examples/rewrite,
 * annotations.md ssl-redirect/app-root, controller.go createServers/getBackendServers).
 */
import { renderHttpResponse, routeIngressRequest, simulate, type IngressRequest, type SimulationResult } from '../../../src/engine';
import { app, b64, controller, docs, SAN_CERT } from './fixture';

function cluster(...parts: string[]): SimulationResult {
  return simulate([{ name: 'scenario.yaml', content: docs(controller(), ...parts) }]);
}

/** The Service a request ends at, or the status the controller answers with. */
function where(result: SimulationResult, req: IngressRequest): string {
  const r = routeIngressRequest(result, req);
  if (r.outcome === 'backend') return r.backend!.service;
  return String(r.status ?? r.outcome);
}

const ingress = (name: string, host: string, paths: [string, string, string][], extra = '') => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}${extra}
spec:
  rules:
    - ${host ? `host: ${host}\n      ` : ''}http:
        paths:
${paths.map(([path, pathType, svc]) => `          - {path: "${path}", pathType: ${pathType}, backend: {service: {name: ${svc}, port: {number: 8080}}}}`).join('\n')}
`;

describe('path rules (conformance path_rules.feature)', () => {
  const result = cluster(
    app('foo-exact'),
    app('foo-prefix'),
    app('aaa-slash-bbb-prefix'),
    app('aaa-prefix'),
    app('aaa-slash-bbb-slash-prefix'),
    app('foo-slash-exact'),
    ingress('exact', 'exact-path-rules', [['/foo', 'Exact', 'foo-exact']]),
    ingress('prefix', 'prefix-path-rules', [
      ['/foo', 'Prefix', 'foo-prefix'],
      ['/aaa/bbb', 'Prefix', 'aaa-slash-bbb-prefix'],
      ['/aaa', 'Prefix', 'aaa-prefix'],
    ]),
    ingress('mixed', 'mixed-path-rules', [
      ['/foo', 'Prefix', 'foo-prefix'],
      ['/foo', 'Exact', 'foo-exact'],
    ]),
    ingress('trailing', 'trailing-slash-path-rules', [
      ['/aaa/bbb/', 'Prefix', 'aaa-slash-bbb-slash-prefix'],
      ['/foo/', 'Exact', 'foo-slash-exact'],
    ]),
  );

  it.each([
    ['exact-path-rules', '/foo', 'foo-exact'],
    ['exact-path-rules', '/foo/', '404'],
    ['exact-path-rules', '/FOO', '404'],
    ['exact-path-rules', '/bar', '404'],
    ['prefix-path-rules', '/foo', 'foo-prefix'],
    ['prefix-path-rules', '/foo/', 'foo-prefix'],
    ['prefix-path-rules', '/FOO', '404'],
    ['prefix-path-rules', '/aaa/bbb', 'aaa-slash-bbb-prefix'],
    ['prefix-path-rules', '/aaa/bbb/ccc', 'aaa-slash-bbb-prefix'],
    ['prefix-path-rules', '/aaa/ccc', 'aaa-prefix'],
    ['prefix-path-rules', '/aaaccc', '404'],
    ['prefix-path-rules', '/aaa/bbbxyz', 'aaa-prefix'],
    ['mixed-path-rules', '/foo', 'foo-exact'],
    ['mixed-path-rules', '/foo/x', 'foo-prefix'],
    ['trailing-slash-path-rules', '/aaa/bbb/', 'aaa-slash-bbb-slash-prefix'],
    ['trailing-slash-path-rules', '/aaa/bbb/ccc', 'aaa-slash-bbb-slash-prefix'],
    ['trailing-slash-path-rules', '/foo', '404'],
  ])('Host %s, path %s -> %s', (host, path, expected) => {
    expect(where(result, { host, path })).toBe(expected);
  });

  it('a Prefix path ending in / answers its slash-less twin with nginx 301 (the conformance client follows it)', () => {
    const r = routeIngressRequest(result, { host: 'trailing-slash-path-rules', path: '/aaa/bbb?x=1' });
    expect(r.status).toBe(301);
    expect(r.response!.headers).toContainEqual(['Location', 'http://trailing-slash-path-rules/aaa/bbb/?x=1']);
  });

  it('renders Prefix /foo as ingress-nginx does: location /foo/ plus location = /foo', () => {
    expect(routeIngressRequest(result, { host: 'prefix-path-rules', path: '/foo' }).location).toBe('= /foo');
    expect(routeIngressRequest(result, { host: 'prefix-path-rules', path: '/foo/x' }).location).toBe('/foo/');
  });
});

describe('host rules (conformance host_rules.feature)', () => {
  const result = cluster(
    app('wildcard-foo-com'),
    app('foo-bar-com'),
    `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: host-rules
spec:
  rules:
    - host: "*.foo.com"
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: wildcard-foo-com, port: {number: 8080}}}}]
    - host: foo.bar.com
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: foo-bar-com, port: {name: http}}}}]
`,
  );
  it.each([
    ['foo.bar.com', 'foo-bar-com'],
    ['FOO.bar.com:80', 'foo-bar-com'],
    ['subdomain.bar.com', '404'],
    ['bar.foo.com', 'wildcard-foo-com'],
    ['baz.bar.foo.com', '404'],
    ['foo.com', '404'],
  ])('Host %s -> %s', (host, expected) => {
    expect(where(result, { host, path: '/' })).toBe(expected);
  });

  it('explains a miss with the hosts that do have rules', () => {
    const r = routeIngressRequest(result, { host: 'subdomain.bar.com', path: '/' });
    expect(r.explanation).toContain('no rule for host subdomain.bar.com; rules exist for *.foo.com, foo.bar.com; the catch-all server (rules without host, else the default backend) answers');
  });
});

describe('default backends (conformance default_backend.feature, ingress-nginx createServers)', () => {
  it('an Ingress with only a defaultBackend takes every request, path passed unchanged', () => {
    const result = cluster(app('echo-service'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: default-backend}\nspec:\n  defaultBackend: {service: {name: echo-service, port: {number: 8080}}}');
    for (const req of [{ host: 'anything.example', path: '/some/path?q=1' }, { path: '/' }]) {
      const r = routeIngressRequest(result, req);
      expect(r.backend).toMatchObject({ service: 'echo-service', via: 'ingress-default-backend' });
      expect(r.upstreamPath).toBe(req.path);
    }
  });

  it('with rules, the defaultBackend answers unmatched paths of its hosts, not unknown hosts', () => {
    const result = cluster(
      app('web'),
      app('fallback'),
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: both}\nspec:\n  defaultBackend: {service: {name: fallback, port: {number: 8080}}}\n  rules:\n    - host: a.example.com\n      http:\n        paths: [{path: /app, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]',
    );
    expect(where(result, { host: 'a.example.com', path: '/app/x' })).toBe('web');
    expect(where(result, { host: 'a.example.com', path: '/other' })).toBe('fallback');
    expect(where(result, { host: 'b.example.com', path: '/other' })).toBe('404');
  });
});

describe('responses nginx writes itself (ngx_http_special_response.c, server_tokens off)', () => {
  const result = cluster(ingress('missing', 'x.example.com', [['/', 'Prefix', 'nowhere']]), ingress('empty', 'y.example.com', [['/', 'Prefix', 'empty']]), 'apiVersion: v1\nkind: Service\nmetadata: {name: empty}\nspec:\n  selector: {app: nothing}\n  ports: [{port: 8080}]');

  it('404 for an unknown host: 146-byte page', () => {
    const r = routeIngressRequest(result, { host: 'nope.example.com', path: '/' });
    expect(renderHttpResponse(r.response!)).toBe(
      'HTTP/1.1 404 Not Found\r\nDate: Wed, 01 Jan 2025 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n' +
        '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
  });

  it('503 when the backend Service does not exist or has no ready endpoint: 190-byte page', () => {
    for (const host of ['x.example.com', 'y.example.com']) {
      const r = routeIngressRequest(result, { host, path: '/' });
      expect(r.status).toBe(503);
      expect(r.response!.body).toBe('<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
      expect(r.response!.headers).toContainEqual(['Content-Length', '190']);
    }
    expect(routeIngressRequest(result, { host: 'y.example.com', path: '/' }).explanation.at(-1)).toContain('no Pod matches its selector app=nothing');
  });
});

describe('ingress-nginx annotations', () => {
  it('rewrite-target /$2 with path /something(/|$)(.*) (docs/examples/rewrite)', () => {
    const result = cluster(
      app('http-svc'),
      ingress('rewrite', 'rewrite.bar.com', [['/something(/|$)(.*)', 'ImplementationSpecific', 'http-svc']], '\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: "true"\n    nginx.ingress.kubernetes.io/rewrite-target: /$2'),
    );
    const up = (path: string) => routeIngressRequest(result, { host: 'rewrite.bar.com', path }).upstreamPath;
    expect(up('/something')).toBe('/');
    expect(up('/something/')).toBe('/');
    expect(up('/something/new')).toBe('/new');
    expect(up('/something/new?x=1')).toBe('/new?x=1');
    expect(routeIngressRequest(result, { host: 'rewrite.bar.com', path: '/something' }).location).toBe('~* "^/something(/|$)(.*)"');
  });

  it('use-regex on one Ingress makes every path of the host a case-insensitive prefix regex', () => {
    const result = cluster(
      app('a'),
      app('b'),
      ingress('exact', 'r.example.com', [['/foo', 'Exact', 'a']]),
      ingress('regex', 'r.example.com', [['/bar/[0-9]+', 'ImplementationSpecific', 'b']], '\n  annotations: {nginx.ingress.kubernetes.io/use-regex: "true"}'),
    );
    // Exact /foo is now ~* "^/foo": it also takes /FOO/more (docs: "Exact/Prefix semantics are lost").
    expect(where(result, { host: 'r.example.com', path: '/FOO/more' })).toBe('a');
    expect(where(result, { host: 'r.example.com', path: '/bar/42' })).toBe('b');
    expect(where(result, { host: 'r.example.com', path: '/bar/x' })).toBe('404');
  });

  it('first matching regex in descending path length wins, even over a longer literal (ingress-path-matching.md)', () => {
    const result = cluster(
      app('regex'),
      app('literal'),
      ingress('m', 'test.com', [
        ['/foo/bar/bar', 'Prefix', 'literal'],
        ['/foo/bar/[A-Z0-9]{3}', 'ImplementationSpecific', 'regex'],
      ], '\n  annotations: {nginx.ingress.kubernetes.io/use-regex: "true"}'),
    );
    expect(where(result, { host: 'test.com', path: '/foo/bar/bar' })).toBe('regex');
  });

  it('ssl-redirect: HTTP to a host with a certificate gets 308 to https', () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\ndata: {tls.crt: ${b64(SAN_CERT)}, tls.key: ${b64('key')}}`;
    const result = cluster(app('web'), secret, `${ingress('tls', 'foo.bar.com', [['/', 'Prefix', 'web']])}  tls: [{hosts: [foo.bar.com], secretName: tls}]\n`);
    const r = routeIngressRequest(result, { host: 'foo.bar.com', path: '/a?b=c' });
    expect(r.status).toBe(308);
    // lua_ingress.lua drops a final slash of the request URI (preserve-trailing-slash false).
    expect(routeIngressRequest(result, { host: 'foo.bar.com:80', path: '/' }).response!.headers).toContainEqual(['Location', 'https://foo.bar.com']);
    expect(renderHttpResponse(r.response!)).toBe(
      'HTTP/1.1 308 Permanent Redirect\r\nDate: Wed, 01 Jan 2025 00:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 164\r\nLocation: https://foo.bar.com/a?b=c\r\nConnection: keep-alive\r\n\r\n' +
        '<html>\r\n<head><title>308 Permanent Redirect</title></head>\r\n<body>\r\n<center><h1>308 Permanent Redirect</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
    const https = routeIngressRequest(result, { host: 'foo.bar.com', path: '/a', scheme: 'https' });
    expect(https.outcome).toBe('backend');
    expect(https.tls).toEqual({ secret: 'default/tls', coversHost: true });
  });

  it('a tls section whose Secret is missing still configures a certificate (the default one), so HTTP is redirected (createServers, lua certificate store)', () => {
    const result = cluster(app('web'), `${ingress('tls', 'm.example.com', [['/', 'Prefix', 'web']])}  tls: [{hosts: [m.example.com], secretName: missing}]\n`);
    expect(where(result, { host: 'm.example.com', path: '/' })).toBe('308');
    const https = routeIngressRequest(result, { host: 'm.example.com', path: '/', scheme: 'https' });
    expect(https.outcome).toBe('backend');
    expect(https.tls).toEqual({ secret: null, coversHost: false });
  });

  it('ssl-redirect "false" serves HTTP; force-ssl-redirect redirects without a certificate', () => {
    const result = cluster(app('web'), ingress('plain', 'p.example.com', [['/', 'Prefix', 'web']], '\n  annotations: {nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}'));
    expect(where(result, { host: 'p.example.com', path: '/' })).toBe('308');
    expect(where(result, { host: 'p.example.com', path: '/', scheme: 'https' })).toBe('web');
  });

  it('permanent-redirect and temporal-redirect answer with nginx\'s own pages (temporal wins when both are set)', () => {
    const result = cluster(
      app('web'),
      ingress('perm', 'perm.example.com', [['/', 'Prefix', 'web']], '\n  annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "https://www.example.org/"}'),
      ingress('temp', 'temp.example.com', [['/', 'Prefix', 'web']], '\n  annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "https://a.example.org/", nginx.ingress.kubernetes.io/temporal-redirect: "https://b.example.org/"}'),
    );
    const perm = routeIngressRequest(result, { host: 'perm.example.com', path: '/x' }).response!;
    expect([perm.status, perm.reason, perm.body.length]).toEqual([301, 'Moved Permanently', 162]);
    const temp = routeIngressRequest(result, { host: 'temp.example.com', path: '/x' }).response!;
    expect([temp.status, temp.reason]).toEqual([302, 'Moved Temporarily']);
    expect(temp.body).toContain('<head><title>302 Found</title></head>');
    expect(temp.headers).toContainEqual(['Location', 'https://b.example.org/']);
  });

  it('app-root redirects / with 302 (docs/examples/rewrite app-root)', () => {
    const result = cluster(app('web'), ingress('approot', 'approot.bar.com', [['/', 'Prefix', 'web']], '\n  annotations: {nginx.ingress.kubernetes.io/app-root: /app1}'));
    const r = routeIngressRequest(result, { host: 'approot.bar.com', path: '/' });
    expect(r.status).toBe(302);
    expect(r.response!.headers).toContainEqual(['Location', 'http://approot.bar.com/app1']);
    expect(where(result, { host: 'approot.bar.com', path: '/app1' })).toBe('web');
  });
});

describe('merging Ingresses per host', () => {
  it('created in the same second, ingress-nginx orders by namespace/name descending: b keeps the duplicated host+path; different paths merge', () => {
    const first = docs(controller(), app('from-a'), app('from-b'), app('other'), ingress('a', 'm.example.com', [['/', 'Prefix', 'from-a']]));
    const second = docs(ingress('b', 'm.example.com', [['/', 'Prefix', 'from-b'], ['/other', 'Prefix', 'other']]));
    const result = simulate([
      { name: 'a.yaml', content: first },
      { name: 'b.yaml', content: second },
    ]);
    expect(where(result, { host: 'm.example.com', path: '/x' })).toBe('from-b');
    expect(where(result, { host: 'm.example.com', path: '/other/x' })).toBe('other');
  });

  it('ends at the backend Pods: ready endpoints of the Service port, not the ClusterIP', () => {
    const result = cluster(app('web', { replicas: 2 }), ingress('w', 'w.example.com', [['/', 'Prefix', 'web']]));
    const r = routeIngressRequest(result, { host: 'w.example.com', path: '/' });
    const pods = result.pods.filter((p) => p.labels.app === 'web');
    expect(r.endpoints.map((e) => e.address).sort()).toEqual(pods.map((p) => p.ip).sort());
    expect(r.endpoints.every((e) => e.port === 8080)).toBe(true);
    expect(r.controller).toEqual({ namespace: 'ingress-nginx', name: 'ingress-nginx-controller' });
  });
});

it('no controller: nothing answers, and the route says so', () => {
  const result = simulate([{ name: 's.yaml', content: docs(app('web'), ingress('w', '', [['/', 'Prefix', 'web']])) }]);
  const r = routeIngressRequest(result, { path: '/' });
  expect(r.outcome).toBe('no-controller');
  expect(r.explanation[0]).toMatch(/^no Ingress controller runs in the cluster/);
});

describe('course notes', () => {
  it('rewrite-target: / on /analytics and /shopping (notes 002): every matching URI goes upstream as /', () => {
    const result = cluster(
      app('analytics-service'),
      app('shopping-service'),
      ingress('simple-fanout-example', 'myapp.com', [
        ['/analytics', 'Prefix', 'analytics-service'],
        ['/shopping', 'Prefix', 'shopping-service'],
      ], '\n  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /'),
    );
    const r = routeIngressRequest(result, { host: 'myapp.com', path: '/analytics/report?id=7' });
    expect(r.backend!.service).toBe('analytics-service');
    expect(r.location).toBe('~* "^/analytics"');
    expect(r.upstreamPath).toBe('/?id=7');
    // A regex server matches case-insensitively and as a string prefix.
    expect(where(result, { host: 'myapp.com', path: '/SHOPPINGcart' })).toBe('shopping-service');
  });

  it('a wildcard TLS host is covered by a *.wild.example.com certificate (one label only)', () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: wild}\ntype: kubernetes.io/tls\ndata: {tls.crt: ${b64(SAN_CERT)}, tls.key: ${b64('key')}}`;
    const result = cluster(app('web'), secret, `${ingress('w', '"*.wild.example.com"', [['/', 'Prefix', 'web']])}  tls: [{hosts: ["*.wild.example.com"], secretName: wild}]\n`);
    expect(routeIngressRequest(result, { host: 'a.wild.example.com', path: '/', scheme: 'https' }).tls).toEqual({ secret: 'default/wild', coversHost: true });
    expect(where(result, { host: 'a.wild.example.com', path: '/' })).toBe('308');
    expect(result.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });
});
