/**
 * The `-o text` view: kubectl-like tables of the scenario's Pods, of every Service with
 * its endpoints and of the Ingresses with their serving controller (after the last Timeline
 * step, when there is a Timeline), then each step with what it printed and changed, then
 * diagnostics.
 */
import type { Diagnostic, SimulationResult } from '../engine';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

export function formatText(result: SimulationResult): string {
  const out: string[] = [];
  const pods = result.pods.filter((p) => !SYSTEM_NAMESPACES.has(p.namespace));
  out.push(
    table(
      ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'IP', 'NODE'],
      pods.map((p) => [p.namespace, p.name, p.ready ? '1/1' : '0/1', p.phase, p.ip ?? '<none>', p.nodeName ?? '<none>']),
    ),
  );
  out.push('');
  out.push(
    table(
      ['NAMESPACE', 'SERVICE', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS'],
      result.services.map((s) => [
        s.namespace,
        s.name,
        s.type,
        s.clusterIP ?? (s.externalName ? `<none> (${s.externalName})` : '<none>'),
        s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>',
        endpointsColumn(s.endpoints),
      ]),
    ),
  );
  if (result.ingresses.length > 0) {
    out.push('');
    out.push(
      table(
        ['NAMESPACE', 'INGRESS', 'CLASS', 'HOSTS', 'ADDRESS', 'CONTROLLER'],
        result.ingresses.map((i) => [
          i.namespace,
          i.name,
          i.ingressClassName ?? '<none>',
          [...new Set(i.rules.map((r) => r.host || '*'))].join(',') || '*',
          i.loadBalancerIngress.map((a) => a.ip ?? a.hostname ?? '').join(',') || '<none>',
          i.controller ? `${i.controller.namespace}/${i.controller.name}` : '<none>',
        ]),
      ),
    );
  }
  if (result.timeline) {
    out.push('');
    out.push(...formatTimeline(result));
  }
  if (result.diagnostics.length > 0) {
    out.push('');
    for (const d of result.diagnostics) out.push(formatDiagnostic(d));
  }
  return out.join('\n') + '\n';
}

/**
 * Each step: its time and action, kubectl's output, then `-`/`+` lines for Pods and
 * Endpoints addresses that went and came (with their IPs), `~` for addresses that changed
 * readiness, and `=` for every Service whose endpoints changed while its ClusterIP stayed:
 * Pod IPs are ephemeral, Service IPs are not.
 */
export function formatTimeline(result: SimulationResult): string[] {
  const steps = result.timeline?.steps ?? [];
  const out: string[] = [`TIMELINE (${steps.length} ${steps.length === 1 ? 'step' : 'steps'}; the tables above show the cluster after the last)`];
  const clusterIPs = new Map(result.services.map((s) => [`${s.namespace}/${s.name}`, s.clusterIP]));
  for (const step of steps) {
    out.push('');
    out.push(`STEP ${step.index}  t=${step.at}s${step.name ? `  ${step.name}` : ''}${step.ok ? '' : '  (failed)'}`);
    out.push(`  ${step.action.startsWith('kubectl ') || step.action.startsWith('k ') ? '$ ' : ''}${step.action}`);
    for (const line of step.output.split('\n').filter((l) => l !== '')) out.push(`    ${line}`);
    const c = step.changes;
    const rows: string[][] = [];
    const pod = (sign: string, p: (typeof c.podsCreated)[number]) => rows.push([sign, 'pod', `${p.namespace}/${p.name}`, p.ip ?? '<none>', p.nodeName ?? '<none>']);
    c.podsDeleted.forEach((p) => pod('-', p));
    c.podsCreated.forEach((p) => pod('+', p));
    const ep = (sign: string, e: (typeof c.endpointsAdded)[number]) => rows.push([sign, 'endpoint', e.service, `${e.ip}:${e.port}`, e.ready ? 'ready' : 'not ready']);
    c.endpointsRemoved.forEach((e) => ep('-', e));
    c.endpointsAdded.forEach((e) => ep('+', e));
    c.endpointsChanged.forEach((e) => ep('~', e));
    c.servicesDeleted.forEach((s) => rows.push(['-', 'service', `${s.namespace}/${s.name}`, s.clusterIP ?? '<none>', '']));
    c.servicesCreated.forEach((s) => rows.push(['+', 'service', `${s.namespace}/${s.name}`, s.clusterIP ?? '<none>', '']));
    const touched = new Set([...c.endpointsAdded, ...c.endpointsRemoved, ...c.endpointsChanged].map((e) => e.service));
    const created = new Set([...c.servicesCreated, ...c.servicesDeleted].map((s) => `${s.namespace}/${s.name}`));
    for (const svc of [...touched].sort()) if (!created.has(svc) && clusterIPs.has(svc)) rows.push(['=', 'service', svc, clusterIPs.get(svc) ?? '<none>', 'ClusterIP unchanged']);
    c.replicaSets.forEach((r) => rows.push(['~', 'replicaset', `${r.namespace}/${r.name}`, `${r.from ?? '(new)'} -> ${r.to ?? '(deleted)'}`, '']));
    c.nodes.forEach((n) => rows.push(['~', 'node', n.name, n.ready ? 'Ready' : 'NotReady', n.unschedulable ? 'SchedulingDisabled' : '']));
    if (rows.length > 0) for (const line of table(['', 'KIND', 'NAME', 'ADDRESS', ''], rows).split('\n').slice(1)) out.push(`  ${line.trimEnd()}`);
  }
  return out;
}

function endpointsColumn(endpoints: SimulationResult['services'][number]['endpoints']): string {
  const seen: string[] = [];
  for (const e of endpoints) {
    const text = `${e.ip}:${e.port}${e.ready ? '' : ' (not ready)'}`;
    if (!seen.includes(text)) seen.push(text);
  }
  return seen.length > 0 ? seen.join(',') : '<none>';
}

/** `file:line:col: severity: message` (then the hint), as compilers print diagnostics. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}:${d.line ?? 1}:${d.column ?? 1}: ` : '';
  return `${where}${d.severity}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('')).join('\n');
}
