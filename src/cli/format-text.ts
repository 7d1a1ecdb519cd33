/** The `-o text` view: kubectl-like tables of the scenario's Pods and of every Service with its endpoints, then diagnostics. */
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
  if (result.diagnostics.length > 0) {
    out.push('');
    for (const d of result.diagnostics) out.push(formatDiagnostic(d));
  }
  return out.join('\n') + '\n';
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
