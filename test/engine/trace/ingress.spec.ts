/**
 * HTTP through kind's Ingress setup (kind docs "Ingress"; examples/ingress-nginx-kind.yaml):
 * the host's port 80 is published for the control-plane node (extraPortMappings), the
 * ingress-nginx controller Pod binds hostPort 80 there (CNI portmap), routes by the Ingress
 * rules, and proxies to the backend Pod directly (not through the Service's ClusterIP).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommandLine, simulate, traceConnection } from '../../../src/engine';

const r = simulate([{ name: 'ingress.yaml', content: readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'ingress-nginx-kind.yaml'), 'utf8') }]);
const external = { kind: 'external' as const };
const controlPlane = r.cluster.nodes.find((n) => n.name === 'kind-control-plane')!;

describe('external client → localhost:80 → ingress-nginx → backend', () => {
  const t = traceConnection(r, { from: external, to: { ip: '127.0.0.1', port: 80 }, http: { host: 'localhost', path: '/foo' } });

  it('enters through the published port and the controller hostPort', () => {
    expect(t.hops[1]).toMatchObject({ kind: 'dnat', chain: 'DOCKER', packet: { dst: `${controlPlane.internalIP}:80` } });
    const portmap = t.hops.find((h) => h.chain === 'CNI-HOSTPORT-DNAT')!;
    expect(portmap.action).toMatch(/^CNI portmap \(hostPort 80 of ingress-nginx\/ingress-nginx-controller-/);
  });

  it('the /foo Prefix rule sends it to foo-service, and nginx connects to the foo-app Pod itself', () => {
    expect(t.http).toMatchObject({ status: 200, ingress: 'default/example-ingress', rule: { host: '', path: '/foo', pathType: 'Prefix' }, backend: 'default/foo-service:8080' });
    const foo = r.pods.find((p) => p.name === 'foo-app')!;
    const proxy = t.hops.find((h) => h.kind === 'proxy')!;
    expect(proxy.packet.dst).toBe(`${foo.ip}:8080`);
    expect(t.verdict).toBe('delivered');
    expect(t.destination.pod).toBe('default/foo-app');
    // No ClusterIP DNAT on the second leg: ingress-nginx balances over endpoints.
    expect(t.hops.slice(t.hops.indexOf(proxy)).some((h) => h.chain === 'KUBE-SERVICES')).toBe(false);
  });

  it('a path no rule matches: the controller answers its own 404 page', () => {
    const miss = traceConnection(r, { from: external, to: { ip: '127.0.0.1', port: 80 }, http: { host: 'localhost', path: '/nothing' } });
    expect(miss.verdict).toBe('delivered');
    expect(miss.http?.status).toBe(404);
    // nginx's built-in 404 page is 146 bytes.
    expect(miss.http?.response?.body).toHaveLength(146);
  });

  it('a host port nobody publishes is refused by the kind host', () => {
    expect(traceConnection(r, { from: external, to: { ip: '127.0.0.1', port: 8080 } }).verdict).toBe('refused');
  });
});

describe('curl on a node to the controller hostPort', () => {
  const sh = (line: string) => runCommandLine(r, line, { node: 'kind-control-plane' });

  it('prints the backend page with the path it was sent', () => {
    expect(sh(`curl -s http://${controlPlane.internalIP}/bar`).stdout).toContain('Server name: bar-app\n');
  });

  it('-i shows nginx 404 status line and headers; -f turns it into exit 22', () => {
    expect(sh(`curl -i http://${controlPlane.internalIP}/nothing`).stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\nDate: .*\r\nContent-Type: text\/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n<html>/);
    const failed = sh(`curl -sf http://${controlPlane.internalIP}/nothing`);
    expect(failed.exitCode).toBe(22);
  });

  it('a Host header selects the server; curl --resolve pins a name to an address', () => {
    const out = sh(`curl -s --resolve foo.example:80:${controlPlane.internalIP} http://foo.example/foo`);
    expect(out.stdout).toContain('Server name: foo-app\n');
  });
});
