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
  EndpointAddressResult,
  EndpointPortResult,
  EndpointResult,
  EndpointSliceEndpointResult,
  EndpointSliceResult,
  EndpointsResult,
  ConfigMapResult,
  ExternalDNSResult,
  LoadBalancerIngressResult,
  ObjectReferenceResult,
  NodeResult,
  PodDNSConfigResult,
  PodResult,
  ReplicaSetResult,
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
 * The datapath of kind's default CNI (kindnet: ptp + host-local): a node's root network
 * namespace (`buildNodeNetwork(result, node)`) or a Pod's (`buildPodNetwork(result, ns,
 * pod)`) as `ip addr` / `ip route` / `ip netns list` show them: links with ifindexes that
 * agree across each veth pair, addresses, main-table routes, named netns. Null when the
 * node or the Pod's sandbox network does not exist. Deterministic (seeded by Pod name).
 */
export { buildNodeNetwork, buildPodNetwork } from './datapath';
export type { InterfaceAddress, NamedNetns, NetnsView, NetworkInterface, Route } from './datapath';

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
