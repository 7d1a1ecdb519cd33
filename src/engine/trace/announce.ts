/**
 * Which node answers ARP for a LoadBalancer IP in MetalLB's layer 2 mode
 * (metallb speaker/layer2_controller.go ShouldAnnounce): only when the Service has an
 * endpoint that can serve; the eligible nodes are those with a speaker (every Ready node
 * here; kubeadm's control-plane label `node.kubernetes.io/exclude-from-external-load-balancers`
 * excludes a node) and, for externalTrafficPolicy Local, a serving endpoint of their own;
 * they are sorted by SHA-256 of `node + "#" + ip` and the first one wins.
 */
import { createHash } from 'node:crypto';
import type { NodeResult, ServiceResult, SimulationResult } from '../result';

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

const canServe = (e: ServiceResult['endpoints'][number]) => e.ready || (e.serving ?? false);

export function metalLbSpeakerNode(result: SimulationResult, svc: ServiceResult, ip: string): NodeResult | undefined {
  if (!svc.endpoints.some(canServe)) return undefined;
  let nodes = result.cluster.nodes.filter((n) => n.ready && !(EXCLUDE_LABEL in n.labels));
  if (svc.externalTrafficPolicy === 'Local') {
    const withEndpoint = new Set(svc.endpoints.filter(canServe).map((e) => e.nodeName));
    nodes = nodes.filter((n) => withEndpoint.has(n.name));
  }
  const key = (n: NodeResult) => createHash('sha256').update(`${n.name}#${ip}`).digest('hex');
  return nodes.map((n) => ({ n, k: key(n) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))[0]?.n;
}
