/**
 * v1 Endpoints (pkg/controller/endpoint, v1.33: syncService, addEndpointSubset,
 * RepackSubsets, truncateEndpoints with maxCapacity 1000) and the EndpointSlice mirroring
 * controller (pkg/controller/endpointslicemirroring: addressToEndpoint, managed-by
 * endpointslicemirroring-controller.k8s.io) for Services without selector.
 */
import { simulateState } from '../../../src/engine/simulate';
import { reconcile } from '../../../src/engine/reconcile';
import { buildResult } from '../../../src/engine/build-result';
import { deploy, endpointsOf, generated, kindCluster, pod, run, slicesOf, svc } from './support';

describe('Endpoints controller', () => {
  it('lists ready Pods under addresses and not-ready ones under notReadyAddresses, per port set', () => {
    const r = run(
      pod('a', '{app: web}', '[{name: http, containerPort: 8080}]') +
        pod('b', '{app: web}', '[{name: http, containerPort: 9090}]') +
        '---\n{apiVersion: v1, kind: Pod, metadata: {name: c, labels: {app: web}}, spec: {containers: [{name: app, image: nginx, ports: [{name: http, containerPort: 8080}]}]}, status: {conditions: [{type: Ready, status: "False"}]}}\n' +
        '---\n{apiVersion: v1, kind: Service, metadata: {name: web, labels: {tier: front}}, spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}}\n',
    );
    const ep = endpointsOf(r, 'web');
    expect(ep.labels).toEqual({ tier: 'front' });
    expect(ep.annotations).toEqual({});
    const pods = r.pods.filter((p) => p.namespace === 'default');
    const ip = (name: string) => pods.find((p) => p.name === name)!.ip;
    // Pods a and c offer http on 8080 (one ready, one not): one subset; b offers it on 9090: another.
    expect(ep.subsets.map((s) => ({ ports: s.ports, ready: s.addresses.map((a) => a.ip), notReady: s.notReadyAddresses.map((a) => a.ip) }))).toEqual([
      { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], ready: [ip('a')], notReady: [ip('c')] },
      { ports: [{ name: 'http', port: 9090, protocol: 'TCP' }], ready: [ip('b')], notReady: [] },
    ]);
    expect(ep.subsets[0].addresses[0]).toMatchObject({ targetRef: { kind: 'Pod', namespace: 'default', name: 'a' } });
  });

  it('leaves a terminating Pod out unless publishNotReadyAddresses, which lists it as ready', () => {
    const state = simulateState([
      {
        name: 'a.yaml',
        content:
          pod('a', '{app: web}') +
          pod('bye', '{app: web}') +
          '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n' +
          '---\n{apiVersion: v1, kind: Service, metadata: {name: all}, spec: {publishNotReadyAddresses: true, selector: {app: web}, ports: [{port: 80}]}}\n',
      },
    ]);
    state.pods.get('default/bye')!.terminating = true;
    reconcile(state);
    const r = buildResult(state);
    const names = (name: string) => endpointsOf(r, name).subsets.flatMap((s) => [...s.addresses.map((a) => `${a.targetRef!.name}:ready`), ...s.notReadyAddresses.map((a) => `${a.targetRef!.name}:notready`)]);
    expect(names('web')).toEqual(['a:ready']);
    expect(names('all').sort()).toEqual(['a:ready', 'bye:ready']);
  });

  it('truncates to 1000 addresses and annotates over-capacity at 1001 Pods', () => {
    const r = run(kindCluster(10) + deploy('web', 1001) + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n');
    const ep = endpointsOf(r, 'web');
    expect(ep.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    expect(ep.subsets.reduce((n, s) => n + s.addresses.length + s.notReadyAddresses.length, 0)).toBe(1000);
    // EndpointSlices have no such cap: 1001 endpoints in slices of 100.
    expect(slicesOf(r, 'web').map((s) => s.endpoints.length).sort((a, b) => a - b)).toEqual([1, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect(svc(r, 'web').endpoints).toHaveLength(1001);
  });

  it('keeps exactly 1000 without the annotation', () => {
    const r = run(kindCluster(10) + deploy('web', 1000) + '---\n{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n');
    expect(endpointsOf(r, 'web').annotations).toEqual({});
  });
});

const selectorless = '---\n{apiVersion: v1, kind: Service, metadata: {name: db}, spec: {ports: [{name: pg, port: 5432}]}}\n';

describe('Services without selector', () => {
  it('mirrors a hand-written Endpoints into an EndpointSlice <endpoints>-<5 chars>', () => {
    const r = run(
      selectorless +
        `---
apiVersion: v1
kind: Endpoints
metadata: {name: db, labels: {env: lab}}
subsets:
- addresses: [{ip: 192.168.1.10}, {ip: 192.168.1.11}]
  notReadyAddresses: [{ip: 192.168.1.12}]
  ports: [{name: pg, port: 5432}]
`,
    );
    const [slice] = slicesOf(r, 'db');
    expect(slice.name).toMatch(generated('db'));
    expect(slice.labels).toEqual({ env: 'lab', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    // addressToEndpoint sets only ready.
    expect(slice.endpoints).toEqual([
      { addresses: ['192.168.1.10'], conditions: { ready: true } },
      { addresses: ['192.168.1.11'], conditions: { ready: true } },
      { addresses: ['192.168.1.12'], conditions: { ready: false } },
    ]);
    expect(svc(r, 'db').endpoints.map((e) => `${e.ip}:${e.port}:${e.ready}`)).toEqual(['192.168.1.10:5432:true', '192.168.1.11:5432:true', '192.168.1.12:5432:false']);
    expect(endpointsOf(r, 'db').subsets[0].addresses.map((a) => a.ip)).toEqual(['192.168.1.10', '192.168.1.11']);
  });

  it('does not mirror Endpoints without a Service, and says so', () => {
    const r = run('{apiVersion: v1, kind: Endpoints, metadata: {name: lost}, subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]}\n');
    expect(r.endpointSlices.filter((s) => s.service === 'lost')).toEqual([]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', object: 'Endpoints default/lost', message: expect.stringContaining('has no Service of the same name') }));
  });

  it('uses a hand-written EndpointSlice labelled with the service name', () => {
    const r = run(
      selectorless +
        `---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: db-1, labels: {kubernetes.io/service-name: db}}
addressType: IPv4
ports: [{name: pg, port: 5432, protocol: TCP}]
endpoints:
- addresses: [10.10.0.5]
  conditions: {ready: true}
`,
    );
    expect(slicesOf(r, 'db').map((s) => s.name)).toEqual(['db-1']);
    expect(svc(r, 'db').endpoints.map((e) => `${e.ip}:${e.port}`)).toEqual(['10.10.0.5:5432']);
    expect(r.diagnostics).toEqual([]);
  });

  it('warns about a hand-written EndpointSlice without the kubernetes.io/service-name label', () => {
    const r = run(selectorless + '---\n{apiVersion: discovery.k8s.io/v1, kind: EndpointSlice, metadata: {name: db-1}, addressType: IPv4, ports: [{name: pg, port: 5432}], endpoints: [{addresses: [10.10.0.5]}]}\n');
    expect(svc(r, 'db').endpoints).toEqual([]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', object: 'EndpointSlice default/db-1', path: 'metadata.labels', message: expect.stringContaining('has no kubernetes.io/service-name label') }));
  });

  it('refuses an EndpointSlice address that is not IPv4 in the API server words', () => {
    const r = run('{apiVersion: discovery.k8s.io/v1, kind: EndpointSlice, metadata: {name: x, labels: {kubernetes.io/service-name: db}}, addressType: IPv4, endpoints: [{addresses: [db.example.com]}]}\n');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', message: 'The EndpointSlice "x" is invalid: endpoints[0].addresses[0]: Invalid value: "db.example.com": must be a valid IPv4 address' }));
  });
});
