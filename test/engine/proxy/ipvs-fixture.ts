/**
 * The reference/kube-proxy.md §2.8 setup in IPVS mode (node-a 192.168.10.11, no Pod
 * sandboxes, so node-a's only address is its InternalIP), optionally with every kind of
 * external destination: lab/echo gets an externalIP, lab/lb is a LoadBalancer with
 * externalTrafficPolicy Local (ingress 172.18.255.200, health check node port 32000) and a
 * UDP node port.
 */
import type { SimulationResult } from '../../../src/engine/result';
import { ep, referenceNode, svc } from './fixture';

export function ipvsNode(mutate: (r: SimulationResult) => void = () => {}): SimulationResult {
  const r = referenceNode();
  r.cluster.kubeProxyMode = 'ipvs';
  (r as { pods: unknown[] }).pods = [];
  mutate(r);
  return r;
}

export function ipvsNodeWithExternals(): SimulationResult {
  return ipvsNode((r) => {
    r.services[2].externalIPs = ['192.168.99.22'];
    r.services.push(svc({
      namespace: 'lab', name: 'lb', type: 'LoadBalancer', clusterIP: '10.96.44.44', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000,
      loadBalancerIngress: [{ ip: '172.18.255.200' }],
      ports: [{ name: 'dns', port: 53, targetPort: '5353', protocol: 'UDP', nodePort: 31053 }],
      endpoints: [ep('10.244.0.80', 5353, 'dns', 'UDP')],
    }));
  });
}
