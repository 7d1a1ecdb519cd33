import { simulate, type SimulationResult } from '../../../src/engine';

export function run(content: string): SimulationResult {
  return simulate([{ name: 'scenario.yaml', content }]);
}

export const userPods = (r: SimulationResult, namespace = 'default') => r.pods.filter((p) => p.namespace === namespace);

/** A Pod document with a spec fragment (YAML flow or block, indented under spec). */
export const pod = (name: string, spec: string, labels = '{}') => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: ${labels}}
spec:
${spec}
  containers: [{name: app, image: nginx}]
`;

export const workload = (kind: string, name: string, replicas: number | null, labels: Record<string, string>, spec = '', extra = '') => `---
apiVersion: ${kind === 'Job' ? 'batch/v1' : 'apps/v1'}
kind: ${kind}
metadata: {name: ${name}}
spec:${replicas === null ? '' : `\n  replicas: ${replicas}`}${extra}
  ${kind === 'Job' ? '' : `selector: {matchLabels: ${JSON.stringify(labels)}}`}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:${spec}
      containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]
`;
