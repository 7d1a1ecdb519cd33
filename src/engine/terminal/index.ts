/**
 * The lab terminal: runs a command line against a SimulationResult and returns what the
 * real tools would print. Pure: same result and command line, same output.
 *
 * Grammar (a slice of bash): pipelines `cmd | cmd`, lists `;`, `&&`, `||`; words with
 * '...', "..." and backslash escapes. Commands: kubectl (alias k; `sudo` is dropped),
 * grep/egrep, head, tail, wc, awk, sort, uniq, column, cat, echo; and the host commands of
 * host-commands.ts (ip, iptables, ...), on the terminal's node or, through
 * `kubectl exec POD -- CMD`, in a Pod's container (host.ts).
 * Networking tools the simulator will answer later (ipvsadm, curl, ...) say
 * so; anything else is `bash: X: command not found` (exit 127).
 */
import type { SimulationResult } from '../result';
import { ClusterView } from './kubectl/cluster-view';
import { kubectl } from './kubectl';
import { execHost, fail, parseKubectlExec, type Host, type HostContext } from './host';
import { HOST_COMMANDS } from './host-commands';
import { defaultNode } from './ip';
import { parseCommandLine, ShellSyntaxError } from './shell';
import { TEXT_TOOLS, type CommandOutput } from './text-tools';

/** What a command line printed, and its exit status (that of the last command run, as in bash). */
export interface TerminalOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface TerminalOptions {
  /** The kubeconfig context's namespace, used when -n is not given (default `default`). */
  namespace?: string;
  /** The node the terminal is logged in on, where `ip` runs (default: the first worker, else the first node). */
  node?: string;
}

/** Commands later engine stages will simulate (datapath, proxy, dns). */
const NOT_YET = new Set(['iptables-legacy', 'ip6tables', 'ping', 'traceroute', 'tracepath', 'conntrack', 'tcpdump', 'ss', 'netstat', 'arp', 'route', 'ifconfig', 'crictl', 'docker', 'kind', 'ssh', 'resolvectl']);

export function runCommandLine(result: SimulationResult, commandLine: string, options: TerminalOptions = {}): TerminalOutput {
  let pipelines;
  try {
    pipelines = parseCommandLine(commandLine);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return { stdout: '', stderr: `bash: ${err.message}\n`, exitCode: 2 };
    throw err;
  }
  const view = new ClusterView(result);
  const namespace = options.namespace ?? 'default';
  const nodeName = options.node ?? defaultNode(result);
  const node: Host | undefined = nodeName === undefined ? undefined : { kind: 'node', node: nodeName };
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const pipeline of pipelines) {
    if ((pipeline.after === '&&' && exitCode !== 0) || (pipeline.after === '||' && exitCode === 0)) continue;
    let input = '';
    for (const argv of pipeline.commands) {
      const out = runOne({ view, result, node, namespace, commandLine }, argv, input);
      stderr += out.stderr;
      input = out.stdout;
      exitCode = out.exitCode;
    }
    stdout += input;
  }
  return { stdout, stderr, exitCode };
}

interface Session {
  view: ClusterView;
  result: SimulationResult;
  /** The node the terminal is logged in on (undefined: the cluster has no node). */
  node: Host | undefined;
  namespace: string;
  commandLine: string;
}

function runOne(session: Session, argv: string[], stdin: string): CommandOutput {
  let [name, ...args] = argv;
  if (name === 'sudo') [name, ...args] = args;
  if (name === undefined) return { stdout: '', stderr: '', exitCode: 0 };
  if (name === 'kubectl' || name === 'k') {
    const exec = parseKubectlExec(args, session.namespace);
    if (exec === null) return kubectl(session.view, args, session.namespace, session.commandLine);
    if (!('command' in exec)) return exec;
    const target = execHost(session.result, exec);
    if (!('host' in target)) return target;
    const out = runOnHost({ result: session.result, host: target.host, namespace: session.namespace }, exec.command, stdin);
    // kubectl reports a command's non-zero exit status, and exits with it.
    const status = out.exitCode !== 0 ? `command terminated with exit code ${out.exitCode}\n` : '';
    return { ...out, stderr: target.notice + out.stderr + status };
  }
  const command = HOST_COMMANDS[name];
  if (command) return session.node ? command({ result: session.result, host: session.node, namespace: session.namespace }, args, stdin) : fail(`kube-netlab: the cluster has no node to run ${name} on\n`);
  return other(name, args, stdin);
}

/** A command inside a Pod's container (`kubectl exec`): host commands, then text tools. */
function runOnHost(ctx: HostContext, argv: string[], stdin: string): CommandOutput {
  const [name, ...args] = argv;
  const command = HOST_COMMANDS[name];
  if (command) return command(ctx, args, stdin);
  if (TEXT_TOOLS[name] || NOT_YET.has(name)) return other(name, args, stdin);
  // runc's message for a binary the image lacks, then kubectl's exit-code line.
  return fail(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\n`, 126);
}

function other(name: string, args: string[], stdin: string): CommandOutput {
  const tool = TEXT_TOOLS[name];
  if (tool) return tool(args, stdin);
  if (NOT_YET.has(name)) return { stdout: '', stderr: `kube-netlab: ${name} is not simulated yet\n`, exitCode: 127 };
  return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
}
