/**
 * One measurement in a fresh process, so that each memory high-water mark is its own:
 * the driver (run.ts) starts `node --expose-gc measure.js '<json MeasureRequest>'` and
 * reads one JSON `MeasureReport` line from stdout.
 *
 * - `time`: parse-only and simulate, each one warm-up run then `runs` timed runs;
 * - `memory`: one simulate run; the process's RSS high-water mark and V8 heap use.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { LOAD_LIMITS, ManifestSyntaxError, simulate, type SimulationResult } from '../src/engine';
import { generateScenario, type ScenarioOptions, type ScenarioStats } from './generate';

/** Stdout lines around the measured simulate run (mode `memory`). */
export const SIMULATE_START = '@@ simulate start';
export const SIMULATE_END = '@@ simulate end';

export interface MeasureRequest {
  mode: 'time' | 'memory';
  scenario: ScenarioOptions;
  /** Timed runs after the warm-up (mode `time`). */
  runs: number;
}

export interface ResultSummary {
  nodes: number;
  pods: number;
  running: number;
  pending: number;
  services: number;
  endpoints: number;
  diagnostics: Record<string, number>;
  /** Distinct messages of the info diagnostics, first few (shows whether cluster documents were read or ignored). */
  infoSamples: string[];
}

export interface MeasureReport {
  stats: ScenarioStats;
  /** Set when simulate refused the input (a LOAD_LIMITS violation): the first message. */
  refused?: string;
  parseMs?: number[];
  simulateMs?: number[];
  summary?: ResultSummary;
  /** Bytes. */
  baselineMaxRss?: number;
  maxRss?: number;
  heapUsedAfter?: number;
  heapRetained?: number;
  heapBaseline?: number;
  /** Bytes: the largest heap use V8 reported before a collection during the run (driver, from --trace-gc). */
  heapPeak?: number;
}

/** What the engine's loader does with the text (src/engine/manifest/load.ts), and nothing else. */
export function parseOnly(text: string): number {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: true, prettyErrors: true });
  let values = 0;
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(`generated YAML is invalid: ${doc.errors[0].message}`);
    if (doc.contents === null) continue;
    if (doc.toJS({ maxAliasCount: LOAD_LIMITS.maxAliasCount }) !== undefined) values++;
  }
  return values;
}

function summarize(result: SimulationResult): ResultSummary {
  const diagnostics: Record<string, number> = {};
  for (const d of result.diagnostics) diagnostics[d.severity] = (diagnostics[d.severity] ?? 0) + 1;
  const infos = [...new Set(result.diagnostics.filter((d) => d.severity === 'info').map((d) => d.message.replace(/ [^ ]+\/[^ ]+ is accepted/, ' … is accepted')))];
  return {
    nodes: result.cluster.nodes.length,
    pods: result.pods.length,
    running: result.pods.filter((p) => p.phase === 'Running').length,
    pending: result.pods.filter((p) => p.phase === 'Pending').length,
    services: result.services.length,
    endpoints: result.services.reduce((n, s) => n + s.endpoints.length, 0),
    diagnostics,
    infoSamples: infos.slice(0, 4),
  };
}

function timed<T>(fn: () => T): [number, T] {
  const started = process.hrtime.bigint();
  const value = fn();
  return [Number(process.hrtime.bigint() - started) / 1e6, value];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function measure(request: MeasureRequest): MeasureReport {
  const { text, stats } = generateScenario(request.scenario);
  const sources = [{ name: 'bench.yaml', content: text }];
  const run = () => {
    try {
      return simulate(sources);
    } catch (err) {
      if (err instanceof ManifestSyntaxError) return err;
      throw err;
    }
  };

  if (request.mode === 'memory') {
    gc();
    const baselineMaxRss = process.resourceUsage().maxRSS * 1024;
    const heapBaseline = process.memoryUsage().heapUsed;
    // Under --trace-gc, V8 prints each collection's heap size before/after to stdout; the
    // markers let the driver take the high-water mark of this run only.
    process.stdout.write(`${SIMULATE_START}\n`);
    const result = run();
    process.stdout.write(`${SIMULATE_END}\n`);
    const heapUsedAfter = process.memoryUsage().heapUsed;
    gc();
    const heapRetained = process.memoryUsage().heapUsed;
    const maxRss = process.resourceUsage().maxRSS * 1024;
    if (result instanceof ManifestSyntaxError) return { stats, refused: result.diagnostics[0]?.message ?? result.message };
    return { stats, baselineMaxRss, maxRss, heapBaseline, heapUsedAfter, heapRetained, summary: summarize(result) };
  }

  const parseMs: number[] = [];
  const simulateMs: number[] = [];
  parseOnly(text); // warm-up
  for (let i = 0; i < request.runs; i++) parseMs.push(timed(() => parseOnly(text))[0]);
  const [, first] = timed(run); // warm-up
  if (first instanceof ManifestSyntaxError) return { stats, refused: first.diagnostics[0]?.message ?? first.message, parseMs };
  for (let i = 0; i < request.runs; i++) {
    gc();
    simulateMs.push(timed(run)[0]);
  }
  return { stats, parseMs, simulateMs, summary: summarize(first) };
}

if (require.main === module) {
  const request = JSON.parse(process.argv[2]) as MeasureRequest;
  process.stdout.write(`${JSON.stringify(measure(request))}\n`);
}
