/**
 * Building blocks of `kubectl describe` text (kubectl/pkg/describe/describe.go, v1.33):
 * multi-line labels and annotations, a Pod template, pod status counts. Output is
 * tab-separated cells for the describe tabwriter.
 */
import { compareStrings } from '../../util/compare';
import { formatLabels } from '../../util/labels';
import type { ContainerView, PodView } from './cluster-view';

/** printLabelsMultilineWithIndent: `Title:\tk=v`, further pairs on `\t`-continuation lines, `<none>` when empty. */
export function labelsMultiline(title: string, labels: Record<string, string>, initialIndent = ''): string {
  const keys = Object.keys(labels).sort(compareStrings);
  if (keys.length === 0) return `${initialIndent}${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${initialIndent}${title}:` : initialIndent}\t${k}=${labels[k]}\n`).join('');
}

/** maxAnnotationLen in describe.go: longer values go on their own line, cut with `...`. */
const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: `key: value` sorted, last-applied-configuration skipped, `<none>` when empty. */
export function annotationsMultiline(title: string, annotations: Record<string, string>): string {
  const keys = Object.keys(annotations)
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(compareStrings);
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys
    .map((k, i) => {
      const lead = i === 0 ? `${title}:\t` : '\t';
      const value = annotations[k].replace(/\n$/, '');
      if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
        return `${lead}${k}:\n${value
          .split('\n')
          .map((s) => `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`)
          .join('')}`;
      }
      return `${lead}${k}: ${value}\n`;
    })
    .join('');
}

/** describeContainerPorts / HostPorts: `80/TCP`, several comma-joined (`Ports:` then). */
export function containerPortLines(c: ContainerView, hostNetwork: boolean, indent: string): string {
  const ports = c.ports.map((x) => `${x.containerPort}/${x.protocol}`).join(', ');
  // A hostNetwork Pod's ports are host ports too (the API server defaults hostPort to containerPort).
  const hostPorts = c.ports.map((x) => `${hostNetwork ? x.containerPort : 0}/${x.protocol}`).join(', ');
  return (ports.includes(',') ? `${indent}Ports:\t${ports}\n` : `${indent}Port:\t${ports || '<none>'}\n`) + (hostPorts.includes(',') ? `${indent}Host Ports:\t${hostPorts}\n` : `${indent}Host Port:\t${hostPorts || '<none>'}\n`);
}

/**
 * DescribePodTemplate: labels, containers (image and ports; the template has no status),
 * volumes, node selectors, tolerations. Environment, mounts and volumes are not in the
 * result and print as `<none>`.
 */
export function podTemplateText(labels: Record<string, string>, containers: ContainerView[], nodeSelector: Record<string, string>): string {
  let s = 'Pod Template:\n';
  s += labelsMultiline('  Labels', labels);
  s += `  Containers:${containers.length ? '' : ' <none>'}\n`;
  for (const c of containers) {
    s += `   ${c.name}:\n`;
    s += `    Image:\t${c.image}\n`;
    s += containerPortLines(c, false, '    ');
    s += '    Environment:\t<none>\n';
    s += '    Mounts:\t<none>\n';
  }
  s += '  Volumes:\t<none>\n';
  s += labelsMultiline('  Node-Selectors', nodeSelector);
  s += '  Tolerations:\t<none>\n';
  return s;
}

/** getPodStatusForController: `N Running / N Waiting / N Succeeded / N Failed` by phase. */
export function podsStatus(pods: PodView[]): string {
  const count = (phase: string) => pods.filter((p) => p.pod.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

export { formatLabels };
