/**
 * Deterministic scenario generator for the benchmark: N Pods, S Services, K nodes as
 * multi-document YAML of the kind a course platform or a large classroom export would
 * send — namespaces, Deployments with various replica counts, bare Pods, Services with
 * named and numeric targetPorts (some headless, some NodePort, a few multi-port, a few
 * selecting a whole tier, a few selecting nothing), and the cluster's K nodes as a kind
 * Cluster config and/or Node objects.
 *
 * Same options → byte-identical text (seeded generator, no clock).
 *
 * CLI (once `npm run bench` has compiled it):
 *   node node_modules/.cache/kube-netlab-bench/bench/generate.js --pods 100 --services 20 --nodes 4 > scenario.yaml
 */
import { toYamlDocument, type Plain } from './block-yaml';

export type Topology = 'kind' | 'nodes' | 'both' | 'none';
/** `documents`: one object per YAML document; `lists`: one `kind: List` per namespace (as `kubectl get -o yaml` prints). */
export type Layout = 'documents' | 'lists';

export interface ScenarioOptions {
  pods: number;
  services: number;
  nodes: number;
  seed?: number;
  /** Default: one per 500 Pods (at least 1). */
  namespaces?: number;
  /** How the K nodes are described. Default `kind`. */
  topology?: Topology;
  layout?: Layout;
}

export interface ScenarioStats {
  pods: number;
  deployments: number;
  deploymentPods: number;
  barePods: number;
  services: number;
  headless: number;
  nodePort: number;
  multiPort: number;
  namedTargetPorts: number;
  numericTargetPorts: number;
  namespaces: number;
  nodes: number;
  /** YAML documents (what LOAD_LIMITS.maxDocuments counts). */
  documents: number;
  /** Objects after expanding Lists (what LOAD_LIMITS.maxObjects counts). */
  objects: number;
  /** UTF-16 code units (what LOAD_LIMITS.maxChars counts); ASCII here, so also bytes. */
  chars: number;
}

export interface GeneratedScenario {
  text: string;
  stats: ScenarioStats;
}

/** The default size. */
export const DEFAULT_SIZE = { pods: 10_000, services: 2_000, nodes: 100 } as const;

/** `DEFAULT_SIZE` scaled by `factor` (×0.5, ×2, ...). */
export function scaledSize(factor: number): { pods: number; services: number; nodes: number } {
  return {
    pods: Math.round(DEFAULT_SIZE.pods * factor),
    services: Math.round(DEFAULT_SIZE.services * factor),
    nodes: Math.max(1, Math.round(DEFAULT_SIZE.nodes * factor)),
  };
}

/** mulberry32: small, fast, and the same on every platform. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  /** Picks a value by weight: [[value, weight], ...]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((n, [, w]) => n + w, 0);
    let x = this.next() * total;
    for (const [v, w] of table) if ((x -= w) < 0) return v;
    return table[table.length - 1][0];
  }
}

const NAMESPACE_WORDS = ['payments', 'checkout', 'catalog', 'search', 'accounts', 'shipping', 'inventory', 'billing', 'reviews', 'media', 'identity', 'analytics', 'notifications', 'pricing', 'orders', 'support', 'ads', 'recommend', 'loyalty', 'fraud'];
const APP_WORDS_A = ['cart', 'user', 'order', 'price', 'stock', 'image', 'email', 'token', 'quote', 'label', 'audit', 'event', 'feed', 'geo', 'rate', 'score'];
const APP_WORDS_B = ['api', 'web', 'svc', 'worker', 'gateway', 'cache', 'store', 'sync', 'proxy', 'indexer'];
const TIERS = ['frontend', 'backend', 'cache', 'worker', 'api'] as const;
type Tier = (typeof TIERS)[number];
const IMAGES: Record<Tier, string> = {
  frontend: 'nginx:1.27',
  backend: 'ghcr.io/example/backend:2.4.1',
  cache: 'redis:7.4',
  worker: 'ghcr.io/example/worker:1.9.0',
  api: 'ghcr.io/example/api:3.0.2',
};
/** Replica counts and how often each is seen (mean ≈ 7.9). */
const REPLICAS: readonly (readonly [number, number])[] = [[1, 15], [2, 20], [3, 25], [5, 15], [10, 12], [20, 8], [50, 4], [100, 1]];

interface Port {
  name: string;
  containerPort: number;
}

interface App {
  namespace: string;
  name: string;
  tier: Tier;
  /** The main container's ports; the first is the one clients use. */
  ports: Port[];
  kind: 'Deployment' | 'PodGroup';
}

function appPorts(tier: Tier): Port[] {
  switch (tier) {
    case 'cache':
      return [{ name: 'redis', containerPort: 6379 }, { name: 'metrics', containerPort: 9121 }];
    case 'worker':
      return [{ name: 'metrics', containerPort: 9090 }];
    case 'api':
      return [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9000 }, { name: 'metrics', containerPort: 9090 }];
    default:
      return [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }];
  }
}

function podSpec(app: App, rng: Rng): { [key: string]: Plain } {
  const containers: Plain[] = [
    {
      name: app.tier === 'cache' ? 'redis' : 'app',
      image: IMAGES[app.tier],
      ports: app.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' })),
      env: [
        { name: 'APP_NAME', value: app.name },
        { name: 'LOG_LEVEL', value: rng.pick(['info', 'debug', 'warn']) },
      ],
      // 50m each: ~100 Pods per node fit in a kind node's 8 CPUs (100m would stop at 80).
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: app.ports[0].name }, periodSeconds: 10 },
    },
  ];
  if (rng.next() < 0.2) containers.push({ name: 'envoy', image: 'envoyproxy/envoy:v1.31.0', ports: [{ name: 'envoy-admin', containerPort: 15000 }] });
  return {
    ...(rng.next() < 0.1 ? { nodeSelector: { 'kubernetes.io/os': 'linux' } } : {}),
    containers,
  };
}

/** kind's node names: `kind-control-plane`, `kind-worker`, `kind-worker2`, ... */
function nodeName(i: number): string {
  return i === 0 ? 'kind-control-plane' : i === 1 ? 'kind-worker' : `kind-worker${i}`;
}

function nodeObject(i: number): { [key: string]: Plain } {
  const name = nodeName(i);
  const host = i + 2; // docker hands out .2, .3, ... on the kind network (172.18.0.0/16)
  const ip = `172.18.${Math.floor(host / 256)}.${host % 256}`;
  const podCIDR = `10.244.${i}.0/24`;
  const controlPlane = i === 0;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }],
      capacity: { cpu: '8', memory: '16318412Ki', pods: '110' },
      allocatable: { cpu: '8', memory: '16318412Ki', pods: '110' },
    },
  };
}

/** Generates the scenario; deterministic in its options. */
export function generateScenario(options: ScenarioOptions): GeneratedScenario {
  const rng = new Rng(options.seed ?? 1);
  const topology = options.topology ?? 'kind';
  const layout = options.layout ?? 'documents';
  const namespaceCount = Math.max(1, options.namespaces ?? Math.round(options.pods / 500));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) =>
    i < NAMESPACE_WORDS.length ? NAMESPACE_WORDS[i] : `${NAMESPACE_WORDS[i % NAMESPACE_WORDS.length]}-${Math.floor(i / NAMESPACE_WORDS.length) + 1}`,
  );
  const objectsByNamespace = new Map<string, { [key: string]: Plain }[]>(namespaces.map((ns) => [ns, []]));
  const servicesByNamespace = new Map<string, { [key: string]: Plain }[]>(namespaces.map((ns) => [ns, []]));
  const names = new Set<string>();
  const uniqueName = (namespace: string, kind: string, base: string) => {
    let name = base;
    for (let n = 2; names.has(`${kind}/${namespace}/${name}`); n++) name = `${base}-${n}`;
    names.add(`${kind}/${namespace}/${name}`);
    return name;
  };

  const stats: ScenarioStats = {
    pods: options.pods,
    deployments: 0,
    deploymentPods: 0,
    barePods: 0,
    services: 0,
    headless: 0,
    nodePort: 0,
    multiPort: 0,
    namedTargetPorts: 0,
    numericTargetPorts: 0,
    namespaces: namespaceCount,
    nodes: options.nodes,
    documents: 0,
    objects: 0,
    chars: 0,
  };

  // --- Workloads: ~95% of the Pods from Deployments, the rest bare Pods in small groups. ---
  const bare = Math.round(options.pods * 0.05);
  const apps: App[] = [];
  let remaining = options.pods - bare;
  while (remaining > 0) {
    const namespace = rng.pick(namespaces);
    const tier = rng.pick(TIERS);
    const name = uniqueName(namespace, 'app', `${rng.pick(APP_WORDS_A)}-${rng.pick(APP_WORDS_B)}`);
    const replicas = Math.min(remaining, rng.weighted(REPLICAS));
    remaining -= replicas;
    const app: App = { namespace, name, tier, ports: appPorts(tier), kind: 'Deployment' };
    apps.push(app);
    const labels = { app: name, tier, 'app.kubernetes.io/part-of': namespace, version: rng.pick(['v1', 'v2', 'v3']) };
    objectsByNamespace.get(namespace)!.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { app: name, tier } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels }, spec: podSpec(app, rng) },
      },
    });
    stats.deployments++;
    stats.deploymentPods += replicas;
  }
  const groups: App[] = [];
  remaining = bare;
  while (remaining > 0) {
    const namespace = rng.pick(namespaces);
    const tier = rng.pick(TIERS);
    const name = uniqueName(namespace, 'app', `legacy-${rng.pick(APP_WORDS_A)}`);
    const size = Math.min(remaining, rng.pick([1, 1, 1, 2, 3, 5]));
    remaining -= size;
    const group: App = { namespace, name, tier, ports: appPorts(tier), kind: 'PodGroup' };
    groups.push(group);
    for (let j = 0; j < size; j++) {
      objectsByNamespace.get(namespace)!.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: uniqueName(namespace, 'Pod', `${name}-${j}`), namespace, labels: { app: name, tier, role: 'legacy' } },
        spec: podSpec(group, rng),
      });
      stats.barePods++;
    }
  }

  // --- Services: most front one Deployment; some headless, NodePort, multi-port, tier-wide, dangling. ---
  const order = [...apps];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  let nextPrimary = 0;
  type Variant = 'primary' | 'headless' | 'nodeport' | 'metrics' | 'tier' | 'group' | 'dangling';
  const variants: readonly (readonly [Variant, number])[] = [
    ['primary', 55], ['headless', 12], ['nodeport', 10], ['metrics', 10], ['tier', 3], ['group', groups.length > 0 ? 8 : 0], ['dangling', 2],
  ];
  const target = (p: Port, named: boolean) => {
    if (named) stats.namedTargetPorts++;
    else stats.numericTargetPorts++;
    return named ? p.name : p.containerPort;
  };
  for (let i = 0; i < options.services; i++) {
    // Every Deployment gets its primary Service before any gets a second one.
    const variant: Variant = nextPrimary < order.length && i < options.services * 0.55 ? 'primary' : rng.weighted(variants);
    const app = variant === 'primary' ? order[nextPrimary++ % order.length] : variant === 'group' ? rng.pick(groups) : rng.pick(apps);
    const main = app.ports[0];
    const spec: { [key: string]: Plain } = {};
    let base = app.name;
    switch (variant) {
      case 'primary':
      case 'group':
        spec.selector = { app: app.name };
        spec.ports = [{ name: main.name, port: main.name === 'http' ? 80 : main.containerPort, targetPort: target(main, rng.next() < 0.6), protocol: 'TCP' }];
        break;
      case 'headless':
        base = `${app.name}-headless`;
        spec.clusterIP = 'None';
        spec.selector = { app: app.name };
        spec.ports = [{ name: main.name, port: main.containerPort, targetPort: target(main, true) }];
        stats.headless++;
        break;
      case 'nodeport':
        base = `${app.name}-nodeport`;
        spec.type = 'NodePort';
        spec.selector = { app: app.name };
        spec.ports = [{ name: main.name, port: 80, targetPort: target(main, rng.next() < 0.5) }];
        stats.nodePort++;
        break;
      case 'metrics':
        base = `${app.name}-monitor`;
        spec.selector = { app: app.name };
        spec.ports = app.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: target(p, p.name !== 'metrics' || rng.next() < 0.7) }));
        if (app.ports.length > 1) stats.multiPort++;
        break;
      case 'tier':
        base = `${app.tier}-all`;
        spec.selector = { tier: app.tier };
        spec.ports = [{ name: 'metrics', port: 9090, targetPort: target({ name: 'metrics', containerPort: 9090 }, true) }];
        break;
      case 'dangling':
        // A typo'd selector, as students write: the engine explains why nothing matches.
        base = `${app.name}-old`;
        spec.selector = { app: `${app.name}-v0`, tier: app.tier };
        spec.ports = [{ port: 80, targetPort: target(main, false) }];
        break;
    }
    const name = uniqueName(app.namespace, 'Service', base);
    servicesByNamespace.get(app.namespace)!.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: app.namespace, labels: { app: app.name } }, spec });
    stats.services++;
  }

  // --- Cluster description and layout. ---
  const docs: string[] = [];
  const emit = (value: { [key: string]: Plain }, objects: number) => {
    docs.push(toYamlDocument(value));
    stats.documents++;
    stats.objects += objects;
  };
  if (topology === 'kind' || topology === 'both') {
    const nodes: Plain[] = [{ role: 'control-plane' }];
    for (let i = 1; i < options.nodes; i++) nodes.push({ role: 'worker' });
    emit({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes }, 1);
  }
  if (topology === 'nodes' || topology === 'both') {
    const nodes = Array.from({ length: options.nodes }, (_, i) => nodeObject(i));
    if (layout === 'lists') emit({ apiVersion: 'v1', kind: 'List', items: nodes }, nodes.length);
    else for (const n of nodes) emit(n, 1);
  }
  for (const ns of namespaces) {
    emit({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } }, 1);
    const objects = [...objectsByNamespace.get(ns)!, ...servicesByNamespace.get(ns)!];
    if (layout === 'lists') {
      if (objects.length > 0) emit({ apiVersion: 'v1', kind: 'List', items: objects }, objects.length);
    } else for (const o of objects) emit(o, 1);
  }
  const text = `# kube-netlab benchmark scenario: ${options.pods} Pods, ${options.services} Services, ${options.nodes} nodes (seed ${options.seed ?? 1}, ${layout})\n` + docs.join('---\n');
  stats.chars = text.length;
  return { text, stats };
}

function parseArgs(argv: string[]): ScenarioOptions {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (flag: string, fallback: number) => (get(flag) !== undefined ? Number(get(flag)) : fallback);
  const scale = num('--scale', 1);
  const size = scaledSize(scale);
  return {
    pods: num('--pods', size.pods),
    services: num('--services', size.services),
    nodes: num('--nodes', size.nodes),
    seed: num('--seed', 1),
    topology: (get('--topology') as Topology | undefined) ?? 'kind',
    layout: (get('--layout') as Layout | undefined) ?? 'documents',
    ...(get('--namespaces') !== undefined ? { namespaces: num('--namespaces', 1) } : {}),
  };
}

if (require.main === module) {
  const { text, stats } = generateScenario(parseArgs(process.argv.slice(2)));
  process.stdout.write(text);
  process.stderr.write(`${JSON.stringify(stats)}\n`);
}
