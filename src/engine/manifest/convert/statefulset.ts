/**
 * `apps/v1.StatefulSet`: replicas, selector, serviceName, podManagementPolicy, Pod
 * template and volumeClaimTemplates (pkg/apis/apps/validation `ValidateStatefulSetSpec`).
 */
import type { StatefulSet, VolumeClaimTemplate } from '../../model';
import { parseQuantity, QUANTITY_ERROR } from '../../util/quantity';
import { quote, readInt32, readList, readObject, readString, type ObjectReport } from '../fields';
import type { KindConverter } from './types';
import { checkReplicas, readWorkloadSpec } from './workload-template';

export const statefulSetConverter: KindConverter<'StatefulSet'> = {
  kind: 'StatefulSet',
  apiVersions: ['apps/v1'],
  scope: 'Namespaced',
  nameFormat: 'dns1123-subdomain',
  convert({ r, value, meta, origin }): StatefulSet | undefined {
    const spec = readObject(r, value.spec, 'spec', 'StatefulSet', 'v1.StatefulSetSpec') ?? {};
    const replicas = checkReplicas(r, readInt32(r, spec.replicas, 'spec.replicas', 'StatefulSetSpec'));
    const serviceName = readString(r, spec.serviceName, 'spec.serviceName', 'StatefulSetSpec') ?? '';
    const policy = readString(r, spec.podManagementPolicy, 'spec.podManagementPolicy', 'StatefulSetSpec') ?? 'OrderedReady';
    if (policy !== 'OrderedReady' && policy !== 'Parallel') r.invalid('spec.podManagementPolicy', `Unsupported value: ${quote(policy)}: supported values: "OrderedReady", "Parallel"`);
    const claims = readClaimTemplates(r, spec.volumeClaimTemplates);
    const workload = readWorkloadSpec(r, spec, 'StatefulSet', { selectorRequired: true, restartPolicies: ['Always'] });
    if (!workload || r.failed) return undefined;
    return { meta, replicas, selector: workload.selector!, serviceName, podManagementPolicy: policy as StatefulSet['podManagementPolicy'], template: workload.template, volumeClaimTemplates: claims, origin };
  },
};

function readClaimTemplates(r: ObjectReport, value: unknown): VolumeClaimTemplate[] {
  const out: VolumeClaimTemplate[] = [];
  (readList(r, value, 'spec.volumeClaimTemplates', 'StatefulSetSpec', '[]v1.PersistentVolumeClaim') ?? []).forEach((c, i) => {
    const path = `spec.volumeClaimTemplates[${i}]`;
    const claim = readObject(r, c, path, 'StatefulSetSpec', 'v1.PersistentVolumeClaim');
    if (!claim) return;
    const metadata = readObject(r, claim.metadata, `${path}.metadata`, 'PersistentVolumeClaim', 'v1.ObjectMeta');
    const name = readString(r, metadata?.name, `${path}.metadata.name`, 'ObjectMeta') ?? '';
    if (!name) r.invalid(`${path}.metadata.name`, 'Required value: name or generateName is required');
    const spec = readObject(r, claim.spec, `${path}.spec`, 'PersistentVolumeClaim', 'v1.PersistentVolumeClaimSpec') ?? {};
    const accessModes = (readList(r, spec.accessModes, `${path}.spec.accessModes`, 'PersistentVolumeClaimSpec', '[]v1.PersistentVolumeAccessMode') ?? []).map(String);
    if (accessModes.length === 0) r.invalid(`${path}.spec.accessModes`, 'Required value: at least 1 access mode is required');
    const resources = readObject(r, spec.resources, `${path}.spec.resources`, 'PersistentVolumeClaimSpec', 'v1.VolumeResourceRequirements');
    const requests = readObject(r, resources?.requests, `${path}.spec.resources.requests`, 'VolumeResourceRequirements', 'v1.ResourceList');
    const storage = typeof requests?.storage === 'number' ? String(requests.storage) : requests?.storage;
    if (storage === undefined) r.invalid(`${path}.spec.resources[storage]`, 'Required value');
    else if (typeof storage !== 'string' || parseQuantity(storage) === undefined) r.invalid(`${path}.spec.resources.requests[storage]`, `Invalid value: ${quote(String(storage))}: ${QUANTITY_ERROR}`);
    const storageClassName = readString(r, spec.storageClassName, `${path}.spec.storageClassName`, 'PersistentVolumeClaimSpec');
    out.push({ name, ...(storageClassName !== undefined ? { storageClassName } : {}), storage: typeof storage === 'string' ? storage : '', accessModes });
  });
  return out;
}
