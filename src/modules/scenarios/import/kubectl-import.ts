import { parseAllDocuments, stringify } from 'yaml';

/** One field left out of an imported object, named by the object and a field path. */
export interface DroppedField {
  kind: string;
  namespace: string | null;
  name: string;
  path: string;
}

export interface KubectlImport {
  /** Multi-document YAML, one cleaned object per document, in input order. */
  manifests: string;
  objects: number;
  dropped: DroppedField[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Server-populated metadata: the API server sets it, and a replay must not carry it. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'managedFields', 'creationTimestamp', 'generation', 'selfLink'];
/** `kubectl apply` records the applied object here; it is noise in a scenario. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The status fields the engine honours when a dump pins them (see ARCHITECTURE "Honour
 * what the input pins" and the converters in src/engine/manifest/convert): a Pod's
 * podIP, hostIP, phase and Ready-style conditions; a Service's or Ingress's load-balancer
 * ingress; a Node's addresses, allocatable and conditions. Everything else in status is
 * dropped. Conditions keep only type and status, the two fields the engine reads.
 */
const KEPT_STATUS: Record<string, string[]> = {
  Pod: ['podIP', 'hostIP', 'phase', 'conditions'],
  Service: ['loadBalancer'],
  Ingress: ['loadBalancer'],
  Node: ['addresses', 'allocatable', 'conditions'],
};

/**
 * Cleans `kubectl get ... -o yaml` (or `-o json`) output into scenario manifests: a
 * `kind: List` (or `*List`) becomes its items, and each object loses server-side noise.
 * What the engine honours (spec.clusterIP, spec.nodeName, spec.ports[].nodePort, the status
 * fields above) is kept. The input is expected to be syntax-checked already.
 */
export function importKubectlOutput(output: string): KubectlImport {
  const objects: Json[] = [];
  const collect = (value: unknown) => {
    if (!isObject(value)) return;
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) value.items.forEach(collect);
    else objects.push(value);
  };
  for (const doc of parseAllDocuments(output)) if (doc.errors.length === 0) collect(doc.toJS());

  const dropped: DroppedField[] = [];
  const cleaned = objects.map((object) => {
    const meta = isObject(object.metadata) ? object.metadata : {};
    const who = {
      kind: typeof object.kind === 'string' ? object.kind : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : null,
      name: typeof meta.name === 'string' ? meta.name : '',
    };
    const seen = new Set<string>();
    const drop = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      dropped.push({ ...who, path });
    };
    return cleanObject(object, who.kind, drop);
  });
  // kubectl's own layout: sequences not indented under their key, no line folding.
  const manifests = cleaned.map((o) => stringify(o, { indentSeq: false, lineWidth: 0 })).join('---\n');
  return { manifests, objects: cleaned.length, dropped };
}

function cleanObject(object: Json, kind: string, drop: (path: string) => void): Json {
  const out: Json = { ...object };
  if (isObject(object.metadata)) {
    const meta: Json = { ...object.metadata };
    for (const key of SERVER_METADATA) {
      if (key in meta) {
        delete meta[key];
        drop(`metadata.${key}`);
      }
    }
    if (isObject(meta.annotations) && LAST_APPLIED in meta.annotations) {
      const annotations: Json = { ...meta.annotations };
      delete annotations[LAST_APPLIED];
      drop(`metadata.annotations["${LAST_APPLIED}"]`);
      if (Object.keys(annotations).length === 0) delete meta.annotations;
      else meta.annotations = annotations;
    }
    out.metadata = meta;
  }
  if ('status' in object) {
    const status = cleanStatus(object.status, KEPT_STATUS[kind] ?? [], drop);
    if (status) out.status = status;
    else delete out.status;
  }
  return out;
}

function cleanStatus(status: unknown, kept: string[], drop: (path: string) => void): Json | undefined {
  if (!isObject(status)) {
    drop('status');
    return undefined;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(status)) {
    if (!kept.includes(key)) {
      drop(`status.${key}`);
      continue;
    }
    out[key] = key === 'conditions' && Array.isArray(value) ? value.map((c) => trimCondition(c, drop)) : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A condition keeps type and status; the timestamps, reason and message go (reported once per path). */
function trimCondition(condition: unknown, drop: (path: string) => void): unknown {
  if (!isObject(condition)) return condition;
  const { type, status, ...rest } = condition;
  for (const key of Object.keys(rest)) drop(`status.conditions[].${key}`);
  return { type, status };
}
