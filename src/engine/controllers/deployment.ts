/**
 * The Deployment controller (pkg/controller/deployment): each Deployment owns a ReplicaSet
 * `<deployment>-<pod-template-hash>` per Pod template it has had; the current one gets
 * `spec.replicas`, older ones are scaled to 0 (the end state of a rollout) and kept as
 * history; a deleted Deployment's ReplicaSets are garbage-collected.
 *
 * pod-template-hash: Kubernetes' `controller.ComputeHash` runs FNV-32a over a Go dump of
 * the Pod template (plus collisionCount) and encodes the decimal uint32 with
 * `rand.SafeEncodeString`. The Go dump cannot be reproduced outside Go, so the simulator
 * hashes the canonical (sorted-key) JSON of the template instead: the same form of hash
 * (1–10 characters of `bcdfghjklmnpqrstvwxz2456789`, in practice of `bcdf456789`),
 * stable for a given template, different when the template changes.
 */
import { canonicalJson } from '../util/canonical-json';
import { sortedRecord } from '../manifest/fields';
import { fnv32a } from '../util/fnv';
import { SeededRandom, safeEncodeString } from '../util/rand';
import { storedOfKind, type ClusterState } from '../state';

/** Longest generateName prefix the API server keeps (`maxNameLength 63 - randomLength 5`). */
const MAX_GENERATED_NAME_BASE = 58;

/** The pod-template-hash label value of a Pod template. */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const text = canonicalJson(template ?? {}) + (collisionCount ? `\u0000${collisionCount}` : '');
  return safeEncodeString(String(fnv32a(text)));
}

/** `names.SimpleNameGenerator`: base truncated to 58 characters, then five random ones. */
export function generateName(base: string, rand: SeededRandom): string {
  return (base.length > MAX_GENERATED_NAME_BASE ? base.slice(0, MAX_GENERATED_NAME_BASE) : base) + rand.string(5);
}

export function deploymentController(state: ClusterState): void {
  const live = new Set<string>();
  for (const entry of storedOfKind(state, 'Deployment')) {
    const d = entry.object;
    const { namespace, name } = d.meta;
    live.add(`${namespace}/${name}`);
    const hash = computePodTemplateHash(d.template.raw);
    const rsName = `${name}-${hash}`;
    const key = `${namespace}/${rsName}`;
    let rs = state.replicaSets.get(key);
    if (!rs) {
      rs = {
        namespace,
        name: rsName,
        deployment: name,
        podTemplateHash: hash,
        replicas: d.replicas,
        createdAt: state.now,
        system: false,
        // Pod name suffixes depend only on this ReplicaSet's identity (and the seed), not on other objects.
        rand: new SeededRandom(`${state.seed}\u0000${namespace}/${rsName}`),
        nextOrdinal: 0,
        applySeq: entry.applySeq,
      };
      state.replicaSets.set(key, rs);
    }
    rs.replicas = d.replicas;
    rs.template = { labels: sortedRecord({ ...d.template.labels, 'pod-template-hash': hash }), spec: d.template.spec };
    rs.labels = sortedRecord({ ...d.template.labels, 'pod-template-hash': hash });
    rs.selector = { matchLabels: sortedRecord({ ...d.selector.matchLabels, 'pod-template-hash': hash }), matchExpressions: d.selector.matchExpressions };
    if (d.origin) rs.origin = d.origin;
    for (const [otherKey, other] of state.replicaSets) if (otherKey !== key && !other.system && other.namespace === namespace && other.deployment === name) other.replicas = 0;
  }
  // ReplicaSets written by hand (deployment '') are the replicaset controller's.
  for (const [key, rs] of state.replicaSets) if (!rs.system && rs.deployment !== '' && !live.has(`${rs.namespace}/${rs.deployment}`)) state.replicaSets.delete(key);
}
