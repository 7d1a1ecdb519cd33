/**
 * API server validation of Ingress, IngressClass and Secret (kubernetes
 * pkg/apis/networking/validation/validation.go: validateHTTPIngressPath,
 * validateIngressBackend, validateIngressRules, ValidateIngressSpec, ValidateIngressCreate;
 * pkg/apis/core/validation ValidateSecret). Messages as `kubectl apply` prints them.
 */
import { simulate } from '../../../src/engine';
import { b64, CN_ONLY_CERT, SAN_CERT } from './fixture';

function errors(content: string): string[] {
  return simulate([{ name: 'x.yaml', content }])
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.message);
}

const ing = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n${spec}`;
const path = (p: string) => ing(`  rules:\n    - http:\n        paths:\n          - ${p}`);
const backend = 'backend: {service: {name: web, port: {number: 80}}}';

describe('Ingress validation', () => {
  it.each([
    [path(`{path: /, ${backend}}`), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    [path(`{path: /, pathType: Regex, ${backend}}`), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    [path(`{path: foo, pathType: Prefix, ${backend}}`), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'],
    [path(`{path: /a/../b, pathType: Exact, ${backend}}`), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a/../b": must not contain \'/../\''],
    [path(`{path: /a/., pathType: Prefix, ${backend}}`), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a/.": cannot end with \'/.\''],
    [path('{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80, name: http}}}}'), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'],
    [path('{path: /, pathType: Prefix, backend: {service: {name: web}}}'), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    [path('{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 70000}}}}'), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [path('{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}}'), 'The Ingress "web" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends'],
    [ing(`  rules:\n    - host: 10.0.0.1\n      http:\n        paths: [{path: /, pathType: Prefix, ${backend}}]`), 'The Ingress "web" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    [
      ing(`  rules:\n    - host: "*"\n      http:\n        paths: [{path: /, pathType: Prefix, ${backend}}]`),
      "The Ingress \"web\" is invalid: spec.rules[0].host: Invalid value: \"*\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [ing('  tls: [{hosts: [a.example.com]}]'), 'The Ingress "web" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    [
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {kubernetes.io/ingress.class: traefik}\nspec:\n  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}',
      'The Ingress "web" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ],
  ])('%#', (content, message) => {
    expect(errors(content)).toContain(message);
  });

  it('the course notes\' `port: 8080` is a decoding error, and only that', () => {
    expect(errors(path('{path: /, pathType: Prefix, backend: {service: {name: web, port: 8080}}}'))).toEqual([
      'Ingress in version "v1" cannot be handled as a Ingress: json: cannot unmarshal number 8080 into Go struct field IngressServiceBackend.spec.rules.http.paths.backend.service.port of type v1.ServiceBackendPort',
    ]);
  });

  it('a valid Ingress is accepted with its wildcard host', () => {
    expect(errors(ing(`  rules:\n    - host: "*.foo.com"\n      http:\n        paths: [{path: /, pathType: Prefix, ${backend}}]`))).toEqual([]);
  });
});

describe('IngressClass and Secret', () => {
  it('IngressClass is cluster-scoped and its controller a domain-prefixed path', () => {
    const r = simulate([{ name: 'c.yaml', content: 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}' }]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.ingressClasses).toMatchObject([{ name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: false }]);
  });

  it('a kubernetes.io/tls Secret needs tls.crt and tls.key', () => {
    expect(errors(`apiVersion: v1\nkind: Secret\nmetadata: {name: t}\ntype: kubernetes.io/tls\ndata: {tls.crt: ${b64(SAN_CERT)}}`)).toEqual(['The Secret "t" is invalid: data[tls.key]: Required value']);
  });

  it('data values must be base64', () => {
    expect(errors('apiVersion: v1\nkind: Secret\nmetadata: {name: t}\ndata: {password: "not base64!"}')).toEqual(['Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3']);
  });

  it('keeps keys and the certificate\'s names, never the values', () => {
    const r = simulate([
      {
        name: 's.yaml',
        content: `apiVersion: v1\nkind: Secret\nmetadata: {name: san}\ntype: kubernetes.io/tls\ndata: {tls.crt: ${b64(SAN_CERT)}, tls.key: ${b64('k')}}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: cn}\ntype: kubernetes.io/tls\nstringData:\n  tls.key: k\n  tls.crt: |\n${CN_ONLY_CERT.split('\n').map((l) => `    ${l}`).join('\n')}`,
      },
    ]);
    expect(r.secrets).toEqual([
      { namespace: 'default', name: 'cn', type: 'kubernetes.io/tls', labels: {}, annotations: {}, dataKeys: ['tls.crt', 'tls.key'], certificate: { dnsNames: [], commonName: 'legacy.example.com' }, createdAt: 0 },
      { namespace: 'default', name: 'san', type: 'kubernetes.io/tls', labels: {}, annotations: {}, dataKeys: ['tls.crt', 'tls.key'], certificate: { dnsNames: ['foo.bar.com', '*.wild.example.com'], commonName: 'foo.bar.com' }, createdAt: 0 },
    ]);
    expect(JSON.stringify(r)).not.toContain(b64('k'));
  });
});
