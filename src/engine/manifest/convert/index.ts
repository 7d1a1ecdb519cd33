/**
 * Raw documents → the internal model, with the API server's validation on the fields the
 * simulation reads. The common part lives here (List expansion, apiVersion/kind, kind
 * lookup, metadata, name format, duplicates); each kind's fields are read by its
 * converter (registry.ts). An object with an error is left out, as the API server would
 * refuse it; the others go on, so that one bad object does not hide the rest.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../diagnostic';
import type { ModelKind, Origin, Scenario, ScenarioObject } from '../../model';
import { objectKey } from '../../model';
import type { LoadedDocument } from '../load';
import { LOAD_LIMITS } from '../load';
import type { Locator } from '../locate';
import { classifyKind } from '../kinds';
import { isObject, jsonKind, nameErrors, ObjectReport, quote } from '../fields';
import { readMeta } from './meta';
import { converterFor } from './registry';

interface RawObject {
  file: string;
  value: unknown;
  locator: Locator;
}

interface Converted {
  /** `Kind/namespace/name` for API objects; undefined for configuration files (never de-duplicated). */
  key?: string;
  origin: Origin;
  object: ScenarioObject;
}

/** Converts every document; diagnostics go to `sink`. */
export function convertDocuments(documents: LoadedDocument[], sink: Diagnostic[]): Scenario {
  const scenario: Scenario = { objects: [] };
  const seen = new Map<string, { origin: Origin; index: number }>();
  let objectCount = 0;

  for (const raw of documents.flatMap((doc) => expandLists(doc, sink))) {
    if (++objectCount > LOAD_LIMITS.maxObjects) {
      const pos = raw.locator.locate();
      sink.push({ severity: 'error', message: `too many objects: the simulator reads at most ${LOAD_LIMITS.maxObjects}; the rest are ignored`, file: raw.file, line: pos.line, column: pos.column });
      break;
    }
    const converted = convertObject(raw, sink);
    if (!converted) continue;
    const previous = converted.key ? seen.get(converted.key) : undefined;
    if (previous) {
      const where = previous.origin.locate();
      const pos = converted.origin.locate();
      sink.push({
        severity: 'warning',
        message: `${converted.origin.label} is defined twice; this definition replaces the one at ${previous.origin.file}:${where.line} (kubectl apply updates the object in place)`,
        file: converted.origin.file,
        line: pos.line,
        column: pos.column,
        object: converted.origin.label,
      });
      // Replaced in place: the object keeps its first apply position.
      scenario.objects[previous.index] = converted.object;
      seen.set(converted.key!, { origin: converted.origin, index: previous.index });
      continue;
    }
    if (converted.key) seen.set(converted.key, { origin: converted.origin, index: scenario.objects.length });
    scenario.objects.push(converted.object);
  }
  return scenario;
}

/** `kind: List` (and `PodList`, ... as `kubectl get -o yaml` prints) → its items. */
function expandLists(doc: LoadedDocument, sink: Diagnostic[]): RawObject[] {
  const v = doc.value;
  if (isObject(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && 'items' in v) {
    if (!Array.isArray(v.items)) {
      const pos = doc.locator.locate('items');
      sink.push({ severity: 'error', message: `${v.kind}: items must be a list, got ${jsonKind(v.items)}`, path: 'items', file: doc.file, line: pos.line, column: pos.column });
      return [];
    }
    const itemsNode = isMap(doc.root) ? doc.root.get('items', true) : undefined;
    return v.items.map((item, i) => ({
      file: doc.file,
      value: item,
      locator: doc.locator.child(isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? null) : null),
    }));
  }
  return [{ file: doc.file, value: v, locator: doc.locator }];
}

/** Cluster-scoped kinds (no namespace in labels and keys), as the API server serves them. */
function isClusterScoped(kind: string): boolean {
  const converter = converterFor(kind);
  if (converter) return converter.scope !== 'Namespaced';
  return kind === 'Namespace' || kind === 'Node' || kind.startsWith('Cluster') || kind === 'PersistentVolume' || kind === 'StorageClass' || kind === 'IngressClass' || kind === 'PriorityClass' || kind === 'CustomResourceDefinition';
}

function convertObject(object: RawObject, sink: Diagnostic[]): Converted | undefined {
  const { value, file, locator } = object;
  const at = (path?: string) => {
    const pos = locator.locate(path);
    return { file, line: pos.line, column: pos.column };
  };
  if (!isObject(value)) {
    sink.push({ severity: 'error', message: `expected a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${jsonKind(value)}`, ...at() });
    return undefined;
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    const missing = [typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion not set' : '', typeof kind !== 'string' || kind === '' ? 'kind not set' : ''].filter(Boolean);
    sink.push({ severity: 'error', message: `error validating data: [${missing.join(', ')}]`, path: typeof kind !== 'string' ? 'kind' : 'apiVersion', ...at(typeof kind !== 'string' ? 'kind' : 'apiVersion') });
    return undefined;
  }

  const converter = converterFor(kind);
  const configFile = converter?.scope === 'Config';
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = configFile ? (typeof value.name === 'string' ? value.name : '') : typeof metadata.name === 'string' ? metadata.name : '';
  const clusterScoped = isClusterScoped(kind);
  const namespace = clusterScoped ? '' : typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  const label = configFile ? `${kind}${name ? ` ${name}` : ''}` : `${kind} ${clusterScoped ? '' : `${namespace}/`}${name || '<no name>'}`;
  const origin: Origin = { file, label, locate: (path?: string) => locator.locate(path), has: (path: string) => locator.has(path) };

  const klass = classifyKind(apiVersion, kind);
  if (klass.class === 'unknown' || klass.class === 'wrong-version') {
    const hint = klass.class === 'wrong-version' ? `${kind} is served as apiVersion ${klass.served}` : klass.suggestion ? `did you mean kind: ${klass.suggestion}?` : 'install the CustomResourceDefinition first, or check the spelling of kind and apiVersion';
    sink.push({
      severity: 'error',
      message: `resource mapping not found for name: ${quote(name)} namespace: ${quote(clusterScoped ? '' : namespace)} from ${quote(file)}: no matches for kind ${quote(kind)} in version ${quote(apiVersion)}`,
      path: klass.class === 'wrong-version' ? 'apiVersion' : 'kind',
      ...at(klass.class === 'wrong-version' ? 'apiVersion' : 'kind'),
      object: label,
      hint,
    });
    return undefined;
  }
  if (klass.class === 'recognised' || !converter) {
    sink.push({ severity: 'info', message: `${kind} is not simulated yet; ${label} is accepted but has no effect on the results`, ...at('kind'), object: label });
    return undefined;
  }

  const r = new ObjectReport(sink, origin, kind, apiVersion, name);
  const meta = configFile ? { namespace: '', name, labels: {} } : readMeta(r, value, clusterScoped);
  if (!meta || r.failed) return undefined;
  if (converter.nameFormat) for (const e of nameErrors(meta.name, converter.nameFormat)) r.invalid('metadata.name', `Invalid value: ${quote(meta.name)}: ${e}`);
  const model = converter.convert({ r, value, apiVersion, meta, rawMetadata: metadata, origin });
  if (!model || r.failed) return undefined;
  return {
    ...(configFile ? {} : { key: objectKey(kind, meta.namespace, meta.name) }),
    origin,
    object: { kind: kind as ModelKind, object: model } as ScenarioObject,
  };
}
