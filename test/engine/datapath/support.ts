/** Scenarios of a kind cluster (one control plane, two workers) with a CNI installed from its manifests (cases/*.yaml). */
import { readFileSync } from 'fs';
import * as path from 'path';
import { simulate, type SimulationResult } from '../../../src/engine';

export function caseFile(name: string): string {
  return readFileSync(path.join(__dirname, 'cases', name), 'utf8');
}

/**
 * kind with disableDefaultCNI (for flannel also the CNI plugins mounted, kind-flannel.yaml),
 * the CNI's manifests (with `edit` applied), and three Pods (web, web2 on kind-worker; client
 * on kind-worker2).
 */
export function withCni(cni: 'flannel' | 'calico' | 'cilium', edit: (text: string) => string = (t) => t, extra = ''): SimulationResult {
  return simulate([
    { name: 'kind.yaml', content: caseFile(cni === 'flannel' ? 'kind-flannel.yaml' : 'kind-no-cni.yaml') },
    { name: `${cni}.yaml`, content: edit(caseFile(`${cni}.yaml`)) + extra },
    { name: 'pods.yaml', content: caseFile('pods.yaml') },
  ]);
}

export function must<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Error('missing');
  return v;
}
