/**
 * The engine's performance benchmark (not part of the test run): how long `simulate`
 * takes and how much memory it needs on a large generated scenario (10,000 Pods,
 * 2,000 Services, 100 nodes by default), against the cost of merely parsing the same
 * YAML, and whether time grows linearly (×½, ×1, ×2).
 *
 * Run: npm run bench [-- options]   (bench/bench.mjs: a clean tsc -p bench/tsconfig.json, then this file)
 * Options: --runs N (timed runs per measurement, default 5), --topology kind|nodes|both|none,
 *          --sizes 0.5,1,2, --cpu-prof (profile the ×1 simulate runs and print the top functions)
 *
 * Every measurement runs in a fresh `node --expose-gc` process (measure.ts), so each RSS
 * high-water mark belongs to one scenario size only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENGINE_VERSION, LOAD_LIMITS } from '../src/engine';
import { summarizeCpuProfile } from './cpu-profile';
import { generateScenario, scaledSize, type Layout, type Topology } from './generate';
import { SIMULATE_END, SIMULATE_START, type MeasureReport, type MeasureRequest } from './measure';

const TARGET = { simulateMs: 2000, peakBytes: 1024 ** 3, ratio: 3, doubling: 2 };
/** A doubling factor up to this still counts as linear (run-to-run noise, GC). */
const LINEAR_TOLERANCE = 2.4;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(option('--runs') ?? 5);
const topology = (option('--topology') ?? 'kind') as Topology;
const factors = (option('--sizes') ?? '0.5,1,2').split(',').map(Number);
const cpuProf = process.argv.includes('--cpu-prof');

function child(request: MeasureRequest, nodeFlags: string[] = []): MeasureReport {
  const out = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, path.join(__dirname, 'measure.js'), JSON.stringify(request)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`measurement process failed (${out.status ?? out.signal}):\n${out.stderr}`);
  const lines = out.stdout.split('\n');
  const report = JSON.parse(lines.find((l) => l.startsWith('{'))!) as MeasureReport;
  // --trace-gc: `Scavenge 45.1 (60.2) -> 40.3 (61.0) MB, ...`; the first figure is the heap in use when the collection began.
  const start = lines.indexOf(SIMULATE_START);
  const end = lines.indexOf(SIMULATE_END);
  if (start >= 0 && end > start) {
    let peak = report.heapUsedAfter ?? 0;
    for (const line of lines.slice(start, end)) {
      const m = /: \S+(?: \S+)? (\d+(?:\.\d+)?) \(\d+(?:\.\d+)?\) -> /.exec(line);
      if (m) peak = Math.max(peak, Number(m[1]) * 1024 * 1024);
    }
    report.heapPeak = peak;
  }
  return report;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const int = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const log = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s: string) => process.stderr.write(`  … ${s}\n`);

interface Row {
  factor: number;
  layout: Layout;
  time: MeasureReport;
  memory: MeasureReport;
}

function measureSize(factor: number, layout: Layout, nodeFlags: string[] = []): Row {
  const scenario = { ...scaledSize(factor), seed: 1, topology, layout };
  progress(`×${factor} (${layout}): timing parse and simulate, 1 warm-up + ${runs} runs each`);
  const time = child({ mode: 'time', scenario, runs }, nodeFlags);
  progress(`×${factor} (${layout}): peak memory of one simulate, fresh process`);
  const memory = child({ mode: 'memory', scenario, runs: 1 }, ['--trace-gc']);
  return { factor, layout, time, memory };
}

function main(): void {
  log(`kube-netlab engine ${ENGINE_VERSION} benchmark — Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`.trimEnd());
  log(`LOAD_LIMITS: ${int(LOAD_LIMITS.maxChars)} chars, ${int(LOAD_LIMITS.maxDocuments)} documents, ${int(LOAD_LIMITS.maxObjects)} objects/Pods`);
  log();

  // The ladder must have one shape at every size. One object per document is the realistic
  // layout, but ×2 (4,000 Services alone) exceeds maxDocuments; then every size of the
  // ladder uses one `kind: List` per namespace instead (same objects; ~20% more YAML, the
  // items being indented deeper).
  const largest = generateScenario({ ...scaledSize(Math.max(...factors)), topology, layout: 'documents' }).stats;
  const ladderLayout: Layout = largest.documents > LOAD_LIMITS.maxDocuments ? 'lists' : 'documents';

  let profileDir: string | undefined;
  const flags: string[] = [];
  if (cpuProf) {
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'kube-netlab-prof-'));
    flags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  }
  const headline = measureSize(1, 'documents', flags);
  const ladder = factors.map((f) => (f === 1 && ladderLayout === 'documents' ? headline : measureSize(f, ladderLayout)));

  // --- Headline: the default size. ---
  const { stats, summary } = headline.time;
  log(`Scenario ×1 (default): ${int(stats.pods)} Pods (${int(stats.deploymentPods)} from ${int(stats.deployments)} Deployments, ${int(stats.barePods)} bare), ` +
    `${int(stats.services)} Services (${int(stats.headless)} headless, ${int(stats.nodePort)} NodePort, ${int(stats.multiPort)} multi-port; ` +
    `targetPort ${int(stats.namedTargetPorts)} named / ${int(stats.numericTargetPorts)} numeric), ${int(stats.nodes)} nodes (${topology === 'none' ? 'not described' : topology === 'kind' ? 'kind Cluster config' : topology === 'nodes' ? 'Node objects' : 'kind Cluster config + Node objects'}), ${stats.namespaces} namespaces`);
  log(`YAML: ${(stats.chars / 1024 ** 2).toFixed(2)} MiB, ${int(stats.documents)} documents, one object per document`);
  if (headline.time.refused) {
    log(`simulate REFUSED the input: ${headline.time.refused}`);
    return;
  }
  if (summary) {
    log(`Result: ${summary.nodes} nodes, ${int(summary.pods)} Pods (incl. system Pods): ${int(summary.running)} Running, ${int(summary.pending)} Pending; ` +
      `${int(summary.services)} Services, ${int(summary.endpoints)} endpoints; diagnostics ${Object.entries(summary.diagnostics).map(([k, v]) => `${int(v)} ${k}`).join(', ')}`);
    if (summary.nodes < stats.nodes && topology !== 'none') {
      log(`NOTE: the engine simulated ${summary.nodes} nodes, not the ${stats.nodes} the scenario describes: it does not read the cluster's`);
      log(`      description (${summary.infoSamples.find((m) => /Cluster|Node/.test(m)) ?? 'see the info diagnostics'}).`);
    } else if (topology === 'none') log(`NOTE: --topology none: the scenario does not describe its cluster, so the engine uses kind's default (${summary.nodes} nodes).`);
    if (summary.pending > summary.pods / 10) {
      log(`NOTE: ${int(summary.pending)} of ${int(summary.pods)} Pods stay Pending ("Too many pods": 110 per node). Still a valid cost measurement`);
      log(`      (every Pod is converted, scheduled and reported), but fewer Pods get IPs and endpoints than on ${stats.nodes} nodes.`);
    }
  }
  const parse = median(headline.time.parseMs!);
  const sim = median(headline.time.simulateMs!);
  const peak = headline.memory.maxRss!;
  log();
  log(`${pad('', 42)}${lpad('measured', 12)}   ${pad('target', 12)}`);
  log(`${pad(`parse only (yaml, median of ${runs})`, 42)}${lpad(ms(parse), 12)}`);
  log(`${pad(`simulate (median of ${runs}; min ${ms(Math.min(...headline.time.simulateMs!))})`, 42)}${lpad(ms(sim), 12)}   ${pad(`< ${ms(TARGET.simulateMs)}`, 12)} ${verdict(sim < TARGET.simulateMs)}`);
  log(`${pad('simulate / parse', 42)}${lpad(`×${(sim / parse).toFixed(2)}`, 12)}   ${pad(`< ×${TARGET.ratio}`, 12)} ${verdict(sim / parse < TARGET.ratio)}`);
  log(`${pad('peak RSS (process high-water)', 42)}${lpad(mib(peak), 12)}   ${pad(`< ${mib(TARGET.peakBytes)}`, 12)} ${verdict(peak < TARGET.peakBytes)}`);
  log(`${pad('  of which before simulate', 42)}${lpad(mib(headline.memory.baselineMaxRss!), 12)}   (Node + generated YAML text)`);
  log(`${pad('peak heap used during simulate', 42)}${lpad(mib(headline.memory.heapPeak ?? headline.memory.heapUsedAfter!), 12)}   (V8 heap before its largest GC, --trace-gc; baseline ${mib(headline.memory.heapBaseline!)})`);
  log(`${pad('heap retained by the result', 42)}${lpad(mib(headline.memory.heapRetained! - headline.memory.heapBaseline!), 12)}   (after GC, result still referenced)`);

  // --- Linearity. ---
  log();
  log(`Growth (${ladderLayout === 'lists' ? `one kind: List per namespace at every size, since ×${Math.max(...factors)} has ${int(largest.documents)} documents > maxDocuments ${int(LOAD_LIMITS.maxDocuments)}` : 'one object per document'}):`);
  const head = ['size', 'Pods', 'Services', 'nodes', 'YAML', 'parse', 'simulate', 'sim (min)', 'sim/parse', 'peak RSS', 'peak heap', 'Pending', '× per doubling (median / min)'];
  const widths = [6, 8, 9, 6, 10, 9, 10, 10, 10, 10, 10, 9, 30];
  log(head.map((h, i) => (i === 0 ? pad(h, widths[i]) : lpad(h, widths[i]))).join(' '));
  let previous: { factor: number; sim: number; min: number } | undefined;
  for (const row of ladder) {
    const s = row.time.stats;
    if (row.time.refused) {
      log(`${pad(`×${row.factor}`, widths[0])} REFUSED by simulate: ${row.time.refused}`);
      continue;
    }
    const p = median(row.time.parseMs!);
    const t = median(row.time.simulateMs!);
    const min = Math.min(...row.time.simulateMs!);
    let growth = '';
    if (previous) {
      // Per doubling of size, whatever the step between rows; from medians, and from minima
      // (the least disturbed by other load on the machine).
      const steps = Math.log2(row.factor / previous.factor);
      const perDoubling = Math.pow(t / previous.sim, 1 / steps);
      const perDoublingMin = Math.pow(min / previous.min, 1 / steps);
      growth = `×${perDoubling.toFixed(2)} / ×${perDoublingMin.toFixed(2)} ${verdict(Math.min(perDoubling, perDoublingMin) <= LINEAR_TOLERANCE)}`;
    }
    previous = { factor: row.factor, sim: t, min };
    const cells = [`×${row.factor}`, int(s.pods), int(s.services), int(s.nodes), `${(s.chars / 1024 ** 2).toFixed(2)} MiB`, ms(p), ms(t), ms(min), `×${(t / p).toFixed(2)}`, mib(row.memory.maxRss ?? 0), mib(row.memory.heapPeak ?? 0), int(row.time.summary?.pending ?? 0), growth];
    log(cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join(' '));
  }
  log(`target: time ×~${TARGET.doubling} per doubling (linear); ≤ ×${LINEAR_TOLERANCE} counted as linear`);

  if (profileDir) {
    const file = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
    if (file) {
      const { totalMs, functions } = summarizeCpuProfile(path.join(profileDir, file), path.resolve(__dirname, '..'));
      log();
      log(`CPU profile of the ×1 timing process (${ms(totalMs)} sampled, incl. parse-only runs): ${path.join(profileDir, file)}`);
      log('top self time:');
      for (const f of [...functions].sort((a, b) => b.selfMs - a.selfMs).slice(0, 15)) log(`  ${lpad(ms(f.selfMs), 9)}  ${f.name}`);
      log('top inclusive time, engine functions:');
      for (const f of functions.filter((x) => x.name.includes('src/engine/')).sort((a, b) => b.totalMs - a.totalMs).slice(0, 20)) log(`  ${lpad(ms(f.totalMs), 9)}  ${f.name}`);
    }
  }
}

main();
