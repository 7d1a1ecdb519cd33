/**
 * The Deployment and ReplicaSet controllers (pkg/controller/deployment, pkg/controller/replicaset)
 * for a Deployment that has just been created: one ReplicaSet `<deployment>-<pod-template-hash>`
 * with `spec.replicas` Pods named by generateName `<replicaset>-` plus five random characters.
 *
 * pod-template-hash: Kubernetes' `controller.ComputeHash` runs FNV-32a over a Go dump of
 * the Pod template (plus collisionCount) and encodes the decimal uint32 with
 * `rand.SafeEncodeString`. The Go dump cannot be reproduced outside Go, so the simulator
 * hashes the canonical (sorted-key) JSON of the template instead: the same form of hash
 * (1–10 characters of `bcdfghjklmnpqrstvwxz2456789`, in practice of `bcdf456789`),
 * stable for a given template, different when the template changes.
 */
import type { Deployment, Pod } from '../model';
import { canonicalJson } from '../util/canonical-json';
import { fnv32a } from '../util/fnv';
import { SeededRandom, safeEncodeString } from '../util/rand';

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

export interface ExpandedDeployment {
  replicaSet: { namespace: string; name: string; deployment: string; podTemplateHash: string; replicas: number };
  pods: Pod[];
}

/**
 * The ReplicaSet and Pods of `deployment`. Pod name suffixes come from a generator seeded
 * by `seed` and the ReplicaSet's namespace/name, so they depend only on this Deployment's
 * template and name; `taken` holds names already used in the namespace (a clash draws again,
 * as the controller retries on AlreadyExists).
 */
export function expandDeployment(deployment: Deployment, seed: string, taken: Set<string>, maxPods: number): ExpandedDeployment {
  const hash = computePodTemplateHash(deployment.template.raw);
  const { namespace, name } = deployment.meta;
  const rsName = `${name}-${hash}`;
  const rand = new SeededRandom(`${seed}\u0000${namespace}/${rsName}`);
  const replicas = Math.min(deployment.replicas, maxPods);
  const pods: Pod[] = [];
  for (let i = 0; i < replicas; i++) {
    let podName = generateName(`${rsName}-`, rand);
    while (taken.has(`${namespace}/${podName}`)) podName = generateName(`${rsName}-`, rand);
    taken.add(`${namespace}/${podName}`);
    pods.push({
      meta: { namespace, name: podName, labels: sortRecord({ ...deployment.template.labels, 'pod-template-hash': hash }) },
      spec: deployment.template.spec,
      status: {},
      owner: { kind: 'ReplicaSet', name: rsName },
      ...(deployment.origin ? { origin: deployment.origin } : {}),
    });
  }
  return { replicaSet: { namespace, name: rsName, deployment: name, podTemplateHash: hash, replicas: deployment.replicas }, pods };
}

function sortRecord(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(map).sort()) out[k] = map[k];
  return out;
}
