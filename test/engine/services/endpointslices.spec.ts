/**
 * EndpointSlices as the EndpointSlice controller (v1.33) makes them. Expected values come
 * from staging/src/k8s.io/endpointslice: reconciler.go (maxEndpointsPerSlice 100, one set of
 * slices per distinct port mapping, placeholder slice), utils.go (podToEndpoint conditions,
 * setEndpointSliceLabels, getEndpointSlicePrefix + names.SimpleNameGenerator).
 */
import { applyObjects } from '../../../src/engine/apply';
import { buildResult } from '../../../src/engine/build-result';
import { reconcile } from '../../../src/engine/reconcile';
import { convertSources, simulateState } from '../../../src/engine/simulate';
import { deploy, generated, kindCluster, pod, run, slicesOf, svc } from './support';

const service = (extra = '', name = 'web', selector = '{app: web}', ports = '[{port: 80}]') => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, labels: {team: blue}}
spec: {selector: ${selector}, ports: ${ports}${extra}}
`;

describe('EndpointSlice controller', () => {
  it('splits 250 endpoints into slices of 100, 100 and 50 named <service>-<5 chars>', () => {
    const r = run(kindCluster(3) + deploy('web', 250) + service());
    const slices = slicesOf(r, 'web');
    expect(slices.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    for (const s of slices) {
      expect(s.name).toMatch(generated('web'));
      expect(s.addressType).toBe('IPv4');
      expect(s.labels).toEqual({ team: 'blue', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
      expect(s.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    }
    expect(new Set(slices.flatMap((s) => s.endpoints.map((e) => e.addresses[0]))).size).toBe(250);
    expect(svc(r, 'web').endpoints).toHaveLength(250);
  });

  it('puts Pods whose named targetPort resolves differently into separate slices', () => {
    const r = run(
      pod('a', '{app: web}', '[{name: http, containerPort: 8080}]') +
        pod('b', '{app: web}', '[{name: http, containerPort: 8080}]') +
        pod('c', '{app: web}', '[{name: http, containerPort: 9090}]') +
        service('', 'web', '{app: web}', '[{port: 80, targetPort: http, name: http}]'),
    );
    const byPort = Object.fromEntries(slicesOf(r, 'web').map((s) => [s.ports.map((p) => `${p.name}:${p.port}`).join(), s.endpoints.map((e) => e.targetRef!.name).sort()]));
    expect(byPort).toEqual({ 'http:8080': ['a', 'b'], 'http:9090': ['c'] });
  });

  it('gives a Pod lacking the named port a slice without ports (getEndpointPorts skips the port)', () => {
    const r = run(pod('a', '{app: web}', '[{name: http, containerPort: 8080}]') + pod('b', '{app: web}') + service('', 'web', '{app: web}', '[{port: 80, targetPort: http}]'));
    const slices = slicesOf(r, 'web');
    expect(slices.map((s) => [s.ports.length, s.endpoints.map((e) => e.targetRef!.name)]).sort()).toEqual([
      [0, ['b']],
      [1, ['a']],
    ]);
    expect(svc(r, 'web').endpoints.map((e) => e.podName)).toEqual(['a']);
  });

  it('keeps one placeholder slice without ports or endpoints when nothing is selected', () => {
    const r = run(service());
    expect(slicesOf(r, 'web')).toEqual([expect.objectContaining({ ports: [], endpoints: [] })]);
  });

  it('creates no slice for ExternalName or selector-less Services', () => {
    const r = run('{apiVersion: v1, kind: Service, metadata: {name: db}, spec: {type: ExternalName, externalName: db.example.com}}\n---\n{apiVersion: v1, kind: Service, metadata: {name: ext}, spec: {ports: [{port: 80}]}}\n');
    expect(slicesOf(r, 'db')).toEqual([]);
    expect(slicesOf(r, 'ext')).toEqual([]);
  });

  it('marks headless Services with service.kubernetes.io/headless and sets hostname for subdomain Pods', () => {
    const r = run(pod('db-0', '{app: db}', '[]', '').replace('spec: {', 'spec: {hostname: db-0, subdomain: db, ') + service(', clusterIP: None', 'db', '{app: db}'));
    const [slice] = slicesOf(r, 'db');
    expect(slice.labels['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints[0]).toMatchObject({ hostname: 'db-0', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0' } });
  });

  it('sets conditions as podToEndpoint does', () => {
    const state = simulateState([
      {
        name: 'a.yaml',
        content:
          pod('ok', '{app: web}') +
          pod('bye', '{app: web}') +
          '---\n{apiVersion: v1, kind: Pod, metadata: {name: slow, labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}, status: {conditions: [{type: Ready, status: "False"}]}}\n' +
          service() +
          service(', publishNotReadyAddresses: true', 'all'),
      },
    ]);
    // kubectl delete pod bye: the Pod is Terminating (deletionTimestamp set) during its grace period.
    state.pods.get('default/bye')!.terminating = true;
    reconcile(state);
    const r = buildResult(state);
    const cond = (service: string) => Object.fromEntries(slicesOf(r, service).flatMap((s) => s.endpoints.map((e) => [e.targetRef!.name, e.conditions])));
    const web = cond('web');
    expect(web.ok).toEqual({ ready: true, serving: true, terminating: false });
    expect(web.slow).toEqual({ ready: false, serving: false, terminating: false });
    // A terminating Pod stays in the slice (ShouldPodBeInEndpoints(pod, true)); ready is never true while terminating.
    expect(web.bye).toMatchObject({ ready: false, terminating: true });
    // publishNotReadyAddresses: ready is true whatever the Pod's state; serving still follows readiness.
    const all = cond('all');
    expect(all.slow).toEqual({ ready: true, serving: false, terminating: false });
    expect(all.bye).toMatchObject({ ready: true, terminating: true });
    // The flat list kube-proxy programs marks the terminating endpoint.
    expect(svc(r, 'web').endpoints.find((e) => e.podName === 'bye')).toMatchObject({ ready: false, terminating: true });
  });

  it('records the node and, only when the node has topology.kubernetes.io/zone, the zone', () => {
    const cluster = `apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n- role: control-plane\n- role: worker\n  labels: {topology.kubernetes.io/zone: zone-a}\n- role: worker\n---\n`;
    const r = run(cluster + deploy('web', 2) + service());
    const endpoints = slicesOf(r, 'web').flatMap((s) => s.endpoints);
    const byNode = Object.fromEntries(endpoints.map((e) => [e.nodeName, e.zone]));
    expect(byNode).toEqual({ 'kind-worker': 'zone-a', 'kind-worker2': undefined });
  });

  it('keeps slice names and placement when Pods are added later, filling the partial slice first', () => {
    const sources = (n: number) => [{ name: 'a.yaml', content: kindCluster(3) + deploy('web', n) + service() }];
    const state = simulateState(sources(150));
    const before = slicesOf(buildResult(state), 'web');
    expect(before.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 50]);
    state.now = 60;
    applyObjects(state, convertSources(sources(200), []).objects);
    reconcile(state);
    const after = slicesOf(buildResult(state), 'web');
    expect(after.map((s) => s.name).sort()).toEqual(before.map((s) => s.name).sort());
    expect(after.map((s) => s.endpoints.length)).toEqual([100, 100]);
  });
});
