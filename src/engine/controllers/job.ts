/**
 * The Job controller (pkg/controller/job): Pods `<job>-<5 chars>` until `completions` have
 * succeeded, labelled `batch.kubernetes.io/controller-uid`, `batch.kubernetes.io/job-name`
 * and the legacy `controller-uid`, `job-name` (the generated selector is the controller-uid
 * one). The simulator assumes every Pod's command succeeds: after a moment's wait all
 * `completions` Pods are Succeeded (STATUS Completed, not ready, so never a ready
 * endpoint). `parallelism: 0` runs nothing. CronJobs are recognised, not run.
 */
import type { Job } from '../model';
import { sortedRecord } from '../manifest/fields';
import { addPod, type ClusterState } from '../state';
import { generateName } from './deployment';
import { syncWorkloads } from './workload-state';

/** The labels the Job controller puts on its Pods (and the generated selector's). */
export function jobPodLabels(job: Job, uid: string): Record<string, string> {
  return sortedRecord({
    ...job.template.labels,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': job.meta.name,
    'controller-uid': uid,
    'job-name': job.meta.name,
  });
}

export function jobController(state: ClusterState): void {
  for (const { entry, workload, pods } of syncWorkloads(state, 'Job')) {
    const job: Job = entry.object;
    const { namespace, name } = job.meta;
    workload.succeeded = pods.filter((s) => s.phase === 'Succeeded').length;
    const missing = job.parallelism === 0 ? 0 : job.completions - pods.filter((s) => s.phase !== 'Failed').length;
    const labels = jobPodLabels(job, workload.uid);
    for (let i = 0; i < missing; i++) {
      let podName = generateName(`${name}-`, workload.rand);
      while (state.pods.has(`${namespace}/${podName}`)) podName = generateName(`${name}-`, workload.rand);
      addPod(state, { meta: { namespace, name: podName, labels }, spec: job.template.spec, status: {}, owner: { kind: 'Job', name }, ...(job.origin ? { origin: job.origin } : {}) }, { kind: 'Job', key: `${namespace}/${name}` }, [state.now, entry.applySeq, workload.nextOrdinal++]);
    }
  }
}
