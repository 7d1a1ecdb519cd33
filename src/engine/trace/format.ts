/** A trace as text, for the terminal and the CLI: numbered hops, the rule text under netfilter hops, candidates, the verdict. */
import type { TraceResult } from './types';

export function formatTrace(t: TraceResult, title: string): string {
  const lines: string[] = [title, ''];
  t.hops.forEach((h, i) => {
    const where = [h.node ?? '(outside)', h.netns === 'root' ? 'node netns' : h.netns === 'external' ? '' : `netns ${h.netns}`, h.interface ?? ''].filter(Boolean).join(' · ');
    lines.push(`${String(i + 1).padStart(3)}  ${where}`);
    lines.push(`     ${h.action}`);
    if (h.rule) lines.push(`     ${h.rule}`);
    lines.push(`     ${h.before ? `${h.before.src} > ${h.before.dst}  ⇒  ` : ''}${h.packet.src} > ${h.packet.dst} ${h.packet.protocol}`);
  });
  if (t.candidates.length > 0) {
    lines.push('', t.http ? 'Candidates (ingress-nginx balances over the backend Service\'s endpoints):' : 'Candidates (kube-proxy picks one endpoint per connection):');
    for (const c of t.candidates) lines.push(`  ${c.chosen ? '*' : ' '} ${`${c.ip}:${c.port}`.padEnd(21)} ${(c.probability * 100).toFixed(1).padStart(5)}%  ${c.pod}`);
  }
  if (t.http) {
    const h = t.http;
    lines.push('', `HTTP ${h.status}${h.response ? ` ${h.response.reason} (the controller's own page)` : ''} — ${h.controller}, server ${h.server ?? '-'}, location ${h.location ?? '-'}`);
    if (h.ingress) lines.push(`  Ingress ${h.ingress}${h.rule ? ` rule ${h.rule.host || '*'} ${h.rule.path} (${h.rule.pathType})` : ''} → ${h.backend ?? '-'}${h.upstreamPath ? `, upstream URI ${h.upstreamPath}` : ''}`);
    for (const e of h.explanation) lines.push(`  - ${e}`);
  }
  lines.push('', `Verdict: ${t.verdict}`, `  ${t.reason}`);
  return `${lines.join('\n')}\n`;
}
