/**
 * kube-proxy's IPVS mode as structured data: the kernel's virtual servers (what
 * `ipvsadm -Ln` lists), the ipsets kube-proxy keeps (`ipset list`), and the addresses bound
 * to the kube-ipvs0 dummy interface. A packet tracer walks `virtualServers` to name the
 * virtual server a packet hits and the real servers it may go to.
 */

/** One real server (IPVS destination) of a virtual server. */
export interface IpvsRealServer {
  /** Endpoint IP. */
  address: string;
  /** Endpoint (target) port. */
  port: number;
  /** kube-proxy always uses NAT forwarding (ipvsadm `Masq`). */
  forward: 'Masq';
  /** kube-proxy sets weight 1 on every real server. */
  weight: number;
  /** The endpoint's Pod, for explanations (not part of the kernel object). */
  podNamespace: string;
  podName: string;
  nodeName: string;
}

/** What a virtual server stands for (not part of the kernel object: for explanations). */
export type IpvsServiceKind = 'clusterIP' | 'externalIP' | 'loadBalancerIP' | 'nodePort';

/** One IPVS virtual service: (protocol, address, port) on this node. */
export interface IpvsVirtualServer {
  /** `TCP`, `UDP` or `SCTP`. */
  protocol: string;
  address: string;
  port: number;
  /** `rr` unless KubeProxyConfiguration ipvs.scheduler says otherwise. */
  scheduler: string;
  /** ClientIP session affinity: IPVS persistence timeout in seconds; absent without affinity. */
  persistentTimeout?: number;
  /** Real servers, sorted as the kernel listing is (address, then port); [] when the port has no usable endpoint. */
  realServers: IpvsRealServer[];
  kind: IpvsServiceKind;
  /** The Service port it implements: `ns/svc:port` (kube-proxy's service-port name). */
  servicePortName: string;
  serviceNamespace: string;
  serviceName: string;
}

/** ipset set types kube-proxy creates (pkg/proxy/ipvs/ipset/types.go). */
export type IpsetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

/** One ipset (`ipset list NAME`). */
export interface Ipset {
  name: string;
  type: IpsetType;
  /** Address family of hash sets: `inet`, or `inet6` for the IPv6 proxier's `KUBE-6-` sets. */
  family: 'inet' | 'inet6';
  /** kube-proxy's description of the set (used as the comment of the iptables rules that match it). */
  comment: string;
  /** Entries in kube-proxy's notation (`10.96.0.10,udp:53`, `30080`), sorted (see README). */
  members: string[];
  /** How many iptables rules match the set (ipset's `References:`). */
  references: number;
}

/** Everything kube-proxy's IPVS proxier programs on one node. */
export interface IpvsState {
  /** Virtual servers in the order `ipvsadm -Ln` lists them. */
  virtualServers: IpvsVirtualServer[];
  /** kube-proxy's ipsets, in the order `ipset list` prints them (creation order). */
  ipsets: Ipset[];
  /** Addresses bound to kube-ipvs0 (each a /32), numerically sorted. */
  dummyAddresses: string[];
  /** The node addresses NodePort virtual servers listen on. */
  nodePortAddresses: string[];
}
