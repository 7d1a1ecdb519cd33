/** The text views of `kube-netlab reach`: one verdict with its reasons per side. */
import type { ConnectionJudgement, ConnectionPeer, DirectionJudgement } from '../engine';

function peerText(p: ConnectionPeer): string {
  if (p.kind === 'pod') return `${p.namespace}/${p.name} (${p.ip ?? 'no IP'})`;
  if (p.kind === 'hostNetworkPod') return `${p.namespace}/${p.name} (host network, ${p.ip ?? 'no IP'})`;
  if (p.kind === 'node') return `node ${p.node} (${p.ip})`;
  return `${p.ip} (outside the cluster)`;
}

function sideText(side: DirectionJudgement): string[] {
  const head = `${side.direction.toLowerCase().padEnd(7)} ${side.allowed ? 'allowed' : 'DENIED '}  ${side.reason}`;
  const lines = [head];
  if (side.isolatedBy.length) lines.push(`        isolated by: ${side.isolatedBy.map((p) => `${p.namespace}/${p.name}`).join(', ')}`);
  if (side.allowedBy) lines.push(`        allowed by:  ${side.allowedBy.namespace}/${side.allowedBy.name} ${side.direction.toLowerCase()}[${side.allowedBy.ruleIndex}]`);
  for (const m of side.misses) lines.push(`        ${m.namespace}/${m.name}${m.ruleIndex >= 0 ? ` ${side.direction.toLowerCase()}[${m.ruleIndex}]` : ''}: ${m.reason}`);
  return lines;
}

export function formatJudgement(j: ConnectionJudgement): string {
  const lines = [
    `${j.allowed ? 'ALLOWED' : 'DENIED'}  ${peerText(j.source)} -> ${peerText(j.destination)} ${j.port}/${j.protocol}`,
    ...sideText(j.egress),
    ...sideText(j.ingress),
    `cni     ${j.cni}: ${j.enforced ? 'enforces NetworkPolicy' : 'does not enforce NetworkPolicy'}${!j.enforced && !j.policyAllowed ? ' (the policies would deny this connection)' : ''}`,
    ...j.notes.map((n) => `note    ${n}`),
  ];
  return lines.join('\n') + '\n';
}
