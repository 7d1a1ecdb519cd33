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
import { checkSyntax, ConnectionQueryError, ENGINE_VERSION, formatTrace, judgeConnection, ManifestSyntaxError, parseTraceSource, parseTraceTarget, reachMatrix, targetAddress, targetHttp, traceTo, renderMatrix, runCommandLine, simulate, TraceRequestError, TraceSyntaxError, type ConnectionEnd, type ManifestSource } from '../engine';
import { formatJudgement } from './format-reach';
import { formatDiagnostic, formatText } from './format-text';
import { readSources, SourceError } from './read-sources';
import { dnsCommand } from './dns-command';

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<string | Buffer>;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

/** Runs the command line; resolves to the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const cwd = io.cwd ?? process.cwd();
  const program = new Command('kube-netlab')
    .description('Simulate what a kind cluster (Kubernetes v1.33) does with your manifests')
    .version(ENGINE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const loadSources = async (filenames: string[]): Promise<ManifestSource[] | null> => {
    try {
      return await readSources(filenames, io.stdin, cwd);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      io.stderr.write(`error: ${err.message}\n`);
      exitCode = 1;
      return null;
    }
  };

  program
    .command('simulate')
    .description('simulate the manifests and print Pods, Services and their endpoints')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--seed <seed>', 're-roll generated names (Pod suffixes)', '')
    .action(async (opts: { filename: string[]; output: string; seed: string }) => {
      if (opts.output !== 'text' && opts.output !== 'json') {
        io.stderr.write(`error: unable to match a printer suitable for the output format "${opts.output}", allowed formats are: json, text\n`);
        exitCode = 1;
        return;
      }
      const sources = await loadSources(opts.filename);
      if (!sources) return;
      try {
        const result = simulate(sources, { seed: opts.seed });
        io.stdout.write(opts.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
        if (result.diagnostics.some((d) => d.severity === 'error')) exitCode = 2;
      } catch (err) {
        if (!(err instanceof ManifestSyntaxError)) throw err;
        for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        exitCode = 1;
      }
    });

  program
    .command('check')
    .description('check that the manifests are valid YAML/JSON (what the service checks before storing)')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .action(async (opts: { filename: string[] }) => {
      const sources = await loadSources(opts.filename);
      if (!sources) return;
      const errors = checkSyntax(sources);
      for (const d of errors) io.stderr.write(`${formatDiagnostic(d)}\n`);
      exitCode = errors.length > 0 ? 1 : 0;
    });

  dnsCommand(program, io, loadSources, (code) => (exitCode = code));

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
      if (lines.length === 0) {
        io.stderr.write('error: give the command line after -- (kube-netlab exec -f s.yaml -- kubectl get pods) or with -c\n');
        exitCode = 1;
        return;
      }
      const atStep = opts.step === undefined ? undefined : /^\d+$/.test(opts.step) ? Number(opts.step) : NaN;
      if (Number.isNaN(atStep)) {
        io.stderr.write(`error: invalid argument "${opts.step}" for "--step" flag: a step number (0 = before the first step)\n`);
        exitCode = 1;
        return;
      }
      const sources = await loadSources(opts.filename);
      if (!sources) return;
      let result;
      try {
        result = simulate(sources, { seed: opts.seed, ...(atStep !== undefined ? { atStep } : {}) });
      } catch (err) {
        if (!(err instanceof ManifestSyntaxError)) throw err;
        for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        exitCode = 1;
        return;
      }
      if (atStep !== undefined && atStep > 0 && (result.timeline?.steps.length ?? 0) < atStep) {
        io.stderr.write(result.timeline ? `error: --step ${atStep}: the Timeline has ${result.timeline.steps.length} ${result.timeline.steps.length === 1 ? 'step' : 'steps'}\n` : `error: --step ${atStep}: the scenario has no Timeline (apiVersion: kube-netlab.io/v1alpha1, kind: Timeline)\n`);
        exitCode = 1;
        return;
      }
      for (const line of lines) {
        const out = runCommandLine(result, line, { namespace: opts.namespace, node: opts.node });
        io.stdout.write(out.stdout);
        io.stderr.write(out.stderr);
        exitCode = out.exitCode;
      }
    });

  program
    .command('trace')
    .description('trace a connection through the cluster: every hop, the rules that act on it, and the verdict')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .requiredOption('--from <source>', 'NAMESPACE/POD, POD (in -n), node/NAME, external or external:IP')
    .requiredOption('--to <target>', 'IP:PORT, NAME:PORT or a URL (http://NAME[:PORT]/PATH); names are looked up as the source would')
    .option('--protocol <protocol>', 'TCP or UDP', 'TCP')
    .option('-n, --namespace <ns>', 'the namespace of a Pod named without one', 'default')
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--seed <seed>', "re-roll generated names and kube-proxy's endpoint choice", '')
    .action(async (opts: { filename: string[]; from: string; to: string; protocol: string; namespace: string; output: string; seed: string }) => {
      const fail = (message: string) => {
        io.stderr.write(`error: ${message}\n`);
        exitCode = 1;
      };
      if (opts.output !== 'text' && opts.output !== 'json') return fail(`unable to match a printer suitable for the output format "${opts.output}", allowed formats are: json, text`);
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
      const sources = await loadSources(opts.filename);
      if (!sources) return;
      let result;
      try {
        result = simulate(sources, { seed: opts.seed });
      } catch (err) {
        if (!(err instanceof ManifestSyntaxError)) throw err;
        for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        exitCode = 1;
        return;
      }
      try {
        const trace = traceTo(result, { from, to: { host: targetAddress(target) ?? target.host, port: target.port }, protocol, ...(http ? { http } : {}) }, { seed: opts.seed });
        io.stdout.write(opts.output === 'json' ? `${JSON.stringify(trace, null, 2)}\n` : formatTrace(trace, `Trace ${protocol} ${opts.from} → ${target.host}:${target.port}`));
      } catch (err) {
        if (err instanceof TraceRequestError) return fail(err.message);
        throw err;
      }
    });

  program
    .command('reach')
    .description('is this connection allowed by the NetworkPolicies (judged after kube-proxy DNAT: give the endpoint Pod and its target port)? Exit 3 when denied')
    .requiredOption('-f, --filename <path>', 'manifest file, directory of manifests, or - for stdin (repeatable)', collect)
    .option('--from <source>', 'ns/pod, pod (default namespace) or an IP address')
    .option('--to <destination>', 'ns/pod, pod (default namespace) or an IP address')
    .requiredOption('--port <n>', 'destination port')
    .option('--protocol <p>', 'TCP, UDP or SCTP', 'TCP')
    .option('--matrix', 'print the truth table of every pair instead of one verdict')
    .option('--by <unit>', 'matrix rows and columns: pod or workload', 'pod')
    .option('-n, --namespace <ns>', 'matrix: only this namespace (repeatable; default: every namespace but kind\'s own)', collect)
    .option('-o, --output <format>', 'text or json', 'text')
    .option('--seed <seed>', 're-roll generated names (Pod suffixes)', '')
    .action(async (opts: { filename: string[]; from?: string; to?: string; port: string; protocol: string; matrix?: boolean; by: string; namespace?: string[]; output: string; seed: string }) => {
      const fail = (message: string) => {
        io.stderr.write(`error: ${message}\n`);
        exitCode = 1;
      };
      if (opts.output !== 'text' && opts.output !== 'json') return fail(`unable to match a printer suitable for the output format "${opts.output}", allowed formats are: json, text`);
      if (!/^\d+$/.test(opts.port)) return fail(`invalid argument "${opts.port}" for "--port" flag: a port number`);
      if (opts.by !== 'pod' && opts.by !== 'workload') return fail(`invalid argument "${opts.by}" for "--by" flag: pod or workload`);
      if (!opts.matrix && (!opts.from || !opts.to)) return fail('give --from and --to (ns/pod or an IP address), or --matrix');
      const sources = await loadSources(opts.filename);
      if (!sources) return;
      let result;
      try {
        result = simulate(sources, { seed: opts.seed });
      } catch (err) {
        if (!(err instanceof ManifestSyntaxError)) throw err;
        for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        exitCode = 1;
        return;
      }
      try {
        if (opts.matrix) {
          const m = reachMatrix(result, { port: Number(opts.port), protocol: opts.protocol, by: opts.by, ...(opts.namespace ? { namespaces: opts.namespace } : {}) });
          io.stdout.write(opts.output === 'json' ? `${JSON.stringify(m, null, 2)}\n` : renderMatrix(m));
          return;
        }
        const judgement = judgeConnection(result, { source: parseEnd(opts.from!), destination: parseEnd(opts.to!), port: Number(opts.port), protocol: opts.protocol });
        io.stdout.write(opts.output === 'json' ? `${JSON.stringify(judgement, null, 2)}\n` : formatJudgement(judgement));
        if (!judgement.allowed) exitCode = 3;
      } catch (err) {
        if (!(err instanceof ConnectionQueryError)) throw err;
        fail(err.message);
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    throw err;
  }
  return exitCode;
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

/** `ns/pod`, `pod` (default namespace) or an IPv4 address. */
function parseEnd(text: string): ConnectionEnd {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return { ip: text };
  const [namespace, name] = text.includes('/') ? text.split('/', 2) : ['default', text];
  return { pod: { namespace, name } };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
