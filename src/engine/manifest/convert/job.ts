/**
 * `batch/v1.Job`: completions, parallelism, Pod template (restartPolicy Never or
 * OnFailure). Without `manualSelector` the API server generates the selector
 * (`batch.kubernetes.io/controller-uid`), so a written one is only checked.
 */
import type { Job } from '../../model';
import { readBool, readInt32, readObject } from '../fields';
import type { KindConverter } from './types';
import { readWorkloadSpec } from './workload-template';

export const jobConverter: KindConverter<'Job'> = {
  kind: 'Job',
  apiVersions: ['batch/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): Job | undefined {
    const spec = readObject(r, value.spec, 'spec', 'Job', 'v1.JobSpec') ?? {};
    const completions = readInt32(r, spec.completions, 'spec.completions', 'JobSpec');
    const parallelism = readInt32(r, spec.parallelism, 'spec.parallelism', 'JobSpec');
    const manualSelector = readBool(r, spec.manualSelector, 'spec.manualSelector', 'JobSpec') ?? false;
    for (const [field, n] of [['completions', completions], ['parallelism', parallelism]] as const)
      if (n !== undefined && n < 0) r.invalid(`spec.${field}`, `Invalid value: ${n}: must be greater than or equal to 0`);
    const workload = readWorkloadSpec(r, spec, 'Job', { selectorRequired: manualSelector, restartPolicies: ['OnFailure', 'Never'] });
    if (!workload || r.failed) return undefined;
    return {
      meta,
      completions: completions ?? 1,
      parallelism: parallelism ?? 1,
      ...(manualSelector && workload.selector ? { selector: workload.selector } : {}),
      template: workload.template,
      origin,
    };
  },
};
