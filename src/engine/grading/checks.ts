/**
 * Declarative lab checks graded against a simulation result: each check says what a correct
 * cluster shows (an object with given fields, a Service's ready endpoints, a trace verdict,
 * a DNS answer, a NetworkPolicy verdict, a terminal command's output), how many points it
 * is worth, and the message a student sees. A failing check's feedback adds the engine's
 * own explanation — the rule that dropped the packet, the names the resolver tried, the
 * selector that matched nothing — so the student knows what to fix.
 */
import { queryDns } from '../dns/query';
import { ConnectionQueryError, judgeConnection, parseConnectionEnd } from '../netpol/judge';
import { resolveResourceType } from '../terminal/kubectl/resources';
import type { ServiceResult, SimulationResult } from '../result';
import { runCommandLine } from '../terminal';
import { traceTo } from '../trace/lookup';
import { parseTraceSource, parseTraceTarget, targetAddress, targetHttp, TraceSyntaxError } from '../trace/parse';
import { TraceRequestError } from '../trace/trace';

interface CheckBase {
  id: string;
  points: number;
  /** What the student is told the check is about (shown with its result). */
  message: string;
}

export type Check = CheckBase &
  (
    | { kind: 'exists'; resource: string; namespace?: string; name: string; fields?: Record<string, unknown> }
    | {
        kind: 'endpoints';
        service: string;
        /** At least this many ready endpoints (distinct ip:port). */
        ready?: number;
        /** Each of these Pods (`ns/name`, or a name in the Service's namespace) backs a ready endpoint. */
        pods?: string[];
        port?: number;
        /** Credit in proportion: per ready endpoint of `ready`, per Pod of `pods` (the lesser share when both). */
        partial?: boolean;
      }
    | { kind: 'trace'; from: string; to: string; protocol?: 'TCP' | 'UDP'; verdict: string; podLabels?: Record<string, string> }
    | { kind: 'dns'; from?: string; name: string; type?: string; rcode: string; answers?: string[] }
    | { kind: 'reach'; from: string; to: string; port: number; protocol?: string; allowed: boolean }
    | { kind: 'command'; run: string; namespace?: string; node?: string; contains?: string; matches?: string }
    | { kind: 'all'; checks: Check[] }
  );

export interface CheckResult {
  id: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** The check's message, then why it failed (from the engine's explanation), or what it saw. */
  feedback: string;
}

/** The result's lists by resource (kubectl's names, short names and kinds resolve through resolveResourceType). */
const RESOURCES: Record<string, (r: SimulationResult) => { namespace?: string; name: string }[]> = {
  pods: (r) => r.pods,
  services: (r) => r.services,
  deployments: (r) => r.deployments,
  statefulsets: (r) => r.statefulSets,
  daemonsets: (r) => r.daemonSets,
  jobs: (r) => r.jobs,
  endpointslices: (r) => r.endpointSlices,
  networkpolicies: (r) => r.networkPolicies,
  ingresses: (r) => r.ingresses,
  configmaps: (r) => r.configMaps,
  nodes: (r) => r.cluster.nodes,
};

/** `ports[0].port` → the value at that path (undefined when any step is missing). */
function at(value: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

const nsName = (text: string): { namespace: string; name: string } => (text.includes('/') ? { namespace: text.split('/')[0], name: text.split('/')[1] } : { namespace: 'default', name: text });

function readyShortfall(svc: ServiceResult, ready: number, wanted: number, port: number | undefined): string {
  if (svc.selector === null) return 'the Service has no selector';
  if (ready > 0) return `${ready} ready endpoint${ready === 1 ? '' : 's'}, expected ${wanted}`;
  return `no ready endpoint: no Running, Ready Pod in ${svc.namespace} has all of ${labelList(svc.selector)}${port ? ` and port ${port}` : ''}`;
}

/** Why the Pod `ns/name` backs no ready endpoint of the Service, in the order kube-controller-manager decides. */
function whyNotBacking(result: SimulationResult, svc: ServiceResult, pod: string, port: number | undefined): string {
  const found = result.pods.find((p) => `${p.namespace}/${p.name}` === pod);
  if (!found) return `there is no Pod ${pod}`;
  if (found.namespace !== svc.namespace) return `Pod ${pod} is not in the Service's namespace ${svc.namespace}`;
  if (svc.selector === null) return 'the Service has no selector';
  const lacking = Object.entries(svc.selector).filter(([k, v]) => found.labels[k] !== v);
  if (lacking.length > 0) return `Pod ${pod} does not have ${labelList(Object.fromEntries(lacking))}, which the Service selects`;
  if (!found.ready) return `Pod ${pod} is not Ready`;
  return `Pod ${pod} has no ready endpoint${port ? ` on port ${port}` : ''}`;
}

const labelList = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

function outcome(check: CheckBase, passed: boolean, why: string, points = passed ? check.points : 0): CheckResult {
  return { id: check.id, passed, points, maxPoints: check.points, feedback: passed ? check.message : `${check.message}: ${why}` };
}

export function gradeCheck(result: SimulationResult, check: Check, options: { seed?: string } = {}): CheckResult {
  switch (check.kind) {
    case 'exists': {
      const type = resolveResourceType(check.resource);
      const list = type && RESOURCES[type.resource];
      if (!type || !list) return outcome(check, false, `the simulator does not list ${check.resource}`);
      const namespace = type.namespaced ? (check.namespace ?? 'default') : undefined;
      const found = list(result).find((o) => o.name === check.name && (namespace === undefined || o.namespace === namespace));
      if (!found) {
        const similar = list(result).filter((o) => namespace === undefined || o.namespace === namespace).map((o) => o.name);
        return outcome(check, false, `no ${check.resource} ${namespace ? `${namespace}/` : ''}${check.name}${similar.length ? ` (there is ${similar.slice(0, 5).join(', ')})` : ''}`);
      }
      const wrong = Object.entries(check.fields ?? {}).filter(([path, want]) => JSON.stringify(at(found, path)) !== JSON.stringify(want));
      if (wrong.length > 0) return outcome(check, false, wrong.map(([path, want]) => `${path} is ${JSON.stringify(at(found, path)) ?? 'not set'}, expected ${JSON.stringify(want)}`).join('; '));
      return outcome(check, true, '');
    }
    case 'endpoints': {
      const { namespace, name } = nsName(check.service);
      const svc = result.services.find((s) => s.namespace === namespace && s.name === name);
      if (!svc) return outcome(check, false, `there is no Service ${namespace}/${name}`);
      const readyEndpoints = svc.endpoints.filter((e) => e.ready && (check.port === undefined || e.port === check.port));
      const ready = new Set(readyEndpoints.map((e) => `${e.ip}:${e.port}`)).size;
      const backed = new Set(readyEndpoints.map((e) => `${e.podNamespace}/${e.podName}`));
      const pods = (check.pods ?? []).map((p) => (p.includes('/') ? p : `${namespace}/${p}`));
      const unbacked = pods.filter((p) => !backed.has(p));
      const enough = check.ready === undefined || ready >= check.ready;
      const passed = enough && unbacked.length === 0;
      // Partial credit: the lesser of the two shares, each rounded down to whole points.
      const share = (got: number, wanted: number) => (got >= wanted ? check.points : Math.floor((check.points * got) / wanted));
      const points = passed ? check.points : check.partial ? Math.min(share(ready, check.ready ?? 0), share(pods.length - unbacked.length, pods.length)) : 0;
      const why = !enough ? readyShortfall(svc, ready, check.ready ?? 0, check.port) : unbacked.map((p) => whyNotBacking(result, svc, p, check.port)).join('; ');
      return outcome(check, passed, why, points);
    }
    case 'trace': {
      try {
        const target = parseTraceTarget(check.to);
        const http = targetHttp(target);
        const t = traceTo(result, { from: parseTraceSource(check.from), to: { host: targetAddress(target) ?? target.host, port: target.port }, protocol: check.protocol ?? 'TCP', ...(http ? { http } : {}) }, options);
        const pod = t.destination.pod ? result.pods.find((p) => `${p.namespace}/${p.name}` === t.destination.pod) : undefined;
        const labelsOk = !check.podLabels || (pod !== undefined && Object.entries(check.podLabels).every(([k, v]) => pod.labels[k] === v));
        const passed = t.verdict === check.verdict && labelsOk;
        return outcome(check, passed, t.verdict !== check.verdict ? `the connection was ${t.verdict}, not ${check.verdict}: ${t.reason}` : `it reached ${t.destination.pod ?? t.destination.ip}, which does not have ${Object.entries(check.podLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}`);
      } catch (err) {
        if (err instanceof TraceRequestError || err instanceof TraceSyntaxError) return outcome(check, false, err.message);
        throw err;
      }
    }
    case 'dns': {
      const from = check.from === undefined ? undefined : check.from.startsWith('node/') ? { node: check.from.slice(5) } : { namespace: nsName(check.from).namespace, pod: nsName(check.from).name };
      const answer = queryDns(result, { name: check.name, ...(check.type ? { type: check.type } : {}), ...(from ? { from } : {}) });
      if (!('rcode' in answer)) return outcome(check, false, answer.error);
      const data = answer.answers.map((a) => a.data);
      const missing = (check.answers ?? []).filter((want) => !data.includes(want));
      const passed = answer.rcode === check.rcode && missing.length === 0;
      const tried = answer.tried.map((t) => `${t.name} ${t.rcode}`).join(', ');
      return outcome(check, passed, answer.rcode !== check.rcode ? `the answer was ${answer.rcode}, not ${check.rcode} (tried ${tried})` : `the answer lacks ${missing.join(', ')} (it has ${data.join(', ') || 'no records'})`);
    }
    case 'reach': {
      try {
        const j = judgeConnection(result, { source: parseConnectionEnd(check.from), destination: parseConnectionEnd(check.to), port: check.port, ...(check.protocol ? { protocol: check.protocol } : {}) });
        return outcome(check, j.allowed === check.allowed, `the connection is ${j.allowed ? 'allowed' : 'denied'}: ${j.reason}`);
      } catch (err) {
        if (err instanceof ConnectionQueryError) return outcome(check, false, err.message);
        throw err;
      }
    }
    case 'command': {
      const out = runCommandLine(result, check.run, { ...(check.namespace ? { namespace: check.namespace } : {}), ...(check.node ? { node: check.node } : {}) });
      const text = out.stdout + out.stderr;
      const passed = (check.contains === undefined || text.includes(check.contains)) && (check.matches === undefined || new RegExp(check.matches, 'm').test(text));
      const shown = text.length > 400 ? `${text.slice(0, 400)}…` : text;
      return outcome(check, passed, `\`${check.run}\` printed:\n${shown}`);
    }
    case 'all': {
      const parts = check.checks.map((c) => gradeCheck(result, c, options));
      const failed = parts.filter((p) => !p.passed);
      return outcome(check, failed.length === 0, failed.map((f) => f.feedback).join('; '));
    }
  }
}

/** Every check of a lab: results in order, and the total. */
export function gradeChecks(result: SimulationResult, checks: Check[], options: { seed?: string } = {}): { score: number; maxScore: number; checks: CheckResult[] } {
  const results = checks.map((c) => gradeCheck(result, c, options));
  return { score: results.reduce((s, r) => s + r.points, 0), maxScore: results.reduce((s, r) => s + r.maxPoints, 0), checks: results };
}
