import { simulate, type SimulationResult } from '../../../src/engine';

/** A kind Cluster document with one control plane and `workers` workers (110 Pods each, a /24 of Pod IPs each). */
export function kindCluster(workers: number): string {
  return `apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(workers)}---\n`;
}

export function run(content: string): SimulationResult {
  return simulate([{ name: 'scenario.yaml', content }]);
}

export const deploy = (name: string, replicas: number, ports = '[]', labels = `{app: ${name}}`) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: nginx, ports: ${ports}}]}
`;

export const pod = (name: string, labels: string, ports = '[]', extra = '') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: ${labels}${extra}}
spec: {containers: [{name: app, image: nginx, ports: ${ports}}]}
`;

export function svc(result: SimulationResult, name: string, namespace = 'default') {
  const s = result.services.find((x) => x.namespace === namespace && x.name === name);
  if (!s) throw new Error(`no Service ${namespace}/${name}`);
  return s;
}

export function slicesOf(result: SimulationResult, service: string, namespace = 'default') {
  return result.endpointSlices.filter((s) => s.namespace === namespace && s.service === service);
}

export function endpointsOf(result: SimulationResult, name: string, namespace = 'default') {
  const e = result.endpoints.find((x) => x.namespace === namespace && x.name === name);
  if (!e) throw new Error(`no Endpoints ${namespace}/${name}`);
  return e;
}

export function errors(result: SimulationResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

/** rand.String(5) after `<name>-` (k8s.io/apimachinery/pkg/util/rand alphabet). */
export const generated = (base: string) => new RegExp(`^${base}-[bcdfghjklmnpqrstvwxz2456789]{5}$`);
