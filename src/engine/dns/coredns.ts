/**
 * A CoreDNS server answering one question with the cluster's Corefile: the server block
 * whose zone is the longest match for the name (core/dnsserver), then the plugins the
 * simulator runs, in CoreDNS's plugin.cfg order whatever the Corefile's order: rewrite →
 * hosts → kubernetes → forward. A question no plugin answers is SERVFAIL; a name no
 * server block serves is REFUSED.
 *
 * The Corefile is kube-system/coredns's `Corefile` key. CoreDNS's `reload` plugin keeps the
 * running configuration when a new one does not parse, so an invalid Corefile (or a
 * missing ConfigMap) leaves kubeadm's in effect, with a diagnostic (corefile-check.ts).
 */
import type { SimulationResult } from '../result';
import { clusterIndex } from './cluster-index';
import { kubeadmCorefile } from './kubeadm-corefile';
import { serveKubernetes } from './kubernetes-plugin';
import { addressFromReverse, canonicalName, isReverse, isSubdomain, matchZone } from './names';
import { readCorefile, type CachePluginConfig, type CoreDnsConfig, type HostsPluginConfig, type RewriteRule, type ServerBlockConfig } from './server-config';
import { emptyMessage, type DnsMessage, type DnsRecord } from './types';
import { worldAnswer } from './upstream';
import { isInClusterAddress } from './network';

export interface CorefileState {
  config: CoreDnsConfig;
  /** `configmap`: the scenario's (or kind's) kube-system/coredns; `kubeadm`: the fallback. */
  source: 'configmap' | 'kubeadm';
  /** Why the ConfigMap's Corefile is not in effect. */
  problem?: { line?: number; message: string };
}

const cache = new WeakMap<SimulationResult, CorefileState>();

/** The configuration CoreDNS runs with in this result. */
export function corefileState(result: SimulationResult): CorefileState {
  let state = cache.get(result);
  if (state) return state;
  const fallback = () => {
    const parsed = readCorefile(kubeadmCorefile(result.cluster.clusterDomain));
    if ('error' in parsed) throw new Error(`kubeadm's Corefile does not parse: ${parsed.error.message}`);
    return parsed.config;
  };
  const cm = (result.configMaps ?? []).find((c) => c.namespace === 'kube-system' && c.name === 'coredns');
  const text = cm?.data.Corefile;
  if (text === undefined) state = { config: fallback(), source: 'kubeadm', problem: { message: cm ? 'ConfigMap kube-system/coredns has no Corefile key' : 'ConfigMap kube-system/coredns does not exist' } };
  else {
    const parsed = readCorefile(text);
    state = 'error' in parsed ? { config: fallback(), source: 'kubeadm', problem: { line: parsed.error.line, message: parsed.error.message } } : { config: parsed.config, source: 'configmap' };
  }
  cache.set(result, state);
  return state;
}

/** The server block serving `qname` on port 53: the longest zone that contains it. */
function selectBlock(config: CoreDnsConfig, qname: string): { block: ServerBlockConfig; zone: string } | undefined {
  let best: { block: ServerBlockConfig; zone: string } | undefined;
  for (const block of config.blocks) {
    if (block.port !== 53) continue;
    const zone = matchZone(block.zones, qname);
    if (zone !== undefined && (!best || zone.length > best.zone.length)) best = { block, zone };
  }
  return best;
}

/** The rewrite plugin's name rules: the name the rest of the chain sees, and how to undo it in the answer. */
function applyRewrite(rules: RewriteRule[], qname: string): { name: string; applied: RewriteRule[] } {
  let name = canonicalName(qname);
  const applied: RewriteRule[] = [];
  for (const rule of rules) {
    const { from, to } = rule;
    let next: string | undefined;
    if (rule.match === 'exact' && name === from) next = to;
    else if (rule.match === 'prefix' && name.startsWith(from)) next = to + name.slice(from.length);
    else if (rule.match === 'suffix' && name.endsWith(from)) next = name.slice(0, name.length - from.length) + to;
    else if (rule.match === 'substring' && name.includes(from)) next = name.split(from).join(to);
    else if (rule.match === 'regex') {
      const m = new RegExp(rule.from).exec(name);
      if (m) next = canonicalName(rule.to.replace(/\{(\d+)\}/g, (_, n: string) => m[Number(n)] ?? ''));
    }
    if (next === undefined) continue;
    name = canonicalName(next);
    applied.push(rule);
    if (rule.stop) break;
  }
  return { name, applied };
}

function revertAnswer(records: DnsRecord[], original: string, rewritten: string, applied: RewriteRule[]): DnsRecord[] {
  return records.map((r) => {
    let name = r.name;
    if (applied.some((a) => a.answerAuto) && canonicalName(name) === rewritten) name = original;
    for (const a of applied) {
      const m = a.answerName ? new RegExp(a.answerName.from).exec(name) : null;
      if (a.answerName && m) name = canonicalName(a.answerName.to.replace(/\{(\d+)\}/g, (_, n: string) => m[Number(n)] ?? ''));
    }
    return { ...r, name };
  });
}

/** hosts plugin: inline entries (the plugin's /etc/hosts file is CoreDNS's own, which names only localhost). */
function serveHosts(h: HostsPluginConfig, qname: string, qtype: string): DnsMessage | 'next' {
  const name = canonicalName(qname);
  const reverse = qtype === 'PTR' && isReverse(name);
  if (!reverse && !h.zones.some((z) => isSubdomain(z, name))) return 'next';
  const answer: DnsRecord[] = [];
  let other = false;
  if (reverse) {
    // A PTR the entries lack goes to the next plugin whatever fallthrough says (hosts.go).
    const ip = addressFromReverse(name);
    if (!h.noReverse) for (const e of h.entries) if (e.ip === ip) answer.push(...e.names.map((n) => ({ name: qname, type: 'PTR', ttl: h.ttl, data: n })));
    if (answer.length === 0) return 'next';
  } else {
    for (const e of h.entries) {
      if (!e.names.some((n) => canonicalName(n) === name)) continue;
      const v4 = !e.ip.includes(':');
      if ((qtype === 'A' && v4) || (qtype === 'AAAA' && !v4)) answer.push({ name: qname, type: qtype, ttl: h.ttl, data: e.ip });
      else other = true;
    }
  }
  if (answer.length === 0 && !other) {
    if (h.fallthrough !== null && (h.fallthrough.length === 0 || h.fallthrough.some((z) => isSubdomain(z, name)))) return 'next';
    // A plugin's error rcode goes out as a bare error reply (no AA, no RA).
    return { ...emptyMessage('SERVFAIL', 'hosts', false), notes: [`the hosts plugin has no entry for ${name} and no fallthrough, so it answers SERVFAIL`] };
  }
  return { ...emptyMessage('NOERROR', 'hosts'), answer };
}

/** The forward plugin: the upstream world, unless the target is inside the cluster (no resolver there). */
function serveForward(result: SimulationResult, block: ServerBlockConfig, qname: string, qtype: string): DnsMessage | 'next' {
  const f = block.forward;
  if (!f || !isSubdomain(f.from, qname)) return 'next';
  const targets = f.to.map((t) => t.replace(/^dns:\/\//, '').replace(/:\d+$/, ''));
  const inside = targets.filter((t) => t !== '/etc/resolv.conf' && isInClusterAddress(result, t));
  if (inside.length === targets.length) {
    return { ...emptyMessage('SERVFAIL', 'coredns', false), notes: [`forward sends ${qname} to ${inside.join(', ')}, inside the cluster, where no resolver of the outside world answers (a forward to kube-dns itself is a loop)`] };
  }
  return worldAnswer(result, qname, qtype);
}

/**
 * The cache plugin's reply TTLs (plugin/cache cache.go WriteMsg): every record of a reply that
 * passes through it gets the message TTL — the smallest record TTL (a denial's SOA minimum
 * too), 5 s for an empty or failed reply — clamped to the success or denial bounds. The
 * `disable` option only keeps a zone out of the cache; its replies are capped all the same.
 */
function capTTLs(cache: CachePluginConfig, msg: DnsMessage): DnsMessage {
  if (msg.error) return msg;
  const all = [...msg.answer, ...msg.authority, ...msg.additional];
  const denial = msg.rcode === 'NXDOMAIN' || (msg.rcode === 'NOERROR' && msg.answer.length === 0);
  let ttl: number;
  if (msg.rcode === 'SERVFAIL') ttl = cache.servfailTTL;
  else {
    let min = msg.answer.length + msg.authority.length === 0 || (msg.rcode !== 'NOERROR' && msg.rcode !== 'NXDOMAIN') ? 5 : Math.min(3600, ...all.map((r) => r.ttl));
    if (denial) for (const soa of msg.authority.filter((r) => r.type === 'SOA')) min = Math.min(min, Number(soa.data.split(' ')[6] ?? min));
    ttl = denial ? Math.min(Math.max(min, cache.denialMin), cache.denialMax) : Math.min(Math.max(min, cache.successMin), cache.successMax);
  }
  const set = (list: DnsRecord[]) => list.map((r) => ({ ...r, ttl }));
  return { ...msg, answer: set(msg.answer), authority: set(msg.authority), additional: set(msg.additional) };
}

/** CoreDNS's answer to `qname`/`qtype` (a question sent to one of its Pods on port 53). */
export function serveCoreDns(result: SimulationResult, qname: string, qtype: string, depth = 0): DnsMessage {
  const { config } = corefileState(result);
  const selected = selectBlock(config, qname);
  if (!selected) return { ...emptyMessage('REFUSED', 'coredns', false), notes: [`no server block of the Corefile serves ${canonicalName(qname)}`] };
  const { block } = selected;
  const rewrite = applyRewrite(block.rewrite, qname);
  const name = rewrite.applied.length > 0 ? rewrite.name : qname;
  // cache runs before rewrite in plugin.cfg: it sees the question as asked and the final reply.
  const cached = block.cache && block.cache.zones.some((z) => isSubdomain(z, qname)) ? block.cache : undefined;
  const finish = (reply: DnsMessage): DnsMessage => {
    const msg = cached ? capTTLs(cached, reply) : reply;
    if (rewrite.applied.length === 0) return msg;
    return { ...msg, answer: revertAnswer(msg.answer, qname, rewrite.name, rewrite.applied), rewrittenTo: rewrite.name, notes: [...msg.notes, `rewrite (Corefile line ${rewrite.applied[0].line}) changed ${canonicalName(qname)} to ${rewrite.name}`] };
  };
  if (block.hosts) {
    const out = serveHosts(block.hosts, name, qtype);
    if (out !== 'next') return finish(out);
  }
  if (block.kubernetes) {
    const zone = matchZone(block.kubernetes.zones, name);
    if (zone !== undefined) {
      const index = clusterIndex(result);
      const lookup = (n: string, t: string) => (depth < 4 ? serveCoreDns(result, n, t, depth + 1) : emptyMessage('SERVFAIL', 'coredns', false));
      const out = serveKubernetes({ index, k: block.kubernetes, lookup }, zone, name, qtype);
      if (out !== 'next') return finish(out);
    }
  }
  const forwarded = serveForward(result, block, name, qtype);
  if (forwarded !== 'next') return finish(forwarded);
  return finish({ ...emptyMessage('SERVFAIL', 'coredns', false), notes: [`no plugin of the server block for ${selected.zone} answers ${canonicalName(name)}`] });
}
