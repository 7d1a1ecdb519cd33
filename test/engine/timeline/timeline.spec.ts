/**
 * Timeline steps, checked against what a kind cluster (v1.33) does and kubectl v1.33 prints
 * (kubectl/pkg/cmd/{scale,delete,drain,label,set,rollout}, kubectl/pkg/drain/filters.go,
 * pkg/controller/replicaset, pkg/controller/nodelifecycle, containernetworking host-local).
 */
import { simulate, simulateTimeline, type SimulationResult } from '../../../src/engine';
import type { TimelineStepResult } from '../../../src/engine/timeline/types';
import { deployment } from '../support/scenario';

const svc = '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n';
const pinned = '\n      nodeName: kind-worker';

/** A scenario: manifests, then a Timeline with the given steps (YAML list items, two-space indented). */
const scenario = (manifests: string, steps: string) => `${manifests}\n---\napiVersion: kube-netlab.io/v1alpha1\nkind: Timeline\nsteps:\n${steps}`;
const run = (content: string, atStep?: number) => simulate([{ name: 'scenario.yaml', content }], atStep === undefined ? {} : { atStep });
const steps = (r: SimulationResult): TimelineStepResult[] => r.timeline!.steps;
const userPods = (r: SimulationResult) => r.pods.filter((p) => p.namespace === 'default');

describe('delete a Pod of a Deployment', () => {
  const content = scenario(deployment('web', 1, { app: 'web' }, '[{containerPort: 80}]', pinned) + svc, '  - kubectl: kubectl delete pod -l app=web\n');
  const before = run(content, 0);
  const after = run(content);
  const [old] = userPods(before);
  const [step] = steps(after);

  it('prints kubectl delete\'s line and runs 10 s after the scenario by default', () => {
    expect(step.output).toBe(`pod "${old.name}" deleted\n`);
    expect(step.at).toBe(10);
    expect(step.ok).toBe(true);
  });

  it('is replaced under a new name with a new IP: host-local moves on from the freed address', () => {
    expect(step.changes.podsDeleted).toEqual([expect.objectContaining({ name: old.name, ip: '10.244.1.2', nodeName: 'kind-worker' })]);
    const [created] = step.changes.podsCreated;
    expect(created.name).not.toBe(old.name);
    expect(created.name.slice(0, -5)).toBe(old.name.slice(0, -5)); // same ReplicaSet, new generateName suffix
    expect(created.ip).toBe('10.244.1.3');
  });

  it('moves the endpoints and keeps the Service\'s ClusterIP', () => {
    expect(step.changes.endpointsRemoved).toEqual([{ service: 'default/web', ip: '10.244.1.2', port: 80, podName: old.name, ready: true }]);
    expect(step.changes.endpointsAdded.map((e) => e.ip)).toEqual(['10.244.1.3']);
    const ip = (r: SimulationResult) => r.services.find((s) => s.name === 'web')!.clusterIP;
    expect(ip(after)).toBe(ip(before));
    expect(step.changes.servicesCreated).toEqual([]);
  });
});

describe('scale', () => {
  it('scales up and down; scale-down deletes the newest Pod first (equal rank)', () => {
    const r = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), '  - kubectl: kubectl scale deployment web --replicas=3\n  - kubectl: kubectl scale deploy/web --replicas=2\n    after: 1m\n'));
    const [up, down] = steps(r);
    expect(up.output).toBe('deployment.apps/web scaled\n');
    expect(up.changes.podsCreated).toHaveLength(1);
    expect(up.changes.replicaSets).toEqual([expect.objectContaining({ from: 2, to: 3 })]);
    // ActivePodsWithRanks: all assigned, Running, ready, one per node or two: the one created at 10 s goes.
    expect(down.changes.podsDeleted.map((p) => p.name)).toEqual(up.changes.podsCreated.map((p) => p.name));
  });

  it('deletes a not-ready Pod before ready ones', () => {
    const content = scenario(deployment('web', 3, { app: 'web' }, '[]'), '');
    const victim = userPods(run(content + '  - kubectl: kubectl get pods\n', 0))[2].name; // the oldest-but-one is as good as any: readiness decides
    const r = run(scenario(deployment('web', 3, { app: 'web' }, '[]'), `  - podReady: {pod: ${victim}, ready: false}\n  - kubectl: kubectl scale deployment web --replicas=2\n`));
    expect(steps(r)[1].changes.podsDeleted.map((p) => p.name)).toEqual([victim]);
  });

  // getPodsToDelete ranks each Pod by how many of its ReplicaSet's Pods share its node:
  // "5. Doubled up < not doubled up" comes before readiness time and age (ActivePodsWithRanks.Less).
  // Known gap: controllers/replicaset.ts ranks by node/phase/readiness/age only. it.failing
  // turns red once the controller ranks doubled-up Pods: then make this a plain it().
  it.failing('deletes a doubled-up Pod before the newest Pod that is alone on its node', () => {
    const base = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), ''), 0);
    const onWorker2 = userPods(base).find((p) => p.nodeName === 'kind-worker2')!.name;
    const content = scenario(
      deployment('web', 2, { app: 'web' }, '[]'),
      [`  - kubectl: kubectl cordon kind-worker2`, `  - kubectl: kubectl delete pod ${onWorker2}`, '  - kubectl: kubectl uncordon kind-worker2', '  - kubectl: kubectl scale deployment web --replicas=3', '  - kubectl: kubectl scale deployment web --replicas=2', ''].join('\n'),
    );
    const [, replaced, , up, down] = steps(run(content));
    const doubledUp = replaced.changes.podsCreated[0];
    expect(doubledUp.nodeName).toBe('kind-worker');
    expect(up.changes.podsCreated[0].nodeName).toBe('kind-worker2');
    // Ready for 30 s vs 50 s (different log2 buckets, so LogarithmicScaleDown does not tie them): the younger of the two on kind-worker goes.
    expect(down.changes.podsDeleted.map((p) => p.name)).toEqual([doubledUp.name]);
  });

  it('requires --replicas, in kubectl\'s words', () => {
    const [step] = steps(run(scenario(deployment('web', 1, { app: 'web' }, '[]'), '  - kubectl: kubectl scale deployment web\n')));
    expect(step.ok).toBe(false);
    expect(step.output).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
  });
});

describe('a failing step is a value', () => {
  const r = run(scenario(deployment('web', 1, { app: 'web' }, '[]'), '  - kubectl: kubectl scale deployment nope --replicas=3\n  - kubectl: kubectl delete deployment web\n'));
  const [missing, next] = steps(r);

  it('reports NotFound as the API server does, and the timeline goes on', () => {
    expect(missing.ok).toBe(false);
    expect(missing.output).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(missing.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', path: 'steps[0].kubectl', line: 23 })]);
    expect(next.ok).toBe(true);
    expect(next.output).toBe('deployment.apps "web" deleted\n');
    expect(userPods(r)).toEqual([]);
  });
});

describe('cordon, uncordon, drain', () => {
  it('keeps new Pods off a cordoned node', () => {
    const r = run(scenario(deployment('web', 1, { app: 'web' }, '[]'), '  - kubectl: kubectl cordon kind-worker\n  - kubectl: kubectl cordon kind-worker\n  - kubectl: kubectl scale deployment web --replicas=4\n'));
    const [cordon, again, up] = steps(r);
    expect(cordon.output).toBe('node/kind-worker cordoned\n');
    expect(cordon.changes.nodes).toEqual([{ name: 'kind-worker', ready: true, unschedulable: true }]);
    expect(again.output).toBe('node/kind-worker already cordoned\n');
    expect(up.changes.podsCreated.map((p) => p.nodeName)).toEqual(['kind-worker2', 'kind-worker2', 'kind-worker2']);
  });

  const daemonPods = (r: SimulationResult, node: string) =>
    r.pods
      .filter((p) => p.nodeName === node && p.ownerKind === 'DaemonSet')
      .map((p) => `${p.namespace}/${p.name}`)
      .join(', ');

  it('refuses without --ignore-daemonsets, leaving the node cordoned', () => {
    const r = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), '  - kubectl: kubectl drain kind-worker\n'));
    const ds = daemonPods(r, 'kind-worker');
    expect(ds).toMatch(/^kube-system\/kindnet-\w{5}, kube-system\/kube-proxy-\w{5}$/);
    const [step] = steps(r);
    expect(step.ok).toBe(false);
    expect(step.output).toBe(
      'node/kind-worker cordoned\n' +
        `error: unable to drain node "kind-worker" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds}, continuing command...\n` +
        'There are pending nodes to be drained:\n kind-worker\n' +
        `error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds}\n`,
    );
    expect(step.changes.podsDeleted).toEqual([]);
  });

  it('evicts the Pods with --ignore-daemonsets; their ReplicaSet replaces them elsewhere', () => {
    const r = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), '  - kubectl: kubectl drain kind-worker --ignore-daemonsets\n'));
    const before = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), ''), 0);
    const evicted = userPods(before).find((p) => p.nodeName === 'kind-worker')!;
    const [step] = steps(r);
    expect(step.output).toBe(
      'node/kind-worker cordoned\n' +
        `Warning: ignoring DaemonSet-managed Pods: ${daemonPods(r, 'kind-worker')}\n` +
        `evicting pod default/${evicted.name}\n` +
        `pod/${evicted.name} evicted\n` +
        'node/kind-worker drained\n',
    );
    expect(step.changes.podsDeleted.map((p) => p.name)).toEqual([evicted.name]);
    expect(step.changes.podsCreated.map((p) => p.nodeName)).toEqual(['kind-worker2']);
  });

  it('refuses a Pod without a controller unless --force (the message says "cannot delete" twice, as kubectl does)', () => {
    const solo = '---\n{apiVersion: v1, kind: Pod, metadata: {name: solo}, spec: {nodeName: kind-worker, containers: [{name: c, image: nginx}]}}\n';
    const [refused, forced] = steps(run(scenario(solo, '  - kubectl: kubectl drain kind-worker --ignore-daemonsets\n  - kubectl: kubectl drain kind-worker --ignore-daemonsets --force\n')));
    expect(refused.output).toContain('error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n');
    expect(forced.output).toContain('deleting Pods that declare no controller: default/solo');
    expect(forced.output).toContain('pod/solo evicted\n');
    expect(forced.changes.podsDeleted.map((p) => p.name)).toEqual(['solo']);
    expect(forced.changes.podsCreated).toEqual([]);
  });
});

describe('a node stops posting status', () => {
  const content = scenario(
    deployment('web', 2, { app: 'web' }, '[]') + svc,
    '  - nodeReady: {node: kind-worker, ready: false}\n  - kubectl: kubectl get nodes\n    after: 4m\n  - kubectl: kubectl get nodes\n    after: 2m\n',
  );
  it('marks its Pods\' endpoints not ready at once (MarkPodsNotReady)', () => {
    const [lost] = steps(run(content, 1));
    expect(lost.changes.nodes).toEqual([{ name: 'kind-worker', ready: false, unschedulable: false }]);
    expect(lost.changes.endpointsChanged).toEqual([expect.objectContaining({ service: 'default/web', ready: false })]);
    expect(lost.changes.podsDeleted).toEqual([]);
  });

  it('evicts them when the 300 s default toleration of node.kubernetes.io/unreachable runs out, not before', () => {
    const r = run(content);
    const [, at250, at370] = steps(r);
    expect(at250.at).toBe(250);
    expect(at250.changes.podsDeleted).toEqual([]);
    expect(at370.changes.podsDeleted).toEqual([expect.objectContaining({ nodeName: 'kind-worker' })]);
    expect(at370.changes.podsCreated).toEqual([expect.objectContaining({ nodeName: 'kind-worker2' })]);
    // The replacement was created when the toleration ran out (10 s + 300 s), not when the step ran.
    const replacement = r.pods.find((p) => p.name === at370.changes.podsCreated[0].name)!;
    expect(replacement.createdAt).toBe(310);
    // DaemonSet Pods tolerate the taint without a limit.
    expect(r.pods.filter((p) => p.nodeName === 'kind-worker').map((p) => p.ownerKind)).toEqual(['DaemonSet', 'DaemonSet']);
  });
});

describe('podReady', () => {
  it('moves the endpoint to notReadyAddresses and back', () => {
    const r = run(scenario(deployment('web', 1, { app: 'web' }, '[]') + svc, '  - podReady: {selector: app=web, ready: false}\n  - podReady: {selector: {app: web}, ready: true}\n'));
    const [down, up] = steps(r);
    expect(down.output).toBe('');
    expect(down.changes.endpointsChanged).toEqual([expect.objectContaining({ service: 'default/web', ready: false })]);
    expect(up.changes.endpointsChanged).toEqual([expect.objectContaining({ ready: true })]);
    expect(down.changes.podsDeleted).toEqual([]);
  });

  it('reports a Pod name that does not exist', () => {
    const [step] = steps(run(scenario(deployment('web', 1, { app: 'web' }, '[]'), '  - podReady: {pod: web, ready: false}\n')));
    expect(step.ok).toBe(false);
    expect(step.output).toBe('Error from server (NotFound): pods "web" not found\n');
  });
});

describe('rollouts', () => {
  it('set image and rollout restart each make a new ReplicaSet and scale the old one to 0', () => {
    const r = run(scenario(deployment('web', 2, { app: 'web' }, '[]'), '  - kubectl: kubectl set image deployment/web app=nginx:1.27\n  - kubectl: kubectl rollout restart deployment web\n  - kubectl: kubectl set image deployment/web nope=nginx\n'));
    const [image, restart, missing] = steps(r);
    expect(image.output).toBe('deployment.apps/web image updated\n');
    expect(restart.output).toBe('deployment.apps/web restarted\n');
    for (const step of [image, restart]) {
      const created = step.changes.replicaSets.find((c) => c.from === null)!;
      expect(created.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
      expect(step.changes.replicaSets.find((c) => c.from === 2)!.to).toBe(0);
      expect(step.changes.podsCreated.every((p) => p.owner === `ReplicaSet ${created.name}`)).toBe(true);
    }
    expect(missing.output).toBe('error: unable to find container named "nope"\n');
  });
});

describe('label', () => {
  const content = (steps: string) => scenario(deployment('web', 1, { app: 'web' }, '[]') + svc, steps);
  it('follows --overwrite and prints labeled / unlabeled', () => {
    const [node, clash, over, remove] = steps(run(content('  - kubectl: kubectl label node kind-worker disk=ssd\n  - kubectl: kubectl label node kind-worker disk=hdd\n  - kubectl: kubectl label node kind-worker disk=hdd --overwrite\n  - kubectl: kubectl label node kind-worker disk-\n')));
    expect(node.output).toBe('node/kind-worker labeled\n');
    expect(clash.output).toBe("error: 'disk' already has a value (ssd), and --overwrite is false\n");
    expect(over.output).toBe('node/kind-worker labeled\n');
    expect(remove.output).toBe('node/kind-worker unlabeled\n');
  });

  it('a Pod relabelled out of its ReplicaSet\'s selector is released and replaced, and leaves the Service', () => {
    const before = userPods(run(content(''), 0))[0];
    const [step] = steps(run(content(`  - kubectl: kubectl label pod ${before.name} app=debug --overwrite\n`)));
    expect(step.output).toBe(`pod/${before.name} labeled\n`);
    expect(step.changes.podsCreated).toHaveLength(1);
    expect(step.changes.podsDeleted).toEqual([]);
    expect(step.changes.endpointsRemoved.map((e) => e.podName)).toEqual([before.name]);
  });
});

describe('objects kubectl creates', () => {
  it('create namespace, create deployment, expose, run', () => {
    const r = run(
      scenario(
        '',
        [
          '  - kubectl: kubectl create namespace shop',
          '  - kubectl: kubectl create deployment api --image=nginx:1.27 --replicas=2 --port=80 -n shop',
          '  - kubectl: kubectl expose deployment api --port=8080 --target-port=80 -n shop',
          '  - kubectl: kubectl run probe --image=busybox',
          '  - kubectl: kubectl create namespace shop',
          '',
        ].join('\n'),
      ),
    );
    expect(steps(r).map((s) => s.output)).toEqual([
      'namespace/shop created\n',
      'deployment.apps/api created\n',
      'service/api exposed\n',
      'pod/probe created\n',
      'Error from server (AlreadyExists): namespaces "shop" already exists\n',
    ]);
    expect(r.pods.filter((p) => p.namespace === 'shop').map((p) => p.labels.app)).toEqual(['api', 'api']);
    const api = r.services.find((s) => s.namespace === 'shop' && s.name === 'api')!;
    expect(api.ports[0]).toMatchObject({ port: 8080, targetPort: '80' });
    expect(api.endpoints).toHaveLength(2);
    expect(r.pods.find((p) => p.name === 'probe')!.labels).toEqual({ run: 'probe' });
  });
});

describe('apply steps', () => {
  const content = scenario(
    deployment('web', 1, { app: 'web' }, '[]'),
    ['  - apply: |', '      apiVersion: v1', '      kind: Service', '      metadata:', '        name: web', '      spec:', '        selector: {app: web}', '        ports: [{port: 80, protocol: HTTP}]', ''].join('\n'),
  );
  it('locates problems of a block scalar\'s manifests at their line and column in the Timeline\'s file', () => {
    const r = run(content);
    const [step] = steps(r);
    const d = r.diagnostics.find((x) => x.path === 'spec.ports[0].protocol')!;
    const lines = content.split('\n');
    expect(lines[d.line! - 1].slice(d.column! - 1)).toBe('protocol: HTTP}]');
    expect(step.ok).toBe(false);
    expect(step.output).toBe(`${d.message}\n`);
  });

  it('prints created / unchanged / configured as kubectl apply does', () => {
    const svcDoc = '    - {apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: PORT}]}}\n';
    const r = run(scenario(deployment('web', 1, { app: 'web' }, '[]'), `  - apply:\n${svcDoc.replace('PORT', '80')}  - apply:\n${svcDoc.replace('PORT', '80')}  - apply:\n${svcDoc.replace('PORT', '81')}`));
    expect(steps(r).map((s) => s.output)).toEqual(['service/web created\n', 'service/web unchanged\n', 'service/web configured\n']);
  });
});

describe('the Timeline document', () => {
  it('reports malformed steps where they are, and runs them as failed steps', () => {
    const r = run(scenario('', '  - after: 10\n    kubectl: kubectl cordon kind-worker\n  - kubectl: kubectl cordon kind-worker\n    nodeReady: {node: kind-worker, ready: false}\n'));
    expect(steps(r).map((s) => s.ok)).toEqual([false, false]);
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [6, 'Timeline steps[0].after: Invalid value: 10: must be a duration such as "30s", "2m" or "1h30m", got number'],
      [8, 'Timeline steps[1]: Invalid value: a step has exactly one action, this one has kubectl and nodeReady'],
    ]);
    expect(r.cluster.nodes.every((n) => !n.unschedulable)).toBe(true);
  });

  it('reads Go durations', () => {
    const r = run(scenario('', '  - {after: 1h30m, kubectl: kubectl cordon kind-worker}\n  - {after: 1.5s, kubectl: kubectl uncordon kind-worker}\n'));
    expect(steps(r).map((s) => s.at)).toEqual([5400, 5401.5]);
    expect(r.now).toBe(5401.5);
  });

  it('accepts one Timeline per scenario', () => {
    const r = run(scenario('', '  - kubectl: kubectl cordon kind-worker\n') + '\n---\napiVersion: kube-netlab.io/v1alpha1\nkind: Timeline\nsteps: []\n');
    expect(steps(r)).toHaveLength(1);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 9, message: expect.stringContaining('a scenario has one Timeline') })]);
  });

  it('leaves a scenario without a Timeline exactly as before', () => {
    const content = deployment('web', 2, { app: 'web' }, '[]') + svc;
    expect(run(content).timeline).toBeUndefined();
  });
});

describe('snapshots and determinism', () => {
  const content = scenario(deployment('web', 2, { app: 'web' }, '[]') + svc, '  - kubectl: kubectl delete pod -l app=web\n  - kubectl: kubectl scale deployment web --replicas=4\n');

  it('gives byte-identical results on every run', () => {
    expect(JSON.stringify(run(content))).toBe(JSON.stringify(run(content)));
  });

  it('atStep N is the state after step N; simulateTimeline keeps every one', () => {
    const all = simulateTimeline([{ name: 'scenario.yaml', content }]);
    expect(all.snapshots).toHaveLength(3);
    for (const n of [0, 1, 2]) {
      const { timeline, ...state } = run(content, n);
      expect(timeline!.steps).toHaveLength(n);
      expect(state).toEqual(all.snapshots[n]);
    }
    expect(userPods(all.snapshots[2])).toHaveLength(4);
    expect(all.final).toEqual(run(content));
  });
});
