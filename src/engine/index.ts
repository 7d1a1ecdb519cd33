/**
 * kube-netlab's simulation engine: the only import surface of `src/engine`.
 *
 * Pure and deterministic: the same sources and options give byte-identical results;
 * no I/O, no clock, no global randomness.
 */

/** Engine version (semver); results are cacheable per (scenario content, ENGINE_VERSION). */
export { ENGINE_VERSION, KUBERNETES_VERSION } from './version';

/** A named piece of manifest text: `name` is the file name used in diagnostics. */
export type { ManifestSource } from './manifest/load';

/** Located problem report; see the type's field docs. `ManifestSyntaxError` carries syntax errors. */
export type { Diagnostic } from './diagnostic';
export { ManifestSyntaxError } from './diagnostic';

/** Result types of `simulate`; each field is documented where the type is declared (result.ts). */
export type {
  ClusterResult,
  CniSettingsResult,
  EndpointAddressResult,
  EndpointPortResult,
  EndpointResult,
  EndpointSliceEndpointResult,
  EndpointSliceResult,
  EndpointsResult,
  ConfigMapResult,
  ExternalDNSResult,
  IngressBackendResult,
  IngressClassResult,
  IngressControllerResult,
  IngressExternalDNSResult,
  IngressResult,
  IngressRuleResult,
  LoadBalancerIngressResult,
  NetworkPolicyEgressRuleResult,
  NetworkPolicyIngressRuleResult,
  NetworkPolicyPeerResult,
  NetworkPolicyPortResult,
  NetworkPolicyResult,
  ObjectReferenceResult,
  NodeCniResult,
  NodeResult,
  PodDNSConfigResult,
  PodResult,
  ReplicaSetResult,
  SecretResult,
  ServicePortResult,
  ServiceResult,
  SimulateOptions,
  SimulationResult,
  UpstreamZoneResult,
} from './result';

/**
 * Syntax check only: [] when every document of every source is valid YAML/JSON within
 * the size limits, else one located `error` diagnostic per problem. Never throws. The
 * service calls it before storing a scenario.
 */
export { checkSyntax } from './manifest/load';

/**
 * Simulates the sources on a kind cluster (v1.33): the one the scenario's kind `Cluster`,
 * kubeadm `ClusterConfiguration`, `KubeProxyConfiguration`, `KubeletConfiguration` and
 * `Node` documents describe, or kind's default of one control plane and two workers.
 * Throws `ManifestSyntaxError` when any document is not valid YAML/JSON; every other
 * problem is reported in `result.diagnostics`.
 */
export { simulate } from './simulate';

/**
 * Runs a scenario's `Timeline` (kind `Timeline`, apiVersion `kube-netlab.io/v1alpha1`; see
 * src/engine/timeline/README.md) keeping the cluster after every step: `{ final, steps,
 * snapshots }`, `snapshots[k]` being the state after step k (`[0]`: before any step).
 * `simulate` runs the same steps and returns `final` (use `SimulateOptions.atStep` for one
 * step's state). Throws `ManifestSyntaxError` as `simulate` does.
 */
export { simulateTimeline } from './simulate';
export type { TimelineSimulation } from './simulate';

/** What a Timeline step printed and changed; each field is documented in timeline/types.ts. */
export type { EndpointChange, NodeChange, PodChange, ReplicaSetChange, ServiceChange, TimelineChanges, TimelineResult, TimelineStepResult } from './timeline/types';

/** Limits on input size (bytes, documents, aliases, objects) applied by `checkSyntax` and `simulate`. */
export { LOAD_LIMITS } from './manifest/load';

/**
 * Cluster DNS (src/engine/dns/README.md): `queryDns(result, { from?, name, type?, server?,
 * search? })` asks one question as a Pod (its kubelet-written resolv.conf, the glibc search
 * walk), a node, or — without `from` — straight at the cluster DNS Service, and returns the
 * rcode, the sections (records in zone-file notation), every name tried with its rcode, and
 * notes saying why. `{ error }` when the Pod or node does not exist. `podResolvConf` /
 * `renderResolvConf` / `podHostsText`: the resolver files kubelet writes. ExternalDNS record
 * sources are a list (`EXTERNAL_DNS_SOURCES`): Services today; append one for Ingresses.
 */
export { queryDns, resolvConfFor, podResolvConf, renderResolvConf, podHostsText, EXTERNAL_DNS_SOURCES, corefileState } from './dns';
export type { DnsAnswer, DnsQuestion, DnsRecord, ResolverTry, ResolvConf, ExternalDNSSource } from './dns';

/**
 * Runs a command line (kubectl get/describe, run/expose --dry-run, piped into grep, awk,
 * head, ...) against a simulation result and returns what the real tools would print:
 * `{ stdout, stderr, exitCode }`. Pure; see src/engine/terminal/README.md for the grammar.
 */
export { runCommandLine } from './terminal';
export type { TerminalOptions, TerminalOutput } from './terminal';

/**
 * The datapath of the cluster's CNI (kindnet, flannel, calico or cilium): a node's root network
 * namespace (`buildNodeNetwork(result, node)`) or a Pod's (`buildPodNetwork(result, ns,
 * pod)`) as `ip addr` / `ip route` / `ip netns list` show them: links with ifindexes that
 * agree across each veth pair, addresses, main-table routes, named netns. Null when the
 * node or the Pod's sandbox network does not exist. Deterministic (seeded by Pod name).
 */
export { buildNodeNetwork, buildPodNetwork } from './datapath';
export type { InterfaceAddress, NamedNetns, NetnsView, NetworkInterface, Route } from './datapath';
/**
 * For a packet tracer: `lookupRoute(view, ip)` is the kernel's longest-prefix-match in a
 * NetnsView; `routeEffect(view, route, ip)` says what the route's device does (veth to a
 * peer netns, bridge, forward on the node network, vxlan/geneve/ipip encapsulation to a
 * remote node, cilium's BPF on cilium_host, blackhole drop).
 */
export { lookupRoute, routeEffect } from './datapath';
export type { RouteEffect, TunnelPeer } from './datapath';

/**
 * kube-proxy v1.33 in iptables mode, on one node: `buildIptablesRules(result, node)` gives the
 * mangle, filter and nat tables (kubelet's chains plus kube-proxy's KUBE-SERVICES/SVC/SVL/EXT/
 * SEP/NODEPORTS... rules, chain names hashed as kube-proxy hashes them) as structured rules;
 * `renderIptablesSave(tables, { table?, time? })` prints them as `iptables-save` does, and
 * `renderIptablesList(table, { chain?, numeric?, verbose? })` as `iptables -L`. See
 * src/engine/proxy/README.md.
 */
export { buildIptablesRules } from './proxy/iptables-rules';
export { renderIptablesSave } from './proxy/iptables-save';
export type { IptablesSaveOptions } from './proxy/iptables-save';
export { renderIptablesList } from './proxy/iptables-list';
export type { IptablesListOptions } from './proxy/iptables-list';
export type { IptablesChain, IptablesMatch, IptablesRule, IptablesTable, IptablesTarget } from './proxy/iptables-types';

/**
 * kube-proxy's IPVS mode on one node: `buildIpvsState(result, node)` gives the virtual
 * servers (what `ipvsadm -Ln` lists), the ipsets and the kube-ipvs0 addresses;
 * `kubeIpvs0Addresses(result, node)` only the addresses ([] in other modes). nftables mode:
 * `buildNftablesRuleset(result, node)` gives `table ip kube-proxy` and `table ip6 kube-proxy`
 * with sets, maps, chains and rules (each rule names the chains it can jump to).
 * See src/engine/proxy/README.md.
 */
export { buildIpvsState, findVirtualServer, kubeIpvs0Addresses } from './proxy/ipvs-rules';
export { renderIpvsadmList, renderIpsetList } from './proxy/ipvs-list';
export type { Ipset, IpsetType, IpvsRealServer, IpvsServiceKind, IpvsState, IpvsVirtualServer } from './proxy/ipvs-types';
export { buildNftablesRuleset, nftDispatch } from './proxy/nftables-rules';
export type { NftDispatch } from './proxy/nftables-rules';
export { renderNftRuleset, renderNftTable } from './proxy/nftables-list';
export type { NftBaseChain, NftChain, NftElement, NftRule, NftSet, NftTable } from './proxy/nftables-types';

/**
 * Traced connections: the first packet's way through the cluster (netns, netfilter rules,
 * routes, NAT), the endpoints kube-proxy chose between, and the verdict.
 */
export { traceConnection, TraceRequestError } from './trace/trace';
export { traceTo } from './trace/lookup';
export { parseTraceSource, parseTraceTarget, targetAddress, targetHttp, TraceSyntaxError } from './trace/parse';
export type { TraceTarget } from './trace/parse';
export { formatTrace } from './trace/format';
export type { TraceCandidate, TraceHop, TraceHttp, TraceLookup, TracePacket, TraceRequest, TraceResult, TraceSource, TraceVerdict } from './trace/types';
export { checkProbes, runProbes, PROBE_LIMITS } from './probes';
export type { CommandProbe, DnsProbe, ProbeError, ProbeResults, Probes, ReachProbe, TraceProbe } from './probes';

/**
 * NetworkPolicy verdicts (src/engine/netpol/README.md). `judgeConnection(result, { source,
 * destination, port, protocol })` judges one connection after kube-proxy's DNAT (destination
 * = the endpoint Pod, port = its target port): the source's egress side and the
 * destination's ingress side, each with the policies that isolate it and the rule that
 * allowed it or, per rule, why it did not; `enforced` says whether the cluster's CNI
 * enforces policies at all. Throws `ConnectionQueryError` for a Pod or address that does
 * not exist. `reachMatrix(result, options)` is the truth table for every pair of Pods (or
 * workloads), computed per equivalence class of Pods the policies cannot tell apart.
 */
export { ConnectionQueryError, judgeConnection, parseConnectionEnd } from './netpol/judge';
export type { ConnectionEnd, ConnectionJudgement, ConnectionPeer, ConnectionQuery, DirectionJudgement, PolicyRef, RuleMiss, RuleRef } from './netpol/judge';
export { policySupport } from './netpol/enforcement';
export type { PolicySupport } from './netpol/enforcement';
export { reachMatrix, renderMatrix } from './netpol/matrix';
export type { MatrixCell, MatrixOptions, ReachMatrix } from './netpol/matrix';

/**
 * The Ingress controller's routing decision for one request (ingress-nginx's merged
 * server/location model; see src/engine/ingress/README.md): `routeIngressRequest(result,
 * { host, path, scheme, sni?, controller? })` gives the controller, the nginx server and
 * location, the Ingress and rule, the backend Service port, the upstream URI after
 * rewrite-target and the ready endpoints it balances over, or the response it writes itself
 * (404, 503, 301/302/308 with the exact page and headers), with an explanation of each step.
 * `renderHttpResponse` prints a response as `curl -i` shows it; `nginxResponse` builds one.
 */
export { routeIngressRequest, normaliseUri } from './ingress/routing';
export type { IngressEndpoint, IngressRequest, IngressRoute } from './ingress/routing';
export { nginxResponse, renderHttpResponse, httpDate } from './ingress/responses';
export type { HttpResponse } from './ingress/responses';

/** Lab checks graded against a result, with partial credit and feedback from the engine's explanations. */
export { gradeCheck, gradeChecks } from './grading/checks';
export type { Check, CheckResult } from './grading/checks';

/**
 * Labs (src/engine/grading/README.md). `parseLab(text, sourceName?)` reads a lab file (kind
 * `Lab`, apiVersion kube-netlab.io/v1alpha1) into JSON, or returns every problem located
 * (path, line, column); `exportLab` writes the canonical file back. `drawParameters(lab,
 * seed)` draws a student's values deterministically; `instantiateLab(lab, values)` gives
 * their instructions, starter manifests and typed checks. `submissionWindow`, `pastDue`,
 * `applyLateRule`, `canSubmit` and `studentView` apply the lab's rules at an instant the
 * caller gives. `simulateSubmission` / `gradeSubmission` grade a student's manifests,
 * telling gradable submissions from those that cannot be simulated.
 */
export { exportLab, LAB_LIMITS, parseLab } from './grading/lab';
export type { CheckTemplate, LabCheck, LabCheckTemplate, LabDefinition, LabError, LabHint, LabParameter, LabRules, Placeholder } from './grading/lab';
export { LAB_API_VERSION, TRACE_VERDICTS } from './grading/lab-schema';
export { drawParameters, instantiateLab } from './grading/parameters';
export { applyLateRule, canSubmit, pastDue, studentView, submissionWindow } from './grading/rules';
export type { StudentCheckView, SubmissionHistory, SubmissionWindow } from './grading/rules';
export { gradeSubmission, simulateSubmission } from './grading/submission';
export type { GradedSubmission, UngradableSubmission } from './grading/submission';
