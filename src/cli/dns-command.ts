/**
 * `kube-netlab dns -f scenario.yaml [--from ns/pod | node/NAME] [--server IP] NAME [TYPE] [-o text|json]`:
 * one DNS question, asked as the Pod asks it (its resolv.conf and search list) or, without
 * --from, straight at the cluster DNS Service. JSON carries `rcode`, `answers` (name, type,
 * ttl, data) and `tried` (each name asked while walking the search list, with its rcode).
 */
import type { Command } from 'commander';
import { queryDns } from '../engine';
import { outputOptions, scenarioCommand, type CommandContext } from './context';
import { formatDnsAnswer } from './format-dns';

/** `--from` as written: `ns/pod`, `pod` (in default), or `node/NAME`. */
function parseFrom(from: string): { namespace: string; pod: string } | { node: string } {
  const [a, b] = from.split('/');
  if (b === undefined) return { namespace: 'default', pod: a };
  return a === 'node' ? { node: b } : { namespace: a, pod: b };
}

export function dnsCommand(program: Command, ctx: CommandContext): void {
  const command = scenarioCommand(program, 'dns', 'ask cluster DNS a question: from a Pod (its resolv.conf and search list) with --from, else straight to the cluster DNS Service')
    .option('--from <ns/pod>', 'ask as this Pod does (namespace/name, or a name in default; node/NAME for a node)')
    .option('--server <ip>', 'the nameserver to ask (default: the resolv.conf one, or the cluster DNS Service)');
  outputOptions(command)
    .argument('<name>', 'the name to look up (relative names walk the search list with --from)')
    .argument('[type]', 'record type', 'A')
    .action(async (name: string, type: string, opts: { filename: string[]; from?: string; server?: string; output: string; seed: string }) => {
      if (!ctx.checkOutput(opts.output)) return;
      const result = await ctx.simulate(opts.filename, { seed: opts.seed });
      if (!result) return;
      const answer = queryDns(result, { name, type, ...(opts.from !== undefined ? { from: parseFrom(opts.from) } : {}), ...(opts.server ? { server: opts.server } : {}) });
      if ('error' in answer && !('rcode' in answer)) return ctx.fail(answer.error);
      ctx.print(opts.output, answer, formatDnsAnswer);
      // 3: the server did not answer (timed out, refused), as a script can tell from NXDOMAIN.
      ctx.exitCode = answer.error ? 3 : 0;
    });
}
