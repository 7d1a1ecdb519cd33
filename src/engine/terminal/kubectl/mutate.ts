/**
 * Mutating kubectl commands against the cluster state (a timeline step runs them):
 * `scale`, `delete`, `label`, `create namespace|deployment`, `run`, `expose`, `set image`,
 * `rollout restart`, and (drain.ts) `cordon`, `uncordon`, `drain`. Each changes what the API
 * server stores and prints what kubectl v1.33 prints (kubectl/pkg/cmd/...: the printer's
 * `<kind>.<group>/<name> <operation>`, delete's `<kind> "<name>" deleted`, errors as
 * `Error from server (NotFound): deployments.apps "x" not found`). Controllers react on the
 * caller's next `reconcile` pass, as they would on a real cluster a moment later.
 *
 * Objects that kubectl builds (`create`, `run`, `expose`) come from the same generators as
 * the terminal's `--dry-run=client` (create.ts) and go through the caller's `adopt`, which
 * converts and validates them like any manifest.
 */
import { applyObjects, deleteObject } from '../../apply';
import { buildResult } from '../../build-result';
import type { Diagnostic } from '../../diagnostic';
import { objectKey, type LabelSelector, type ModelKind, type Pod, type ScenarioObject } from '../../model';
import { namespaceLabelsOf, nodeByName, removePod, type ClusterState, type PodState, type StoredObject } from '../../state';
import { compareStrings } from '../../util/compare';
import { matchesSelector } from '../../util/labels';
import { parseSelector, selectorMatches, SelectorSyntaxError, type Requirement } from '../label-selector';
import { rfc3339 } from '../timestamps';
import { toYaml, type Json } from '../yaml';
import { ClusterView } from './cluster-view';
import { kubectlExpose, kubectlRun } from './create';
import { kubectlCordon, kubectlDrain } from './drain';
import { FlagError, parseKubectlArgs, type ExtraFlags, type KubectlFlags } from './flags';
import { OutputWriter, type MutationOutput } from './mutation-output';
import { kindPrefix, qualifiedResource, resolveResourceType, type ResourceType } from './resources';

export type { MutationOutput } from './mutation-output';

/** What a mutating command needs besides the state. */
export interface MutationContext {
  state: ClusterState;
  /** The kubeconfig context's namespace (used when -n is not given). */
  namespace: string;
  /**
   * Converts objects kubectl built (YAML text of one or more documents) into models, as the
   * API server would decode and validate them. `errors` are the API server's refusals
   * (`The Pod "Web" is invalid: ...`); `diagnostics` are located reports for the step.
   */
  adopt(yaml: string): { objects: ScenarioObject[]; errors: string[]; diagnostics: Diagnostic[] };
}

/** Flags of the mutating subcommands, beyond the common ones flags.ts knows. */
const MUTATING_FLAGS: ExtraFlags = {
  booleans: ['force', 'overwrite', 'ignore-daemonsets', 'delete-emptydir-data', 'all', 'disable-eviction', 'wait', 'record', 'save-config'],
  values: ['grace-period', 'timeout', 'pod-selector', 'skip-wait-for-delete-timeout', 'current-replicas', 'resource-version', 'chunk-size'],
};

/** Subcommands `kubectlMutate` runs. */
export const MUTATING_VERBS = ['scale', 'delete', 'label', 'create', 'run', 'expose', 'set', 'rollout', 'cordon', 'uncordon', 'drain'] as const;

const isTrue = (v: string | true | undefined) => v === true || v === 'true';

/** Runs one mutating kubectl command (argv without `kubectl`). */
export function kubectlMutate(ctx: MutationContext, argv: string[]): MutationOutput {
  const w = new OutputWriter();
  let parsed;
  try {
    parsed = parseKubectlArgs(argv, ctx.namespace, MUTATING_FLAGS);
  } catch (err) {
    if (err instanceof FlagError) return w.fail(`error: ${err.message}\nSee 'kubectl --help' for usage.\n`);
    throw err;
  }
  const { positional, flags } = parsed;
  const [verb, ...args] = positional;
  if (flags.dryRun !== undefined && flags.dryRun !== 'none') return w.fail('error: a timeline step changes the cluster: drop --dry-run (the terminal shows dry runs)\n');
  switch (verb) {
    case 'scale':
      return scale(ctx, w, args, flags);
    case 'delete':
      return del(ctx, w, args, flags);
    case 'label':
      return label(ctx, w, args, flags);
    case 'create':
      return create(ctx, w, args, flags);
    case 'run':
      return run(ctx, w, args, flags);
    case 'expose':
      return expose(ctx, w, args, flags);
    case 'set':
      return setImage(ctx, w, args, flags.namespace);
    case 'rollout':
      return rolloutRestart(ctx, w, args, flags.namespace);
    case 'cordon':
    case 'uncordon':
      return kubectlCordon(ctx.state, w, verb, args);
    case 'drain':
      return kubectlDrain(ctx.state, w, args, { ignoreDaemonSets: isTrue(flags.other.get('ignore-daemonsets')), force: isTrue(flags.other.get('force')), deleteEmptyDirData: isTrue(flags.other.get('delete-emptydir-data')) });
    case undefined:
      return w.fail('error: a timeline step needs a kubectl command, e.g. kubectl scale deployment web --replicas=3\n');
  }
  return w.fail(`error: kubectl ${verb} cannot be a timeline step; steps run ${MUTATING_VERBS.join(', ')}\n`);
}

const notFound = (t: ResourceType, name: string) => `Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found\n`;
const alreadyExists = (t: ResourceType, name: string) => `Error from server (AlreadyExists): ${qualifiedResource(t)} "${name}" already exists\n`;
const typeNotFound = (name: string) => `error: the server doesn't have a resource type "${name}"\n`;

/** `TYPE NAME...` or `TYPE/NAME...`: the targets, or an error text. */
function targets(args: string[]): { type: ResourceType; name: string }[] | { typeOnly: ResourceType } | string {
  if (args.length === 0) return `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`;
  if (args[0].includes('/')) {
    const out: { type: ResourceType; name: string }[] = [];
    for (const a of args) {
      const [typeName, name] = a.split('/');
      if (!name) return `error: arguments in resource/name form must have a single resource and name\n`;
      const type = resolveResourceType(typeName);
      if (!type) return typeNotFound(typeName);
      out.push({ type, name });
    }
    return out;
  }
  const type = resolveResourceType(args[0]);
  if (!type) return typeNotFound(args[0]);
  if (args.length === 1) return { typeOnly: type };
  return args.slice(1).map((name) => ({ type, name }));
}

/** The kind the simulator stores for a resource type (`Deployment`), when it stores it. */
function storedKind(t: ResourceType): ModelKind {
  return t.kind as ModelKind;
}

function storeKey(t: ResourceType, namespace: string, name: string): string {
  return objectKey(t.kind, t.namespaced ? namespace : '', name);
}

/** Replaces a stored object's model, keeping its place in apply order. */
function restore(state: ClusterState, key: string, object: ScenarioObject['object']): void {
  const entry = state.store.get(key);
  if (entry) state.store.set(key, { ...entry, object });
}

// ---------------------------------------------------------------------------- scale

function scale(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const replicasFlag = flags.other.get('replicas');
  const replicas = typeof replicasFlag === 'string' && /^\d+$/.test(replicasFlag) ? Number(replicasFlag) : -1;
  if (replicas < 0) return w.fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
  const list = targets(args);
  if (typeof list === 'string') return w.fail(list);
  if (!Array.isArray(list)) return w.fail('error: resource(s) were provided, but no name was specified\n');
  let exit = 0;
  for (const { type, name } of list) {
    const ns = flags.namespace;
    if (!['deployments', 'replicasets', 'statefulsets'].includes(type.resource)) {
      w.err(notFound(type, name));
      exit = 1;
      continue;
    }
    const key = storeKey(type, ns, name);
    const entry = ctx.state.store.get(key);
    const rs = type.resource === 'replicasets' ? ctx.state.replicaSets.get(`${ns}/${name}`) : undefined;
    if (entry && typeof (entry.object as { replicas?: unknown }).replicas === 'number') {
      restore(ctx.state, key, { ...entry.object, replicas } as ScenarioObject['object']);
    } else if (rs && !rs.system) {
      // A Deployment's ReplicaSet: scaled, then set back by the Deployment controller (its owner decides).
      rs.replicas = replicas;
    } else if (rs?.system || (type.resource === 'deployments' && [...ctx.state.replicaSets.values()].some((r) => r.system && r.namespace === ns && r.deployment === name))) {
      w.err(`error: kube-netlab: scaling kind's own ${type.kind} ${ns}/${name} is not simulated\n`);
      exit = 1;
      continue;
    } else {
      w.err(notFound(type, name));
      exit = 1;
      continue;
    }
    w.out(`${kindPrefix(type)}/${name} scaled\n`);
  }
  return w.done(exit);
}

// ---------------------------------------------------------------------------- delete

interface Deletable {
  type: ResourceType;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** kind's own object (kube-system Pods, default/kubernetes): not deletable here. */
  system: boolean;
}

/** Every object of a type in a namespace (all namespaces for cluster-scoped types), sorted by name. */
function listOf(state: ClusterState, t: ResourceType, namespace: string): Deletable[] {
  const out: Deletable[] = [];
  const inNs = (ns: string) => !t.namespaced || ns === namespace;
  switch (t.resource) {
    case 'pods':
      for (const s of state.pods.values()) if (inNs(s.pod.meta.namespace)) out.push({ type: t, namespace: s.pod.meta.namespace, name: s.pod.meta.name, labels: s.pod.meta.labels, system: s.source.kind === 'system' });
      break;
    case 'services':
      for (const s of state.services.values()) if (inNs(s.service.meta.namespace)) out.push({ type: t, namespace: s.service.meta.namespace, name: s.service.meta.name, labels: s.service.meta.labels, system: s.system });
      break;
    case 'replicasets':
      for (const rs of state.replicaSets.values()) if (inNs(rs.namespace)) out.push({ type: t, namespace: rs.namespace, name: rs.name, labels: rs.template?.labels ?? {}, system: rs.system });
      for (const e of state.store.values()) if (e.kind === 'ReplicaSet') pushStored(e, out, t, inNs);
      break;
    case 'namespaces':
      for (const ns of state.namespaces.values()) out.push({ type: t, namespace: '', name: ns.name, labels: namespaceLabelsOf(ns), system: ns.system });
      break;
    case 'nodes':
      for (const n of state.topology.nodes) out.push({ type: t, namespace: '', name: n.name, labels: n.labels, system: true });
      break;
    default:
      for (const e of state.store.values()) if (e.kind === t.kind) pushStored(e, out, t, inNs);
      if (t.resource === 'deployments')
        for (const rs of state.replicaSets.values())
          if (rs.system && inNs(rs.namespace) && !out.some((d) => d.name === rs.deployment && d.namespace === rs.namespace)) out.push({ type: t, namespace: rs.namespace, name: rs.deployment, labels: {}, system: true });
  }
  const seen = new Set<string>();
  return out
    .filter((d) => {
      const k = `${d.namespace}/${d.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}

function pushStored({ object }: StoredObject, out: Deletable[], t: ResourceType, inNs: (ns: string) => boolean): void {
  if (!('meta' in object)) return;
  const { meta } = object;
  if (inNs(meta.namespace)) out.push({ type: t, namespace: t.namespaced ? meta.namespace : '', name: meta.name, labels: meta.labels, system: false });
}

function del(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const force = isTrue(flags.other.get('force'));
  const grace = flags.other.get('grace-period');
  const immediate = force || grace === '0';
  if (force && grace !== undefined && grace !== '0' && grace !== '1') return w.fail('error: --force and --grace-period greater than 0 cannot be specified together\n');
  const list = targets(args);
  if (typeof list === 'string') return w.fail(list);
  const ns = flags.namespace;
  let victims: Deletable[];
  let exit = 0;
  if (!Array.isArray(list)) {
    const all = isTrue(flags.other.get('all'));
    if (!all && flags.selector === undefined) return w.fail('error: resource(s) were provided, but no name was specified\n');
    let reqs: Requirement[] = [];
    try {
      reqs = parseSelector(flags.selector ?? '');
    } catch (err) {
      if (err instanceof SelectorSyntaxError) return w.fail(`error: ${err.message}\n`);
      throw err;
    }
    victims = listOf(ctx.state, list.typeOnly, ns).filter((d) => selectorMatches(reqs, d.labels));
    if (victims.length === 0) {
      w.out('No resources found\n');
      return w.done(0);
    }
  } else {
    victims = [];
    for (const { type, name } of list) {
      const found = listOf(ctx.state, type, ns).find((d) => d.name === name);
      if (found) victims.push(found);
      else {
        w.err(notFound(type, name));
        exit = 1;
      }
    }
  }
  if (immediate && victims.length > 0) w.warn('Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
  for (const d of victims) {
    const refusal = deleteOne(ctx.state, d);
    if (refusal) {
      w.err(refusal);
      exit = 1;
      continue;
    }
    w.out(`${kindPrefix(d.type)} "${d.name}" ${immediate ? 'force deleted' : 'deleted'}\n`);
  }
  return w.done(exit);
}

/** Deletes one object; an error text when the simulator cannot. */
function deleteOne(state: ClusterState, d: Deletable): string | undefined {
  if (d.type.resource === 'namespaces') {
    // The NamespaceLifecycle admission plugin keeps these (plugin/pkg/admission/namespace/lifecycle).
    if (['default', 'kube-system', 'kube-public'].includes(d.name)) return `Error from server (Forbidden): namespaces "${d.name}" is forbidden: this namespace may not be deleted\n`;
    deleteObject(state, 'Namespace', '', d.name);
    return undefined;
  }
  if (d.type.resource === 'nodes') return `error: kube-netlab: deleting a node is not simulated; drain it, or make it NotReady with a nodeReady step\n`;
  if (d.type.resource === 'pods') {
    const key = `${d.namespace}/${d.name}`;
    // A Pod written as a document is gone with its object; a controller's Pod is replaced on the next pass.
    deleteObject(state, 'Pod', d.namespace, d.name);
    removePod(state, key);
    return undefined;
  }
  // The API server deletes default/kubernetes, and its kubernetes-service controller
  // (pkg/controlplane/controller/kubernetesservice) recreates it at once with the same
  // ClusterIP and endpoints: kubectl reports it deleted, and it is kept here.
  if (d.type.resource === 'services' && d.namespace === 'default' && d.name === 'kubernetes') return undefined;
  if (d.system) return `error: kube-netlab: deleting kind's own ${d.type.kind} ${d.namespace}/${d.name} is not simulated\n`;
  if (d.type.resource === 'replicasets' && !state.store.has(storeKey(d.type, d.namespace, d.name))) {
    state.replicaSets.delete(`${d.namespace}/${d.name}`);
    return undefined;
  }
  deleteObject(state, storedKind(d.type), d.type.namespaced ? d.namespace : '', d.name);
  return undefined;
}

// ---------------------------------------------------------------------------- label

function label(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const overwrite = isTrue(flags.other.get('overwrite'));
  const specs = args.filter((a) => a.includes('=') || a.endsWith('-'));
  const rest = args.filter((a) => !specs.includes(a));
  if (specs.length === 0) return w.fail('error: at least one label update is required\n');
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const s of specs) {
    if (s.includes('=')) {
      const [k, v, ...more] = s.split('=');
      if (more.length > 0 || k === '') return w.fail(`error: invalid label spec: ${s}\n`);
      set[k] = v;
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
  }
  for (const k of remove) if (k in set) return w.fail('error: can not both modify and remove a label in the same command\n');
  const list = targets(rest);
  if (typeof list === 'string') return w.fail(list.startsWith('error: You must provide') ? 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n' : list);
  if (!Array.isArray(list)) return w.fail('error: resource(s) were provided, but no name was specified\n');
  let exit = 0;
  for (const { type, name } of list) {
    const ns = type.namespaced ? flags.namespace : '';
    const current = currentLabels(ctx.state, type, ns, name);
    if (!current) {
      w.err(notFound(type, name));
      exit = 1;
      continue;
    }
    if (!overwrite) {
      const clashes = Object.entries(set)
        .filter(([k, v]) => k in current && current[k] !== v)
        .map(([k]) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
      if (clashes.length > 0) {
        w.err(`error: ${clashes.length === 1 ? clashes[0] : `[${clashes.join(', ')}]`}\n`);
        exit = 1;
        continue;
      }
    }
    const next: Record<string, string> = { ...current, ...set };
    for (const k of remove) delete next[k];
    const sorted = Object.fromEntries(Object.keys(next).sort(compareStrings).map((k) => [k, next[k]]));
    const before = JSON.stringify(current);
    const after = JSON.stringify(sorted);
    // kubectl's updateDataChangeMsg: unchanged → "not labeled"; shorter without --overwrite → "unlabeled".
    const msg = before === after ? 'not labeled' : !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
    if (before !== after) setLabels(ctx.state, type, ns, name, sorted);
    w.out(`${kindPrefix(type)}/${name} ${msg}\n`);
  }
  return w.done(exit);
}

function currentLabels(state: ClusterState, t: ResourceType, ns: string, name: string): Record<string, string> | undefined {
  if (t.resource === 'nodes') return nodeByName(state, name)?.labels;
  if (t.resource === 'pods') return state.pods.get(`${ns}/${name}`)?.pod.meta.labels;
  if (t.resource === 'services') return state.services.get(`${ns}/${name}`)?.service.meta.labels;
  if (t.resource === 'namespaces') return state.namespaces.has(name) ? namespaceLabelsOf(state.namespaces.get(name)!) : undefined;
  const object = state.store.get(storeKey(t, ns, name))?.object;
  return object && 'meta' in object ? object.meta.labels : undefined;
}

function setLabels(state: ClusterState, t: ResourceType, ns: string, name: string, labels: Record<string, string>): void {
  const key = storeKey(t, ns, name);
  const entry = state.store.get(key);
  if (entry && t.resource !== 'namespaces') {
    const o = entry.object as { meta: object };
    restore(state, key, { ...o, meta: { ...o.meta, labels } } as ScenarioObject['object']);
  }
  if (t.resource === 'nodes') {
    const node = nodeByName(state, name)!;
    node.labels = labels;
  } else if (t.resource === 'pods') {
    relabelPod(state, state.pods.get(`${ns}/${name}`)!, labels);
  } else if (t.resource === 'namespaces') {
    // The API server keeps kubernetes.io/metadata.name equal to the name whatever the update says.
    const own = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'kubernetes.io/metadata.name'));
    state.namespaces.get(name)!.labels = own;
    if (entry) restore(state, key, { ...(entry.object as object), labels: own } as ScenarioObject['object']);
  } else if (t.resource === 'services') {
    const s = state.services.get(`${ns}/${name}`)!;
    s.service = { ...s.service, meta: { ...s.service.meta, labels } };
  }
}

/**
 * A Pod whose new labels no longer match its ReplicaSet's selector is orphaned: the
 * ReplicaSet controller releases it (drops the ownerReference) and creates a replacement
 * (pkg/controller/replicaset: ClaimPods / ReleasePod). The orphan lives on as a bare Pod.
 */
function relabelPod(state: ClusterState, s: PodState, labels: Record<string, string>): void {
  const pod: Pod = { ...s.pod, meta: { ...s.pod.meta, labels } };
  s.pod = pod;
  if (s.source.kind !== 'ReplicaSet') return;
  const rs = state.replicaSets.get(s.source.key);
  const owner = rs ? state.store.get(objectKey('Deployment', rs.namespace, rs.deployment)) : undefined;
  const selector = (owner?.object as { selector?: LabelSelector } | undefined)?.selector;
  const matches = rs && selector ? matchesSelector(selector, labels) && labels['pod-template-hash'] === rs.podTemplateHash : true;
  if (matches) return;
  const { owner: _released, ...orphan } = pod;
  s.pod = orphan;
  const key = objectKey('Pod', pod.meta.namespace, pod.meta.name);
  s.source = { kind: 'Pod', key };
  state.store.set(key, { kind: 'Pod', object: orphan, appliedAt: state.now, applySeq: state.nextApplySeq++ });
}

// ---------------------------------------------------------------------------- create, run, expose

const NAMESPACES_TYPE = resolveResourceType('namespaces')!;
const DEPLOYMENTS_TYPE = resolveResourceType('deployments')!;
const PODS_TYPE = resolveResourceType('pods')!;
const SERVICES_TYPE = resolveResourceType('services')!;

function create(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const [what, name] = args;
  if (what === 'namespace' || what === 'ns') {
    if (!name) return w.fail('error: exactly one NAME is required, got 0\n');
    if (ctx.state.namespaces.has(name)) return w.fail(alreadyExists(NAMESPACES_TYPE, name));
    return adoptAndApply(ctx, w, toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), `namespace/${name} created\n`);
  }
  if (what === 'deployment' || what === 'deploy') {
    if (!name) return w.fail('error: exactly one NAME is required, got 0\n');
    const image = flags.other.get('image');
    if (typeof image !== 'string' || image === '') return w.fail('error: required flag(s) "image" not set\n');
    const replicasFlag = flags.other.get('replicas');
    const replicas = typeof replicasFlag === 'string' ? Number(replicasFlag) : 1;
    if (!Number.isInteger(replicas) || replicas < 0) return w.fail(`error: invalid argument "${String(replicasFlag)}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${String(replicasFlag)}": invalid syntax\n`);
    const portFlag = flags.other.get('port');
    const port = typeof portFlag === 'string' ? Number(portFlag) : undefined;
    const ns = flags.namespace;
    if (!ctx.state.namespaces.has(ns)) return w.fail(`error: failed to create deployment: namespaces "${ns}" not found\n`);
    if (ctx.state.store.has(objectKey('Deployment', ns, name))) return w.fail(`error: failed to create deployment: ${qualifiedResource(DEPLOYMENTS_TYPE)} "${name}" already exists\n`);
    const labels = { app: name };
    const container = { name: containerNameFor(image), image, ...(port !== undefined ? { ports: [{ containerPort: port }] } : {}), resources: {} };
    const object: Json = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name, namespace: ns },
      spec: { replicas, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { labels }, spec: { containers: [container] } } },
    };
    return adoptAndApply(ctx, w, toYaml(object), `deployment.apps/${name} created\n`, 'error: failed to create deployment: ');
  }
  return w.fail(`error: kube-netlab: kubectl create ${what ?? ''} is not simulated; timeline steps create namespaces and deployments (or use an apply step)\n`);
}

/** kubectl create deployment's container name: the image's last path segment without tag or digest (create_deployment.go buildPodSpec). */
function containerNameFor(image: string): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0].split('@')[0];
  // sanitizeAndUniquify also appends five random characters after replacing '_' and '.'; a fixed suffix keeps runs repeatable.
  return /[_.]/.test(name) ? `${name.replace(/[_.]/g, '-')}-${'x'.repeat(5)}` : name;
}

function run(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const built = kubectlRun(args, { ...flags, dryRun: 'client', output: 'yaml' }, '');
  if (built.exitCode !== 0) return w.fail(built.stderr);
  const ns = flags.namespace;
  const name = args[0];
  if (ctx.state.store.has(objectKey('Pod', ns, name)) || ctx.state.pods.has(`${ns}/${name}`)) return w.fail(alreadyExists(PODS_TYPE, name));
  const expose = isTrue(flags.other.get('expose'));
  if (expose && ctx.state.services.has(`${ns}/${name}`)) return w.fail(alreadyExists(SERVICES_TYPE, name));
  if (!ctx.state.namespaces.has(ns)) return w.fail(`Error from server (NotFound): namespaces "${ns}" not found\n`);
  return adoptAndApply(ctx, w, withNamespace(built.stdout, ns), `${expose ? `service/${name} created\n` : ''}pod/${name} created\n`);
}

function expose(ctx: MutationContext, w: OutputWriter, args: string[], flags: KubectlFlags): MutationOutput {
  const view = new ClusterView(buildResult(ctx.state));
  const built = kubectlExpose(view, args, { ...flags, dryRun: 'client', output: 'yaml' }, '');
  if (built.exitCode !== 0) return w.fail(built.stderr);
  const nameFlag = flags.other.get('name');
  const target = args[0]?.includes('/') ? args[0].split('/')[1] : args[1];
  const name = typeof nameFlag === 'string' ? nameFlag : target;
  if (ctx.state.services.has(`${flags.namespace}/${name}`)) return w.fail(alreadyExists(SERVICES_TYPE, name));
  return adoptAndApply(ctx, w, withNamespace(built.stdout, flags.namespace), `service/${name} exposed\n`);
}

/** The generators leave metadata.namespace unset (kubectl sends the object to the context's namespace). */
function withNamespace(yaml: string, namespace: string): string {
  return yaml.replace(/^metadata:\n/gm, `metadata:\n  namespace: ${namespace}\n`);
}

function adoptAndApply(ctx: MutationContext, w: OutputWriter, yaml: string, success: string, errorPrefix = ''): MutationOutput {
  const adopted = ctx.adopt(yaml);
  if (adopted.errors.length > 0) return w.fail(adopted.errors.map((e) => `${errorPrefix ? errorPrefix + e.replace(/^The /, '') : e}\n`).join(''));
  applyObjects(ctx.state, adopted.objects);
  w.out(success);
  return w.done(0);
}

// ---------------------------------------------------------------------------- set image, rollout restart

/** `deployment/web` or `deployment web` → the stored Deployment, or an error text. */
function deploymentTarget(ctx: MutationContext, namespace: string, args: string[], usage: string): { key: string; name: string; rest: string[] } | string {
  const [first, ...others] = args;
  let rest = others;
  if (!first) return usage;
  let typeName = first;
  let name: string | undefined;
  if (first.includes('/')) [typeName, name] = first.split('/');
  else [name, ...rest] = rest;
  const type = resolveResourceType(typeName);
  if (!type) return typeNotFound(typeName);
  if (!name) return usage;
  if (type.resource !== 'deployments') return `error: kube-netlab: only Deployments roll out in the simulator (got ${type.kind})\n`;
  const key = objectKey('Deployment', namespace, name);
  if (!ctx.state.store.has(key)) return notFound(type, name);
  return { key, name, rest };
}

type Raw = { [k: string]: unknown };
const asRaw = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});

function setImage(ctx: MutationContext, w: OutputWriter, args: string[], namespace: string): MutationOutput {
  const [sub, ...rest] = args;
  if (sub !== 'image') return w.fail(`error: kube-netlab: kubectl set ${sub ?? ''} is not simulated; timeline steps run set image\n`);
  const target = deploymentTarget(ctx, namespace, rest, 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
  if (typeof target === 'string') return w.fail(target);
  const updates = target.rest.filter((a) => a.includes('='));
  if (updates.length === 0) return w.fail('error: at least one image update is required\n');
  const entry = ctx.state.store.get(target.key)!;
  const d = entry.object as Extract<ScenarioObject, { kind: 'Deployment' }>['object'];
  const raw = JSON.parse(JSON.stringify(d.template.raw ?? {})) as Raw;
  const containers = (asRaw(raw.spec).containers as Raw[] | undefined) ?? [];
  const images = new Map<string, string>();
  for (const u of updates) {
    const [container, image] = u.split('=');
    if (container === '*') for (const c of containers) images.set(String(c.name), image);
    else if (!containers.some((c) => c.name === container)) return w.fail(`error: unable to find container named "${container}"\n`);
    else images.set(container, image);
  }
  for (const c of containers) if (images.has(String(c.name))) c.image = images.get(String(c.name));
  const spec = { ...d.template.spec, containers: d.template.spec.containers.map((c) => (images.has(c.name) ? { ...c, image: images.get(c.name) } : c)) };
  restore(ctx.state, target.key, { ...d, template: { ...d.template, spec, raw } });
  w.out(`deployment.apps/${target.name} image updated\n`);
  return w.done(0);
}

function rolloutRestart(ctx: MutationContext, w: OutputWriter, args: string[], namespace: string): MutationOutput {
  const [sub, ...rest] = args;
  if (sub !== 'restart') return w.fail(`error: kube-netlab: kubectl rollout ${sub ?? ''} is not simulated; timeline steps run rollout restart\n`);
  const target = deploymentTarget(ctx, namespace, rest, 'error: required resource not specified\n');
  if (typeof target === 'string') return w.fail(target);
  const entry = ctx.state.store.get(target.key)!;
  const d = entry.object as Extract<ScenarioObject, { kind: 'Deployment' }>['object'];
  const raw = JSON.parse(JSON.stringify(d.template.raw ?? {})) as Raw;
  // kubectl patches spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] with the time (RFC 3339);
  // the scenario clock stands in for it, so the template (and its hash) changes.
  const metadata = asRaw(raw.metadata);
  metadata.annotations = { ...asRaw(metadata.annotations), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.state.now) };
  raw.metadata = metadata;
  restore(ctx.state, target.key, { ...d, template: { ...d.template, raw } });
  w.out(`deployment.apps/${target.name} restarted\n`);
  return w.done(0);
}
