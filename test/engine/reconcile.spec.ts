/**
 * The cluster state is re-runnable: after a mutation, one more reconcile pass changes only
 * what the mutation calls for, as the controllers of a real cluster do.
 */
import { applyObjects, deleteObject } from '../../src/engine/apply';
import { buildResult } from '../../src/engine/build-result';
import { HostLocalIpam } from '../../src/engine/cluster/ipam';
import { reconcile } from '../../src/engine/reconcile';
import { convertSources, simulate, simulateState } from '../../src/engine/simulate';
import { removePod } from '../../src/engine/state';
import { deployment } from './support/scenario';

const svc = '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n';
const start = (content: string) => simulateState([{ name: 'scenario.yaml', content }]);
const more = (content: string) => convertSources([{ name: 'more.yaml', content }], []).objects;
const userPods = (state: ReturnType<typeof start>) => [...state.pods.values()].filter((s) => s.pod.meta.namespace === 'default');

describe('host-local IPAM (containernetworking/plugins host-local)', () => {
  it('continues after the last reserved address instead of reusing a freed one, then wraps', () => {
    const pool = new HostLocalIpam('10.244.1.0/29'); // usable .2-.6 (.1 gateway, .7 broadcast)
    expect([pool.allocate(), pool.allocate()]).toEqual(['10.244.1.2', '10.244.1.3']);
    pool.release('10.244.1.2');
    expect([pool.allocate(), pool.allocate(), pool.allocate()]).toEqual(['10.244.1.4', '10.244.1.5', '10.244.1.6']);
    expect(pool.allocate()).toBe('10.244.1.2'); // wrapped round to the freed one
    expect(pool.allocate()).toBeNull();
  });
});

describe('reconcile', () => {
  it('changes nothing when run again without a mutation', () => {
    const state = start(deployment('web', 3, { app: 'web' }, '[]') + svc);
    const before = JSON.stringify(buildResult(state));
    reconcile(state);
    expect(JSON.stringify(buildResult(state))).toBe(before);
  });

  it('matches simulate() for the same input', () => {
    const content = deployment('web', 3, { app: 'web' }, '[]') + svc;
    expect(JSON.stringify(buildResult(start(content)))).toBe(JSON.stringify(simulate([{ name: 'scenario.yaml', content }])));
  });

  it('keeps existing Pod IPs and ClusterIPs when more objects are applied later', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]') + svc);
    const ips = Object.fromEntries(userPods(state).map((s) => [s.pod.meta.name, s.ip]));
    const clusterIP = state.services.get('default/web')!.clusterIP;
    state.now = 30;
    applyObjects(state, more(deployment('api', 2, { app: 'api' }, '[]')));
    reconcile(state);
    for (const [name, ip] of Object.entries(ips)) expect(state.pods.get(`default/${name}`)!.ip).toBe(ip);
    expect(state.services.get('default/web')!.clusterIP).toBe(clusterIP);
    const api = userPods(state).filter((s) => s.pod.meta.labels.app === 'api');
    expect(api.map((s) => s.createdAt)).toEqual([30, 30]);
    expect(new Set([...Object.values(ips), ...api.map((s) => s.ip)]).size).toBe(4);
  });

  it('replaces a deleted Pod of a ReplicaSet with a new name and a new address', () => {
    const state = start(deployment('web', 1, { app: 'web' }, '[]', '\n      nodeName: kind-worker'));
    const [old] = userPods(state);
    removePod(state, `default/${old.pod.meta.name}`); // kubectl delete pod
    reconcile(state);
    const [replacement] = userPods(state);
    expect(replacement.pod.meta.name).not.toBe(old.pod.meta.name);
    expect(replacement.pod.meta.name.startsWith(old.pod.meta.name.slice(0, -5))).toBe(true);
    expect(replacement.ip).toBe('10.244.1.3'); // host-local moves on from .2
  });

  it('scales a Deployment up and down on re-apply', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]'));
    applyObjects(state, more(deployment('web', 4, { app: 'web' }, '[]')));
    reconcile(state);
    expect(userPods(state)).toHaveLength(4);
    applyObjects(state, more(deployment('web', 1, { app: 'web' }, '[]')));
    reconcile(state);
    expect(userPods(state)).toHaveLength(1);
  });

  it('rolls a changed template out to a new ReplicaSet and scales the old one to 0', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]'));
    applyObjects(state, more(deployment('web', 2, { app: 'web' }, '[{containerPort: 8080}]')));
    reconcile(state);
    const rs = buildResult(state).replicaSets.filter((r) => r.deployment === 'web');
    expect(rs.map((r) => r.replicas).sort()).toEqual([0, 2]);
    const current = rs.find((r) => r.replicas === 2)!;
    expect(userPods(state).every((s) => s.pod.owner!.name === current.name)).toBe(true);
  });

  it('deletes a Service and frees its ClusterIP; deleting a Deployment removes its Pods', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]') + svc);
    const ip = state.services.get('default/web')!.clusterIP!;
    deleteObject(state, 'Service', 'default', 'web');
    deleteObject(state, 'Deployment', 'default', 'web');
    reconcile(state);
    expect(state.services.has('default/web')).toBe(false);
    expect(state.clusterIPs.allocate(ip).ok).toBe(true);
    expect(userPods(state)).toEqual([]);
  });

  it('deleting a namespace removes what it held', () => {
    const state = start('{apiVersion: v1, kind: Namespace, metadata: {name: prod}}\n---\n' + deployment('web', 1, { app: 'web' }, '[]').replace('name: web', 'name: web\n  namespace: prod'));
    deleteObject(state, 'Namespace', '', 'prod');
    reconcile(state);
    expect([...state.pods.values()].filter((s) => s.pod.meta.namespace === 'prod')).toEqual([]);
    expect(buildResult(state).namespaces).not.toContain('prod');
  });

  it('keeps new Pods off a cordoned node', () => {
    const state = start('');
    state.topology.nodes.find((n) => n.name === 'kind-worker')!.unschedulable = true;
    applyObjects(state, more(deployment('web', 3, { app: 'web' }, '[]')));
    reconcile(state);
    expect(userPods(state).map((s) => s.nodeName)).toEqual(['kind-worker2', 'kind-worker2', 'kind-worker2']);
  });

  it('flipping a Pod\'s readiness moves its endpoint to not-ready', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]') + svc);
    const [first] = userPods(state);
    first.readyOverride = false;
    reconcile(state);
    const endpoints = state.services.get('default/web')!.endpoints;
    expect(endpoints.find((e) => e.podName === first.pod.meta.name)!.ready).toBe(false);
    expect(endpoints.filter((e) => e.ready)).toHaveLength(1);
  });

  it('a node whose kubelet stops posting marks its Pods not ready', () => {
    const state = start(deployment('web', 2, { app: 'web' }, '[]') + svc);
    state.topology.nodes.find((n) => n.name === 'kind-worker')!.ready = false;
    reconcile(state);
    for (const s of userPods(state)) expect(s.ready).toBe(s.nodeName !== 'kind-worker');
  });
});

describe('scenario clock', () => {
  it('records creation times and reports now as given', () => {
    const r = simulate([{ name: 'a.yaml', content: deployment('web', 1, { app: 'web' }, '[]') + svc }], { now: 300 });
    expect(r.now).toBe(300);
    expect(r.pods.find((p) => p.namespace === 'default')!.createdAt).toBe(0);
    expect(r.services.find((s) => s.name === 'web')!.createdAt).toBe(0);
    // kind created the cluster before the scenario: control plane first, workers joining later.
    expect(r.cluster.nodes.map((n) => n.createdAt)).toEqual([-90, -70, -70]);
    expect(r.pods.find((p) => p.name === 'etcd-kind-control-plane')!.createdAt).toBe(-90);
  });
});
