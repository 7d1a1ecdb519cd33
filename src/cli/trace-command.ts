/**
 * `kube-netlab trace -f scenario.yaml --from ns/pod|node/NAME|external[:IP] --to IP:PORT|NAME:PORT|URL
 * [--protocol TCP|UDP] [-o text|json]`: the first packet of a connection, hop by hop
 * (src/engine/trace), ending in a verdict.
 */
import type { Command } from 'commander';
import { formatTrace, parseTraceSource, parseTraceTarget, targetAddress, targetHttp, TraceRequestError, traceTo, TraceSyntaxError } from '../engine';
import { outputOptions, scenarioCommand, type CommandContext } from './context';

export function traceCommand(program: Command, ctx: CommandContext): void {
  const command = scenarioCommand(program, 'trace', 'trace a connection through the cluster: every hop, the rules that act on it, and the verdict')
    .requiredOption('--from <source>', 'NAMESPACE/POD, POD (in -n), node/NAME, external or external:IP')
    .requiredOption('--to <target>', 'IP:PORT, NAME:PORT or a URL (http://NAME[:PORT]/PATH); names are looked up as the source would')
    .option('--protocol <protocol>', 'TCP or UDP', 'TCP')
    .option('-n, --namespace <ns>', 'the namespace of a Pod named without one', 'default');
  outputOptions(command, "re-roll generated names and kube-proxy's endpoint choice")
    .action(async (opts: { filename: string[]; from: string; to: string; protocol: string; namespace: string; output: string; seed: string }) => {
      const fail = (message: string) => ctx.fail(message);
      if (!ctx.checkOutput(opts.output)) return;
      const protocol = opts.protocol.toUpperCase();
      if (protocol !== 'TCP' && protocol !== 'UDP') return fail(`--protocol ${opts.protocol}: TCP or UDP`);
      let from, target;
      try {
        from = parseTraceSource(opts.from, opts.namespace);
        target = parseTraceTarget(opts.to);
      } catch (err) {
        if (err instanceof TraceSyntaxError) return fail(err.message);
        throw err;
      }
      const http = targetHttp(target);
      const result = await ctx.simulate(opts.filename, { seed: opts.seed });
      if (!result) return;
      try {
        const trace = traceTo(result, { from, to: { host: targetAddress(target) ?? target.host, port: target.port }, protocol, ...(http ? { http } : {}) }, { seed: opts.seed });
        ctx.print(opts.output, trace, (t) => formatTrace(t, `Trace ${protocol} ${opts.from} → ${target.host}:${target.port}`));
      } catch (err) {
        if (err instanceof TraceRequestError) return fail(err.message);
        throw err;
      }
    });
}
