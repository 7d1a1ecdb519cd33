/**
 * `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): one table per resource
 * type, separated by a blank line, names prefixed with the kind when several types are
 * asked for; `No resources found in <ns> namespace.` on stderr when nothing is printed.
 */
import { formatLabels } from '../../util/labels';
import { parseSelector, selectorMatches, SelectorSyntaxError } from '../label-selector';
import { formatTable } from '../tabwriter';
import type { CommandOutput } from '../text-tools';
import { toJson, toYaml, type Json } from '../yaml';
import type { ClusterView } from './cluster-view';
import { COLUMNS, listItems, type Item } from './items';
import { ALL_CATEGORY, kindPrefix, qualifiedResource, resolveResourceType, RESOURCE_TYPES, type ResourceType } from './resources';
import type { KubectlFlags } from './flags';

/** client-go prints the API server's deprecation warning for v1 Endpoints (KEP-4974, v1.33). */
export const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

interface Request {
  type: ResourceType;
  names: string[];
}

/** Parses `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...` into requests; an error string for an unknown type. */
function parseTypeArgs(args: string[]): Request[] | string {
  if (args.length === 0) return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.';
  const requests: Request[] = [];
  const find = (name: string): ResourceType | string => resolveResourceType(name) ?? `the server doesn't have a resource type "${name}"`;
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const [typeName, name] = a.split('/');
      if (!name) return `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`;
      const t = find(typeName);
      if (typeof t === 'string') return t;
      const existing = requests.find((r) => r.type === t);
      if (existing) existing.names.push(name);
      else requests.push({ type: t, names: [name] });
    }
    return requests;
  }
  const [types, ...names] = args;
  for (const typeName of types.split(',')) {
    if (typeName === 'all') {
      for (const r of ALL_CATEGORY) if (!requests.some((q) => q.type.resource === r)) requests.push({ type: RESOURCE_TYPES.find((t) => t.resource === r)!, names });
      continue;
    }
    const t = find(typeName);
    if (typeof t === 'string') return t;
    if (!requests.some((q) => q.type === t)) requests.push({ type: t, names });
  }
  return requests;
}

export function kubectlGet(view: ClusterView, args: string[], flags: KubectlFlags): CommandOutput {
  const parsed = parseTypeArgs(args);
  if (typeof parsed === 'string') return { stdout: '', stderr: `error: ${parsed}\n`, exitCode: 1 };
  const output = flags.output ?? '';
  if (!['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
    return { stdout: '', stderr: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`, exitCode: 1 };
  }
  let selector;
  try {
    selector = flags.selector !== undefined ? parseSelector(flags.selector) : [];
  } catch (err) {
    if (err instanceof SelectorSyntaxError) return { stdout: '', stderr: `error: ${err.message}\n`, exitCode: 1 };
    throw err;
  }
  const named = parsed.some((r) => r.names.length > 0);
  if (named && flags.allNamespaces) return { stdout: '', stderr: 'error: a resource cannot be retrieved by name across all namespaces\n', exitCode: 1 };
  if (named && flags.selector !== undefined) return { stdout: '', stderr: 'error: when paths, URLs, or stdin is provided as input, you may not specify a resource by name as well\n', exitCode: 1 };

  let stderr = parsed.some((r) => r.type.resource === 'endpoints') ? ENDPOINTS_WARNING : '';
  const errors: string[] = [];
  const groups: { type: ResourceType; items: Item[] }[] = [];
  for (const req of parsed) {
    const inScope = listItems(view, req.type).filter((i) => i.namespace === null || flags.allNamespaces || i.namespace === flags.namespace);
    let items: Item[];
    if (req.names.length > 0) {
      items = [];
      for (const name of req.names) {
        const found = inScope.find((i) => i.name === name);
        if (found) items.push(found);
        else errors.push(`Error from server (NotFound): ${qualifiedResource(req.type)} "${name}" not found`);
      }
    } else items = inScope.filter((i) => selectorMatches(selector, i.labels));
    if (items.length > 0) groups.push({ type: req.type, items });
  }

  const withKind = parsed.length > 1 || args.some((a) => a.includes('/')) || args[0]?.split(',').includes('all');
  let stdout = '';
  const singleItem = named && parsed.length === 1 && parsed[0].names.length === 1 && !args.some((a) => a.includes('/') && args.length > 1);
  if (output === 'yaml' || output === 'json') {
    const objects = groups.flatMap((g) => g.items.map((i) => i.object()));
    if (!(objects.length === 0 && errors.length > 0)) {
      const doc: Json = singleItem && objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
      stdout = output === 'yaml' ? toYaml(doc) : toJson(doc);
    }
  } else if (output === 'name') {
    stdout = groups.flatMap((g) => g.items.map((i) => `${kindPrefix(g.type)}/${i.name}\n`)).join('');
  } else {
    const blocks: string[] = [];
    for (const g of groups) {
      const columns = COLUMNS[g.type.resource];
      const wide = output === 'wide';
      const namespaced = flags.allNamespaces && g.type.namespaced;
      const header = [...(namespaced ? ['NAMESPACE'] : []), ...columns.headers, ...(wide ? columns.wide : []), ...(flags.showLabels ? ['LABELS'] : [])];
      const rows = g.items.map((i) => {
        const cells = i.cells(wide);
        if (withKind) cells[0] = `${kindPrefix(g.type)}/${cells[0]}`;
        return [...(namespaced ? [i.namespace ?? ''] : []), ...cells, ...(flags.showLabels ? [formatLabels(i.labels) || '<none>'] : [])];
      });
      blocks.push(formatTable(flags.noHeaders ? rows : [header, ...rows]));
    }
    stdout = blocks.join(flags.noHeaders ? '' : '\n');
  }
  if (errors.length > 0) stderr += errors.map((e) => `${e}\n`).join('');
  else if (stdout === '') {
    const allNamespaced = !flags.allNamespaces && parsed.every((r) => r.type.namespaced);
    stderr += allNamespaced ? `No resources found in ${flags.namespace} namespace.\n` : 'No resources found\n';
  }
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}
