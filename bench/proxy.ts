/**
 * kube-proxy rendering benchmark: `npm run bench -- proxy [--runs N]`.
 *
 * Simulates the default generated scenario (10,000 Pods, 2,000 Services, 100 nodes) once,
 * then times what a node's kube-proxy output costs: building the iptables rules for one
 * worker and rendering `iptables-save` (nat, filter, mangle). Aim (kube-proxy issue): under
 * 0.5 s. Prints the median and the minimum of N runs after one warm-up. Then the same for
 * IPVS mode (virtual servers + `ipvsadm -Ln`) and nftables mode (`nft list ruleset`).
 */
import { performance } from 'node:perf_hooks';
import { buildIptablesRules, buildIpvsState, buildNftablesRuleset, renderIpvsadmList, renderIptablesSave, renderNftRuleset, simulate, traceConnection } from '../src/engine';
import { DEFAULT_SIZE, generateScenario } from './generate';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;

const { text } = generateScenario({ ...DEFAULT_SIZE });
const result = simulate([{ name: 'bench.yaml', content: text }]);
const node = result.cluster.nodes.find((n) => !n.roles.includes('control-plane'))!.name;
const endpoints = result.services.reduce((sum, s) => sum + s.endpoints.length, 0);

const times: number[] = [];
let lines = 0;
for (let i = 0; i <= runs; i++) {
  const start = performance.now();
  const saved = renderIptablesSave(buildIptablesRules(result, node));
  const took = performance.now() - start;
  if (i > 0) times.push(took); // the first run warms up
  lines = saved.split('\n').length;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const ms = (t: number) => `${t.toFixed(0)} ms`;
console.log(`kube-proxy iptables mode on ${node}: ${result.services.length} Services, ${endpoints} endpoints, ${lines} lines of iptables-save`);
console.log(`build + render iptables-save: median ${ms(median)}, min ${ms(times[0])} over ${runs} runs   (aim < 500 ms: ${median < 500 ? 'ok' : 'MISSED'})`);

/** The same node in IPVS and nftables mode: build the state and render ipvsadm / nft list ruleset. */
function timeMode(mode: string, render: (r: typeof result) => string): void {
  const r = { ...result, cluster: { ...result.cluster, kubeProxyMode: mode } };
  const t: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    render(r);
    if (i > 0) t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  const med = t[Math.floor(t.length / 2)];
  console.log(`${mode}: build + render: median ${ms(med)}, min ${ms(t[0])} over ${runs} runs   (aim < 500 ms: ${med < 500 ? 'ok' : 'MISSED'})`);
}
timeMode('ipvs', (r) => renderIpvsadmList(buildIpvsState(r, node).virtualServers) ?? '');
timeMode('nftables', (r) => renderNftRuleset(buildNftablesRuleset(r, node)));

/**
 * A traced connection on the same cluster: a Pod to Services' ClusterIPs. The first trace
 * that visits a node builds that node's rule tables and netns view (about the cost above);
 * later traces on the same result reuse them. Aim (issue): a trace under 5 ms.
 */
function timeTraces(): void {
  const client = result.pods.find((p) => p.namespace !== 'kube-system' && p.ip !== null && !p.hostNetwork)!;
  const targets = result.services.filter((s) => s.clusterIP && s.clusterIP !== 'None' && s.endpoints.length > 0).slice(0, 200);
  const trace = (i: number) => {
    const s = targets[i % targets.length];
    return traceConnection(result, { from: { kind: 'pod', namespace: client.namespace, name: client.name }, to: { ip: s.clusterIP!, port: s.ports[0].port }, protocol: s.ports[0].protocol as 'TCP' }, { seed: String(i) });
  };
  let start = performance.now();
  const first = trace(0);
  const cold = performance.now() - start;
  const t: number[] = [];
  const verdicts = new Map<string, number>();
  for (let i = 1; i <= 400; i++) {
    start = performance.now();
    const v = trace(i).verdict;
    t.push(performance.now() - start);
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
  }
  t.sort((a, b) => a - b);
  const med = t[Math.floor(t.length / 2)];
  const p95 = t[Math.floor(t.length * 0.95)];
  console.log(`trace Pod → ClusterIP (${first.hops.length} hops): first ${ms(cold)} (builds the nodes' tables); then median ${med.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over 400 traces   (aim < 5 ms: ${med < 5 ? 'ok' : 'MISSED'}; verdicts ${[...verdicts].map(([k, n]) => `${k} ${n}`).join(', ')})`);
}
timeTraces();
