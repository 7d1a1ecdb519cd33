/**
 * `kubectl describe` (staging/src/k8s.io/kubectl/pkg/describe/describe.go, v1.33) for Pods,
 * Services, Endpoints, Deployments, ReplicaSets, StatefulSets, DaemonSets and Nodes. Text
 * is written as tab-separated cells and aligned by the describe tabwriter (padding 2), as
 * upstream's tabbedString does. Events are not simulated: every object ends with
 * `Events: <none>`.
 */
import type { EndpointsResult, ServiceResult } from '../../result';
import { formatLabels } from '../../util/labels';
import { SeededRandom } from '../../util/rand';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import { rfc1123z } from '../timestamps';
import type { CommandOutput } from '../text-tools';
import type { ClusterView, PodView } from './cluster-view';
import { describeIngress, describeIngressClass } from './describe-ingress';
import { describeNode } from './describe-node';
import { describeNetworkPolicy } from './network-policy-items';
import { annotationsMultiline, containerPortLines, labelsMultiline } from './describe-text';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './describe-workloads';
import { ENDPOINTS_WARNING } from './get';
import { qualifiedResource, resolveResourceType } from './resources';
import type { KubectlFlags } from './flags';
import { describeConfigMap } from './configmap-items';

/** Resource types describe knows here. */
const DESCRIBABLE = ['pods', 'services', 'endpoints', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'nodes', 'networkpolicies', 'ingresses', 'ingressclasses'];

export function kubectlDescribe(view: ClusterView, args: string[], flags: KubectlFlags): CommandOutput {
  if (args.length === 0) return { stdout: '', stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n', exitCode: 1 };
  let [typeName, ...names] = args;
  if (typeName.includes('/')) [typeName, ...names] = [typeName.split('/')[0], typeName.split('/')[1], ...names];
  const t = resolveResourceType(typeName);
  if (!t) return { stdout: '', stderr: `error: the server doesn't have a resource type "${typeName}"\n`, exitCode: 1 };
  if (!DESCRIBABLE.includes(t.resource) && t.resource !== 'configmaps') return { stdout: '', stderr: `kube-netlab: kubectl describe ${t.resource} is not simulated yet (${DESCRIBABLE.join(', ')} are)\n`, exitCode: 1 };
  const inNamespace = (ns: string | null) => ns === null || flags.allNamespaces || ns === flags.namespace;
  const stderrPrefix = t.resource === 'endpoints' ? ENDPOINTS_WARNING : '';
  type Target = { name: string; text: () => string };
  let targets: Target[];
  const workloads = (list: ReturnType<ClusterView['deployments']>, describe: (w: (typeof list)[number]) => string): Target[] => list.filter((w) => inNamespace(w.namespace)).map((w) => ({ name: w.name, text: () => describe(w) }));
  switch (t.resource) {
    case 'pods':
      targets = view.pods.filter((p) => inNamespace(p.pod.namespace)).map((p) => ({ name: p.pod.name, text: () => describePod(view, p) }));
      break;
    case 'configmaps':
      targets = (view.result.configMaps ?? []).filter((c) => inNamespace(c.namespace)).map((c) => ({ name: c.name, text: () => describeConfigMap(c) }));
      break;
    case 'services':
      targets = view.services.filter((s) => inNamespace(s.namespace)).map((s) => ({ name: s.name, text: () => describeService(view, s) }));
      break;
    case 'endpoints':
      targets = view.endpoints().filter((e) => inNamespace(e.namespace)).map((e) => ({ name: e.name, text: () => describeEndpoints(e) }));
      break;
    case 'deployments':
      targets = workloads(view.deployments(), (w) => describeDeployment(view, w));
      break;
    case 'replicasets':
      targets = workloads(view.replicaSets(), (w) => describeReplicaSet(view, w));
      break;
    case 'statefulsets':
      targets = workloads(view.statefulSets(), (w) => describeStatefulSet(view, w));
      break;
    case 'daemonsets':
      targets = workloads(view.daemonSets(), describeDaemonSet);
      break;
    case 'networkpolicies':
      targets = (view.result.networkPolicies ?? []).filter((p) => inNamespace(p.namespace)).map((p) => ({ name: p.name, text: () => describeNetworkPolicy(p) }));
      break;
    case 'ingresses':
      targets = view.result.ingresses.filter((i) => inNamespace(i.namespace)).map((i) => ({ name: i.name, text: () => describeIngress(view, i) }));
      break;
    case 'ingressclasses':
      targets = view.result.ingressClasses.map((c) => ({ name: c.name, text: () => describeIngressClass(c) }));
      break;
    default:
      targets = view.result.cluster.nodes.map((n) => ({ name: n.name, text: () => describeNode(view, n) }));
  }

  const errors: string[] = [];
  let chosen: Target[];
  if (names.length > 0) {
    chosen = [];
    for (const name of names) {
      // describe also accepts a name prefix (DescribeOptions: a "describe by prefix" fallback).
      const exact = targets.filter((x) => x.name === name);
      const found = exact.length > 0 ? exact : targets.filter((x) => x.name.startsWith(name));
      if (found.length === 0) errors.push(`Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found\n`);
      chosen.push(...found);
    }
  } else chosen = targets;
  if (chosen.length === 0 && errors.length === 0) return { stdout: '', stderr: `${stderrPrefix}${t.namespaced && !flags.allNamespaces ? `No resources found in ${flags.namespace} namespace.` : 'No resources found'}\n`, exitCode: 0 };
  // describe separates objects with a blank line (DescribeOptions.Run prints "\n\n" between them).
  const stdout = chosen.map((c) => c.text()).join('\n\n');
  return { stdout, stderr: stderrPrefix + errors.join(''), exitCode: errors.length > 0 ? 1 : 0 };
}


function describeService(view: ClusterView, svc: ServiceResult): string {
  let s = `Name:\t${svc.name}\nNamespace:\t${svc.namespace}\n`;
  s += labelsMultiline('Labels', svc.labels);
  s += annotationsMultiline('Annotations', svc.annotations);
  // labels.FormatLabels: `<none>` for a Service without selector.
  s += `Selector:\t${formatLabels(svc.selector ?? {}) || '<none>'}\n`;
  s += `Type:\t${svc.type}\n`;
  if (svc.type !== 'ExternalName') {
    s += 'IP Family Policy:\tSingleStack\nIP Families:\tIPv4\n';
    s += `IP:\t${svc.clusterIP ?? ''}\nIPs:\t${svc.clusterIP ?? '<none>'}\n`;
  } else s += 'IP Families:\t<none>\nIP:\t\nIPs:\t<none>\n';
  if (svc.externalIPs.length) s += `External IPs:\t${svc.externalIPs.join(',')}\n`;
  if (svc.externalName) s += `External Name:\t${svc.externalName}\n`;
  // buildIngressString: an IP with its ipMode (defaulted to VIP), else the hostname.
  if (svc.loadBalancerIngress.length) s += `LoadBalancer Ingress:\t${svc.loadBalancerIngress.map((i) => (i.ip ? `${i.ip} (VIP)` : (i.hostname ?? ''))).join(', ')}\n`;
  const slices = view.endpointSlices().filter((e) => e.namespace === svc.namespace && e.service === svc.name);
  for (const p of svc.ports) {
    const name = p.name || '<unset>';
    s += `Port:\t${name}\t${p.port}/${p.protocol}\n`;
    s += `TargetPort:\t${p.targetPort}/${p.protocol}\n`;
    if (p.nodePort) s += `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`;
    s += `Endpoints:\t${formatEndpointSlices(slices, p.name)}\n`;
  }
  s += `Session Affinity:\t${svc.sessionAffinity}\n`;
  if (svc.externalTrafficPolicy) s += `External Traffic Policy:\t${svc.externalTrafficPolicy}\n`;
  if (svc.internalTrafficPolicy) s += `Internal Traffic Policy:\t${svc.internalTrafficPolicy}\n`;
  if (svc.healthCheckNodePort) s += `HealthCheck NodePort:\t${svc.healthCheckNodePort}\n`;
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

/**
 * formatEndpointSlices for one port name: ready (or unset-ready) endpoints as `ip:port`,
 * slice by slice; at most three, then ` + N more...`; `<none>` when the Service has no slices.
 */
export function formatEndpointSlices(slices: ReturnType<ClusterView['endpointSlices']>, portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const slice of slices) {
    const entries = slice.ports.length === 0 ? [{ port: undefined as number | undefined }] : slice.ports.filter((p) => p.name === portName);
    for (const port of entries) {
      for (const e of slice.endpoints) {
        if (e.conditions.ready === false) continue;
        if (list.length < 3) list.push(port.port === undefined ? e.addresses[0] : `${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function describeEndpoints(e: EndpointsResult): string {
  let s = `Name:\t${e.name}\nNamespace:\t${e.namespace}\n`;
  s += labelsMultiline('Labels', e.labels);
  s += annotationsMultiline('Annotations', e.annotations);
  s += 'Subsets:\n';
  for (const ss of e.subsets) {
    s += `  Addresses:\t${ss.addresses.map((a) => a.ip).join(',') || '<none>'}\n`;
    s += `  NotReadyAddresses:\t${ss.notReadyAddresses.map((a) => a.ip).join(',') || '<none>'}\n`;
    if (ss.ports.length) {
      s += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
      for (const p of ss.ports) s += `    ${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`;
    }
    s += '\n';
  }
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

/** A container's state line(s) (describeStatus): Running since the Pod started, Waiting while the sandbox is created, Terminated once a Job's Pod completed. */
function containerState(p: PodView): string {
  const pod = p.pod;
  if (pod.phase === 'Running' && pod.ip !== null) return `    State:\tRunning\n      Started:\t${rfc1123z(p.pod.createdAt)}\n`;
  if (pod.phase === 'Succeeded') return `    State:\tTerminated\n      Reason:\tCompleted\n      Exit Code:\t0\n      Started:\t${rfc1123z(p.pod.createdAt)}\n      Finished:\t${rfc1123z(p.pod.createdAt)}\n`;
  return '    State:\tWaiting\n      Reason:\tContainerCreating\n';
}

/** 64 hex digits, as containerd names a container; seeded by the Pod and container. */
function containerID(p: PodView, container: string): string {
  const r = new SeededRandom(`container-id/${p.pod.namespace}/${p.pod.name}/${container}`);
  let id = '';
  for (let i = 0; i < 64; i++) id += '0123456789abcdef'[r.intn(16)];
  return `containerd://${id}`;
}

/**
 * The image's repo digest as containerd reports it (`docker.io/library/nginx@sha256:...`):
 * the reference normalised as the container runtime does; the digest is seeded (a real one
 * depends on what the registry served).
 */
function imageID(image: string): string {
  if (!image) return '';
  let repo = image.replace(/@.*$/, '');
  const slash = repo.indexOf('/');
  const colon = repo.lastIndexOf(':');
  if (colon > slash) repo = repo.slice(0, colon);
  const first = repo.split('/')[0];
  if (!repo.includes('/')) repo = `docker.io/library/${repo}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') repo = `docker.io/${repo}`;
  const r = new SeededRandom(`image-id/${image}`);
  let digest = '';
  for (let i = 0; i < 64; i++) digest += '0123456789abcdef'[r.intn(16)];
  return `${repo}@sha256:${digest}`;
}

function describePod(view: ClusterView, p: PodView): string {
  const pod = p.pod;
  const node = view.result.cluster.nodes.find((n) => n.name === pod.nodeName);
  let s = `Name:\t${pod.name}\nNamespace:\t${pod.namespace}\nPriority:\t0\nService Account:\tdefault\n`;
  s += pod.nodeName ? `Node:\t${pod.nodeName}/${node?.internalIP ?? ''}\n` : 'Node:\t<none>\n';
  // status.startTime: set by the kubelet when it admits the Pod (the simulator does so as the Pod is bound).
  if (pod.nodeName) s += `Start Time:\t${rfc1123z(p.pod.createdAt)}\n`;
  s += labelsMultiline('Labels', pod.labels);
  s += 'Annotations:\t<none>\n';
  // A deleted Pod's deletionTimestamp is the end of its grace period, still in the future: HumanDuration of a negative age is `<invalid>`.
  s += pod.terminating ? 'Status:\tTerminating (lasts <invalid>)\nTermination Grace Period:\t30s\n' : `Status:\t${pod.phase}\n`;
  s += `IP:\t${pod.ip ?? ''}\n`;
  s += pod.ip ? `IPs:\n  IP:\t${pod.ip}\n` : 'IPs:\t<none>\n';
  if (pod.ownerKind) s += `Controlled By:\t${pod.ownerKind}/${pod.ownerName}\n`;
  // The ServiceAccount admission plugin mounts a projected token volume named kube-api-access-<5 random>.
  const volume = `kube-api-access-${new SeededRandom(`kube-api-access/${pod.namespace}/${pod.name}`).string(5)}`;
  s += 'Containers:\n';
  // Container statuses exist once the kubelet has the Pod (it is bound to a node).
  const hasStatus = pod.nodeName !== null;
  for (const c of p.containers) {
    s += `  ${c.name}:\n`;
    if (hasStatus) s += `    Container ID:\t${pod.ip !== null ? containerID(p, c.name) : ''}\n`;
    s += `    Image:\t${c.image}\n`;
    if (hasStatus) s += `    Image ID:\t${pod.ip !== null ? imageID(c.image) : ''}\n`;
    s += containerPortLines(c, pod.hostNetwork, '    ');
    if (hasStatus) {
      s += containerState(p);
      s += `    Ready:\t${c.ready ? 'True' : 'False'}\n`;
      s += `    Restart Count:\t${p.pod.restarts}\n`;
    }
    s += '    Environment:\t<none>\n';
    s += `    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)\n`;
  }
  // status.conditions in the order the kubelet reports them (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled).
  if (pod.conditions.length) s += `Conditions:\n  Type\tStatus\n${pod.conditions.map((c) => `  ${c.type} \t${c.status} \n`).join('')}`;
  s += `Volumes:\n  ${volume}:\n`;
  s += '    Type:\tProjected (a volume that contains injected data from multiple sources)\n';
  s += '    TokenExpirationSeconds:\t3607\n    ConfigMapName:\tkube-root-ca.crt\n    Optional:\tfalse\n    DownwardAPI:\ttrue\n';
  s += 'QoS Class:\tBestEffort\n';
  s += 'Node-Selectors:\t<none>\n';
  // DefaultTolerationSeconds admission adds these two tolerations to every Pod.
  s += 'Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n';
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}
