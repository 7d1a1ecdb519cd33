/**
 * The upstream e2e model (test/e2e/network/netpol: namespaces x, y, z with Pods a, b, c,
 * agnhost servers on 80 and 81 over TCP, UDP and SCTP with named ports `serve-80-tcp`...,
 * as cyclonus builds it): Pods labelled `pod=<name>`, namespaces `ns=<name>` besides the
 * automatic `kubernetes.io/metadata.name`. Names are quoted: YAML 1.1 reads a bare `y` as true.
 */
import { judgeConnection, simulate, type ConnectionJudgement, type SimulationResult } from '../../../src/engine';

export const NAMESPACES = ['x', 'y', 'z'];
export const PODS = ['a', 'b', 'c'];

function containerPorts(): string {
  const lines: string[] = [];
  for (const port of [80, 81]) for (const proto of ['TCP', 'UDP', 'SCTP']) lines.push(`            - {name: serve-${port}-${proto.toLowerCase()}, containerPort: ${port}, protocol: ${proto}}`);
  return lines.join('\n');
}

export function modelManifests(): string {
  const docs: string[] = [];
  for (const ns of NAMESPACES) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: '${ns}'\n  labels: {ns: '${ns}'}`);
  for (const ns of NAMESPACES)
    for (const pod of PODS)
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
  namespace: '${ns}'
  labels: {pod: ${pod}}
spec:
  containers:
    - name: cont-80-81
      image: registry.k8s.io/e2e-test-images/agnhost:2.53
      ports:
${containerPorts()}`);
  return docs.join('\n---\n');
}

/** The model plus `policies` (YAML documents), and an optional kind Cluster (for another CNI). */
export function withPolicies(policies: string, extra = ''): SimulationResult {
  return simulate([{ name: 'model.yaml', content: modelManifests() }, { name: 'policies.yaml', content: policies }, ...(extra ? [{ name: 'extra.yaml', content: extra }] : [])]);
}

export function judge(result: SimulationResult, from: string, to: string, port = 80, protocol = 'TCP'): ConnectionJudgement {
  const end = (s: string) => (s.includes('/') ? { pod: { namespace: s.split('/')[0], name: s.split('/')[1] } } : { ip: s });
  return judgeConnection(result, { source: end(from), destination: end(to), port, protocol });
}

/**
 * The truth table in the e2e suite's notation: one line per source `x/a`, a `.` (allowed) or
 * `X` (blocked) per destination in the order x/a x/b x/c y/a ... z/c. The diagonal is
 * always `.` (the suite ignores loopback; a Pod cannot block itself).
 */
export function truthTable(result: SimulationResult, port = 80, protocol = 'TCP'): string[] {
  const all = NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));
  return all.map((from) => all.map((to) => (judge(result, from, to, port, protocol).allowed ? '.' : 'X')).join(''));
}

/**
 * The expected table built as the e2e suite's Reachability does: every pair starts as
 * `fill`, then each `[from, to, allowed]` (patterns `x/a`, `x/*`, `*`) overrides in order
 * (ExpectPeer). The diagonal is `.`: the suite ignores loopback, and a Pod cannot block itself.
 */
export function expected(fill: boolean, ...rules: [string, string, boolean][]): string[] {
  const all = NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));
  return all.map((from) =>
    all
      .map((to) => {
        if (from === to) return '.';
        let v = fill;
        for (const [f, t, allowed] of rules) if (matches(f, from) && matches(t, to)) v = allowed;
        return v ? '.' : 'X';
      })
      .join(''),
  );
}

/** `x/a`, `x/*`, `*` (every Pod). */
function matches(pattern: string, pod: string): boolean {
  if (pattern === '*') return true;
  const [ns, name] = pattern.split('/');
  const [pns, pname] = pod.split('/');
  return ns === pns && (name === '*' || name === pname);
}
