/**
 * Small formatting rules of the kubectl views, as tables. Expected values follow the
 * upstream functions named in each block.
 */
import type { EndpointsResult, LabelSelectorResult, ServiceResult } from '../../../src/engine/result';
import { formatLabelSelector, formatSelector, type WorkloadView } from '../../../src/engine/terminal/kubectl/cluster-view';
import { endpointsColumn, externalIP } from '../../../src/engine/terminal/kubectl/items';
import { accessModesString } from '../../../src/engine/terminal/kubectl/storage-items';
import { jobCompletions, jobStatus } from '../../../src/engine/terminal/kubectl/workload-items';
import { rfc1123z, rfc3339 } from '../../../src/engine/terminal/timestamps';
import { scalar } from '../../../src/engine/terminal/yaml';

describe('label selectors (metav1.LabelSelectorAsSelector + labels.Selector String)', () => {
  const sel = (matchLabels: Record<string, string>, matchExpressions: LabelSelectorResult['matchExpressions'] = []): LabelSelectorResult => ({ matchLabels, matchExpressions });
  it.each([
    [sel({ app: 'web' }), 'app=web'],
    // Requirements sorted by key (`!canary` sorts as canary); set values sorted.
    [sel({ tier: 'front', app: 'web' }), 'app=web,tier=front'],
    [sel({}, [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }]), 'env in (dev,prod)'],
    [sel({}, [{ key: 'env', operator: 'NotIn', values: ['qa'] }]), 'env notin (qa)'],
    [sel({ app: 'web' }, [{ key: 'canary', operator: 'DoesNotExist', values: [] }, { key: 'zone', operator: 'Exists', values: [] }]), 'app=web,!canary,zone'],
  ])('%j → %s', (selector, text) => {
    expect(formatSelector(selector)).toBe(text);
  });
  it('prints <none> for an empty selector (FormatLabelSelector)', () => {
    expect(formatLabelSelector(sel({}))).toBe('<none>');
  });
});

describe('Endpoints ENDPOINTS column (printers.go formatEndpoints)', () => {
  const ep = (subsets: EndpointsResult['subsets']): EndpointsResult => ({ namespace: 'default', name: 'x', labels: {}, annotations: {}, subsets, createdAt: 0 });
  const addr = (ip: string) => ({ ip });
  it.each<[string, EndpointsResult['subsets'], string]>([
    ['no subsets', [], '<none>'],
    ['only not-ready addresses', [{ addresses: [], notReadyAddresses: [addr('10.0.0.1')], ports: [{ name: '', port: 80, protocol: 'TCP' }] }], ''],
    ['a headless subset without ports: bare IPs', [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], notReadyAddresses: [], ports: [] }], '10.0.0.1,10.0.0.2'],
    [
      'port by port, three then + N more',
      [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], notReadyAddresses: [], ports: [{ name: 'a', port: 80, protocol: 'TCP' }, { name: 'b', port: 443, protocol: 'TCP' }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    ],
  ])('%s', (_title, subsets, text) => {
    expect(endpointsColumn(ep(subsets))).toBe(text);
  });
});

describe('Job STATUS and COMPLETIONS (printers.go printJob)', () => {
  const job = (w: Partial<WorkloadView>): WorkloadView => ({ kind: 'Job', namespace: 'default', name: 'j', labels: {}, selector: {}, labelSelector: { matchLabels: {}, matchExpressions: [] }, replicas: 1, current: 0, ready: 0, updated: 0, available: 0, containers: [], nodeSelector: {}, createdAt: 0, pods: [], ...w });
  it.each<[Partial<WorkloadView>, string, string]>([
    [{ completions: 3, succeeded: 3 }, 'Complete', '3/3'],
    [{ completions: 3, succeeded: 1 }, 'Running', '1/3'],
    // No completions: a work queue; `/1 of <parallelism>` when parallel.
    [{ parallelism: 4, succeeded: 0 }, 'Running', '0/1 of 4'],
    [{ parallelism: 1, succeeded: 0 }, 'Running', '0/1'],
  ])('%j → %s %s', (w, status, completions) => {
    expect([jobStatus(job(w)), jobCompletions(job(w))]).toEqual([status, completions]);
  });
});

describe('ACCESS MODES (helper.GetAccessModesAsString)', () => {
  it.each([
    [['ReadWriteOnce'], 'RWO'],
    [['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce'], 'RWO,ROX,RWX'],
    [['ReadWriteOncePod'], 'RWOP'],
  ])('%j → %s', (modes, text) => {
    expect(accessModesString(modes)).toBe(text);
  });
});

describe('timestamps on the scenario clock (second 0 = 2025-01-01T00:00:00Z)', () => {
  it.each([
    [0, '2025-01-01T00:00:00Z', 'Wed, 01 Jan 2025 00:00:00 +0000'],
    [-90, '2024-12-31T23:58:30Z', 'Tue, 31 Dec 2024 23:58:30 +0000'],
    [3725, '2025-01-01T01:02:05Z', 'Wed, 01 Jan 2025 01:02:05 +0000'],
  ])('%d s → %s / %s (RFC 3339, Go time.RFC1123Z)', (seconds, iso, rfc1123) => {
    expect([rfc3339(seconds), rfc1123z(seconds)]).toEqual([iso, rfc1123]);
  });
  it('quotes timestamps in YAML, as go-yaml v2 does for strings it would read back as !!timestamp', () => {
    expect(scalar('2025-01-01T00:00:00Z')).toBe('"2025-01-01T00:00:00Z"');
    expect(scalar('2025-01-01')).toBe('"2025-01-01"');
    expect(scalar('pvc-1d97498a-2825')).toBe('pvc-1d97498a-2825');
  });
});

describe('Service EXTERNAL-IP (printers.go getServiceExternalIP, loadBalancerStatusStringer)', () => {
  const svc = (type: string, ingress: { ip?: string; hostname?: string }[] = [], externalIPs: string[] = []) =>
    ({ type, loadBalancerIngress: ingress, externalIPs }) as unknown as ServiceResult;
  it.each([
    ['a LoadBalancer nobody provisions', svc('LoadBalancer'), false, '<pending>'],
    ['ingress IPs as a sorted set', svc('LoadBalancer', [{ ip: '172.18.0.9' }, { ip: '172.18.0.10' }, { ip: '172.18.0.9' }]), true, '172.18.0.10,172.18.0.9'],
    // loadBalancerWidth = 16: longer lists are cut to 13 characters and "..." unless -o wide.
    ['cut to 16 characters', svc('LoadBalancer', [{ ip: '172.18.0.9' }, { ip: '172.18.0.10' }]), false, '172.18.0.10,1...'],
    ['a hostname when there is no IP', svc('LoadBalancer', [{ hostname: 'lb.example.com' }]), false, 'lb.example.com'],
    ['ingress then spec.externalIPs', svc('LoadBalancer', [{ ip: '172.18.0.9' }], ['1.2.3.4']), false, '172.18.0.9,1.2.3.4'],
    ['externalIPs of a ClusterIP Service', svc('ClusterIP', [], ['1.2.3.4', '5.6.7.8']), false, '1.2.3.4,5.6.7.8'],
    ['none', svc('NodePort'), false, '<none>'],
  ])('%s', (_, service, wide, expected) => {
    expect(externalIP(service, wide)).toBe(expected);
  });
});
