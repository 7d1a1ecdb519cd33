/**
 * Which controller serves an Ingress and what address it publishes: ingress-nginx's class
 * checks (--controller-class against IngressClass spec.controller, --ingress-class against
 * the kubernetes.io/ingress.class annotation, --watch-ingress-without-class), the
 * DefaultIngressClass admission plugin (the newest default class), ingress-nginx's status
 * address (--publish-status-address, --publish-service, else the nodes of its Pods), and the
 * conformance rule that an Ingress of an unknown class gets no address
 * (ingress_class.feature).
 */
import { routeIngressRequest, runCommandLine, simulate, type SimulationResult } from '../../../src/engine';
import { app, controller, docs, NGINX_CLASS } from './fixture';

const ING = (name: string, extra = '') => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}}\nspec:${extra}\n  defaultBackend: {service: {name: web, port: {number: 8080}}}`;
const run = (...parts: string[]): SimulationResult => simulate([{ name: 's.yaml', content: docs(...parts) }]);
const ingressOf = (r: SimulationResult, name: string) => r.ingresses.find((i) => i.name === name)!;

describe('controller discovery', () => {
  it('recognises ingress-nginx from its Pods and flags, with its Service and host ports', () => {
    const r = run(controller(), app('web'));
    expect(r.ingressControllers).toHaveLength(1);
    const c = r.ingressControllers[0];
    expect(c).toMatchObject({ namespace: 'ingress-nginx', name: 'ingress-nginx-controller', kind: 'Deployment', controllerClass: 'k8s.io/ingress-nginx', ingressClass: 'nginx', watchIngressWithoutClass: true, services: ['ingress-nginx/ingress-nginx-controller'], address: [{ hostname: 'localhost' }] });
    expect(c.pods[0].hostPorts).toEqual([
      { containerPort: 80, hostPort: 80, protocol: 'TCP' },
      { containerPort: 443, hostPort: 443, protocol: 'TCP' },
    ]);
  });

  it('NGINX Inc\'s controller (the notes\' nginx/nginx-ingress image) is recognised as not simulated', () => {
    const r = run(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: nginx-ingress}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nginx-ingress-controller, namespace: nginx-ingress}\nspec:\n  selector: {matchLabels: {app: nginx-ingress}}\n  template:\n    metadata: {labels: {app: nginx-ingress}}\n    spec:\n      containers: [{name: nginx-ingress, image: "nginx/nginx-ingress:latest"}]',
    );
    expect(r.ingressControllers).toEqual([]);
    expect(r.diagnostics.some((d) => d.severity === 'info' && d.message.includes("runs NGINX Inc's nginx-ingress controller, which the simulator does not model"))).toBe(true);
  });

  it('without publish flags the address is the node IPs of its Pods (kubectl get ingress shows the node IP)', () => {
    const r = run(controller({ args: ['--watch-ingress-without-class=true'] }), app('web'), ING('web'));
    const c = r.ingressControllers[0];
    const node = r.cluster.nodes.find((n) => n.name === c.pods[0].nodeName)!;
    expect(ingressOf(r, 'web').loadBalancerIngress).toEqual([{ ip: node.internalIP }]);
  });

  it('--publish-service of a LoadBalancer without MetalLB: no address yet, and a diagnostic says why', () => {
    const r = run(
      controller({ args: ['--watch-ingress-without-class=true', '--publish-service=$(POD_NAMESPACE)/ingress-nginx-lb'] }),
      'apiVersion: v1\nkind: Service\nmetadata: {name: ingress-nginx-lb, namespace: ingress-nginx}\nspec:\n  type: LoadBalancer\n  selector: {app.kubernetes.io/name: ingress-nginx-controller}\n  ports: [{port: 80}]',
      app('web'),
      ING('web'),
    );
    expect(r.ingressControllers[0].publishService).toBe('ingress-nginx/ingress-nginx-lb');
    expect(ingressOf(r, 'web').loadBalancerIngress).toEqual([]);
    expect(r.diagnostics.map((d) => d.message)).toContain('Ingress default/web is served by ingress-nginx (ingress-nginx/ingress-nginx-controller) but has no address: its --publish-service ingress-nginx/ingress-nginx-lb has no address yet');
  });
});

describe('which Ingresses a controller serves', () => {
  const strict = controller({ args: ['--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--publish-status-address=localhost'] });

  it('an IngressClass whose spec.controller is the controller class', () => {
    const r = run(strict, NGINX_CLASS, app('web'), ING('web', '\n  ingressClassName: nginx'));
    expect(ingressOf(r, 'web')).toMatchObject({ ingressClassName: 'nginx', controller: { namespace: 'ingress-nginx', name: 'ingress-nginx-controller' }, loadBalancerIngress: [{ hostname: 'localhost' }] });
  });

  it('an unknown class gets no address, and a warning names the class', () => {
    const r = run(strict, NGINX_CLASS, app('web'), ING('web', '\n  ingressClassName: some-invalid-class-name'));
    expect(ingressOf(r, 'web')).toMatchObject({ controller: null, loadBalancerIngress: [] });
    const d = r.diagnostics.find((x) => x.object === 'Ingress default/web')!;
    expect(d).toMatchObject({ severity: 'warning', path: 'spec.ingressClassName' });
    expect(d.message).toBe('Ingress default/web is not served by any Ingress controller and gets no address: IngressClass "some-invalid-class-name" does not exist (ingress-nginx (ingress-nginx/ingress-nginx-controller) serves the classes whose spec.controller is k8s.io/ingress-nginx)');
  });

  it('a request for the host of an Ingress the controller does not serve says so', () => {
    const r = run(strict, NGINX_CLASS, app('web'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: other\n  rules:\n    - host: web.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]');
    const route = routeIngressRequest(r, { host: 'web.example.com', path: '/' });
    expect(route.status).toBe(404);
    expect(route.explanation).toContain('Ingress default/web has a rule for web.example.com but no controller serves it (see its diagnostic: class, controller)');
  });

  it('no class and no default class: not served unless --watch-ingress-without-class', () => {
    const r = run(strict, NGINX_CLASS, app('web'), ING('web'));
    expect(ingressOf(r, 'web').controller).toBeNull();
    expect(r.diagnostics.some((d) => d.message.includes('runs without --watch-ingress-without-class'))).toBe(true);
  });

  it('the deprecated kubernetes.io/ingress.class annotation is compared with --ingress-class', () => {
    const annotated = (cls: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${cls}\n  annotations: {kubernetes.io/ingress.class: ${cls}}\nspec:\n  defaultBackend: {service: {name: web, port: {number: 8080}}}`;
    const r = run(strict, app('web'), annotated('nginx'), annotated('traefik'));
    expect(ingressOf(r, 'nginx').controller).not.toBeNull();
    expect(ingressOf(r, 'traefik').controller).toBeNull();
  });

  it('DefaultIngressClass admission: a class-less Ingress gets the newest default class that existed before it', () => {
    const defaultClass = (name: string, controllerName: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\n  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}\nspec: {controller: ${controllerName}}`;
    const r = simulate([
      { name: 'a.yaml', content: docs(strict, app('web'), ING('before')) },
      { name: 'b.yaml', content: docs(defaultClass('nginx', 'k8s.io/ingress-nginx'), ING('after')) },
    ]);
    expect(ingressOf(r, 'before')).toMatchObject({ ingressClassName: null, controller: null });
    expect(ingressOf(r, 'after')).toMatchObject({ ingressClassName: 'nginx', controller: { name: 'ingress-nginx-controller' } });
  });

  it('no controller in the cluster: the warning tells how kind installs one', () => {
    const r = run(app('web'), ING('web'));
    const d = r.diagnostics.find((x) => x.object === 'Ingress default/web')!;
    expect(d.message).toBe('Ingress default/web is not served by any Ingress controller and gets no address: no Ingress controller runs in the cluster');
    expect(d.hint).toContain('deploy-ingress-nginx.yaml');
    expect(runCommandLine(r, 'kubectl get ingress').stdout).toBe('NAME   CLASS    HOSTS   ADDRESS   PORTS   AGE\nweb    <none>   *                 80      0s\n');
  });
});

describe('what the controller checks for a served Ingress', () => {
  it('a backend Service port that does not exist', () => {
    const r = run(controller(), app('web'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  defaultBackend: {service: {name: web, port: {number: 80}}}');
    expect(r.diagnostics.map((d) => d.message)).toContain('Ingress default/web: Service "web" has no port 80 (it has http:8080); the controller answers 503 for requests routed here');
  });

  it('a TLS Secret whose certificate does not name the host', () => {
    const r = run(
      controller(),
      app('web'),
      'apiVersion: v1\nkind: Secret\nmetadata: {name: t}\ntype: kubernetes.io/tls\nstringData: {tls.crt: x, tls.key: k}',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: [{hosts: [a.example.com], secretName: t}, {hosts: [b.example.com], secretName: missing}]\n  rules:\n    - host: a.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]',
    );
    const messages = r.diagnostics.map((d) => d.message);
    expect(messages).toContain('Ingress default/web: Secret "t" holds no readable certificate (tls.crt holds no PEM CERTIFICATE block); the controller serves its default self-signed certificate ("Kubernetes Ingress Controller Fake Certificate") instead');
    expect(messages).toContain('Ingress default/web: TLS host b.example.com matches no rule host of this Ingress; it is not served over TLS from here');
    expect(messages).toContain('Ingress default/web: Secret "missing" not found in namespace default; the controller serves its default self-signed certificate ("Kubernetes Ingress Controller Fake Certificate") instead');
  });
});

it('ExternalDNS: the hostname annotation, the spec hosts and the published address', () => {
  const r = run(
    controller(),
    app('web'),
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {external-dns.alpha.kubernetes.io/hostname: "www.example.com, api.example.com", external-dns.alpha.kubernetes.io/ttl: "60"}\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]',
  );
  expect(ingressOf(r, 'web').externalDNS).toEqual({ hostnames: ['www.example.com', 'api.example.com'], specHosts: ['shop.example.com'], targets: ['localhost'], ttl: 60 });
});
