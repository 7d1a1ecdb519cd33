/**
 * What CoreDNS makes of a parsed Corefile: per server block, the settings of the plugins
 * the simulator runs (kubernetes, hosts, rewrite, forward), each read as the plugin's
 * setup.go reads it (defaults: kubernetes `ttl 5`, `pods disabled`, no fallthrough; hosts
 * `ttl 3600`). Other plugins are accepted and have no effect on answers (errors, health,
 * ready, prometheus, cache, loop, reload, loadbalance, log, ...); a name that is no plugin
 * is CoreDNS's `Unknown directive`.
 */
import { parseCorefile, type CorefileDirective, type CorefileError, type CorefileServerBlock } from './corefile';
import { absoluteName, canonicalName } from './names';

export type PodsMode = 'disabled' | 'insecure' | 'verified';

export interface KubernetesPluginConfig {
  /** Absolute, lower case (`cluster.local.`, `in-addr.arpa.`). */
  zones: string[];
  pods: PodsMode;
  ttl: number;
  /** null: no fallthrough; []: fall through for every zone. */
  fallthrough: string[] | null;
  endpointPodNames: boolean;
  ignoreEmptyService: boolean;
  noEndpoints: boolean;
  /** Exposed namespaces; [] = all. */
  namespaces: string[];
}

export interface HostsPluginConfig {
  entries: { ip: string; names: string[] }[];
  ttl: number;
  fallthrough: string[] | null;
  noReverse: boolean;
  zones: string[];
}

export interface RewriteRule {
  /** `stop` (default) ends rule processing when the rule matched; `continue` goes on. */
  stop: boolean;
  match: 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';
  from: string;
  to: string;
  /** Rewrite the answer's owner names back to the question's (`answer auto`, and always for `exact`). */
  answerAuto: boolean;
  /** `answer name FROM TO` (regex). */
  answerName?: { from: string; to: string };
  line: number;
}

export interface ForwardPluginConfig {
  /** Only names under this zone are forwarded (absolute). */
  from: string;
  /** `/etc/resolv.conf` or addresses (`8.8.8.8`, `dns://10.0.0.1:53`) as written. */
  to: string[];
  line: number;
}

/** The cache plugin's TTL bounds (plugin/cache setup.go: max 3600 s success, 1800 s denial, min 5 s; `cache TTL` sets both maxima). */
export interface CachePluginConfig {
  zones: string[];
  successMax: number;
  successMin: number;
  denialMax: number;
  denialMin: number;
  /** `servfail DURATION` (default 5 s). */
  servfailTTL: number;
}

export interface ServerBlockConfig {
  zones: string[];
  port: number;
  line: number;
  rewrite: RewriteRule[];
  cache?: CachePluginConfig;
  hosts?: HostsPluginConfig;
  kubernetes?: KubernetesPluginConfig;
  forward?: ForwardPluginConfig;
}

export interface CoreDnsConfig {
  blocks: ServerBlockConfig[];
}

/** CoreDNS's plugins (core/plugin.cfg of CoreDNS 1.12), for `Unknown directive`. */
const KNOWN_PLUGINS = new Set(
  'root metadata geoip cancel tls timeouts multisocket reload nsid bufsize bind debug trace ready health pprof prometheus errors log dnstap local dns64 acl any chaos loadbalance tsig cache rewrite header dnssec autopath minimal template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary etcd loop forward grpc erratic whoami on sign view'.split(' '),
);

class SetupError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function fallthroughZones(args: string[]): string[] {
  return args.map(absoluteName);
}

function readKubernetes(d: CorefileDirective, blockZones: string[]): KubernetesPluginConfig {
  const fail = (line: number, m: string) => new SetupError(line, `plugin/kubernetes: ${m}`);
  const cfg: KubernetesPluginConfig = { zones: d.args.length ? d.args.map(absoluteName) : [...blockZones], pods: 'disabled', ttl: 5, fallthrough: null, endpointPodNames: false, ignoreEmptyService: false, noEndpoints: false, namespaces: [] };
  for (const o of d.block) {
    switch (o.name) {
      case 'pods':
        if (o.args.length !== 1) throw fail(o.line, "Wrong argument count or unexpected line ending after 'pods'");
        if (!['disabled', 'insecure', 'verified'].includes(o.args[0])) throw fail(o.line, `value ${o.args[0]} not supported for 'pods' option`);
        cfg.pods = o.args[0] as PodsMode;
        break;
      case 'ttl': {
        if (o.args.length !== 1 || !/^\d+$/.test(o.args[0])) throw fail(o.line, "Wrong argument count or unexpected line ending after 'ttl'");
        const ttl = Number(o.args[0]);
        if (ttl > 3600) throw fail(o.line, `ttl must be in range [0, 3600]: ${ttl}`);
        cfg.ttl = ttl;
        break;
      }
      case 'fallthrough':
        cfg.fallthrough = fallthroughZones(o.args);
        break;
      case 'endpoint_pod_names':
        cfg.endpointPodNames = true;
        break;
      case 'ignore':
        if (o.args[0] !== 'empty_service') throw fail(o.line, `unable to parse ignore value: '${o.args.join(' ')}'`);
        cfg.ignoreEmptyService = true;
        break;
      case 'noendpoints':
        cfg.noEndpoints = true;
        break;
      case 'namespaces':
        cfg.namespaces = [...o.args];
        break;
      case 'kubeconfig':
      case 'endpoint':
      case 'tls':
      case 'labels':
      case 'namespace_labels':
      case 'multicluster':
      case 'apiserver':
      case 'startup_timeout':
        break;
      default:
        throw fail(o.line, `unknown property '${o.name}'`);
    }
  }
  return cfg;
}

function readHosts(d: CorefileDirective, blockZones: string[]): HostsPluginConfig {
  const cfg: HostsPluginConfig = { entries: [], ttl: 3600, fallthrough: null, noReverse: false, zones: d.args.length > 1 ? d.args.slice(1).map(absoluteName) : [...blockZones] };
  for (const o of d.block) {
    if (o.name === 'fallthrough') cfg.fallthrough = fallthroughZones(o.args);
    else if (o.name === 'ttl') {
      if (o.args.length !== 1 || !/^\d+$/.test(o.args[0])) throw new SetupError(o.line, `plugin/hosts: ttl needs a time in second`);
      cfg.ttl = Number(o.args[0]);
    } else if (o.name === 'no_reverse') cfg.noReverse = true;
    else if (o.name === 'reload') continue;
    else if (/^[0-9a-fA-F:.]+$/.test(o.name) && (o.name.includes('.') || o.name.includes(':'))) {
      // An inline /etc/hosts line: IP name... (an invalid IP makes the line ignored, as in a hosts file).
      if (o.args.length > 0) cfg.entries.push({ ip: o.name, names: o.args.map((n) => absoluteName(n)) });
    } else throw new SetupError(o.line, `plugin/hosts: unknown property '${o.name}'`);
  }
  return cfg;
}

const MATCH_TYPES = ['exact', 'prefix', 'suffix', 'substring', 'regex'] as const;

function readRewrite(d: CorefileDirective): RewriteRule | undefined {
  const fail = (m: string) => new SetupError(d.line, `plugin/rewrite: ${m}`);
  let args = [...d.args];
  let stop = true;
  if (args[0] === 'stop' || args[0] === 'continue') {
    stop = args[0] === 'stop';
    args = args.slice(1);
  }
  const field = args.shift();
  if (field !== 'name') {
    if (field && ['type', 'class', 'edns0', 'ttl', 'cname', 'rcode'].includes(field)) return undefined; // accepted, not simulated
    throw fail(`invalid field type: ${JSON.stringify(field ?? '')}`);
  }
  let match: RewriteRule['match'] = 'exact';
  if ((MATCH_TYPES as readonly string[]).includes(args[0])) match = args.shift() as RewriteRule['match'];
  if (args.length < 2) throw fail('name rule needs FROM and TO');
  const [from, to, ...opts] = args;
  if (match === 'regex') {
    try {
      new RegExp(from);
    } catch {
      throw fail(`invalid regex pattern in a name rule: ${from}`);
    }
  }
  // name.go newNameRule: every form but regex is plugin.Name(x).Normalize()d (lower case, absolute).
  const norm = (x: string) => (match === 'regex' ? x : canonicalName(x));
  const rule: RewriteRule = { stop, match, from: norm(from), to: match === 'regex' ? to : norm(to), answerAuto: match === 'exact', line: d.line };
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] !== 'answer') throw fail(`unexpected argument ${JSON.stringify(opts[i])}`);
    if (opts[i + 1] === 'auto') {
      rule.answerAuto = true;
      i++;
    } else if (opts[i + 1] === 'name' && opts[i + 3] !== undefined) {
      rule.answerName = { from: opts[i + 2], to: opts[i + 3] };
      i += 3;
    } else if (opts[i + 1] === 'value') {
      i += 3;
    } else throw fail('answer option needs auto, name FROM TO or value FROM TO');
  }
  return rule;
}

const seconds = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

function readCache(d: CorefileDirective, blockZones: string[]): CachePluginConfig {
  const fail = (line: number, m: string) => new SetupError(line, `plugin/cache: ${m}`);
  const [ttlArg, ...zoneArgs] = d.args;
  const ttl = seconds(ttlArg);
  if (ttlArg !== undefined && ttl === undefined) throw fail(d.line, `cache TTL can not be zero or negative: ${ttlArg}`);
  const cfg: CachePluginConfig = { zones: zoneArgs.length ? zoneArgs.map(absoluteName) : [...blockZones], successMax: ttl ?? 3600, successMin: 5, denialMax: ttl ?? 1800, denialMin: 5, servfailTTL: 5 };
  for (const o of d.block) {
    if (o.name === 'success' || o.name === 'denial') {
      const max = seconds(o.args[1]);
      const min = seconds(o.args[2]);
      if (o.args.length === 0 || seconds(o.args[0]) === undefined) throw fail(o.line, `Wrong argument count or unexpected line ending after '${o.name}'`);
      if (o.name === 'success') {
        if (max !== undefined) cfg.successMax = max;
        if (min !== undefined) cfg.successMin = min;
      } else {
        if (max !== undefined) cfg.denialMax = max;
        if (min !== undefined) cfg.denialMin = min;
      }
    } else if (o.name === 'servfail') {
      const m = /^(\d+)(s|m)?$/.exec(o.args[0] ?? '');
      if (!m) throw fail(o.line, `invalid servfail duration ${JSON.stringify(o.args[0] ?? '')}`);
      cfg.servfailTTL = Number(m[1]) * (m[2] === 'm' ? 60 : 1);
    } else if (!['prefetch', 'serve_stale', 'disable', 'keepttl'].includes(o.name)) throw fail(o.line, `unknown property '${o.name}'`);
  }
  return cfg;
}

function readForward(d: CorefileDirective): ForwardPluginConfig {
  if (d.args.length < 2) throw new SetupError(d.line, 'plugin/forward: Wrong argument count or unexpected line ending after \'forward\'');
  return { from: absoluteName(d.args[0]), to: d.args.slice(1), line: d.line };
}

function readBlock(b: CorefileServerBlock): ServerBlockConfig {
  const zones = b.keys.map((k) => k.zone);
  const out: ServerBlockConfig = { zones, port: b.keys[0]?.port ?? 53, line: b.line, rewrite: [] };
  const seen = new Set<string>();
  for (const d of b.directives) {
    if (!KNOWN_PLUGINS.has(d.name)) throw new SetupError(d.line, `Unknown directive '${d.name}'`);
    if (seen.has(d.name) && ['kubernetes', 'hosts', 'forward', 'cache', 'health', 'ready', 'errors'].includes(d.name)) throw new SetupError(d.line, `plugin/${d.name}: this plugin can only be used once per Server Block`);
    seen.add(d.name);
    if (d.name === 'kubernetes') out.kubernetes = readKubernetes(d, zones);
    else if (d.name === 'hosts') out.hosts = readHosts(d, zones);
    else if (d.name === 'forward') out.forward = readForward(d);
    else if (d.name === 'cache') out.cache = readCache(d, zones);
    else if (d.name === 'rewrite') {
      // `rewrite [continue|stop] { RULE... }` holds one rule per line, each taking the block's action.
      // An `answer ...` line belongs to the rule before it (`name regex A B` + `answer name C D`).
      const lines: CorefileDirective[] = [];
      for (const b of d.block) {
        if (b.name === 'answer' && lines.length > 0) lines[lines.length - 1].args.push('answer', ...b.args);
        else lines.push({ ...b, name: 'rewrite', args: [...d.args, b.name, ...b.args] });
      }
      if (d.block.length === 0) lines.push(d);
      for (const line of lines) {
        const rule = readRewrite(line);
        if (rule) out.rewrite.push(rule);
      }
    }
  }
  return out;
}

/** Reads a Corefile: the configuration, or the first error as CoreDNS reports it. */
export function readCorefile(text: string): { config: CoreDnsConfig } | { error: CorefileError } {
  const parsed = parseCorefile(text);
  if ('error' in parsed) return { error: { line: parsed.error.line, message: `Corefile:${parsed.error.line} - Error during parsing: ${parsed.error.message}` } };
  try {
    return { config: { blocks: parsed.blocks.map(readBlock) } };
  } catch (e) {
    if (e instanceof SetupError) return { error: { line: e.line, message: `Corefile:${e.line} - Error during parsing: ${e.message}` } };
    throw e;
  }
}
