/**
 * StorageClasses, PersistentVolumeClaims and PersistentVolumes as `kubectl get` prints them
 * (printers.go printStorageClass, printPersistentVolumeClaim, printPersistentVolume, v1.33:
 * VOLUMEATTRIBUTESCLASS `<unset>`, VOLUMEMODE in -o wide) and as -o yaml/json objects.
 */
import type { PersistentVolumeClaimResult } from '../../result';
import { ageOf, type ClusterView, type PersistentVolumeView, type StorageClassView } from './cluster-view';
import { objectMeta, typeOf, type Item } from './items';

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, comma-joined. */
export function accessModesString(modes: string[]): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => modes.includes(mode))
    .map(([, s]) => s)
    .join(',');
}

/** The default class is marked by this annotation (storageutil.IsDefaultAnnotation). */
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export function storageClassItem(view: ClusterView, s: StorageClassView): Item {
  return {
    type: typeOf('storageclasses'),
    namespace: null,
    name: s.name,
    labels: {},
    cells: () => [s.isDefault ? `${s.name} (default)` : s.name, s.provisioner, s.reclaimPolicy, s.volumeBindingMode, String(s.allowVolumeExpansion), ageOf(view, s.createdAt)],
    object: () => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: objectMeta({ name: s.name, createdAt: s.createdAt, annotations: s.isDefault ? { [DEFAULT_CLASS_ANNOTATION]: 'true' } : {} }),
      provisioner: s.provisioner,
      reclaimPolicy: s.reclaimPolicy,
      volumeBindingMode: s.volumeBindingMode,
    }),
  };
}

/** The StatefulSet controller labels a template's claims with the StatefulSet's selector (matchLabels). */
function claimLabels(view: ClusterView, c: PersistentVolumeClaimResult): Record<string, string> {
  return view.result.statefulSets.find((s) => s.namespace === c.namespace && s.name === c.statefulSet)?.selector.matchLabels ?? {};
}

export function persistentVolumeClaimItem(view: ClusterView, c: PersistentVolumeClaimResult): Item {
  const bound = c.volume !== '';
  const labels = claimLabels(view, c);
  return {
    type: typeOf('persistentvolumeclaims'),
    namespace: c.namespace,
    name: c.name,
    labels,
    // Capacity and access modes come from status, which is filled in once the claim is bound.
    cells: (wide) => [c.name, c.status, c.volume, bound ? c.capacity : '', bound ? accessModesString(c.accessModes) : '', c.storageClass, '<unset>', ageOf(view, c.createdAt), ...(wide ? ['Filesystem'] : [])],
    object: () => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: objectMeta({ name: c.name, namespace: c.namespace, createdAt: c.createdAt, labels, extra: { finalizers: ['kubernetes.io/pvc-protection'] } }),
      spec: {
        accessModes: c.accessModes,
        ...(c.capacity ? { resources: { requests: { storage: c.capacity } } } : {}),
        storageClassName: c.storageClass,
        volumeMode: 'Filesystem',
        ...(bound ? { volumeName: c.volume } : {}),
      },
      status: bound ? { accessModes: c.accessModes, capacity: { storage: c.capacity }, phase: c.status } : { phase: c.status },
    }),
  };
}

export function persistentVolumeItem(view: ClusterView, v: PersistentVolumeView): Item {
  const claim = `${v.claim.namespace}/${v.claim.name}`;
  return {
    type: typeOf('persistentvolumes'),
    namespace: null,
    name: v.name,
    labels: {},
    cells: (wide) => [v.name, v.capacity, accessModesString(v.accessModes), 'Delete', 'Bound', claim, v.claim.storageClass, '<unset>', '', ageOf(view, v.createdAt), ...(wide ? ['Filesystem'] : [])],
    object: () => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: objectMeta({ name: v.name, createdAt: v.createdAt, annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }, extra: { finalizers: ['kubernetes.io/pv-protection'] } }),
      spec: {
        accessModes: v.accessModes,
        capacity: { storage: v.capacity },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: v.claim.name, namespace: v.claim.namespace },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: v.claim.storageClass,
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    }),
  };
}
