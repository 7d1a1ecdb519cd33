/**
 * DaemonSet (pkg/controller/daemon, daemon/util AddOrUpdateDaemonPodTolerations) and Job
 * (pkg/controller/job) behaviour on kind's default cluster: one control plane tainted
 * node-role.kubernetes.io/control-plane:NoSchedule, two workers.
 */
import { run, userPods, workload } from './support';

const svc = `---
apiVersion: v1
kind: Service
metadata: {name: agent}
spec: {selector: {app: agent}, ports: [{port: 80}]}
`;

describe('DaemonSet', () => {
  it('runs one Pod on every worker, not on the tainted control plane', () => {
    const r = run(workload('DaemonSet', 'agent', null, { app: 'agent' }));
    const pods = userPods(r);
    expect(pods.map((p) => p.nodeName).sort()).toEqual(['kind-worker', 'kind-worker2']);
    for (const p of pods) expect(p.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.daemonSets).toMatchObject([{ name: 'agent', replicas: 2, currentReplicas: 2, readyReplicas: 2 }]);
  });

  it('runs on the control plane too when the template tolerates its taint', () => {
    const tolerate = '\n      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]';
    const pods = userPods(run(workload('DaemonSet', 'agent', null, { app: 'agent' }, tolerate)));
    expect(pods.map((p) => p.nodeName).sort()).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
  });

  it('honours the template nodeSelector', () => {
    const pods = userPods(run(workload('DaemonSet', 'agent', null, { app: 'agent' }, '\n      nodeSelector: {kubernetes.io/hostname: kind-worker2}')));
    expect(pods.map((p) => p.nodeName)).toEqual(['kind-worker2']);
  });
});

describe('Job', () => {
  const job = (extra = '') => workload('Job', 'pi', null, { app: 'agent' }, '\n      restartPolicy: Never', extra);

  it('runs completions Pods to Completed, with the Job labels, and they are not endpoints', () => {
    const r = run(job('\n  completions: 3\n  parallelism: 2') + svc);
    const pods = userPods(r);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect([p.phase, p.reason, p.ready]).toEqual(['Succeeded', 'Completed', false]);
      expect(p.labels['batch.kubernetes.io/job-name']).toBe('pi');
      expect(p.labels['job-name']).toBe('pi');
      expect(p.labels['controller-uid']).toBe(p.labels['batch.kubernetes.io/controller-uid']);
    }
    expect(r.jobs).toMatchObject([{ name: 'pi', completions: 3, parallelism: 2, succeeded: 3 }]);
    expect(r.jobs[0].selector.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': pods[0].labels['controller-uid'] });
    expect(r.services.find((s) => s.name === 'agent')!.endpoints.filter((e) => e.ready)).toEqual([]);
  });

  it('refuses the default restartPolicy Always with the API server\'s words', () => {
    const r = run(workload('Job', 'pi', null, { app: 'x' }));
    expect(r.diagnostics.map((d) => d.message)).toContain('The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });

  it('recognises a CronJob without running it', () => {
    const r = run('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec: {schedule: "0 0 * * *", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: busybox}]}}}}}\n');
    expect(r.diagnostics).toMatchObject([{ severity: 'info' }]);
    expect(userPods(r)).toEqual([]);
  });
});

describe('ReplicaSet written by hand', () => {
  it('keeps its replicas as <replicaset>-<5 chars> Pods, selected with matchExpressions', () => {
    const rs = workload('ReplicaSet', 'front', 2, { tier: 'front' }).replace("selector: {matchLabels: {\"tier\":\"front\"}}", 'selector: {matchExpressions: [{key: tier, operator: In, values: [front, edge]}]}');
    const r = run(rs);
    expect(userPods(r).map((p) => p.name.replace(/[bcdfghjklmnpqrstvwxz2456789]{5}$/, '*'))).toEqual(['front-*', 'front-*']);
    expect(r.replicaSets.find((x) => x.name === 'front')).toMatchObject({ deployment: '', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] } });
  });

  it('reports a bad selector operator and a selector that misses the template labels', () => {
    const bad = workload('ReplicaSet', 'front', 1, { tier: 'front' }).replace("selector: {matchLabels: {\"tier\":\"front\"}}", 'selector: {matchExpressions: [{key: tier, operator: Equals, values: [front]}]}');
    expect(run(bad).diagnostics.map((d) => d.message)).toContain('The ReplicaSet "front" is invalid: spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator');
    const miss = workload('ReplicaSet', 'front', 1, { tier: 'front' }).replace("selector: {matchLabels: {\"tier\":\"front\"}}", 'selector: {matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}');
    expect(run(miss).diagnostics.map((d) => d.message)).toContain('The ReplicaSet "front" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"tier":"front"}: `selector` does not match template `labels`');
  });
});

describe('Deployment restartPolicy', () => {
  // ValidateDeploymentSpec validates the template as a ReplicaSet's (ValidatePodTemplateSpecForReplicaSet): only Always.
  it('refuses Never with the API server\'s words', () => {
    const r = run(workload('Deployment', 'web', 1, { app: 'web' }, '\n      restartPolicy: Never'));
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'The Deployment "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    expect(userPods(r)).toEqual([]);
  });
});
