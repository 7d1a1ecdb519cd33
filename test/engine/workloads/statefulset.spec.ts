/**
 * StatefulSet (pkg/controller/statefulset; docs "StatefulSets": Pod identity, stable
 * storage, deployment and scaling guarantees). Expected names are the documented
 * `<statefulset>-<ordinal>` and `<volumeClaimTemplate>-<statefulset>-<ordinal>`.
 */
import { applyObjects } from '../../../src/engine/apply';
import { reconcile } from '../../../src/engine/reconcile';
import { buildResult } from '../../../src/engine/build-result';
import { convertSources, simulateState } from '../../../src/engine/simulate';
import { run, userPods, workload } from './support';

const headless = `---
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80, name: web}]}
`;
const claims = `
  serviceName: nginx
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}`;
const sts = (replicas: number, extra = claims, spec = '') => workload('StatefulSet', 'web', replicas, { app: 'nginx' }, spec, extra);

describe('StatefulSet', () => {
  it('names Pods by ordinal with their identity labels, hostname and subdomain', () => {
    const r = run(headless + sts(3));
    const pods = userPods(r);
    expect(pods.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
    pods.forEach((p, i) => {
      expect(p.labels['statefulset.kubernetes.io/pod-name']).toBe(`web-${i}`);
      expect(p.labels['apps.kubernetes.io/pod-index']).toBe(String(i));
      expect(p.labels['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
      expect(p.hostname).toBe(`web-${i}`);
      expect(p.subdomain).toBe('nginx');
      expect(p.ownerKind).toBe('StatefulSet');
    });
    expect(r.statefulSets).toMatchObject([{ name: 'web', replicas: 3, readyReplicas: 3, serviceName: 'nginx', containers: [{ name: 'app', image: 'nginx' }] }]);
    expect(r.diagnostics.filter((d) => d.message.includes('serviceName'))).toEqual([]);
  });

  it('makes one Bound PVC per template and ordinal on kind\'s default StorageClass', () => {
    const r = run(headless + sts(2));
    expect(r.persistentVolumeClaims.map((c) => [c.name, c.status, c.capacity, c.storageClass, c.accessModes])).toEqual([
      ['www-web-0', 'Bound', '1Gi', 'standard', ['ReadWriteOnce']],
      ['www-web-1', 'Bound', '1Gi', 'standard', ['ReadWriteOnce']],
    ]);
    for (const c of r.persistentVolumeClaims) expect(c.volume).toMatch(/^pvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('creates Pods in ordinal order: the addresses follow the ordinals', () => {
    const pods = userPods(run(headless + sts(4)));
    // kind-worker gets .2 then .3, kind-worker2 .2 then .3: ordinals alternate and each node's IPs rise with the ordinal.
    const ipsOn = (node: string) => pods.filter((p) => p.nodeName === node).map((p) => p.ip);
    expect(ipsOn('kind-worker')).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(ipsOn('kind-worker2')).toEqual(['10.244.2.2', '10.244.2.3']);
  });

  it('OrderedReady starts each ordinal after the previous one; Parallel starts them together', () => {
    // The controller creates web-N once web-(N-1) is Running and Ready, so web-0 is the oldest;
    // with Parallel all are created at once. Results are observed once the last one exists.
    const ordered = run(headless + sts(3));
    const ages = (r: typeof ordered) => userPods(r).map((p) => r.now - p.createdAt);
    const [a0, a1, a2] = ages(ordered);
    expect(a0).toBeGreaterThan(a1);
    expect(a1).toBeGreaterThan(a2);
    expect(a2).toBeGreaterThanOrEqual(0);
    const parallel = run(headless + sts(3, `${claims}\n  podManagementPolicy: Parallel`));
    expect(new Set(ages(parallel)).size).toBe(1);
  });

  it('OrderedReady stops at a Pod that cannot become Ready; Parallel creates them all', () => {
    const gate = '\n      readinessGates: [{conditionType: example.com/gate}]';
    const ordered = run(headless + sts(3, claims, gate));
    expect(userPods(ordered).map((p) => [p.name, p.ready])).toEqual([['web-0', false]]);
    expect(ordered.diagnostics.map((d) => d.message)).toContain('StatefulSet web has 1 of 3 Pods: web-0 is not Running and Ready, and podManagementPolicy OrderedReady creates web-1 only after it is');
    const parallel = run(headless + sts(3, `${claims}\n  podManagementPolicy: Parallel`, gate));
    expect(userPods(parallel).map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal and keeps the claims (Retain)', () => {
    const state = simulateState([{ name: 'a.yaml', content: headless + sts(3) }]);
    applyObjects(state, convertSources([{ name: 'b.yaml', content: sts(1) }], []).objects);
    reconcile(state);
    const r = buildResult(state);
    expect(userPods(r).map((p) => p.name)).toEqual(['web-0']);
    expect(r.persistentVolumeClaims.map((c) => c.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('says what to add when serviceName names no headless Service', () => {
    const r = run(sts(1));
    const d = r.diagnostics.find((x) => x.path === 'spec.serviceName')!;
    expect(d.message).toBe('StatefulSet web: spec.serviceName "nginx" names no Service in namespace default, so its Pods get no DNS names (web-0.nginx.default.svc)');
    expect(d.hint).toBe('add a headless Service: apiVersion: v1, kind: Service, metadata.name: nginx, spec.clusterIP: None, spec.selector: app=nginx');
    const notHeadless = run(sts(1) + headless.replace('clusterIP: None, ', ''));
    expect(notHeadless.diagnostics.find((x) => x.path === 'spec.serviceName')!.message).toContain('which is not headless');
  });
});
