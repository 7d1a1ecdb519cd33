/**
 * Internal model: the few fields the simulation reads, converted once from raw
 * manifests (manifest/convert.ts) so that raw objects never travel through the engine.
 */

/** Where an object came from, and how to point at one of its fields. */
export interface Origin {
  file: string;
  /** `Service default/web`. */
  label: string;
  /** 1-based position of a field path (`spec.ports[0].port`), or of the document when absent. */
  locate(path?: string): { line: number; column: number };
  /** Whether the field at `path` is written in the source. */
  has(path: string): boolean;
}

export interface ObjectMeta {
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: string;
}

export interface Container {
  name: string;
  ports: ContainerPort[];
}

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value: string;
  /** '' tolerates every effect. */
  effect: string;
}

export interface Taint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface PodSpec {
  nodeName?: string;
  hostNetwork: boolean;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  containers: Container[];
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface Pod {
  meta: ObjectMeta;
  spec: PodSpec;
  /** Pinned status fields (replayed `kubectl get -o yaml` dumps). */
  status: { podIP?: string; phase?: string; ready?: boolean };
  owner?: OwnerRef;
  origin?: Origin;
}

/** A label selector (`matchLabels` + `matchExpressions`). */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] }[];
}

export interface Deployment {
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: {
    labels: Record<string, string>;
    spec: PodSpec;
    /** The raw `spec.template`, hashed into the pod-template-hash. */
    raw: unknown;
  };
  origin?: Origin;
}

export interface ServicePort {
  /** Index in spec.ports, for field paths. */
  index: number;
  name: string;
  port: number;
  /** As written; undefined when omitted (then it equals `port`). */
  targetPort?: number | string;
  protocol: string;
  nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface Service {
  meta: ObjectMeta;
  type: ServiceType;
  /** Pinned `spec.clusterIP` (or `spec.clusterIPs[0]`), 'None' for headless. */
  clusterIP?: string;
  externalName?: string;
  ports: ServicePort[];
  /** null: no selector, Endpoints are managed by hand. */
  selector: Record<string, string> | null;
  publishNotReadyAddresses: boolean;
  origin?: Origin;
}

export interface Namespace {
  name: string;
  origin?: Origin;
}

/** Everything the scenario declares, after conversion. */
export interface Scenario {
  namespaces: Namespace[];
  pods: Pod[];
  deployments: Deployment[];
  services: Service[];
  /** Order in which the objects were applied (input order): `Kind/namespace/name`. */
  applyOrder: string[];
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
