/** `v1.Namespace`. */
import type { Namespace } from '../../model';
import type { KindConverter } from './types';

export const namespaceConverter: KindConverter<'Namespace'> = {
  kind: 'Namespace',
  apiVersions: ['v1'],
  scope: 'Cluster',
  nameFormat: 'dns1123-label',
  convert: ({ meta, origin }): Namespace => ({ name: meta.name, ...(Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}), origin }),
};
