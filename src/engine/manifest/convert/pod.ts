/** `v1.Pod`: spec, pinned status (replayed dumps) and the owner reference. */
import type { Pod } from '../../model';
import { readOwner } from './meta';
import { readPodSpec, readPodStatus } from './pod-spec';
import type { KindConverter } from './types';

export const podConverter: KindConverter<'Pod'> = {
  kind: 'Pod',
  apiVersions: ['v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, rawMetadata, origin }): Pod | undefined {
    const spec = readPodSpec(r, value.spec, 'spec');
    const status = readPodStatus(r, value.status);
    if (!spec || r.failed) return undefined;
    const owner = readOwner(rawMetadata);
    // metadata.deletionTimestamp: a replayed dump of a Pod being deleted (Terminating).
    const deleting = typeof rawMetadata.deletionTimestamp === 'string' && rawMetadata.deletionTimestamp !== '';
    return { meta, spec, status, origin, ...(owner ? { owner } : {}), ...(deleting ? { deleting } : {}) };
  },
};
