/**
 * Conformance cases: each folder under cases/ holds manifests (read like `kubectl apply -f
 * <folder>`: *.yaml, *.yml, *.json in name order) and expected.json, written from
 * Kubernetes' rules in kubectl-like notation:
 * - pods:      "namespace/name" → fields of the Pod result that must match;
 * - services:  "namespace/name" → type, clusterIP, ports as "name port[:nodePort]/PROTO -> targetPort",
 *              endpoints as "portName ip:port pod node ready|not-ready" (order-insensitive);
 * - diagnostics: the complete list, each entry matching the listed fields.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { simulate, type SimulationResult } from '../../src/engine';

const root = path.join(__dirname, 'cases');

interface Expected {
  pods?: Record<string, Record<string, unknown>>;
  services?: Record<string, { type?: string; clusterIP?: string | null; ports?: string[]; endpoints?: string[] }>;
  diagnostics?: Record<string, unknown>[];
}

describe.each(readdirSync(root).sort())('case %s', (name) => {
  const dir = path.join(root, name);
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expected.json').sort();
  const result: SimulationResult = simulate(files.map((f) => ({ name: f, content: readFileSync(path.join(dir, f), 'utf8') })));
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;

  it('has the expected Pods', () => {
    for (const [key, fields] of Object.entries(expected.pods ?? {})) {
      const pod = result.pods.find((p) => `${p.namespace}/${p.name}` === key);
      expect(pod).toMatchObject(fields);
    }
  });

  it('has the expected Services and endpoints', () => {
    for (const [key, want] of Object.entries(expected.services ?? {})) {
      const svc = result.services.find((s) => `${s.namespace}/${s.name}` === key)!;
      expect(svc).toBeDefined();
      if (want.type) expect(svc.type).toBe(want.type);
      if (want.clusterIP !== undefined) expect(svc.clusterIP).toBe(want.clusterIP);
      if (want.ports) expect(svc.ports.map((p) => `${p.name} ${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol} -> ${p.targetPort}`)).toEqual(want.ports);
      if (want.endpoints)
        expect(svc.endpoints.map((e) => `${e.portName} ${e.ip}:${e.port} ${e.podName} ${e.nodeName} ${e.ready ? 'ready' : 'not-ready'}`).sort()).toEqual([...want.endpoints].sort());
    }
  });

  it('has exactly the expected diagnostics', () => {
    if (!expected.diagnostics) return;
    expect(result.diagnostics).toHaveLength(expected.diagnostics.length);
    expected.diagnostics.forEach((d, i) => expect(result.diagnostics[i]).toMatchObject(d));
  });
});
