/** `apps/v1.DaemonSet`: selector and Pod template (no replicas: one Pod per eligible node). */
import type { DaemonSet } from '../../model';
import { readObject } from '../fields';
import type { KindConverter } from './types';
import { readWorkloadSpec } from './workload-template';

export const daemonSetConverter: KindConverter<'DaemonSet'> = {
  kind: 'DaemonSet',
  apiVersions: ['apps/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): DaemonSet | undefined {
    const spec = readObject(r, value.spec, 'spec', 'DaemonSet', 'v1.DaemonSetSpec') ?? {};
    const workload = readWorkloadSpec(r, spec, 'DaemonSet', { selectorRequired: true, restartPolicies: ['Always'] });
    if (!workload || r.failed) return undefined;
    return { meta, selector: workload.selector!, template: workload.template, origin };
  },
};
