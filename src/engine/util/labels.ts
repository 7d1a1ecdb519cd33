/** Labels and selectors (`k8s.io/apimachinery/pkg/labels`), and an index for matching at scale. */
import type { LabelSelector } from '../model';
import { compareStrings } from './compare';

/** Whether `labels` satisfy a full label selector (matchLabels AND every expression). */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  return selector.matchExpressions.every((e) => matchesRequirement(labels, e.key, e.operator, e.values));
}

/** The operators of label and node selector requirements. */
export type RequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** One requirement against a label set, as `labels.Requirement.Matches` decides it. */
export function matchesRequirement(labels: Record<string, string>, key: string, operator: RequirementOperator, values: readonly string[]): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers.
      if (!has || !/^-?\d+$/.test(labels[key]) || !/^-?\d+$/.test(values[0] ?? '')) return false;
      const a = Number(labels[key]);
      const b = Number(values[0]);
      return operator === 'Gt' ? a > b : a < b;
    }
  }
}

/** `app=web,tier=front`, keys sorted, as `labels.SelectorFromSet(...).String()`. */
export function formatLabels(map: Record<string, string>): string {
  return Object.keys(map)
    .sort(compareStrings)
    .map((k) => `${k}=${map[k]}`)
    .join(',');
}

/**
 * labels.Selector String() of a LabelSelector (metav1.LabelSelectorAsSelector, what
 * metav1.FormatLabelSelector prints): requirements sorted by key, `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`; values sorted; '' for the empty selector.
 */
export function formatSelectorString(selector: LabelSelector): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels)) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector.matchExpressions) {
    const values = [...e.values].sort(compareStrings).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** Go's `%#v` of a map[string]string (keys sorted, as fmt prints maps). */
export function formatGoStringMap(map: Record<string, string>): string {
  const entries = Object.keys(map)
    .sort(compareStrings)
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/**
 * Objects indexed by namespace and by `key=value`, so a selector costs the size of its
 * smallest posting list rather than a scan of every object.
 */
export class LabelIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly byNamespace = new Map<string, T[]>();

  constructor(private readonly namespaceOf: (item: T) => string, private readonly labelsOf: (item: T) => Record<string, string>) {}

  add(item: T): void {
    const ns = this.namespaceOf(item);
    push(this.byNamespace, ns, item);
    for (const [k, v] of Object.entries(this.labelsOf(item))) push(this.byPair, pairKey(ns, k, v), item);
  }

  inNamespace(namespace: string): T[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Items of `namespace` carrying `key=value`. */
  withLabel(namespace: string, key: string, value: string): T[] {
    return this.byPair.get(pairKey(namespace, key, value)) ?? [];
  }

  /** Items of `namespace` whose labels contain every pair of `selector` (a Service selector). An empty selector selects nothing. */
  select(namespace: string, selector: Record<string, string>): T[] {
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return [];
    const lists = pairs.map(([k, v]) => this.withLabel(namespace, k, v)).sort((a, b) => a.length - b.length);
    return lists[0].filter((item) => {
      const labels = this.labelsOf(item);
      return pairs.every(([k, v]) => labels[k] === v);
    });
  }

  namespaces(): string[] {
    return [...this.byNamespace.keys()].sort(compareStrings);
  }
}

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
