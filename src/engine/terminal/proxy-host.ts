/**
 * Which node's kube-proxy state a host command sees: a node's own, a hostNetwork Pod's
 * node's; a Pod with its own network namespace has no IPVS services, ipsets or nftables
 * tables of its own (each is per network namespace), so the tools print an empty state.
 */
import { fail, hostNode, type HostContext } from './host';
import type { CommandOutput } from './text-tools';

/** The node whose rules `ctx.host` sees; null for a Pod's own network namespace; an error when the node is unknown. */
export function proxyNode({ result, host }: HostContext): string | null | CommandOutput {
  if (host.kind === 'pod' && !host.pod.hostNetwork) return null;
  const node = hostNode(host);
  if (!node || !result.cluster.nodes.some((n) => n.name === node)) return fail(`kube-netlab: no node named "${node ?? ''}" in the cluster\n`);
  return node;
}
