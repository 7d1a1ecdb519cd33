/**
 * `kubectl run` and `kubectl expose` with `--dry-run=client -o yaml|json|name`: the object
 * kubectl would send, as its generators build it (kubectl/pkg/cmd/run, kubectl/pkg/cmd/expose,
 * kubectl/pkg/generate/versioned): unset fields print as `creationTimestamp: null`,
 * `resources: {}`, `status: {}` / `status: {loadBalancer: {}}`. Without --dry-run nothing
 * can be created: the simulated cluster is read-only from the terminal.
 */
import type { CommandOutput } from '../text-tools';
import { toJson, toYaml, type Json } from '../yaml';
import type { ClusterView } from './cluster-view';
import type { KubectlFlags } from './flags';
import { resolveResourceType, qualifiedResource } from './resources';

const fail = (stderr: string): CommandOutput => ({ stdout: '', stderr, exitCode: 1 });

export function readOnly(command: string): CommandOutput {
  return fail(`error: the simulated cluster is read-only from this terminal: "${command}" would change it. Add the change to the scenario (a manifest, or a timeline step) and simulate again; --dry-run=client shows the object kubectl would send.\n`);
}

function printObjects(objects: { kind: string; name: string; object: Json }[], flags: KubectlFlags, verb: string): CommandOutput {
  const out = flags.output ?? '';
  if (out === 'yaml') return { stdout: objects.map((o) => toYaml(o.object)).join('---\n'), stderr: '', exitCode: 0 };
  if (out === 'json') return { stdout: objects.map((o) => toJson(o.object)).join(''), stderr: '', exitCode: 0 };
  if (out === 'name') return { stdout: objects.map((o) => `${o.kind}/${o.name}\n`).join(''), stderr: '', exitCode: 0 };
  if (out !== '') return fail(`error: unable to match a printer suitable for the output format "${out}", allowed formats are: json,name,yaml\n`);
  return { stdout: objects.map((o) => `${o.kind}/${o.name} ${verb} (dry run)\n`).join(''), stderr: '', exitCode: 0 };
}

/** `--labels a=b,c=d` → map; kubectl's run generator parses it so. */
function parseLabels(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [k, v, ...rest] = pair.split('=');
    if (v === undefined || rest.length > 0 || !k) return `invalid label spec: ${pair}`;
    out[k] = v;
  }
  return out;
}

function dryRunMode(flags: KubectlFlags): 'client' | 'server' | 'none' | string {
  if (flags.dryRun === undefined || flags.dryRun === 'none') return 'none';
  return flags.dryRun;
}

function checkDryRun(flags: KubectlFlags, command: string): CommandOutput | null {
  const mode = dryRunMode(flags);
  if (mode === 'none') return readOnly(command);
  if (mode !== 'client' && mode !== 'server') return fail(`error: Invalid dry-run value (${mode}). Must be "none", "server", or "client".\n`);
  return null;
}

export function kubectlRun(args: string[], flags: KubectlFlags, command: string): CommandOutput {
  const name = args[0];
  if (!name) return fail('error: NAME is required for run\n');
  const image = flags.other.get('image');
  if (typeof image !== 'string' || image === '') return fail('error: --image is required\n');
  const blocked = checkDryRun(flags, command);
  if (blocked) return blocked;
  const labelText = flags.other.get('labels') ?? flags.selector;
  let labels: Record<string, string> = { run: name };
  if (typeof labelText === 'string') {
    const parsed = parseLabels(labelText);
    if (typeof parsed === 'string') return fail(`error: ${parsed}\n`);
    labels = parsed;
  }
  const portFlag = flags.other.get('port');
  const port = typeof portFlag === 'string' ? Number(portFlag) : undefined;
  if (portFlag !== undefined && !(Number.isInteger(port) && port! > 0 && port! < 65536)) return fail(`error: invalid argument "${String(portFlag)}" for "--port" flag: strconv.ParseInt: parsing "${String(portFlag)}": invalid syntax\n`);
  const expose = flags.other.get('expose') === true || flags.other.get('expose') === 'true';
  if (expose && port === undefined) return fail('error: --port must be set when exposing a service\n');
  const pod: Json = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels, name },
    spec: {
      containers: [{ image, name, ...(port !== undefined ? { ports: [{ containerPort: port }] } : {}), resources: {} }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
    },
    status: {},
  };
  const objects = [];
  if (expose) {
    objects.push({
      kind: 'service',
      name,
      object: { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null, name }, spec: { ports: [{ port: port!, protocol: 'TCP', targetPort: port! }], selector: labels }, status: { loadBalancer: {} } } as Json,
    });
  }
  objects.push({ kind: 'pod', name, object: pod });
  return printObjects(objects, flags, 'created');
}

/** `kubectl expose (pod|deployment|replicaset|service) NAME [--port] [--target-port] [--name] [--type] [--protocol]`. */
export function kubectlExpose(view: ClusterView, args: string[], flags: KubectlFlags, command: string): CommandOutput {
  let [typeName, name] = args;
  if (typeName?.includes('/')) [typeName, name] = typeName.split('/');
  if (!typeName || !name) return fail('error: You must provide the type and name of the resource to expose\n');
  const t = resolveResourceType(typeName);
  if (!t) return fail(`error: the server doesn't have a resource type "${typeName}"\n`);
  if (!['pods', 'services', 'deployments', 'replicasets'].includes(t.resource)) return fail(`error: cannot expose a ${t.kind}\n`);

  // The exposed object's labels (copied to the Service), selector and port introspection.
  let labels: Record<string, string> = {};
  let selector: Record<string, string> = {};
  let ports: { port: number; protocol: string; targetPort?: number | string }[] = [];
  const ns = flags.namespace;
  if (t.resource === 'pods') {
    const p = view.pods.find((x) => x.pod.namespace === ns && x.pod.name === name);
    if (!p) return fail(`Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found\n`);
    labels = p.pod.labels;
    selector = p.pod.labels;
    ports = p.containers.flatMap((c) => c.ports.map((x) => ({ port: x.containerPort, protocol: x.protocol })));
  } else if (t.resource === 'services') {
    const s = view.services.find((x) => x.namespace === ns && x.name === name);
    if (!s) return fail(`Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found\n`);
    if (!s.selector) return fail(`error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n`);
    labels = s.labels;
    selector = s.selector;
    ports = s.ports.map((x) => ({ port: x.port, protocol: x.protocol }));
  } else {
    const w = (t.resource === 'deployments' ? view.deployments() : view.replicaSets()).find((x) => x.namespace === ns && x.name === name);
    if (!w) return fail(`Error from server (NotFound): ${qualifiedResource(t)} "${name}" not found\n`);
    labels = w.labels;
    selector = w.selector;
    ports = w.containers.flatMap((c) => c.ports.map((x) => ({ port: x.containerPort, protocol: x.protocol })));
  }

  const portFlag = flags.other.get('port');
  if (typeof portFlag === 'string') {
    const n = Number(portFlag);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return fail(`error: invalid argument "${portFlag}" for "--port" flag: strconv.ParseInt: parsing "${portFlag}": invalid syntax\n`);
    ports = [{ port: n, protocol: ports.find((p) => p.port === n)?.protocol ?? ports[0]?.protocol ?? 'TCP' }];
  }
  if (ports.length === 0) return fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
  const blocked = checkDryRun(flags, command);
  if (blocked) return blocked;

  const protocol = flags.other.get('protocol');
  const targetFlag = flags.other.get('target-port');
  const target = typeof targetFlag === 'string' ? (/^\d+$/.test(targetFlag) ? Number(targetFlag) : targetFlag) : undefined;
  const serviceName = typeof flags.other.get('name') === 'string' ? (flags.other.get('name') as string) : name;
  const type = flags.other.get('type');
  const specPorts = ports.map((p, i) => ({
    ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
    port: p.port,
    protocol: typeof protocol === 'string' ? protocol : p.protocol,
    targetPort: target ?? p.port,
  }));
  const service: Json = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, ...(Object.keys(labels).length ? { labels } : {}), name: serviceName },
    spec: { ports: specPorts, selector, ...(typeof type === 'string' ? { type } : {}) },
    status: { loadBalancer: {} },
  };
  return printObjects([{ kind: 'service', name: serviceName, object: service }], flags, 'exposed');
}
