/**
 * The DNS parts of `v1.PodSpec`: `dnsPolicy`, `dnsConfig` and `hostAliases`, validated as
 * the API server does (pkg/apis/core/validation `validateDNSPolicy`, `validatePodDNSConfig`,
 * `ValidateHostAliases`). kubelet reads them to write the Pod's /etc/resolv.conf and
 * /etc/hosts (dns/resolv-conf.ts).
 */
import type { PodDNSConfig, PodHostAlias } from '../../model';
import { parseIPv4 } from '../../cluster/cidr';
import { nameErrors, quote, readList, readObject, readString, type ObjectReport } from '../fields';

export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
/** validation.go MaxDNSNameservers / MaxDNSSearchPaths (ExpandedDNSConfig, GA in v1.28). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_CHARS = 2048;

export interface PodDNSFields {
  dnsPolicy?: (typeof DNS_POLICIES)[number];
  dnsConfig?: PodDNSConfig;
  hostAliases?: PodHostAlias[];
}

const validIP = (s: string) => parseIPv4(s) !== null || /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');

/** Reads `<path>.dnsPolicy`, `<path>.dnsConfig`, `<path>.hostAliases`. */
export function readPodDNS(r: ObjectReport, spec: Record<string, unknown>, path: string): PodDNSFields {
  const out: PodDNSFields = {};
  const policy = readString(r, spec.dnsPolicy, `${path}.dnsPolicy`, 'PodSpec');
  if (policy) {
    if ((DNS_POLICIES as readonly string[]).includes(policy)) out.dnsPolicy = policy as PodDNSFields['dnsPolicy'];
    else r.invalid(`${path}.dnsPolicy`, `Unsupported value: ${quote(policy)}: supported values: ${DNS_POLICIES.map(quote).join(', ')}`);
  }
  const cfgPath = `${path}.dnsConfig`;
  const cfg = readObject(r, spec.dnsConfig, cfgPath, 'PodSpec', 'v1.PodDNSConfig');
  if (cfg) {
    const nameservers: string[] = [];
    (readList(r, cfg.nameservers, `${cfgPath}.nameservers`, 'PodDNSConfig', '[]string') ?? []).forEach((v, i) => {
      const ns = readString(r, v, `${cfgPath}.nameservers[${i}]`, 'PodDNSConfig');
      if (ns === undefined) return;
      if (!validIP(ns)) r.invalid(`${cfgPath}.nameservers[${i}]`, `Invalid value: ${quote(ns)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
      nameservers.push(ns);
    });
    if (nameservers.length > MAX_NAMESERVERS) r.invalid(`${cfgPath}.nameservers`, `Invalid value: ${JSON.stringify(nameservers)}: must not have more than ${MAX_NAMESERVERS} nameservers`);
    const searches: string[] = [];
    (readList(r, cfg.searches, `${cfgPath}.searches`, 'PodDNSConfig', '[]string') ?? []).forEach((v, i) => {
      const s = readString(r, v, `${cfgPath}.searches[${i}]`, 'PodDNSConfig');
      if (s === undefined) return;
      // A trailing dot is allowed: the search path is validated without it.
      const errs = s === '.' ? [] : nameErrors(s.replace(/\.$/, ''), 'dns1123-subdomain');
      for (const e of errs) r.invalid(`${cfgPath}.searches[${i}]`, `Invalid value: ${quote(s)}: ${e}`);
      searches.push(s);
    });
    if (searches.length > MAX_SEARCH_PATHS) r.invalid(`${cfgPath}.searches`, `Invalid value: ${JSON.stringify(searches)}: must not have more than ${MAX_SEARCH_PATHS} search paths`);
    if (searches.join(' ').length > MAX_SEARCH_CHARS) r.invalid(`${cfgPath}.searches`, `Invalid value: ${JSON.stringify(searches)}: must not have more than ${MAX_SEARCH_CHARS} characters (including spaces) in the search list`);
    const options: PodDNSConfig['options'] = [];
    (readList(r, cfg.options, `${cfgPath}.options`, 'PodDNSConfig', '[]v1.PodDNSConfigOption') ?? []).forEach((v, i) => {
      const o = readObject(r, v, `${cfgPath}.options[${i}]`, 'PodDNSConfig', 'v1.PodDNSConfigOption');
      if (!o) return;
      const name = readString(r, o.name, `${cfgPath}.options[${i}].name`, 'PodDNSConfigOption') ?? '';
      const value = readString(r, o.value, `${cfgPath}.options[${i}].value`, 'PodDNSConfigOption');
      if (!name) r.invalid(`${cfgPath}.options[${i}]`, 'Required value: Option.Name must not be empty');
      else options.push({ name, ...(value !== undefined ? { value } : {}) });
    });
    out.dnsConfig = { nameservers, searches, options };
  }
  if (out.dnsPolicy === 'None') {
    if (!cfg) r.invalid(cfgPath, 'Required value: must provide `dnsConfig` when `dnsPolicy` is None');
    else if (out.dnsConfig!.nameservers.length === 0) r.invalid(`${cfgPath}.nameservers`, 'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None');
  }
  const aliases: PodHostAlias[] = [];
  (readList(r, spec.hostAliases, `${path}.hostAliases`, 'PodSpec', '[]v1.HostAlias') ?? []).forEach((v, i) => {
    const apath = `${path}.hostAliases[${i}]`;
    const a = readObject(r, v, apath, 'PodSpec', 'v1.HostAlias');
    if (!a) return;
    const ip = readString(r, a.ip, `${apath}.ip`, 'HostAlias') ?? '';
    if (!validIP(ip)) r.invalid(`${apath}.ip`, `Invalid value: ${quote(ip)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    const hostnames: string[] = [];
    (readList(r, a.hostnames, `${apath}.hostnames`, 'HostAlias', '[]string') ?? []).forEach((h, j) => {
      const name = readString(r, h, `${apath}.hostnames[${j}]`, 'HostAlias');
      if (name === undefined) return;
      for (const e of nameErrors(name, 'dns1123-subdomain')) r.invalid(`${apath}.hostnames[${j}]`, `Invalid value: ${quote(name)}: ${e}`);
      hostnames.push(name);
    });
    aliases.push({ ip, hostnames });
  });
  if (aliases.length > 0) out.hostAliases = aliases;
  return out;
}
