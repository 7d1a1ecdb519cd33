import { parseAllDocuments } from 'yaml';

/** One Kubernetes object of a scenario, identified as kubectl identifies it. */
export interface ManifestObject {
  apiVersion: string | null;
  kind: string;
  namespace: string | null;
  name: string;
  body: Record<string, unknown>;
}

export type ObjectChangeKind = 'added' | 'removed' | 'changed';

export interface ObjectChange {
  change: ObjectChangeKind;
  kind: string;
  namespace: string | null;
  name: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The objects of multi-document YAML (or JSON), with `kind: List` (and `*List`) items
 * expanded as kubectl expands them. Documents that are not objects are skipped; the
 * manifests were syntax-checked when stored.
 */
export function manifestObjects(content: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const add = (value: unknown) => {
    if (!isObject(value)) return;
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach(add);
      return;
    }
    const meta = isObject(value.metadata) ? value.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '';
    out.push({
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : null,
      kind: typeof value.kind === 'string' ? value.kind : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
      name,
      body: value,
    });
  };
  for (const doc of parseAllDocuments(content)) {
    if (doc.errors.length === 0) add(doc.toJS());
  }
  return out;
}

/** JSON with object keys sorted: equal for objects that differ only in key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const keyOf = (o: { kind: string; namespace: string | null; name: string }) => `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`;

/**
 * Which objects (by kind, namespace, name) were added, removed or changed between two
 * versions; a change is any difference in content, key order and formatting aside.
 * Sorted by kind, namespace, name. An object without a namespace is keyed as written (no
 * defaulting to "default"), so moving it into an explicit namespace shows as remove + add.
 */
export function objectChanges(from: string, to: string): ObjectChange[] {
  const before = new Map(manifestObjects(from).map((o) => [keyOf(o), o]));
  const after = new Map(manifestObjects(to).map((o) => [keyOf(o), o]));
  const changes: ObjectChange[] = [];
  const entry = (change: ObjectChangeKind, o: ManifestObject): ObjectChange => ({ change, kind: o.kind, namespace: o.namespace, name: o.name });
  for (const [key, o] of before) {
    const other = after.get(key);
    if (!other) changes.push(entry('removed', o));
    else if (canonical(o.body) !== canonical(other.body)) changes.push(entry('changed', other));
  }
  for (const [key, o] of after) if (!before.has(key)) changes.push(entry('added', o));
  return changes.sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0));
}
