/** The contract of a per-kind converter (see registry.ts). */
import type { KindModels, ModelKind, ObjectMeta, Origin } from '../../model';
import type { ObjectReport, Raw } from '../fields';

/** What a converter gets: the raw object, its report, and (for API objects) its decoded metadata. */
export interface ConvertContext {
  /** Collects the object's diagnostics; `r.failed` once any error was reported. */
  r: ObjectReport;
  value: Raw;
  apiVersion: string;
  /** Decoded `metadata` for API objects; `{ namespace: '', name: '', labels: {} }` for configuration files. */
  meta: ObjectMeta;
  /** The raw `metadata` mapping ({} when absent), for fields `meta` does not carry (ownerReferences). */
  rawMetadata: Raw;
  origin: Origin;
}

export type NameFormat = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label';

/**
 * Converts one kind. `scope`:
 * - `Namespaced` / `Cluster`: an API object with `metadata.name`, validated with `nameFormat`;
 *   a second definition of the same object replaces the first.
 * - `Config`: a configuration file (kind `Cluster`, kubeadm and component configs) without
 *   `metadata`; every document is kept, in order, and combined by cluster/topology-config.ts.
 */
export interface KindConverter<K extends ModelKind = ModelKind> {
  kind: K;
  /** apiVersions accepted; the first is the one suggested for a wrong version. */
  apiVersions: readonly string[];
  scope: 'Namespaced' | 'Cluster' | 'Config';
  nameFormat?: NameFormat;
  /** The model, or undefined when the object is refused (its errors are in `ctx.r`). */
  convert(ctx: ConvertContext): KindModels[K] | undefined;
}
