/**
 * Traces to names (issue: `--to http://backend.prod:8080/`): the Pod's resolver walks its
 * search list as glibc does (ndots 5: `backend.prod` is tried as
 * backend.prod.<ns>.svc.cluster.local first), and the packet goes to the address found;
 * an ExternalName Service is followed through its CNAME.
 */
import { runCommandLine, traceTo } from '../../../src/engine';
import { run, service } from '../support/scenario';

const r = run(`
apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend, namespace: prod}
spec:
  replicas: 2
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec: {containers: [{name: app, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: prod}
spec: {selector: {app: backend}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: test}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: test}
spec: {type: ExternalName, externalName: backend.prod.svc.cluster.local}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: test}
spec: {containers: [{name: c, image: nicolaka/netshoot}]}
`);
const from = { kind: 'pod' as const, namespace: 'test', name: 'client' };
const clusterIP = service(r, 'prod', 'backend').clusterIP!;

describe('a trace to a name begins with the lookup', () => {
  it('backend.prod from namespace test: the search walk, then the Service', () => {
    const t = traceTo(r, { from, to: { host: 'backend.prod', port: 8080 }, http: { host: 'backend.prod', path: '/' } });
    expect(t.lookup?.tried).toEqual([
      { name: 'backend.prod.test.svc.cluster.local.', rcode: 'NXDOMAIN' },
      { name: 'backend.prod.svc.cluster.local.', rcode: 'NOERROR' },
    ]);
    expect(t.lookup?.address).toBe(clusterIP);
    expect(t.hops[0].kind).toBe('lookup');
    expect(t.verdict).toBe('delivered');
    expect(t.destination.pod).toMatch(/^prod\/backend-/);
  });

  it('a short name from the wrong namespace does not resolve: no packet is sent', () => {
    const t = traceTo(r, { from, to: { host: 'backend', port: 8080 } });
    expect(t.verdict).toBe('unresolved');
    expect(t.lookup?.tried.map((x) => x.name)).toEqual(['backend.test.svc.cluster.local.', 'backend.svc.cluster.local.', 'backend.cluster.local.', 'backend.']);
    expect(t.hops).toHaveLength(1);
  });

  it('an ExternalName Service is followed through its CNAME', () => {
    const t = traceTo(r, { from, to: { host: 'db', port: 8080 } });
    expect(t.lookup?.answers.map((a) => a.type)).toEqual(['CNAME', 'A']);
    expect(t.lookup?.address).toBe(clusterIP);
    expect(t.verdict).toBe('delivered');
  });

  it('curl prints curl: (6) for a name that does not resolve', () => {
    const out = runCommandLine(r, 'kubectl exec -n test client -- curl backend:8080');
    expect(out.exitCode).toBe(6);
    expect(out.stderr).toBe('curl: (6) Could not resolve host: backend\ncommand terminated with exit code 6\n');
    expect(runCommandLine(r, 'kubectl exec -n test client -- curl -s backend:8080').stderr).toBe('command terminated with exit code 6\n');
    expect(runCommandLine(r, 'kubectl exec -n test client -- curl -s http://backend.prod:8080/status').stdout).toContain('Server name: backend-');
  });
});
