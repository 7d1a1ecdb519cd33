/**
 * ConfigMaps as `kubectl get configmaps` prints them (printers.go printConfigMap: NAME,
 * DATA = number of data and binaryData keys, AGE) and as -o yaml/json objects (data only:
 * binaryData values are not kept by the simulator).
 */
import type { ConfigMapResult } from '../../result';
import { compareStrings } from '../../util/compare';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import { ageOf, type ClusterView } from './cluster-view';
import { annotationsMultiline, labelsMultiline } from './describe-text';
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

/**
 * `kubectl describe configmap` (describe.go ConfigMapDescriber): each data key as `KEY:`,
 * `----`, the value and a newline; then `BinaryData` (upstream lists `KEY: N bytes`; the
 * simulator keeps no binaryData values, so that section stays empty). Keys sorted (upstream
 * ranges over a map).
 */
export function describeConfigMap(c: ConfigMapResult): string {
  let s = `Name:\t${c.name}\nNamespace:\t${c.namespace}\n`;
  s += labelsMultiline('Labels', c.labels);
  s += annotationsMultiline('Annotations', {});
  s += '\nData\n====\n';
  for (const k of Object.keys(c.data).sort(compareStrings)) s += `${k}:\n----\n${c.data[k]}\n`;
  s += '\nBinaryData\n====\n';
  s += '\nEvents:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}
