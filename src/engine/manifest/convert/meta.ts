/** `metadata`: name, namespace, labels, ownerReferences. */
import type { ObjectMeta, OwnerRef } from '../../model';
import { isObject, nameErrors, quote, readObject, readString, readStringMap, type ObjectReport, type Raw } from '../fields';

export function readMeta(r: ObjectReport, value: Raw, clusterScoped: boolean): ObjectMeta | undefined {
  const metadata = readObject(r, value.metadata, 'metadata', r.kind, 'v1.ObjectMeta');
  const name = readString(r, metadata?.name, 'metadata.name', 'ObjectMeta');
  const namespace = clusterScoped ? '' : readString(r, metadata?.namespace, 'metadata.namespace', 'ObjectMeta');
  const labels = readStringMap(r, metadata?.labels, 'metadata.labels', 'ObjectMeta') ?? {};
  if (!name) {
    r.invalid('metadata.name', 'Required value: name or generateName is required', 'give the object a metadata.name (kubectl apply needs one)');
    return undefined;
  }
  if (namespace) for (const e of nameErrors(namespace, 'dns1123-label')) r.invalid('metadata.namespace', `Invalid value: ${quote(namespace)}: ${e}`);
  return { name, namespace: clusterScoped ? '' : namespace || 'default', labels };
}

/** The controller owner reference (or the first one), as a replayed dump carries it. */
export function readOwner(metadata: Raw): OwnerRef | undefined {
  if (!Array.isArray(metadata.ownerReferences)) return undefined;
  const refs = metadata.ownerReferences.filter(isObject);
  const ref = refs.find((o) => o.controller === true) ?? refs[0];
  return ref && typeof ref.kind === 'string' && typeof ref.name === 'string' ? { kind: ref.kind, name: ref.name } : undefined;
}
