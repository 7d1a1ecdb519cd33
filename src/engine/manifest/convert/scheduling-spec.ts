/**
 * The scheduling parts of a `v1.PodSpec`: `affinity` (node affinity, Pod affinity and
 * anti-affinity), container `resources.requests`, `readinessGates` — validated with the
 * API server's words (pkg/apis/core/validation: `ValidateNodeSelectorRequirement`,
 * `validatePodAffinityTerm`, `ValidateResourceRequirements`).
 */
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm } from '../../model';
import { parseQuantity, QUANTITY_ERROR } from '../../util/quantity';
import { quote, readInt32, readList, readObject, readString, type ObjectReport } from '../fields';
import { readSelector } from './selector';

const NODE_OPERATORS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];

/** `resources.requests` of a container at `cpath`; quantities validated. */
export function readRequests(r: ObjectReport, container: Record<string, unknown>, cpath: string): Record<string, string> | undefined {
  const resources = readObject(r, container.resources, `${cpath}.resources`, 'Container', 'v1.ResourceRequirements');
  if (!resources) return undefined;
  const raw = readObject(r, resources.requests, `${cpath}.resources.requests`, 'ResourceRequirements', 'v1.ResourceList');
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(raw)) {
    const text = typeof v === 'number' ? String(v) : v;
    if (typeof text !== 'string' || parseQuantity(text) === undefined) {
      r.invalid(`${cpath}.resources.requests[${name}]`, `Invalid value: ${quote(String(text))}: ${QUANTITY_ERROR}`);
      continue;
    }
    if (parseQuantity(text)! < 0) r.invalid(`${cpath}.resources.requests[${name}]`, `Invalid value: ${quote(text)}: must be greater than or equal to 0`);
    out[name] = text;
  }
  return out;
}

/** `spec.affinity` at `path` (`spec.affinity` or `spec.template.spec.affinity`). */
export function readAffinity(r: ObjectReport, value: unknown, path: string): Affinity | undefined {
  const affinity = readObject(r, value, path, 'PodSpec', 'v1.Affinity');
  if (!affinity) return undefined;
  const out: Affinity = { requiredNodeTerms: null, preferredNodeTerms: [], podAffinity: [], podAntiAffinity: [], preferredPodAffinity: [], preferredPodAntiAffinity: [] };
  const nodeAffinity = readObject(r, affinity.nodeAffinity, `${path}.nodeAffinity`, 'Affinity', 'v1.NodeAffinity');
  if (nodeAffinity) {
    const rpath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
    const required = readObject(r, nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, rpath, 'NodeAffinity', 'v1.NodeSelector');
    if (required) {
      const terms = readList(r, required.nodeSelectorTerms, `${rpath}.nodeSelectorTerms`, 'NodeSelector', '[]v1.NodeSelectorTerm') ?? [];
      if (terms.length === 0) r.invalid(`${rpath}.nodeSelectorTerms`, 'Required value: must have at least one node selector term');
      out.requiredNodeTerms = terms.map((t, i) => readNodeSelectorTerm(r, t, `${rpath}.nodeSelectorTerms[${i}]`));
    }
    const ppath = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`;
    (readList(r, nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution, ppath, 'NodeAffinity', '[]v1.PreferredSchedulingTerm') ?? []).forEach((p, i) => {
      const pref = readObject(r, p, `${ppath}[${i}]`, 'NodeAffinity', 'v1.PreferredSchedulingTerm');
      if (!pref) return;
      const weight = readWeight(r, pref.weight, `${ppath}[${i}].weight`, 'PreferredSchedulingTerm');
      out.preferredNodeTerms.push({ weight, term: readNodeSelectorTerm(r, pref.preference, `${ppath}[${i}].preference`) });
    });
  }
  for (const [field, required, preferred] of [
    ['podAffinity', out.podAffinity, out.preferredPodAffinity],
    ['podAntiAffinity', out.podAntiAffinity, out.preferredPodAntiAffinity],
  ] as const) {
    const goType = field === 'podAffinity' ? 'v1.PodAffinity' : 'v1.PodAntiAffinity';
    const goStruct = field === 'podAffinity' ? 'PodAffinity' : 'PodAntiAffinity';
    const section = readObject(r, affinity[field], `${path}.${field}`, 'Affinity', goType);
    if (!section) continue;
    const rpath = `${path}.${field}.requiredDuringSchedulingIgnoredDuringExecution`;
    (readList(r, section.requiredDuringSchedulingIgnoredDuringExecution, rpath, goStruct, '[]v1.PodAffinityTerm') ?? []).forEach((t, i) => {
      const term = readPodAffinityTerm(r, t, `${rpath}[${i}]`);
      if (term) required.push(term);
    });
    const ppath = `${path}.${field}.preferredDuringSchedulingIgnoredDuringExecution`;
    (readList(r, section.preferredDuringSchedulingIgnoredDuringExecution, ppath, goStruct, '[]v1.WeightedPodAffinityTerm') ?? []).forEach((p, i) => {
      const pref = readObject(r, p, `${ppath}[${i}]`, goStruct, 'v1.WeightedPodAffinityTerm');
      if (!pref) return;
      const weight = readWeight(r, pref.weight, `${ppath}[${i}].weight`, 'WeightedPodAffinityTerm');
      const term = readPodAffinityTerm(r, pref.podAffinityTerm, `${ppath}[${i}].podAffinityTerm`);
      if (term) preferred.push({ weight, term });
    });
  }
  return out;
}

/** `spec.readinessGates[].conditionType`. */
export function readReadinessGates(r: ObjectReport, value: unknown, path: string): string[] | undefined {
  const list = readList(r, value, path, 'PodSpec', '[]v1.PodReadinessGate');
  if (!list) return undefined;
  const out: string[] = [];
  list.forEach((g, i) => {
    const gate = readObject(r, g, `${path}[${i}]`, 'PodSpec', 'v1.PodReadinessGate');
    const type = readString(r, gate?.conditionType, `${path}[${i}].conditionType`, 'PodReadinessGate');
    if (gate && !type) r.invalid(`${path}[${i}].conditionType`, 'Required value');
    if (type) out.push(type);
  });
  return out;
}

function readWeight(r: ObjectReport, value: unknown, path: string, goStruct: string): number {
  const weight = readInt32(r, value, path, goStruct) ?? 0;
  // validatePreferredSchedulingTerms / validateWeightedPodAffinityTerms
  if (weight < 1 || weight > 100) r.invalid(path, `Invalid value: ${weight}: must be in the range 1-100`);
  return weight;
}

function readNodeSelectorTerm(r: ObjectReport, value: unknown, path: string): NodeSelectorTerm {
  const term = readObject(r, value, path, 'NodeSelector', 'v1.NodeSelectorTerm') ?? {};
  const read = (field: 'matchExpressions' | 'matchFields'): NodeSelectorRequirement[] =>
    (readList(r, term[field], `${path}.${field}`, 'NodeSelectorTerm', '[]v1.NodeSelectorRequirement') ?? []).flatMap((e, i) => {
      const epath = `${path}.${field}[${i}]`;
      const req = readObject(r, e, epath, 'NodeSelectorTerm', 'v1.NodeSelectorRequirement');
      if (!req) return [];
      const key = readString(r, req.key, `${epath}.key`, 'NodeSelectorRequirement') ?? '';
      const operator = readString(r, req.operator, `${epath}.operator`, 'NodeSelectorRequirement') ?? '';
      const values = (readList(r, req.values, `${epath}.values`, 'NodeSelectorRequirement', '[]string') ?? []).map(String);
      if (!NODE_OPERATORS.includes(operator)) {
        r.invalid(`${epath}.operator`, `Invalid value: ${quote(operator)}: not a valid selector operator`);
        return [];
      }
      // ValidateNodeSelectorRequirement
      if ((operator === 'In' || operator === 'NotIn') && values.length === 0) r.invalid(`${epath}.values`, "Required value: must be specified when `operator` is 'In' or 'NotIn'");
      if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) r.invalid(`${epath}.values`, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
      if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) r.invalid(`${epath}.values`, "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'");
      if (field === 'matchFields' && key !== 'metadata.name') r.invalid(`${epath}.key`, `Invalid value: ${quote(key)}: not a valid field selector key`);
      if (field === 'matchFields' && operator !== 'In' && operator !== 'NotIn') r.invalid(`${epath}.operator`, `Invalid value: ${quote(operator)}: not a valid selector operator`);
      return [{ key, operator: operator as NodeSelectorRequirement['operator'], values }];
    });
  return { matchExpressions: read('matchExpressions'), matchFields: read('matchFields') };
}

function readPodAffinityTerm(r: ObjectReport, value: unknown, path: string): PodAffinityTerm | undefined {
  const term = readObject(r, value, path, 'PodAffinity', 'v1.PodAffinityTerm');
  if (!term) return undefined;
  const topologyKey = readString(r, term.topologyKey, `${path}.topologyKey`, 'PodAffinityTerm') ?? '';
  if (!topologyKey) r.invalid(`${path}.topologyKey`, 'Required value: can not be empty');
  const namespaces = (readList(r, term.namespaces, `${path}.namespaces`, 'PodAffinityTerm', '[]string') ?? []).map(String);
  const labelSelector = readSelector(r, term.labelSelector, `${path}.labelSelector`, 'PodAffinityTerm') ?? null;
  return { labelSelector, namespaces, topologyKey };
}
