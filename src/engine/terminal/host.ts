/**
 * Where a terminal command runs: logged in on a node (its root network namespace), or
 * inside a Pod's container through `kubectl exec POD [-c C] -- CMD ...`. Networking tools
 * (ip, iptables, curl, nslookup, ...) are host commands: they answer from the host they
 * run on, and are registered once in host-commands.ts for both places.
 */
import type { PodResult, SimulationResult } from '../result';
import type { CommandOutput } from './text-tools';

export type Host = { kind: 'node'; node: string } | { kind: 'pod'; pod: PodResult; container: string };

export interface HostContext {
  result: SimulationResult;
  host: Host;
  /** The kubeconfig context's namespace (for commands that name objects). */
  namespace: string;
}

/** A command that runs on a host: argv without its own name, and the pipeline's stdin. */
export type HostCommand = (ctx: HostContext, args: string[], stdin: string) => CommandOutput;

/** The node whose network a host uses: the node itself, or the Pod's node. */
export function hostNode(host: Host): string | undefined {
  return host.kind === 'node' ? host.node : (host.pod.nodeName ?? undefined);
}

/** A host's name as `hostname` prints it: the node's, or the Pod's `spec.hostname` (default: its name). */
export function hostName(host: Host): string {
  if (host.kind === 'node') return host.node;
  return host.pod.hostNetwork && host.pod.nodeName ? host.pod.nodeName : (host.pod.hostname ?? host.pod.name);
}

export const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
export const fail = (stderr: string, exitCode = 1): CommandOutput => ({ stdout: '', stderr, exitCode });

/** `kubectl [-n NS] exec [-it] POD [-c C] -- CMD ...` taken apart; null when the line is not such an exec. */
export interface KubectlExec {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
}

export function parseKubectlExec(args: string[], defaultNamespace: string): KubectlExec | CommandOutput | null {
  const dashdash = args.indexOf('--');
  const before = dashdash < 0 ? args : args.slice(0, dashdash);
  let namespace = defaultNamespace;
  let container: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const w = before[i];
    const eq = w.indexOf('=');
    const flag = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
    const inline = w.startsWith('--') && eq > 0 ? w.slice(eq + 1) : undefined;
    if (flag === '-n' || flag === '--namespace') namespace = inline ?? before[++i] ?? namespace;
    else if (flag === '-c' || flag === '--container') container = inline ?? before[++i];
    else if (/^-n./.test(w)) namespace = w.slice(2);
    else if (/^-c./.test(w)) container = w.slice(2);
    else if (w.startsWith('-')) continue; // -i, -t, -it, --stdin, --tty, -q
    else positional.push(w);
  }
  if (positional[0] !== 'exec') return null;
  const podWord = positional[1];
  if (podWord === undefined) return fail('error: pod, type/name or --filename must be specified\n');
  // kubectl v1.33 still accepts `exec POD CMD` without `--` only with a deprecation error.
  if (dashdash < 0) return positional.length > 2 ? fail('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n') : fail('error: you must specify at least one command for the container\n');
  const command = args.slice(dashdash + 1);
  if (command.length === 0) return fail('error: you must specify at least one command for the container\n');
  return { namespace, pod: podWord.replace(/^(pods?|po)\//, ''), container, command };
}

/** Resolves an exec's Pod and container as the API server and kubectl would, with kubectl's messages. */
export function execHost(result: SimulationResult, exec: KubectlExec): { host: Host; notice: string } | CommandOutput {
  const pod = result.pods.find((p) => p.namespace === exec.namespace && p.name === exec.pod);
  if (!pod) return fail(`Error from server (NotFound): pods "${exec.pod}" not found\n`);
  let notice = '';
  let container = exec.container;
  if (container === undefined) {
    container = pod.containers[0]?.name ?? pod.name;
    // kubectl exec's DefaultContainer notice (k8s.io/kubectl/pkg/cmd/util/podcmd).
    if (pod.containers.length > 1) notice = `Defaulted container "${container}" out of: ${pod.containers.map((c) => c.name).join(', ')}\n`;
  } else if (!pod.containers.some((c) => c.name === container)) {
    return fail(`Error from server (BadRequest): container ${container} is not valid for pod ${pod.name}\n`);
  }
  // The API server refuses exec into a Pod that has no running container yet.
  if (pod.nodeName === null || pod.ip === null || pod.phase !== 'Running') return fail(`error: unable to upgrade connection: container not found ("${container}")\n`);
  return { host: { kind: 'pod', pod, container }, notice };
}
