/**
 * kube-scheduler filters and the FailedScheduling text. Expected messages are composed as
 * kube-scheduler composes them: each plugin's reason (pkg/scheduler/framework/plugins:
 * tainttoleration, nodeaffinity, noderesources `fitsRequest`, interpodaffinity), counted per
 * node and sorted as strings by `FitError.Error()` (pkg/scheduler/framework/types.go), then
 * DefaultPreemption's histogram (UnschedulableAndUnresolvable plugins: "Preemption is not
 * helpful for scheduling"; the others: "No preemption victims found for incoming pod").
 * kind's default cluster: kind-control-plane (NoSchedule taint), kind-worker, kind-worker2;
 * each node offers 8 CPUs.
 */
import { applyObjects } from '../../../src/engine/apply';
import { buildResult } from '../../../src/engine/build-result';
import { reconcile } from '../../../src/engine/reconcile';
import { convertSources, simulateState } from '../../../src/engine/simulate';
import type { Taint } from '../../../src/engine/model';
import { pod, run, userPods, workload } from './support';

const CP_TAINT = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const pending = (r: ReturnType<typeof run>) => userPods(r).filter((p) => p.nodeName === null);
const reasonOf = (r: ReturnType<typeof run>, name: string) => r.diagnostics.find((d) => d.message.startsWith(`Pod ${name} is Pending`))?.message.replace(`Pod ${name} is Pending: `, '');

/** A kind cluster whose workers carry labels. */
const kindCluster = (w1: string, w2: string) => `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
nodes:
- role: control-plane
- role: worker
  labels: ${w1}
- role: worker
  labels: ${w2}
`;

function withTaints(taints: Record<string, Taint[]>, content: string) {
  const state = simulateState([{ name: 'empty.yaml', content: '' }]);
  for (const n of state.topology.nodes) if (taints[n.name]) n.taints.push(...taints[n.name]);
  applyObjects(state, convertSources([{ name: 'scenario.yaml', content }], []).objects);
  reconcile(state);
  return buildResult(state);
}

describe('filters and their FitError text', () => {
  it.each([
    [
      'nodeSelector matching no node',
      '  nodeSelector: {disktype: ssd}',
      `0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
      '',
    ],
    [
      'more CPU than any worker has',
      '',
      `0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
      '{cpu: "9"}',
    ],
    [
      'more CPU and memory than any worker has (every reason of the node is counted)',
      '',
      `0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
      '{cpu: 9000m, memory: 17Gi}',
    ],
    [
      'required node affinity no node satisfies',
      '  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [elsewhere]}]}]}}}',
      `0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
      '',
    ],
  ])('%s', (_what: string, spec: string, expected: string, requests: string) => {
    const manifest = requests ? pod('p', spec).replace('image: nginx}', `image: nginx, resources: {requests: ${requests}}}`) : pod('p', spec);
    const r = run(manifest);
    expect(pending(r).map((p) => p.name)).toEqual(['p']);
    expect(reasonOf(r, 'p')).toBe(expected);
  });

  it('counts Pods placed earlier in the pass against allocatable (8 CPUs: two 3-CPU Pods per worker)', () => {
    const d = workload('Deployment', 'big', 5, { app: 'big' }).replace('ports: [{containerPort: 80}]}', 'resources: {requests: {cpu: "3"}}}');
    const r = run(d);
    expect(pending(r)).toHaveLength(1);
    const placed = userPods(r).map((p) => p.nodeName).filter((n) => n !== null);
    expect(placed.sort()).toEqual(['kind-worker', 'kind-worker', 'kind-worker2', 'kind-worker2']);
    expect(r.diagnostics.map((x) => x.message)).toContain(
      `Pod of Deployment default/big is Pending: 0/3 nodes are available: ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('required anti-affinity on the hostname spreads 3 replicas over 2 workers and leaves one Pending', () => {
    const anti = '\n      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}]}}';
    const r = run(workload('Deployment', 'web', 3, { app: 'web' }, anti));
    expect(userPods(r).map((p) => p.nodeName).sort()).toEqual(['kind-worker', 'kind-worker2', null].sort());
    expect(r.diagnostics.map((x) => x.message)).toContain(
      `Pod of Deployment default/web is Pending: 0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('existing Pods\' anti-affinity keeps others off their node', () => {
    const guard = pod('guard', '  nodeName: kind-worker\n  affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: noisy}}, topologyKey: kubernetes.io/hostname}]}}');
    const r = run(guard + workload('Deployment', 'noisy', 2, { app: 'noisy' }));
    expect(userPods(r).filter((p) => p.labels.app === 'noisy').map((p) => p.nodeName)).toEqual(['kind-worker2', 'kind-worker2']);
  });

  it('required Pod affinity follows the matching Pod\'s node; the first of a self-affine group goes anywhere', () => {
    const db = pod('db', '  nodeName: kind-worker2', '{app: db}');
    const near = '  affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}]}}';
    expect(userPods(run(db + pod('cache', near))).find((p) => p.name === 'cache')!.nodeName).toBe('kind-worker2');
    const alone = run(pod('cache', near));
    expect(reasonOf(alone, 'cache')).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
    const self = '\n      affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: pack}}, topologyKey: kubernetes.io/hostname}]}}';
    const pack = userPods(run(workload('Deployment', 'pack', 3, { app: 'pack' }, self)));
    expect(new Set(pack.map((p) => p.nodeName)).size).toBe(1);
  });

  it('zone anti-affinity uses the nodes\' topology.kubernetes.io/zone labels', () => {
    const cluster = kindCluster('{topology.kubernetes.io/zone: a}', '{topology.kubernetes.io/zone: a}');
    const anti = '\n      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: web}}, topologyKey: topology.kubernetes.io/zone}]}}';
    const r = simulateState([{ name: 'kind.yaml', content: cluster }, { name: 'web.yaml', content: workload('Deployment', 'web', 2, { app: 'web' }, anti) }]);
    // Both workers are zone a: only one replica fits.
    expect([...r.pods.values()].filter((s) => s.pod.meta.namespace === 'default' && s.nodeName !== null)).toHaveLength(1);
  });
});

describe('node affinity operators and matchFields', () => {
  const cluster = kindCluster('{disk: ssd, cores: "4"}', '{disk: hdd, cores: "16"}');
  const place = (expr: string, field = 'matchExpressions') => {
    const spec = `\n      affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{${field}: [${expr}]}]}}}`;
    const state = simulateState([{ name: 'kind.yaml', content: cluster }, { name: 'd.yaml', content: workload('Deployment', 'd', 2, { app: 'd' }, spec) }]);
    return [...new Set([...state.pods.values()].filter((s) => s.pod.meta.namespace === 'default').map((s) => s.nodeName))];
  };
  it.each([
    ['In', '{key: disk, operator: In, values: [ssd]}', ['kind-worker']],
    ['NotIn', '{key: disk, operator: NotIn, values: [ssd]}', ['kind-worker2']],
    ['Exists', '{key: disk, operator: Exists}', ['kind-worker', 'kind-worker2']],
    ['DoesNotExist (the tainted control plane is the only node without it)', '{key: disk, operator: DoesNotExist}', [null]],
    ['Gt', '{key: cores, operator: Gt, values: ["8"]}', ['kind-worker2']],
    ['Lt', '{key: cores, operator: Lt, values: ["8"]}', ['kind-worker']],
  ])('%s', (_op, expr, nodes) => {
    expect(place(expr).sort()).toEqual([...nodes].sort());
  });

  it('matchFields metadata.name pins the node; the others did not satisfy the NodeAffinity prefilter', () => {
    expect(place('{key: metadata.name, operator: In, values: [kind-worker2]}', 'matchFields')).toEqual(['kind-worker2']);
    const p = pod('p', '  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [kind-control-plane]}]}]}}}');
    expect(reasonOf(run(p), 'p')).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
  });

  it('rejects an unknown node selector operator as the API server does', () => {
    const p = pod('p', '  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: disk, operator: Equal, values: [ssd]}]}]}}}');
    expect(run(p).diagnostics.map((d) => d.message)).toContain('The Pod "p" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equal": not a valid selector operator');
  });

  it('preferred node affinity weights decide among feasible nodes', () => {
    const spec = '\n      affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, preference: {matchExpressions: [{key: disk, operator: In, values: [hdd]}]}}]}}';
    const state = simulateState([{ name: 'kind.yaml', content: cluster }, { name: 'd.yaml', content: workload('Deployment', 'd', 3, { app: 'd' }, spec) }]);
    expect([...state.pods.values()].filter((s) => s.pod.meta.namespace === 'default').map((s) => s.nodeName)).toEqual(['kind-worker2', 'kind-worker2', 'kind-worker2']);
  });
});

describe('taints and tolerations', () => {
  const dedicated: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it('an untolerated NoSchedule taint names the taint; Equal and Exists tolerate it', () => {
    const r = withTaints({ 'kind-worker': [dedicated], 'kind-worker2': [{ ...dedicated, effect: 'NoExecute' }] }, pod('p', ''));
    expect(reasonOf(r, 'p')).toBe(`0/3 nodes are available: ${CP_TAINT}, 2 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
    const equal = withTaints({ 'kind-worker': [dedicated], 'kind-worker2': [dedicated] }, pod('p', '  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]'));
    expect(userPods(equal)[0].nodeName).not.toBeNull();
    const exists = withTaints({ 'kind-worker': [dedicated], 'kind-worker2': [dedicated] }, pod('p', '  tolerations: [{key: dedicated, operator: Exists}]'));
    expect(userPods(exists)[0].nodeName).not.toBeNull();
    const wrongValue = withTaints({ 'kind-worker': [dedicated], 'kind-worker2': [dedicated] }, pod('p', '  tolerations: [{key: dedicated, operator: Equal, value: cpu}]'));
    expect(userPods(wrongValue)[0].nodeName).toBeNull();
  });

  it('PreferNoSchedule only steers Pods away', () => {
    const r = withTaints({ 'kind-worker': [{ key: 'spot', value: '', effect: 'PreferNoSchedule' }] }, workload('Deployment', 'web', 3, { app: 'web' }));
    expect(userPods(r).map((p) => p.nodeName)).toEqual(['kind-worker2', 'kind-worker2', 'kind-worker2']);
  });
});

describe('Pod readiness', () => {
  it('readiness gates hold Ready until the status has the condition True', () => {
    const gate = '  readinessGates: [{conditionType: example.com/lb-ready}]';
    const waiting = userPods(run(pod('p', gate)))[0];
    expect([waiting.phase, waiting.ready]).toEqual(['Running', false]);
    expect(waiting.conditions.find((c) => c.type === 'ContainersReady')!.status).toBe('True');
    const passed = userPods(run(pod('p', gate) + 'status: {conditions: [{type: example.com/lb-ready, status: "True"}]}\n'))[0];
    expect(passed.ready).toBe(true);
  });

  it('a Pod with metadata.deletionTimestamp is Terminating and not ready', () => {
    const manifest = pod('old', '  nodeName: kind-worker', '{app: web}').replace('metadata: {name: old', 'metadata: {deletionTimestamp: "2025-01-01T00:00:00Z", name: old') + 'status: {podIP: 10.244.1.9, phase: Running}\n';
    const p = userPods(run(manifest))[0];
    expect([p.terminating, p.ready, p.reason]).toEqual([true, false, 'Terminating']);
  });

  it('reports containers, images and readiness on each Pod', () => {
    const p = userPods(run(pod('p', '')))[0];
    expect(p.containers).toEqual([{ name: 'app', image: 'nginx', ports: [], ready: true }]);
    expect(p.restarts).toBe(0);
    expect(p.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  });
});
