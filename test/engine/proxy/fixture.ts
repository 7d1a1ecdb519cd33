/**
 * Hand-built SimulationResults for the proxy tests: only the fields kube-proxy reads
 * (services, their endpoints, the cluster's pod CIDR, nodes, proxy mode).
 */
import type { EndpointResult, ServiceResult, SimulationResult } from '../../../src/engine/result';

export function svc(s: Partial<ServiceResult> & Pick<ServiceResult, 'namespace' | 'name' | 'clusterIP' | 'ports'>): ServiceResult {
  return {
    type: 'ClusterIP', selector: {}, endpoints: [], labels: {}, annotations: {}, externalIPs: [], sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster', publishNotReadyAddresses: false, loadBalancerIngress: [], createdAt: 0, ...s,
  };
}

export function ep(ip: string, port: number, portName: string, protocol = 'TCP', nodeName = 'node-a', extra: Partial<EndpointResult> = {}): EndpointResult {
  return { ip, port, portName, protocol, podName: `pod-${ip}`, podNamespace: 'x', nodeName, ready: true, ...extra };
}

export function cluster(services: ServiceResult[], nodes = [{ name: 'node-a', internalIP: '192.168.10.11', roles: [] as string[] }], kubeProxyMode = 'iptables'): SimulationResult {
  return {
    now: 0,
    cluster: {
      name: 'kind', kubernetesVersion: 'v1.33', serviceCIDR: '10.96.0.0/16', podCIDR: '10.244.0.0/16', clusterDomain: 'cluster.local',
      nodePortRange: '30000-32767', kubeProxyMode, cni: 'kindnet', clusterDNS: '10.96.0.10',
      nodes: nodes.map((n, i) => ({ ...n, podCIDR: `10.244.${i}.0/24` })),
    },
    services,
  } as unknown as SimulationResult;
}

/**
 * The setup of reference/kube-proxy.md §2.8 (node-a 192.168.10.11, clusterCIDR
 * 10.244.0.0/16): default/kubernetes, kube-system/kube-dns (3 ports, 2 endpoints),
 * lab/echo (NodePort 30999, 3 endpoints) and lab/empty (no endpoints).
 */
export function referenceNode(): SimulationResult {
  const dnsEndpoints = ['10.244.0.2', '10.244.0.3'].flatMap((ip) => [ep(ip, 53, 'dns', 'UDP'), ep(ip, 53, 'dns-tcp'), ep(ip, 9153, 'metrics')]);
  return cluster([
    svc({ namespace: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: '6443', protocol: 'TCP' }], endpoints: [ep('192.168.10.11', 6443, 'https')] }),
    svc({
      namespace: 'kube-system', name: 'kube-dns', clusterIP: '10.96.0.10',
      ports: [{ name: 'dns', port: 53, targetPort: '53', protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: '53', protocol: 'TCP' }, { name: 'metrics', port: 9153, targetPort: '9153', protocol: 'TCP' }],
      endpoints: dnsEndpoints,
    }),
    svc({
      namespace: 'lab', name: 'echo', type: 'NodePort', clusterIP: '10.96.33.33', externalTrafficPolicy: 'Cluster',
      ports: [{ name: 'http', port: 80, targetPort: '8080', protocol: 'TCP', nodePort: 30999 }],
      endpoints: [ep('10.244.2.70', 8080, 'http', 'TCP', 'node-c'), ep('10.244.0.70', 8080, 'http'), ep('10.244.1.70', 8080, 'http', 'TCP', 'node-b')],
    }),
    svc({ namespace: 'lab', name: 'empty', clusterIP: '10.96.33.99', ports: [{ name: 'http', port: 80, targetPort: '80', protocol: 'TCP' }] }),
  ]);
}
