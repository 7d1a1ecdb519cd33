/**
 * Lab checks against simulated clusters. A "wrong" submission is a common student mistake
 * (a Service selector with a typo); the expected feedback is what Kubernetes does with it:
 * no endpoints, kube-proxy's REJECT, and DNS still answering the ClusterIP.
 */
import { gradeChecks, type Check } from '../../../src/engine';
import { run } from '../support/scenario';

const app = (selector: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: ${selector}}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {role: client}}
spec: {containers: [{name: c, image: busybox}]}
`;

const checks: Check[] = [
  { id: 'svc', kind: 'exists', resource: 'svc', name: 'web', fields: { type: 'NodePort', 'ports[0].port': 80 }, points: 1, message: 'a NodePort Service web on port 80' },
  { id: 'eps', kind: 'endpoints', service: 'default/web', ready: 3, partial: true, points: 3, message: 'web has 3 ready endpoints' },
  { id: 'curl', kind: 'trace', from: 'default/client', to: 'http://web/', verdict: 'delivered', podLabels: { app: 'web' }, points: 2, message: 'the client reaches a web Pod through the Service' },
  { id: 'dns', kind: 'dns', from: 'default/client', name: 'web', rcode: 'NOERROR', points: 1, message: 'web resolves from the client' },
  { id: 'cmd', kind: 'command', run: 'kubectl get endpoints web', matches: '^web\\s+(\\d+\\.){3}\\d+:80', points: 1, message: 'kubectl get endpoints lists web' },
  { id: 'reach', kind: 'reach', from: 'default/client', to: '10.244.250.250', port: 80, allowed: true, points: 1, message: 'no policy blocks the client' },
];

describe('grading a lab', () => {
  it('a right answer passes every check for full points', () => {
    const graded = gradeChecks(run(app('web')), checks);
    expect(graded.checks.filter((c) => !c.passed)).toEqual([]);
    expect(graded).toMatchObject({ score: 9, maxScore: 9 });
  });

  it("a selector typo: no endpoints, kube-proxy's REJECT, and the feedback says why", () => {
    const graded = gradeChecks(run(app('wbe')), checks);
    const by = Object.fromEntries(graded.checks.map((c) => [c.id, c]));
    expect(by.svc.passed).toBe(true);
    expect(by.eps).toMatchObject({ passed: false, points: 0 });
    expect(by.eps.feedback).toBe('web has 3 ready endpoints: no ready endpoint: no Running, Ready Pod in default has all of app=wbe');
    expect(by.curl.passed).toBe(false);
    expect(by.curl.feedback).toContain('the connection was rejected, not delivered');
    expect(by.curl.feedback).toContain('default/web has no endpoints');
    // The Service still has its ClusterIP: DNS answers whatever the endpoints.
    expect(by.dns.passed).toBe(true);
    expect(by.cmd.passed).toBe(false);
    expect(graded.score).toBe(1 + 1 + 1);
  });

  it('partial credit per ready endpoint', () => {
    const two = run(app('web').replace('replicas: 3', 'replicas: 2'));
    const eps = gradeChecks(two, [checks[1]]).checks[0];
    expect(eps).toMatchObject({ passed: false, points: 2, maxPoints: 3 });
    expect(eps.feedback).toContain('2 ready endpoints, expected 3');
  });

  it('all-or-nothing groups, and a field that differs names its value', () => {
    const r = run(app('web').replace('type: NodePort, ', ''));
    const graded = gradeChecks(r, [{ id: 'group', kind: 'all', points: 4, message: 'the Service is right', checks: [checks[0], checks[1]] }]);
    expect(graded.checks[0]).toMatchObject({ passed: false, points: 0, maxPoints: 4 });
    expect(graded.checks[0].feedback).toContain('type is "ClusterIP", expected "NodePort"');
  });
});
