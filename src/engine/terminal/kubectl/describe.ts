/**
 * `kubectl describe` for Pods, Services and Endpoints (staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go: describePod, describeService, describeEndpoints). Text is written as
 * tab-separated cells and aligned by the describe tabwriter (padding 2), as upstream's
 * tabbedString does. Events are not simulated: every object ends with `Events: <none>`.
 */
import type { ServiceResult } from '../../result';
import { compareStrings } from '../../util/compare';
import { formatLabels } from '../../util/labels';
import { SeededRandom } from '../../util/rand';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import type { CommandOutput } from '../text-tools';
import type { ClusterView, PodView } from './cluster-view';
import { readyAddressesByPort } from './cluster-view';
import { ENDPOINTS_WARNING } from './get';
import { endpointsLabels, serviceLabels } from './items';
import { qualifiedResource, resolveResourceType } from './resources';
import type { KubectlFlags } from './flags';

/** printLabelsMultiline: `Title:\tk=v`, further pairs on continuation lines, `<none>` when empty. */
function labelsMultiline(title: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort(compareStrings);
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels[k]}\n`).join('');
}

export function kubectlDescribe(view: ClusterView, args: string[], flags: KubectlFlags): CommandOutput {
  if (args.length === 0) return { stdout: '', stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n', exitCode: 1 };
  let [typeName, ...names] = args;
  if (typeName.includes('/')) [typeName, ...names] = [typeName.split('/')[0], typeName.split('/')[1], ...names];
  const t = resolveResourceType(typeName);
  if (!t) return { stdout: '', stderr: `error: the server doesn't have a resource type "${typeName}"\n`, exitCode: 1 };
  if (!['pods', 'services', 'endpoints'].includes(t.resource)) return { stdout: '', stderr: `kube-netlab: kubectl describe ${t.resource} is not simulated yet (pods, services and endpoints are)\n`, exitCode: 1 };
  const inNamespace = (ns: string) => flags.allNamespaces || ns === flags.namespace;
  const stderrPrefix = t.resource === 'endpoints' ? ENDPOINTS_WARNING : '';
  type Target = { name: string; text: () => string };
  let targets: Target[];
  if (t.resource === 'pods') targets = view.pods.filter((p) => inNamespace(p.pod.namespace)).map((p) => ({ name: p.pod.name, text: () => describePod(view, p) }));
  else if (t.resource === 'services') targets = view.services.filter((s) => inNamespace(s.namespace)).map((s) => ({ name: s.name, text: () => describeService(view, s) }));
  else targets = view.endpoints().filter((s) => inNamespace(s.namespace)).map((s) => ({ name: s.name, text: () => describeEndpoints(s) }));

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
  if (chosen.length === 0 && errors.length === 0) return { stdout: '', stderr: `${stderrPrefix}No resources found in ${flags.namespace} namespace.\n`, exitCode: 0 };
  // describe separates objects with a blank line (DescribeOptions.Run prints "\n\n" between them).
  const stdout = chosen.map((c) => c.text()).join('\n\n');
  return { stdout, stderr: stderrPrefix + errors.join(''), exitCode: errors.length > 0 ? 1 : 0 };
}

function describeService(view: ClusterView, svc: ServiceResult): string {
  let s = `Name:\t${svc.name}\nNamespace:\t${svc.namespace}\n`;
  s += labelsMultiline('Labels', serviceLabels(svc));
  s += 'Annotations:\t<none>\n';
  s += `Selector:\t${formatLabels(svc.selector ?? {})}\n`;
  s += `Type:\t${svc.type}\n`;
  if (svc.type !== 'ExternalName') {
    s += 'IP Family Policy:\tSingleStack\nIP Families:\tIPv4\n';
    s += `IP:\t${svc.clusterIP ?? ''}\nIPs:\t${svc.clusterIP ?? '<none>'}\n`;
  } else {
    s += 'IP Families:\t<none>\nIP:\t\nIPs:\t<none>\n';
    s += `External Name:\t${svc.externalName ?? ''}\n`;
  }
  // Endpoints come from the Service's EndpointSlices; none exist for ExternalName or selector-less Services.
  const hasSlices = svc.type !== 'ExternalName' && (svc.selector !== null || svc.endpoints.length > 0);
  for (const p of svc.ports) {
    const name = p.name || '<unset>';
    s += `Port:\t${name}\t${p.port}/${p.protocol}\n`;
    s += `TargetPort:\t${p.targetPort}/${p.protocol}\n`;
    if (p.nodePort) s += `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`;
    s += `Endpoints:\t${hasSlices ? endpointSliceAddresses(svc, p.name) : '<none>'}\n`;
  }
  s += 'Session Affinity:\tNone\n';
  if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') s += 'External Traffic Policy:\tCluster\n';
  if (svc.type !== 'ExternalName') s += 'Internal Traffic Policy:\tCluster\n';
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

/** formatEndpointSlices for one port name: ready `ip:port`, at most three, then ` + N more...`. */
function endpointSliceAddresses(svc: ServiceResult, portName: string): string {
  const list = svc.endpoints.filter((e) => e.portName === portName && e.ready).map((e) => `${e.ip}:${e.port}`);
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

function describeEndpoints(svc: ServiceResult): string {
  let s = `Name:\t${svc.name}\nNamespace:\t${svc.namespace}\n`;
  s += labelsMultiline('Labels', endpointsLabels(svc));
  s += 'Annotations:\t<none>\n';
  s += 'Subsets:\n';
  const groups = readyAddressesByPort(svc.endpoints);
  if (groups.length > 0) {
    s += `  Addresses:\t${groups[0].ready.join(',') || '<none>'}\n`;
    s += `  NotReadyAddresses:\t${groups[0].notReady.join(',') || '<none>'}\n`;
    s += '  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n';
    for (const g of groups) s += `    ${g.port.name || '<unset>'}\t${g.port.port}\t${g.port.protocol}\n`;
    s += '\n';
  }
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

function describePod(view: ClusterView, p: PodView): string {
  const pod = p.pod;
  const node = view.result.cluster.nodes.find((n) => n.name === pod.nodeName);
  let s = `Name:\t${pod.name}\nNamespace:\t${pod.namespace}\nPriority:\t0\nService Account:\tdefault\n`;
  s += pod.nodeName ? `Node:\t${pod.nodeName}/${node?.internalIP ?? ''}\n` : 'Node:\t<none>\n';
  s += labelsMultiline('Labels', pod.labels);
  s += 'Annotations:\t<none>\n';
  s += `Status:\t${pod.phase}\n`;
  s += `IP:\t${pod.ip ?? ''}\n`;
  s += pod.ip ? `IPs:\n  IP:\t${pod.ip}\n` : 'IPs:\t<none>\n';
  if (pod.ownerKind && pod.ownerKind !== 'Node') s += `Controlled By:\t${pod.ownerKind}/${pod.ownerName}\n`;
  // The ServiceAccount admission plugin mounts a projected token volume named kube-api-access-<5 random>.
  const volume = `kube-api-access-${new SeededRandom(`kube-api-access/${pod.namespace}/${pod.name}`).string(5)}`;
  s += 'Containers:\n';
  const running = pod.phase === 'Running';
  for (const c of p.containers) {
    s += `  ${c.name || '<unknown>'}:\n`;
    s += `    Image:\t${c.image || '<unknown>'}\n`;
    const ports = c.ports.map((x) => `${x.containerPort}/${x.protocol}`);
    const hostPorts = c.ports.map((x) => `${pod.hostNetwork ? x.containerPort : 0}/${x.protocol}`);
    s += ports.length > 1 ? `    Ports:\t${ports.join(', ')}\n` : `    Port:\t${ports[0] ?? '<none>'}\n`;
    s += hostPorts.length > 1 ? `    Host Ports:\t${hostPorts.join(', ')}\n` : `    Host Port:\t${hostPorts[0] ?? '<none>'}\n`;
    if (running) s += '    State:\tRunning\n';
    else if (pod.nodeName) s += '    State:\tWaiting\n      Reason:\tContainerCreating\n';
    s += `    Ready:\t${pod.ready ? 'True' : 'False'}\n`;
    s += `    Restart Count:\t${p.restarts}\n`;
    s += '    Environment:\t<none>\n';
    s += `    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)\n`;
  }
  // Conditions in the order the kubelet reports them (v1.33); an unschedulable Pod only has PodScheduled=False.
  s += 'Conditions:\n  Type\tStatus\n';
  if (!pod.nodeName) s += '  PodScheduled \tFalse \n';
  else {
    const started = pod.ip !== null;
    const ready = pod.ready ? 'True' : 'False';
    s += `  PodReadyToStartContainers \t${started ? 'True' : 'False'} \n  Initialized \tTrue \n  Ready \t${ready} \n  ContainersReady \t${ready} \n  PodScheduled \tTrue \n`;
  }
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
