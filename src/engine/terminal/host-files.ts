/**
 * Files a host shows to `cat`: the resolver files kubelet writes into a Pod
 * (/etc/resolv.conf, /etc/hosts, /etc/hostname) and a kind node's own. Any other path is
 * `No such file or directory`. `cat` without a file (or `-`) copies stdin, as before.
 */
import { nodeHostsText, nodeResolvConfText, podHostsText, podResolvConf, renderResolvConf } from '../dns/resolv-conf';
import { hostName, type HostCommand, type HostContext } from './host';

/** The text of `path` on the context's host; undefined when the host has no such file. */
export function hostFile(ctx: HostContext, path: string): string | undefined {
  const { result, host } = ctx;
  switch (path.replace(/\/+/g, '/')) {
    case '/etc/resolv.conf':
      return host.kind === 'node' ? nodeResolvConfText() : renderResolvConf(podResolvConf(result, host.pod));
    case '/etc/hosts':
      return host.kind === 'node' ? nodeHostsText(result, host.node) : podHostsText(result, host.pod);
    case '/etc/hostname':
      return `${hostName(host)}\n`;
    default:
      return undefined;
  }
}

/** `cat [FILE|-]...` (GNU coreutils): files in order, stdin for `-` or no operand; exit 1 if any file is missing. */
export const catCommand: HostCommand = (ctx, args, stdin) => {
  const operands = args.filter((a) => a === '-' || !a.startsWith('-'));
  if (operands.length === 0) return { stdout: stdin, stderr: '', exitCode: 0 };
  let stdout = '';
  let stderr = '';
  for (const file of operands) {
    if (file === '-') {
      stdout += stdin;
      continue;
    }
    const text = hostFile(ctx, file);
    if (text === undefined) stderr += `cat: ${file}: No such file or directory\n`;
    else stdout += text;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};
