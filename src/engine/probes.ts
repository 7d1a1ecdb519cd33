/**
 * Probes: the questions a run asks the simulated cluster besides its state — traced
 * connections, DNS questions, NetworkPolicy reach checks and terminal command lines —
 * answered from one result. `checkProbes` finds
 * what is malformed before anything is stored; `runProbes` answers them. A probe that
 * names something the cluster lacks (an unknown Pod) gets its own error; the others
 * still run.
 */
import { parseIPv4 } from './cluster/cidr';
import { queryDns, type DnsAnswer } from './dns/query';
import { ConnectionQueryError, judgeConnection, parseConnectionEnd, type ConnectionJudgement } from './netpol/judge';
import type { SimulationResult } from './result';
import { runCommandLine, type TerminalOutput } from './terminal';
import { parseTraceSource, parseTraceTarget, targetAddress, targetHttp, TraceSyntaxError } from './trace/parse';
import { traceTo } from './trace/lookup';
import { TraceRequestError } from './trace/trace';
import type { TraceResult } from './trace/types';

export interface TraceProbe {
  /** `NAMESPACE/POD`, `node/NAME`, `external` or `external:IP`. */
  from: string;
  /** `IP:PORT` or a URL. */
  to: string;
  /** TCP (default) or UDP. */
  protocol?: string;
}

export interface CommandProbe {
  /** A command line as typed in the lab terminal (`kubectl get pods -o wide | grep web`). */
  command: string;
  /** The kubeconfig context's namespace (default `default`). */
  namespace?: string;
  /** The node the shell is logged in on (default: the first worker). */
  node?: string;
}

export interface DnsProbe {
  /** `NAMESPACE/POD` or `node/NAME` to ask as (its resolv.conf and search list); absent: the cluster DNS Service, no search list. */
  from?: string;
  name: string;
  /** Record type (A by default). */
  type?: string;
  /** Nameserver to ask instead of the resolv.conf's. */
  server?: string;
}

export interface ReachProbe {
  /** `NAMESPACE/POD` or an IPv4 address. */
  from: string;
  /** `NAMESPACE/POD` or an IPv4 address (the endpoint Pod: policies judge after DNAT). */
  to: string;
  port: number;
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
}

export interface Probes {
  traces?: TraceProbe[];
  commands?: CommandProbe[];
  dns?: DnsProbe[];
  reach?: ReachProbe[];
}

export interface ProbeResults {
  traces: { probe: TraceProbe; trace?: TraceResult; error?: string }[];
  commands: ({ probe: CommandProbe } & TerminalOutput)[];
  dns: { probe: DnsProbe; answer?: DnsAnswer; error?: string }[];
  reach: { probe: ReachProbe; judgement?: ConnectionJudgement; error?: string }[];
}

export const PROBE_LIMITS = { perKind: 100, commandLength: 4096 };

/** A malformed probe: where (`traces[0].to`) and why. */
export interface ProbeError {
  path: string;
  message: string;
}

export function checkProbes(probes: Probes): ProbeError[] {
  const errors: ProbeError[] = [];
  for (const [kind, list] of Object.entries(probes) as [string, unknown[] | undefined][]) {
    if (list && list.length > PROBE_LIMITS.perKind) errors.push({ path: kind, message: `at most ${PROBE_LIMITS.perKind} ${kind} per run (got ${list.length})` });
  }
  (probes.traces ?? []).forEach((t, i) => {
    try {
      parseTraceSource(t.from);
    } catch (err) {
      if (!(err instanceof TraceSyntaxError)) throw err;
      errors.push({ path: `traces[${i}].from`, message: err.message });
    }
    try {
      parseTraceTarget(t.to);
    } catch (err) {
      if (!(err instanceof TraceSyntaxError)) throw err;
      errors.push({ path: `traces[${i}].to`, message: err.message });
    }
    const protocol = (t.protocol ?? 'TCP').toUpperCase();
    if (protocol !== 'TCP' && protocol !== 'UDP') errors.push({ path: `traces[${i}].protocol`, message: `${t.protocol} is not TCP or UDP` });
  });
  (probes.dns ?? []).forEach((d, i) => {
    if (d.name.trim() === '' || d.name.length > 255) errors.push({ path: `dns[${i}].name`, message: 'a DNS name of 1 to 255 characters' });
    if (d.from !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(d.from)) errors.push({ path: `dns[${i}].from`, message: `${d.from}: expected NAMESPACE/POD or node/NAME` });
  });
  (probes.reach ?? []).forEach((c, i) => {
    for (const key of ['from', 'to'] as const) if (!/^[^/\s]+\/[^/\s]+$/.test(c[key]) && parseIPv4(c[key]) === null) errors.push({ path: `reach[${i}].${key}`, message: `${c[key]}: expected NAMESPACE/POD or an IPv4 address` });
    if (!Number.isInteger(c.port) || c.port < 1 || c.port > 65535) errors.push({ path: `reach[${i}].port`, message: `${c.port} is not between 1 and 65535` });
  });
  (probes.commands ?? []).forEach((c, i) => {
    if (c.command.trim() === '') errors.push({ path: `commands[${i}].command`, message: 'empty command line' });
    if (c.command.length > PROBE_LIMITS.commandLength) errors.push({ path: `commands[${i}].command`, message: `longer than ${PROBE_LIMITS.commandLength} characters` });
  });
  return errors;
}

/** Answers well-formed probes (see checkProbes) from `result`. */
export function runProbes(result: SimulationResult, probes: Probes, options: { seed?: string } = {}): ProbeResults {
  const traces = (probes.traces ?? []).map((probe) => {
    try {
      const target = parseTraceTarget(probe.to);
      const protocol = (probe.protocol ?? 'TCP').toUpperCase() as 'TCP' | 'UDP';
      const http = targetHttp(target);
      return { probe, trace: traceTo(result, { from: parseTraceSource(probe.from), to: { host: targetAddress(target) ?? target.host, port: target.port }, protocol, ...(http ? { http } : {}) }, options) };
    } catch (err) {
      if (err instanceof TraceRequestError || err instanceof TraceSyntaxError) return { probe, error: err.message };
      throw err;
    }
  });
  const commands = (probes.commands ?? []).map((probe) => ({ probe, ...runCommandLine(result, probe.command, { namespace: probe.namespace, node: probe.node }) }));
  const dns = (probes.dns ?? []).map((probe) => {
    const [a, b] = probe.from?.split('/') ?? [];
    const from = probe.from === undefined ? undefined : a === 'node' ? { node: b } : { namespace: a, pod: b };
    const answer = queryDns(result, { name: probe.name, ...(probe.type ? { type: probe.type } : {}), ...(from ? { from } : {}), ...(probe.server ? { server: probe.server } : {}) });
    return 'rcode' in answer ? { probe, answer } : { probe, error: answer.error };
  });
  const reach = (probes.reach ?? []).map((probe) => {
    try {
      return { probe, judgement: judgeConnection(result, { source: parseConnectionEnd(probe.from), destination: parseConnectionEnd(probe.to), port: probe.port, ...(probe.protocol ? { protocol: probe.protocol } : {}) }) };
    } catch (err) {
      if (err instanceof ConnectionQueryError) return { probe, error: err.message };
      throw err;
    }
  });
  return { traces, commands, dns, reach };
}
