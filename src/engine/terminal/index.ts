/**
 * The lab terminal: runs a command line against a SimulationResult and returns what the
 * real tools would print. Pure: same result and command line, same output.
 *
 * Grammar (a slice of bash): pipelines `cmd | cmd`, lists `;`, `&&`, `||`; words with
 * '...', "..." and backslash escapes. Commands: kubectl (alias k; `sudo` is dropped),
 * grep/egrep, head, tail, wc, awk, sort, uniq, column, cat, echo; on a node (or in a
 * Pod, through `kubectl exec`) `ip` (ip.ts) and `iptables`/`iptables-save` (iptables.ts).
 * Networking tools the simulator will answer later (ipvsadm, nslookup, dig, curl, ...) say
 * so; anything else is `bash: X: command not found` (exit 127).
 */
import type { SimulationResult } from '../result';
import { ClusterView } from './kubectl/cluster-view';
import { kubectl } from './kubectl';
import { datapathCommand, defaultNode } from './ip';
import { iptablesCommand } from './iptables';
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
const NOT_YET = new Set(['iptables-legacy', 'ip6tables', 'ipvsadm', 'ipset', 'nft', 'nslookup', 'dig', 'host', 'curl', 'wget', 'ping', 'traceroute', 'tracepath', 'conntrack', 'tcpdump', 'ss', 'netstat', 'nc', 'arp', 'route', 'ifconfig', 'crictl', 'docker', 'kind', 'ssh', 'resolvectl']);

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
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const pipeline of pipelines) {
    if ((pipeline.after === '&&' && exitCode !== 0) || (pipeline.after === '||' && exitCode === 0)) continue;
    let input = '';
    for (const argv of pipeline.commands) {
      const out = datapathCommand(result, argv, namespace, options.node ?? defaultNode(result)) ?? iptablesCommand(result, argv, options.node ?? defaultNode(result)) ?? runOne(view, argv, input, namespace, commandLine);
      stderr += out.stderr;
      input = out.stdout;
      exitCode = out.exitCode;
    }
    stdout += input;
  }
  return { stdout, stderr, exitCode };
}

function runOne(view: ClusterView, argv: string[], stdin: string, namespace: string, commandLine: string): CommandOutput {
  let [name, ...args] = argv;
  if (name === 'sudo') [name, ...args] = args;
  if (name === undefined) return { stdout: '', stderr: '', exitCode: 0 };
  if (name === 'kubectl' || name === 'k') return kubectl(view, args, namespace, commandLine);
  const tool = TEXT_TOOLS[name];
  if (tool) return tool(args, stdin);
  if (NOT_YET.has(name)) return { stdout: '', stderr: `kube-netlab: ${name} is not simulated yet\n`, exitCode: 127 };
  return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
}
