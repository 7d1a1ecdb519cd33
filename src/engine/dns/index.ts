/** Cluster DNS: CoreDNS with the kubernetes plugin, the world beyond it, and the Pod-side resolver (README.md). */
export { queryDns, resolvConfFor } from './query';
export type { DnsAnswer, DnsQuestion } from './query';
export type { DnsRecord } from './types';
export type { ResolverTry } from './resolver';
export { podResolvConf, renderResolvConf, podHostsText, type ResolvConf } from './resolv-conf';
export { EXTERNAL_DNS_SOURCES, type ExternalDNSSource } from './upstream';
export { corefileState } from './coredns';
