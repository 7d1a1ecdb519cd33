/**
 * `kube-netlab reach -f scenario.yaml --from ns/pod|IP --to ns/pod|IP --port N [--protocol]
 * [-o text|json]`, or `--matrix [--by pod|workload] [-n ns]...`: NetworkPolicy verdicts
 * (src/engine/netpol). Exits 3 when the connection is denied.
 */
import type { Command } from 'commander';
import { ConnectionQueryError, judgeConnection, parseConnectionEnd, reachMatrix, renderMatrix } from '../engine';
import { collect, outputOptions, scenarioCommand, type CommandContext } from './context';
import { formatJudgement } from './format-reach';

export function reachCommand(program: Command, ctx: CommandContext): void {
  const command = scenarioCommand(program, 'reach', 'is this connection allowed by the NetworkPolicies (judged after kube-proxy DNAT: give the endpoint Pod and its target port)? Exit 3 when denied')
    .option('--from <source>', 'ns/pod, pod (default namespace) or an IP address')
    .option('--to <destination>', 'ns/pod, pod (default namespace) or an IP address')
    .requiredOption('--port <n>', 'destination port')
    .option('--protocol <p>', 'TCP, UDP or SCTP', 'TCP')
    .option('--matrix', 'print the truth table of every pair instead of one verdict')
    .option('--by <unit>', 'matrix rows and columns: pod or workload', 'pod')
    .option('-n, --namespace <ns>', 'matrix: only this namespace (repeatable; default: every namespace but kind\'s own)', collect);
  outputOptions(command)
    .action(async (opts: { filename: string[]; from?: string; to?: string; port: string; protocol: string; matrix?: boolean; by: string; namespace?: string[]; output: string; seed: string }) => {
      const fail = (message: string) => ctx.fail(message);
      if (!ctx.checkOutput(opts.output)) return;
      if (!/^\d+$/.test(opts.port)) return fail(`invalid argument "${opts.port}" for "--port" flag: a port number`);
      if (opts.by !== 'pod' && opts.by !== 'workload') return fail(`invalid argument "${opts.by}" for "--by" flag: pod or workload`);
      if (!opts.matrix && (!opts.from || !opts.to)) return fail('give --from and --to (ns/pod or an IP address), or --matrix');
      const result = await ctx.simulate(opts.filename, { seed: opts.seed });
      if (!result) return;
      try {
        if (opts.matrix) {
          const m = reachMatrix(result, { port: Number(opts.port), protocol: opts.protocol, by: opts.by, ...(opts.namespace ? { namespaces: opts.namespace } : {}) });
          ctx.print(opts.output, m, renderMatrix);
          return;
        }
        const judgement = judgeConnection(result, { source: parseConnectionEnd(opts.from!), destination: parseConnectionEnd(opts.to!), port: Number(opts.port), protocol: opts.protocol });
        ctx.print(opts.output, judgement, formatJudgement);
        if (!judgement.allowed) ctx.exitCode = 3;
      } catch (err) {
        if (!(err instanceof ConnectionQueryError)) throw err;
        fail(err.message);
      }
    });
}
