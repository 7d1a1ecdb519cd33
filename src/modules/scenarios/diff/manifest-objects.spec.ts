import { manifestObjects, objectChanges } from './manifest-objects';

describe('manifestObjects', () => {
  it('expands kind: List items, as kubectl does for `get -o yaml` output', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: { name: web, namespace: shop }
- apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
`;
    expect(manifestObjects(list).map((o) => [o.kind, o.namespace, o.name])).toEqual([
      ['Service', 'shop', 'web'],
      ['Deployment', null, 'web'],
      ['ConfigMap', null, 'cfg'],
    ]);
  });
});

describe('objectChanges', () => {
  const svc = (name: string, port: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: ${port}\n`;

  it('reports added, removed and changed objects by kind, namespace and name, sorted', () => {
    const from = [svc('a', 80), svc('b', 80), svc('c', 80)].join('---\n');
    const to = [svc('a', 80), svc('c', 81), svc('d', 80)].join('---\n');
    expect(objectChanges(from, to)).toEqual([
      { change: 'removed', kind: 'Service', namespace: null, name: 'b' },
      { change: 'changed', kind: 'Service', namespace: null, name: 'c' },
      { change: 'added', kind: 'Service', namespace: null, name: 'd' },
    ]);
  });

  it('ignores key order, comments and formatting (YAML and JSON of the same object)', () => {
    const yaml = 'kind: Service\napiVersion: v1  # comment\nmetadata: {name: a}\n';
    const json = '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}}';
    expect(objectChanges(yaml, json)).toEqual([]);
  });
});
