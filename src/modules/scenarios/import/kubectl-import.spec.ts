import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importKubectlOutput } from './kubectl-import';

// The fixture has the shape `kubectl get pod,svc -o yaml` prints (kubectl v1.33): a
// `kind: List` whose items carry the server-set metadata and status.
const output = readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'kubectl-get-pod-svc.yaml'), 'utf8');

describe('importKubectlOutput', () => {
  const imported = importKubectlOutput(output);
  const [pod, svc] = imported.manifests.split('---\n').map((doc) => parse(doc));

  it('expands the List into one document per object', () => {
    expect(imported.objects).toBe(2);
    expect([pod.kind, svc.kind]).toEqual(['Pod', 'Service']);
  });

  it('drops server-set metadata and the last-applied annotation, keeping labels and names', () => {
    expect(pod.metadata).toEqual({ labels: { app: 'web' }, name: 'web-0', namespace: 'default' });
    expect(svc.metadata).toEqual({ name: 'web', namespace: 'default' });
  });

  it('keeps what the engine honours: clusterIP, nodePort, nodeName, podIP and the Pod status it reads', () => {
    expect(svc.spec.clusterIP).toBe('10.96.12.34');
    expect(svc.spec.ports[0].nodePort).toBe(30080);
    expect(pod.spec.nodeName).toBe('kind-worker');
    expect(pod.status).toEqual({
      conditions: [{ type: 'Ready', status: 'True' }],
      hostIP: '172.18.0.3',
      phase: 'Running',
      podIP: '10.244.1.5',
    });
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('reports each dropped field once per object', () => {
    const paths = (name: string, kind: string) => imported.dropped.filter((d) => d.name === name && d.kind === kind).map((d) => d.path);
    expect(paths('web-0', 'Pod')).toEqual([
      'metadata.uid',
      'metadata.resourceVersion',
      'metadata.creationTimestamp',
      'status.conditions[].lastProbeTime',
      'status.conditions[].lastTransitionTime',
      'status.containerStatuses',
      'status.podIPs',
      'status.qosClass',
      'status.startTime',
    ]);
    expect(paths('web', 'Service')).toEqual([
      'metadata.uid',
      'metadata.resourceVersion',
      'metadata.creationTimestamp',
      'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
    ]);
  });

  it('writes sequences in kubectl layout (not indented under their key)', () => {
    expect(imported.manifests).toContain('  containers:\n  - image: nginx:1.27\n');
  });

  it('takes single objects and JSON too', () => {
    const single = importKubectlOutput('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","uid":"x"},"data":{"k":"v"}}');
    expect(single.objects).toBe(1);
    expect(parse(single.manifests)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } });
    expect(single.dropped).toEqual([{ kind: 'ConfigMap', namespace: null, name: 'c', path: 'metadata.uid' }]);
  });
});
