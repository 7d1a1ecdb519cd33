/** A traced connection: where the first packet goes, what acts on it, and how it ends. */

/** Where the connection starts. */
export type TraceSource =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'node'; name: string }
  /** A client outside the cluster (default: the kind host on the docker network, its .1). */
  | { kind: 'external'; ip?: string };

export interface TraceRequest {
  from: TraceSource;
  /** The destination address and port (a URL's host and port, once resolved). */
  to: { ip: string; port: number };
  /** TCP (default) or UDP. */
  protocol?: 'TCP' | 'UDP';
  /** An HTTP request on the connection (curl, a URL): an Ingress controller on the way routes by it. */
  http?: { host?: string; path?: string; scheme?: 'http' | 'https' };
}

/**
 * How the connection ends:
 * - `delivered`: a Pod (or a node process) accepts it on the port;
 * - `refused`: it reaches a host where nothing listens on the port (TCP RST / ICMP port unreachable);
 * - `rejected`: a rule answers with an ICMP error (kube-proxy's REJECT for a Service without endpoints);
 * - `dropped`: a rule or a policy discards it silently (the client times out);
 * - `timed-out`: it leaves for somewhere nothing answers (an address no Pod, node or Service has);
 * - `unresolved`: the destination was a name that did not resolve; no packet was sent.
 */
export type TraceVerdict = 'delivered' | 'refused' | 'rejected' | 'dropped' | 'timed-out' | 'unresolved';

/** The name lookup a trace to a name begins with. */
export interface TraceLookup {
  name: string;
  /** The nameserver asked. */
  server: string;
  rcode: string;
  answers: { name: string; type: string; ttl: number; data: string }[];
  /** Each name the resolver asked while walking the search list, with its outcome (NODATA: NOERROR without records). */
  tried: { name: string; rcode: string }[];
  /** The address connected to; absent when the name did not resolve. */
  address?: string;
}

/** The addresses of the packet as it is at a hop (after the hop's action). */
export interface TracePacket {
  protocol: string;
  src: string;
  dst: string;
}

export interface TraceHop {
  /** The node where this happens; null outside the cluster. */
  node: string | null;
  /** The network namespace: a Pod's (`cni-...`), `root` (the node's), or `external`. */
  netns: string;
  /** The interface the packet is on (arrives on or leaves by), when there is one. */
  interface?: string;
  /** What acts on the packet: send, route, netfilter, dnat, snat, forward, tunnel, deliver, refuse, reject, drop, policy. */
  kind: string;
  /** One line for a student: what happened and why. */
  action: string;
  /** For netfilter hops: the table, chain and the rule as `iptables-save` prints it. */
  table?: string;
  chain?: string;
  rule?: string;
  /** The packet before a NAT hop changed it. */
  before?: TracePacket;
  packet: TracePacket;
}

/** An endpoint kube-proxy could have chosen, with its chance. */
export interface TraceCandidate {
  /** `namespace/name` of the Pod behind the endpoint ('' when it has none). */
  pod: string;
  ip: string;
  port: number;
  probability: number;
  /** This is the one the trace follows. */
  chosen: boolean;
}

/** What an Ingress controller on the path did with the HTTP request. */
export interface TraceHttp {
  /** The status the client gets: the backend's (200 here), or the controller's own (404, 503, 308, 502, 504, ...). */
  status: number;
  /** The controller (`namespace/name`), the nginx server and location, the Ingress and rule that matched. */
  controller: string;
  server: string | null;
  location: string | null;
  ingress: string | null;
  rule: { host: string; path: string; pathType: string } | null;
  /** `namespace/service:port` the request went to. */
  backend: string | null;
  /** The URI sent to the backend (after rewrite-target). */
  upstreamPath: string | null;
  /** The controller's own response (status line, headers, body), when it answered itself. */
  response: { status: number; reason: string; headers: [string, string][]; body: string } | null;
  /** Each step of the routing decision. */
  explanation: string[];
}

export interface TraceResult {
  verdict: TraceVerdict;
  /** Why, in a sentence a student can act on. */
  reason: string;
  source: { ip: string; port: number; pod?: string; node?: string };
  hops: TraceHop[];
  /** Every endpoint kube-proxy load-balanced between ([] when no Service was involved). */
  candidates: TraceCandidate[];
  /** Where the packet ended up (the last destination address), with the Pod there if any. */
  destination: { pod?: string; node?: string; ip: string; port: number };
  /** Present when an HTTP request met an Ingress controller. */
  http?: TraceHttp;
  /** Present when the destination was a name. */
  lookup?: TraceLookup;
}
