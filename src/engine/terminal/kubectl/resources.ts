/**
 * Resource types `kubectl get` knows here, with the names, short names and API groups
 * discovery reports for them (`kubectl api-resources` on v1.33).
 */
export interface ResourceType {
  /** Plural resource name, as in URLs and NotFound errors. */
  resource: string;
  singular: string;
  shortNames: string[];
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
}

export const RESOURCE_TYPES: ResourceType[] = [
  { resource: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', version: 'v1', namespaced: true },
  { resource: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', version: 'v1', namespaced: true },
  { resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], kind: 'Endpoints', group: '', version: 'v1', namespaced: true },
  { resource: 'endpointslices', singular: 'endpointslice', shortNames: [], kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true },
  { resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], kind: 'ConfigMap', group: '', version: 'v1', namespaced: true },
  { resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'jobs', singular: 'job', shortNames: [], kind: 'Job', group: 'batch', version: 'v1', namespaced: true },
  { resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], kind: 'PersistentVolumeClaim', group: '', version: 'v1', namespaced: true },
  { resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false },
  { resource: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], kind: 'StorageClass', group: 'storage.k8s.io', version: 'v1', namespaced: false },
  { resource: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1', namespaced: true },
  { resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true },
  { resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false },
  { resource: 'secrets', singular: 'secret', shortNames: [], kind: 'Secret', group: '', version: 'v1', namespaced: true },
  { resource: 'events', singular: 'event', shortNames: ['ev'], kind: 'Event', group: '', version: 'v1', namespaced: true },
  { resource: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', version: 'v1', namespaced: false },
  { resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', version: 'v1', namespaced: false },
];

/**
 * The `all` category on a cluster without custom resources, in discovery order (core group
 * first, then apps, then batch): pods, services, daemonsets, deployments, replicasets,
 * statefulsets, jobs. (ReplicationControllers, HorizontalPodAutoscalers and CronJobs are in
 * the category too but are not simulated.)
 */
export const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs'];

/** Resolves `svc`, `services`, `service`, `deployments.apps`, `deploy.apps`, ... (case-insensitive). */
export function resolveResourceType(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base, ...groupParts] = lower.split('.');
  const group = groupParts.join('.');
  return RESOURCE_TYPES.find((t) => (group === '' || group === t.group) && (t.resource === base || t.singular === base || t.shortNames.includes(base) || t.kind.toLowerCase() === base));
}

/** `services`, `deployments.apps`: how NotFound errors name the resource. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** `service`, `deployment.apps`: the kind prefix of names when several types are printed. */
export function kindPrefix(t: ResourceType): string {
  return (t.group ? `${t.kind}.${t.group}` : t.kind).toLowerCase();
}
