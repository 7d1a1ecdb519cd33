/**
 * Ingress controllers are ordinary workloads: a scenario installs ingress-nginx with its
 * manifests (kind's `deploy/static/provider/kind/deploy.yaml`), and the controller is
 * recognised here from its Pods: a container running `/nginx-ingress-controller` (or the
 * `ingress-nginx/controller` image), configured by its flags (ingress-nginx
 * `pkg/flags/flags.go`): `--controller-class`, `--ingress-class`,
 * `--watch-ingress-without-class`, `--ingress-class-by-name`, `--publish-status-address`,
 * `--publish-service`, `--default-backend-service`, `--watch-namespace`.
 *
 * The status address (ingress-nginx `internal/ingress/status`): `--publish-status-address`
 * (an IP, else a hostname; kind's deploy says `localhost`), else the `--publish-service`
 * Service's address (statusAddressFromService: LoadBalancer ingress + externalIPs,
 * ExternalName, a NodePort's externalIPs, else the ClusterIP), else the nodes its ready Pods run on (InternalIP: kind nodes have no ExternalIP). Only a
 * running controller (a ready Pod, the elected leader) writes status.
 */
import type { Container, Pod } from '../model';
import type { IngressControllerResult, LoadBalancerIngressResult } from '../result';
import { parseIPv4 } from '../cluster/cidr';
import { matchesSelector } from '../util/labels';
import { compareBy, compareStrings } from '../util/compare';
import { groupBy } from '../util/group';
import { nodeByName, type ClusterState, type PodState } from '../state';

export const INGRESS_NGINX = 'ingress-nginx';
/** ingress-nginx's defaults for `--controller-class` and `--ingress-class`. */
export const DEFAULT_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const DEFAULT_INGRESS_CLASS = 'nginx';

/** Parses Go pflag long flags: `--name=value`, `--name value`, bare booleans. */
export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-') && !BOOL_FLAGS.has(a.slice(2))) flags.set(a.slice(2), argv[++i]);
    else flags.set(a.slice(2), 'true');
  }
  return flags;
}

const BOOL_FLAGS = new Set(['watch-ingress-without-class', 'ingress-class-by-name', 'update-status', 'enable-ssl-passthrough', 'report-node-internal-ip-address']);

/** The ingress-nginx container of a Pod, if it runs one. */
function ingressNginxContainer(pod: Pod): Container | undefined {
  return pod.spec.containers.find((c) => [...(c.command ?? []), ...(c.args ?? [])].some((a) => a === '/nginx-ingress-controller' || a.endsWith('/nginx-ingress-controller')) || /(^|\/)ingress-nginx\/controller(:|@|$)/.test(c.image ?? ''));
}

/** Pods of NGINX Inc's controller (a different project, `nginx/nginx-ingress`), which the simulator does not model. */
export function isNginxIncController(pod: Pod): boolean {
  return pod.spec.containers.some((c) => /(^|\/)nginx\/nginx-ingress(:|@|$)/.test(c.image ?? ''));
}

/** `$(POD_NAMESPACE)` as kind's and the Helm chart's manifests use it (env from `metadata.namespace`). */
function expand(value: string, pod: Pod): string {
  return value.replace(/\$\(POD_NAMESPACE\)/g, pod.meta.namespace).replace(/\$\(POD_NAME\)/g, pod.meta.name);
}

/** The workload a Pod belongs to: its Deployment (through the ReplicaSet), DaemonSet, ..., or itself. */
function workloadOf(state: ClusterState, s: PodState): { kind: string; name: string } {
  const owner = s.pod.owner;
  if (!owner) return { kind: 'Pod', name: s.pod.meta.name };
  if (owner.kind === 'ReplicaSet') {
    const rs = state.replicaSets.get(`${s.pod.meta.namespace}/${owner.name}`);
    if (rs?.deployment) return { kind: 'Deployment', name: rs.deployment };
  }
  return owner;
}

/** Every ingress-nginx installation among the Pods, one per workload. */
export function discoverIngressControllers(state: ClusterState): IngressControllerResult[] {
  const pods = [...state.pods.values()].filter((s) => !s.terminating && ingressNginxContainer(s.pod));
  const byWorkload = groupBy(pods, (s) => {
    const w = workloadOf(state, s);
    return `${s.pod.meta.namespace}\u0000${w.kind}\u0000${w.name}`;
  });
  const controllers: IngressControllerResult[] = [];
  for (const [key, members] of byWorkload) {
    const [namespace, kind, name] = key.split('\u0000');
    members.sort((a, b) => compareStrings(a.pod.meta.name, b.pod.meta.name));
    const first = members[0].pod;
    const container = ingressNginxContainer(first)!;
    const flags = parseFlags([...(container.command ?? []), ...(container.args ?? [])].map((a) => expand(a, first)));
    const flag = (n: string) => flags.get(n);
    const controller: IngressControllerResult = {
      namespace,
      name,
      kind,
      implementation: INGRESS_NGINX,
      controllerClass: flag('controller-class') ?? DEFAULT_CONTROLLER_CLASS,
      ingressClass: flag('ingress-class') ?? DEFAULT_INGRESS_CLASS,
      watchIngressWithoutClass: flag('watch-ingress-without-class') === 'true',
      ingressClassByName: flag('ingress-class-by-name') === 'true',
      ...(flag('publish-status-address') ? { publishStatusAddress: flag('publish-status-address') } : {}),
      ...(flag('publish-service') ? { publishService: flag('publish-service') } : {}),
      ...(flag('default-backend-service') ? { defaultBackendService: flag('default-backend-service') } : {}),
      ...(flag('watch-namespace') ? { watchNamespace: flag('watch-namespace') } : {}),
      pods: members.map((s) => ({
        name: s.pod.meta.name,
        ip: s.ip,
        nodeName: s.nodeName,
        ready: s.ready,
        hostPorts: (ingressNginxContainer(s.pod)?.ports ?? []).flatMap((p) => (p.hostPort ? [{ containerPort: p.containerPort, hostPort: p.hostPort, protocol: p.protocol }] : [])),
      })),
      services: servicesSelecting(state, namespace, members),
      address: [],
    };
    controller.address = statusAddress(state, controller);
    controllers.push(controller);
  }
  return controllers.sort(compareBy<IngressControllerResult>((c) => c.namespace, (c) => c.name));
}

function servicesSelecting(state: ClusterState, namespace: string, pods: PodState[]): string[] {
  const out: string[] = [];
  for (const { service } of state.services.values()) {
    if (service.meta.namespace !== namespace || !service.selector || Object.keys(service.selector).length === 0) continue;
    const selector = { matchLabels: service.selector, matchExpressions: [] };
    if (pods.some((p) => matchesSelector(selector, p.pod.meta.labels))) out.push(`${namespace}/${service.meta.name}`);
  }
  return out.sort(compareStrings);
}

/** What ingress-nginx's status sync writes into `status.loadBalancer.ingress`. */
function statusAddress(state: ClusterState, c: IngressControllerResult): LoadBalancerIngressResult[] {
  if (!c.pods.some((p) => p.ready)) return [];
  if (c.publishStatusAddress) {
    return c.publishStatusAddress
      .split(/,\s*/)
      .filter(Boolean)
      .map((a) => (parseIPv4(a) !== null ? { ip: a } : { hostname: a }));
  }
  if (c.publishService) {
    const svc = state.services.get(c.publishService);
    if (!svc) return [];
    const { service } = svc;
    if (service.type === 'ExternalName') return [{ hostname: service.externalName ?? '' }];
    const external = (service.externalIPs ?? []).map((ip) => ({ ip }));
    const lb = (svc.loadBalancerIngress ?? []).map((i) => ({ ...i }));
    if (service.type === 'LoadBalancer') return [...lb, ...external.filter((e) => !lb.some((l) => l.ip === e.ip))];
    if (service.type === 'NodePort' && external.length) return external;
    return svc.clusterIP ? [{ ip: svc.clusterIP }] : [];
  }
  const ips = new Set<string>();
  // Only Running and Ready Pods count (statusSync.runningAddresses).
  for (const p of c.pods.filter((x) => x.ready)) {
    const node = p.nodeName ? nodeByName(state, p.nodeName) : undefined;
    if (node) ips.add(node.internalIP);
  }
  return [...ips].sort(compareStrings).map((ip) => ({ ip }));
}
