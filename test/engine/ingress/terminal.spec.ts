/**
 * kubectl v1.33 views of Ingresses, IngressClasses and Secrets: printers.go printIngress
 * (formatHosts: three hosts then `+ N more...`; ADDRESS cut to 16 characters unless -o wide;
 * PORTS `80, 443` with TLS), printIngressClass, printSecret; describe.go describeIngressV1
 * and describeIngressClassV1. The kind example is the one from kind's Ingress guide.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { runCommandLine, simulate } from '../../../src/engine';
import { app, controller, docs } from './fixture';

const example = simulate([{ name: 'ingress-nginx-kind.yaml', content: readFileSync(join(__dirname, '../../../examples/ingress-nginx-kind.yaml'), 'utf8') }]);
const sh = (result: ReturnType<typeof simulate>, line: string) => runCommandLine(result, line);

describe('kind example (kind.sigs.k8s.io/docs/user/ingress)', () => {
  it('has no errors and publishes localhost', () => {
    expect(example.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(sh(example, 'kubectl get ing').stdout).toBe('NAME              CLASS    HOSTS   ADDRESS     PORTS   AGE\nexample-ingress   <none>   *       localhost   80      0s\n');
  });

  it('describe ingress lists each path with its backend endpoints', () => {
    const foo = example.pods.find((p) => p.name === 'foo-app')!.ip;
    const bar = example.pods.find((p) => p.name === 'bar-app')!.ip;
    expect(sh(example, 'kubectl describe ingress example-ingress').stdout).toBe(
      [
        'Name:             example-ingress',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          localhost',
        'Ingress Class:    <none>',
        'Default backend:  <default>',
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  *           ',
        `              /foo   foo-service:8080 (${foo}:8080)`,
        `              /bar   bar-service:8080 (${bar}:8080)`,
        'Annotations:  <none>',
        'Events:       <none>',
        '',
      ].join('\n'),
    );
  });

  it('get ingressclass and describe ingressclass', () => {
    expect(sh(example, 'kubectl get ingressclass').stdout).toBe('NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       0s\n');
    expect(sh(example, 'kubectl describe ingressclass nginx').stdout).toContain('Controller:   k8s.io/ingress-nginx\nEvents:       <none>\n');
  });
});

describe('columns', () => {
  const rule = (host: string) => `    - host: ${host}\n      http:\n        paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]`;
  const result = simulate([
    {
      name: 's.yaml',
      content: docs(
        controller({ args: ['--watch-ingress-without-class=true', '--publish-status-address=172.18.0.2,172.18.0.3,localhost'] }),
        app('web'),
        `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: many}\nspec:\n  tls: [{hosts: [a.example.com], secretName: missing}]\n  rules:\n${['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com', 'e.example.com'].map(rule).join('\n')}`,
        'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {user: u, password: p}',
      ),
    },
  ]);

  it('HOSTS shows three hosts then + N more..., ADDRESS is cut to 16 characters unless wide, PORTS 80, 443 with TLS', () => {
    expect(sh(result, 'kubectl get ingress').stdout).toBe('NAME   CLASS    HOSTS                                                   ADDRESS            PORTS     AGE\nmany   <none>   a.example.com,b.example.com,c.example.com + 2 more...   172.18.0.2,17...   80, 443   0s\n');
    expect(sh(result, 'kubectl get ingress -o wide').stdout).toContain('172.18.0.2,172.18.0.3,localhost');
  });

  it('get secret: TYPE and DATA count; -o yaml never shows values', () => {
    expect(sh(result, 'kubectl get secret').stdout).toBe('NAME    TYPE     DATA   AGE\ncreds   Opaque   2      0s\n');
    expect(sh(result, 'kubectl get secret creds -o yaml').stdout).not.toMatch(/cA==|dQ==/);
  });

  it('describe ingress: TLS section and a backend whose Service is missing', () => {
    const out = sh(
      simulate([{ name: 's.yaml', content: docs(controller(), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t}\nspec:\n  tls: [{hosts: [a.example.com], secretName: a-tls}]\n  defaultBackend: {service: {name: gone, port: {name: http}}}') }]),
      'kubectl describe ing t',
    ).stdout;
    expect(out).toContain('Default backend:  gone:http (<error: services "gone" not found>)\nTLS:\n  a-tls terminates a.example.com\nRules:\n  Host        Path  Backends\n  ----        ----  --------\n  *           *     gone:http (<error: services "gone" not found>)\n');
  });
});

it('kube-netlab simulate -o text lists Ingresses with their address and controller', async () => {
  const { run } = await import('../../../src/cli/main');
  const { Readable } = await import('stream');
  let stdout = '';
  const code = await run(['simulate', '-f', join(__dirname, '../../../examples/ingress-nginx-kind.yaml')], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, stdin: Readable.from(['']), cwd: process.cwd() });
  expect(code).toBe(0);
  expect(stdout).toMatch(/NAMESPACE\s+INGRESS\s+CLASS\s+HOSTS\s+ADDRESS\s+CONTROLLER\ndefault\s+example-ingress\s+<none>\s+\*\s+localhost\s+ingress-nginx\/ingress-nginx-controller\n/);
});
