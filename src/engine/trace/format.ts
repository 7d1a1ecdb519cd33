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
    lines.push('', 'Candidates (kube-proxy picks one endpoint per connection):');
    for (const c of t.candidates) lines.push(`  ${c.chosen ? '*' : ' '} ${`${c.ip}:${c.port}`.padEnd(21)} ${(c.probability * 100).toFixed(1).padStart(5)}%  ${c.pod}`);
  }
  lines.push('', `Verdict: ${t.verdict}`, `  ${t.reason}`);
  return `${lines.join('\n')}\n`;
}
