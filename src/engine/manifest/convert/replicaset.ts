/** `apps/v1.ReplicaSet` written by hand: replicas, selector, Pod template. */
import type { ReplicaSet } from '../../model';
import { readInt32, readObject } from '../fields';
import type { KindConverter } from './types';
import { checkReplicas, readWorkloadSpec } from './workload-template';

export const replicaSetConverter: KindConverter<'ReplicaSet'> = {
  kind: 'ReplicaSet',
  apiVersions: ['apps/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): ReplicaSet | undefined {
    const spec = readObject(r, value.spec, 'spec', 'ReplicaSet', 'v1.ReplicaSetSpec') ?? {};
    const replicas = checkReplicas(r, readInt32(r, spec.replicas, 'spec.replicas', 'ReplicaSetSpec'));
    const workload = readWorkloadSpec(r, spec, 'ReplicaSet', { selectorRequired: true, restartPolicies: ['Always'] });
    if (!workload || r.failed) return undefined;
    return { meta, replicas, selector: workload.selector!, template: workload.template, origin };
  },
};
