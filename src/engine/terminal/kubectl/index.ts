/** `kubectl` against the simulated cluster: get, describe, and dry runs of run/expose. */
import type { CommandOutput } from '../text-tools';
import type { ClusterView } from './cluster-view';
import { kubectlExpose, kubectlRun, readOnly } from './create';
import { kubectlDescribe } from './describe';
import { FlagError, parseKubectlArgs } from './flags';
import { kubectlGet } from './get';

/** Subcommands that would change the cluster. */
const MUTATING = new Set(['apply', 'create', 'delete', 'edit', 'patch', 'replace', 'scale', 'label', 'annotate', 'set', 'rollout', 'autoscale', 'cordon', 'uncordon', 'drain', 'taint']);
/** Subcommands that need a running container or a live connection. */
const LIVE = new Set(['exec', 'logs', 'attach', 'port-forward', 'proxy', 'cp', 'debug', 'top', 'events', 'wait']);

export function kubectl(view: ClusterView, argv: string[], defaultNamespace: string, commandLine: string): CommandOutput {
  let parsed;
  try {
    parsed = parseKubectlArgs(argv, defaultNamespace);
  } catch (err) {
    if (err instanceof FlagError) return { stdout: '', stderr: `error: ${err.message}\nSee 'kubectl --help' for usage.\n`, exitCode: 1 };
    throw err;
  }
  const { positional, flags } = parsed;
  const [verb, ...args] = positional;
  if (flags.other.get('watch') === true) return { stdout: '', stderr: 'kube-netlab: kubectl --watch is not simulated: the simulated cluster does not change while you watch\n', exitCode: 1 };
  switch (verb) {
    case undefined:
      return { stdout: '', stderr: 'kubectl controls the Kubernetes cluster manager.\n\nSimulated here: get, describe, run/expose --dry-run=client.\n', exitCode: 0 };
    case 'get':
      return kubectlGet(view, args, flags);
    case 'describe':
      return kubectlDescribe(view, args, flags);
    case 'run':
      return kubectlRun(args, flags, commandLine);
    case 'expose':
      return kubectlExpose(view, args, flags, commandLine);
    case 'version':
      return { stdout: '', stderr: 'kube-netlab: kubectl version is not simulated yet\n', exitCode: 1 };
  }
  if (MUTATING.has(verb)) return readOnly(commandLine);
  if (LIVE.has(verb)) return { stdout: '', stderr: `kube-netlab: kubectl ${verb} is not simulated yet\n`, exitCode: 1 };
  return { stdout: '', stderr: `error: unknown command "${verb}" for "kubectl"\n\nDid you mean this?\n\tget\n`, exitCode: 1 };
}
