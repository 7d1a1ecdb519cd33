/** kubectl's global and common flags, parsed from anywhere on the command line (cobra/pflag style). */
export interface KubectlFlags {
  namespace: string;
  allNamespaces: boolean;
  output?: string;
  selector?: string;
  showLabels: boolean;
  noHeaders: boolean;
  dryRun?: string;
  /** Other `--flag[=value]` / `-f value` options, by long name. */
  other: Map<string, string | true>;
}

/** Flags that take a value when written as a separate word. */
const VALUE_FLAGS: Record<string, string> = {
  '-n': 'namespace',
  '-o': 'output',
  '-l': 'selector',
  '-f': 'filename',
  '-c': 'container',
  '-i': 'stdin',
};
const LONG_WITH_VALUE = new Set(['namespace', 'output', 'selector', 'image', 'port', 'target-port', 'name', 'type', 'protocol', 'labels', 'dry-run', 'filename', 'container', 'replicas', 'context', 'kubeconfig', 'field-selector', 'sort-by', 'external-ip', 'cluster-ip', 'restart', 'command', 'env', 'overrides', 'session-affinity', 'load-balancer-ip', 'selector']);
const BOOLEAN_LONG = new Set(['all-namespaces', 'show-labels', 'no-headers', 'expose', 'watch', 'rm', 'stdin', 'tty', 'show-kind', 'ignore-not-found']);

export class FlagError extends Error {}

/** Flags one subcommand adds to the common ones (mutating commands: `--force`, `--grace-period`, ...). */
export interface ExtraFlags {
  booleans?: readonly string[];
  values?: readonly string[];
}

/**
 * Splits kubectl argv into positional arguments and flags. `defaultNamespace` is the
 * context's namespace; `extra` declares a subcommand's own flags (they land in `other`).
 */
export function parseKubectlArgs(argv: string[], defaultNamespace: string, extra: ExtraFlags = {}): { positional: string[]; flags: KubectlFlags; passthrough: string[] } {
  const flags: KubectlFlags = { namespace: defaultNamespace, allNamespaces: false, showLabels: false, noHeaders: false, other: new Map() };
  const positional: string[] = [];
  let passthrough: string[] = [];
  const set = (name: string, value: string | true) => {
    if (name === 'namespace') flags.namespace = String(value);
    else if (name === 'all-namespaces') flags.allNamespaces = value === true || value === 'true';
    else if (name === 'output') flags.output = String(value);
    else if (name === 'selector') flags.selector = String(value);
    else if (name === 'show-labels') flags.showLabels = value === true || value === 'true';
    else if (name === 'no-headers') flags.noHeaders = value === true || value === 'true';
    else if (name === 'dry-run') flags.dryRun = value === true ? 'unchanged' : String(value);
    else flags.other.set(name, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      passthrough = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) set(name, a.slice(eq + 1));
      else if (name === 'dry-run') set(name, true);
      else if (BOOLEAN_LONG.has(name) || extra.booleans?.includes(name)) set(name, true);
      else if (LONG_WITH_VALUE.has(name) || extra.values?.includes(name)) {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(name, argv[++i]);
      } else throw new FlagError(`unknown flag: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const short = a.slice(0, 2);
      if (short === '-A') set('all-namespaces', true);
      else if (short === '-w') set('watch', true);
      else if (short === '-t') set('tty', true);
      else if (a === '-it' || a === '-ti') {
        set('stdin', true);
        set('tty', true);
      } else if (VALUE_FLAGS[short] && short !== '-i') {
        let value = a.length > 2 ? a.slice(2) : argv[++i];
        if (value === undefined) throw new FlagError(`flag needs an argument: '${short.slice(1)}' in ${short}`);
        if (a.length > 2 && value.startsWith('=')) value = value.slice(1);
        set(VALUE_FLAGS[short], value);
      } else if (short === '-i') set('stdin', true);
      else throw new FlagError(`unknown shorthand flag: '${a[1]}' in ${a}`);
      continue;
    }
    positional.push(a);
  }
  return { positional, flags, passthrough };
}
