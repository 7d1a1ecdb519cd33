/**
 * Probes: the questions a run asks the simulated cluster besides its state — traced
 * connections and terminal command lines — answered from one result. `checkProbes` finds
 * what is malformed before anything is stored; `runProbes` answers them. A probe that
 * names something the cluster lacks (an unknown Pod) gets its own error; the others
 * still run.
 */
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

export interface Probes {
  traces?: TraceProbe[];
  commands?: CommandProbe[];
}

export interface ProbeResults {
  traces: { probe: TraceProbe; trace?: TraceResult; error?: string }[];
  commands: ({ probe: CommandProbe } & TerminalOutput)[];
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
  return { traces, commands };
}
