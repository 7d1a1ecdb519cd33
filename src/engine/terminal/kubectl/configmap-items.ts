/**
 * ConfigMaps as `kubectl get configmaps` prints them (printers.go printConfigMap: NAME,
 * DATA = number of data and binaryData keys, AGE) and as -o yaml/json objects (data only:
 * binaryData values are not kept by the simulator).
 */
import type { ConfigMapResult } from '../../result';
import { ageOf, type ClusterView } from './cluster-view';
import { objectMeta, typeOf, type Item } from './items';

export function configMapItem(view: ClusterView, c: ConfigMapResult): Item {
  return {
    type: typeOf('configmaps'),
    namespace: c.namespace,
    name: c.name,
    labels: c.labels,
    cells: () => [c.name, String(Object.keys(c.data).length + c.binaryDataKeys.length), ageOf(view, c.createdAt)],
    object: () => ({
      apiVersion: 'v1',
      ...(Object.keys(c.data).length > 0 ? { data: { ...c.data } } : {}),
      kind: 'ConfigMap',
      metadata: objectMeta({ name: c.name, namespace: c.namespace, createdAt: c.createdAt, labels: c.labels }),
    }),
  };
}
