/**
 * Prints how long `simulate` takes as scenarios grow (not part of the test run).
 * Run: npx tsc -p tsconfig.test.json --noEmit false --outDir /tmp/netlab-bench && node /tmp/netlab-bench/bench/simulate.bench.js
 */
import { simulate } from '../src/engine';

function scenario(apps: number, replicas: number): string {
  const docs: string[] = [];
  for (let i = 0; i < apps; i++) {
    docs.push(`{apiVersion: apps/v1, kind: Deployment, metadata: {name: app${i}}, spec: {replicas: ${replicas}, selector: {matchLabels: {app: app${i}}}, template: {metadata: {labels: {app: app${i}, tier: t${i % 7}}}, spec: {containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]}}}}`);
    docs.push(`{apiVersion: v1, kind: Service, metadata: {name: app${i}}, spec: {selector: {app: app${i}}, ports: [{port: 80, targetPort: http}]}}`);
  }
  return docs.join('\n---\n');
}

for (const [apps, replicas] of [[10, 3], [100, 3], [60, 3], [300, 1]] as const) {
  const content = scenario(apps, replicas);
  const started = process.hrtime.bigint();
  const result = simulate([{ name: 'bench.yaml', content }]);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const endpoints = result.services.reduce((n, s) => n + s.endpoints.length, 0);
  console.log(`${apps} Deployments × ${replicas}: ${result.pods.length} Pods, ${result.services.length} Services, ${endpoints} endpoints, ${result.diagnostics.length} diagnostics in ${ms.toFixed(1)} ms`);
}
