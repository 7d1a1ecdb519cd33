/**
 * The services of upstream TestOverallNFTablesRules (pkg/proxy/nftables/proxier_test.go):
 * node test-node 192.168.0.2, pod CIDR 10.0.0.0/8, service CIDR 172.30.0.0/16. svc5's
 * loadBalancerSourceRanges are left out (the simulator's result does not carry them).
 */
import type { SimulationResult } from '../../../src/engine/result';
import { cluster, ep, svc } from './fixture';

export function overallNFTablesNode(mode = 'nftables'): SimulationResult {
  const p80 = (nodePort?: number) => [{ name: 'p80', port: 80, targetPort: '80', protocol: 'TCP', ...(nodePort ? { nodePort } : {}) }];
  const r = cluster(
    [
      svc({ namespace: 'ns1', name: 'svc1', clusterIP: '172.30.0.41', ports: p80(), endpoints: [ep('10.180.0.1', 80, 'p80', 'TCP', '')] }),
      svc({
        namespace: 'ns2', name: 'svc2', type: 'LoadBalancer', clusterIP: '172.30.0.42', ports: p80(3001), externalTrafficPolicy: 'Local', healthCheckNodePort: 30000,
        externalIPs: ['192.168.99.22'], loadBalancerIngress: [{ ip: '1.2.3.4' }], endpoints: [ep('10.180.0.2', 80, 'p80', 'TCP', '')],
      }),
      svc({ namespace: 'ns3', name: 'svc3', type: 'NodePort', clusterIP: '172.30.0.43', ports: p80(3003), externalTrafficPolicy: 'Cluster', endpoints: [ep('10.180.0.3', 80, 'p80', 'TCP', '')] }),
      svc({
        namespace: 'ns4', name: 'svc4', type: 'NodePort', clusterIP: '172.30.0.44', ports: p80(), externalTrafficPolicy: 'Cluster', externalIPs: ['192.168.99.33'],
        endpoints: [ep('10.180.0.4', 80, 'p80', 'TCP', ''), ep('10.180.0.5', 80, 'p80', 'TCP', 'test-node')],
      }),
      svc({
        namespace: 'ns5', name: 'svc5', type: 'LoadBalancer', clusterIP: '172.30.0.45', ports: p80(3002), externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30000,
        loadBalancerIngress: [{ ip: '5.6.7.8' }], sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800, endpoints: [ep('10.180.0.3', 80, 'p80', 'TCP', '')],
      }),
      svc({ namespace: 'ns6', name: 'svc6', clusterIP: '172.30.0.46', ports: p80() }),
    ],
    [{ name: 'test-node', internalIP: '192.168.0.2', roles: [] }],
    mode,
  );
  r.cluster.podCIDR = '10.0.0.0/8';
  r.cluster.serviceCIDR = '172.30.0.0/16';
  return r;
}
