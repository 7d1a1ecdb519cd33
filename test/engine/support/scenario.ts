import { simulate, type SimulationResult } from '../../../src/engine';

/** Simulates one inline manifest file. */
export function run(content: string, name = 'scenario.yaml'): SimulationResult {
  return simulate([{ name, content }]);
}

export function service(result: SimulationResult, namespace: string, name: string) {
  const found = result.services.find((s) => s.namespace === namespace && s.name === name);
  if (!found) throw new Error(`no Service ${namespace}/${name}`);
  return found;
}

export function podsOf(result: SimulationResult, namespace = 'default') {
  return result.pods.filter((p) => p.namespace === namespace);
}

/** 10.244.0.0/16 membership. */
export function inPodCIDR(ip: string): boolean {
  return /^10\.244\.\d{1,3}\.\d{1,3}$/.test(ip);
}

export const deployment = (name: string, replicas: number, labels: Record<string, string>, ports: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: ${JSON.stringify(labels)}
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:${extra}
      containers:
        - name: app
          image: nginx
          ports: ${ports}
`;
