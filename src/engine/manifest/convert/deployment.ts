/** `apps/v1.Deployment`: replicas, selector, Pod template (validated as the API server does). */
import type { Deployment } from '../../model';
import { readInt32, readObject } from '../fields';
import type { KindConverter } from './types';
import { checkReplicas, matchLabelsText, readWorkloadSpec } from './workload-template';

export const deploymentConverter: KindConverter<'Deployment'> = {
  kind: 'Deployment',
  apiVersions: ['apps/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): Deployment | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Deployment', 'v1.DeploymentSpec') ?? {};
    const replicas = checkReplicas(r, readInt32(r, spec.replicas, 'spec.replicas', 'DeploymentSpec'));
    const workload = readWorkloadSpec(r, spec, 'Deployment', {
      selectorRequired: true,
      // ValidateDeploymentSpec checks the template as a ReplicaSet's: only Always.
      restartPolicies: ['Always'],
      mismatchHint: (selector) => `give the Pod template every label of spec.selector.matchLabels (${matchLabelsText(selector)})`,
    });
    if (!workload || r.failed) return undefined;
    return { meta, replicas, selector: workload.selector!, template: workload.template, origin };
  },
};
