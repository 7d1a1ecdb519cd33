/**
 * The kube-netlab command: a thin shell over the engine.
 *
 *   kube-netlab simulate -f scenario.yaml [-f dir/ | -f -] [-o text|json] [--seed s]
 *   kube-netlab check -f scenario.yaml       (syntax only)
 *   kube-netlab dns -f scenario.yaml [--from ns/pod] NAME [TYPE] [-o text|json]
 *   kube-netlab exec -f scenario.yaml [-n ns] [--seed s] -- kubectl get pods -o wide | grep web
 *   kube-netlab exec -f scenario.yaml -c 'kubectl get svc' -c 'kubectl get ep'
 *   kube-netlab exec -f scenario.yaml --step 2 -- kubectl get pods -o wide   (after Timeline step 2)
 *   kube-netlab trace -f scenario.yaml --from default/client --to 10.96.0.10:53 --protocol UDP [-o json]
 *   kube-netlab reach -f scenario.yaml --from ns/pod|IP --to ns/pod|IP --port 80 [--protocol TCP] [-o text|json]
 *   kube-netlab reach -f scenario.yaml --matrix --port 80 [--by pod|workload] [-n ns]...   (the truth table)
 *
 * `run` takes argv and streams so that tests call it without spawning a process.
 */
import { Command, CommanderError } from 'commander';
import { checkSyntax, ENGINE_VERSION, runCommandLine } from '../engine';
import { collect, CommandContext, type CliIO } from './context';
import { dnsCommand } from './dns-command';
import { formatDiagnostic, formatText } from './format-text';
import { reachCommand } from './reach-command';
import { gradeCommand } from './grade-command';
import { traceCommand } from './trace-command';

export type { CliIO } from './context';

/** Runs the command line; resolves to the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const ctx = new CommandContext(io);
  const program = new Command('kube-netlab')
    .description('Simulate what a kind cluster (Kubernetes v1.33) does with your manifests')
    .version(ENGINE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('simulate')
    .description('simulate the manifests and print Pods, Services and their endpoints')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--seed <seed>', 're-roll generated names (Pod suffixes)', '')
    .action(async (opts: { filename: string[]; output: string; seed: string }) => {
      if (!ctx.checkOutput(opts.output)) return;
      const result = await ctx.simulate(opts.filename, { seed: opts.seed });
      if (!result) return;
      io.stdout.write(opts.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
      if (result.diagnostics.some((d) => d.severity === 'error')) ctx.exitCode = 2;
    });

  program
    .command('check')
    .description('check that the manifests are valid YAML/JSON (what the service checks before storing)')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .action(async (opts: { filename: string[] }) => {
      const sources = await ctx.loadSources(opts.filename);
      if (!sources) return;
      const errors = checkSyntax(sources);
      for (const d of errors) io.stderr.write(`${formatDiagnostic(d)}\n`);
      ctx.exitCode = errors.length > 0 ? 1 : 0;
    });

  dnsCommand(program, ctx);

  program
    .command('exec')
    .description('run a command line (kubectl get/describe, | grep, | awk, ...) against the simulated cluster and print what the real tools print')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .option('-n, --namespace <ns>', "the kubeconfig context's namespace", 'default')
    .option('-c, --command <line>', 'a command line to run (repeatable; run in order)', collect)
    .option('--seed <seed>', 're-roll generated names (Pod suffixes)', '')
    .option('--step <n>', "the cluster after the scenario Timeline's step n (0: before any step; default: after the last)")
    .option('--node <name>', 'the node the shell is logged in on, for ip and iptables (default: the first worker)')
    .argument('[words...]', 'the command line, after --')
    .action(async (words: string[], opts: { filename: string[]; namespace: string; command?: string[]; seed: string; step?: string; node?: string }) => {
      const lines = [...(opts.command ?? []), ...(words.length > 0 ? [words.map(shellQuote).join(' ')] : [])];
      if (lines.length === 0) return ctx.fail('give the command line after -- (kube-netlab exec -f s.yaml -- kubectl get pods) or with -c');
      const atStep = opts.step === undefined ? undefined : /^\d+$/.test(opts.step) ? Number(opts.step) : NaN;
      if (Number.isNaN(atStep)) return ctx.fail(`invalid argument "${opts.step}" for "--step" flag: a step number (0 = before the first step)`);
      const result = await ctx.simulate(opts.filename, { seed: opts.seed, ...(atStep !== undefined ? { atStep } : {}) });
      if (!result) return;
      if (atStep !== undefined && atStep > 0 && (result.timeline?.steps.length ?? 0) < atStep) {
        return ctx.fail(result.timeline ? `--step ${atStep}: the Timeline has ${result.timeline.steps.length} ${result.timeline.steps.length === 1 ? 'step' : 'steps'}` : `--step ${atStep}: the scenario has no Timeline (apiVersion: kube-netlab.io/v1alpha1, kind: Timeline)`);
      }
      for (const line of lines) {
        const out = runCommandLine(result, line, { namespace: opts.namespace, node: opts.node });
        io.stdout.write(out.stdout);
        io.stderr.write(out.stderr);
        ctx.exitCode = out.exitCode;
      }
    });

  traceCommand(program, ctx);
  reachCommand(program, ctx);
  gradeCommand(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    throw err;
  }
  return ctx.exitCode;
}

/**
 * Words after `--` arrive already split by the user's shell; a word that needs quoting to
 * survive re-parsing (spaces, quotes, `|` meant literally) is single-quoted. A bare `|`
 * stays an operator, so `-- kubectl get pods '|' grep web` pipes.
 */
function shellQuote(word: string): string {
  if (word === '|' || word === '&&' || word === '||' || word === ';') return word;
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
