/**
 * Summary of a V8 `.cpuprofile` (from `node --cpu-prof`): where the time goes, by
 * function, self time and inclusive time, so the benchmark can name the engine function
 * to look at without opening DevTools.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  /** Milliseconds with this function on top of the stack. */
  selfMs: number;
  /** Milliseconds with this function anywhere on the stack. */
  totalMs: number;
}

/** Functions by self and inclusive time; `root` is the directory file URLs are shown relative to. */
export function summarizeCpuProfile(file: string, root: string): { totalMs: number; functions: FunctionTime[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const label = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? `${path.relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    let id: number | undefined = profile.samples[i];
    const top = label(byId.get(id)!);
    self.set(top, (self.get(top) ?? 0) + us);
    const seen = new Set<string>();
    while (id !== undefined) {
      const key = label(byId.get(id)!);
      if (!seen.has(key)) {
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + us);
      }
      id = parent.get(id);
    }
  }
  const functions = [...total.entries()].map(([name, t]) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: t / 1000 }));
  return { totalMs: totalUs / 1000, functions };
}
