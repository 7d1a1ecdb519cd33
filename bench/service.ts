/**
 * Service load benchmark: `npm run bench -- service [--students 300] [--window 10] [--workers 2] [--poll 1000]`.
 *
 * Builds nothing itself (run `npm run build` first): it migrates a fresh `kube_netlab_bench`
 * database, starts the API (dist/main.js) and N workers (dist/worker.js) on this machine's
 * Postgres and Redis (database 11), signs up an organization, and then plays a class: every
 * student submits their own scenario (a Deployment and Service with their own replica count
 * and name, so no two results are shared) within the window, and polls until the run has a
 * result. Meanwhile a reader keeps fetching runs over REST and GraphQL.
 *
 * Prints submissions per second, submit-to-result p50/p99 and the slowest, read p50/p99,
 * and whether the aims hold: every result within 30 s of its submission, reads under 50 ms
 * at p99 under that load.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { flag, freePort, quantile } from './kit';

const ROOT = join(__dirname, '..', '..', '..', '..');
const STUDENTS = flag('students', 300);
const WINDOW_S = flag('window', 10);
const WORKERS = flag('workers', 2);
/** How often each student's client asks for its run (an LMS page refreshing; subscriptions would push instead). */
const POLL_MS = flag('poll', 1000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kube_netlab_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11';

function scenario(i: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: web-${i}}`,
    'spec:',
    `  replicas: ${1 + (i % 5)}`,
    `  selector: {matchLabels: {app: web-${i}}}`,
    '  template:',
    `    metadata: {labels: {app: web-${i}}}`,
    '    spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: web-${i}}`,
    `spec: {selector: {app: web-${i}}, ports: [{port: 80}]}`,
    '',
  ].join('\n');
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const env = { ...process.env, DATABASE_URL, REDIS_URL, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret', LTI_KEY_ENCRYPTION_KEY: process.env.LTI_KEY_ENCRYPTION_KEY ?? Buffer.from('bench-lti-key-bench-lti-key-3232').toString('base64') };
  const admin = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(DATABASE_URL).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const migrate = spawnSync(process.execPath, [join(ROOT, 'dist', 'platform', 'prisma', 'migrate.js')], { env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migration failed:\n${migrate.stderr}`);
  const port = await freePort();
  const children: ChildProcess[] = [];
  const start = (file: string) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', file)], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
  };
  start('main.js');
  for (let w = 0; w < WORKERS; w++) start('worker.js');
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      const ok = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      if (tries > 300) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000)); // let the workers connect

    const signUp = await fetch(`${url}/api/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'teacher@bench.test', password: 'correct horse battery staple', organizationName: 'Bench University' }) });
    const token = signUp.ok ? ((await signUp.json()) as { token: string }).token : undefined;
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };

    const runIds: string[] = [];
    const readTimes: number[] = [];
    let reading = true;
    const reader = (async () => {
      let i = 0;
      while (reading) {
        if (runIds.length === 0) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const id = runIds[i++ % runIds.length];
        const t0 = performance.now();
        if (i % 2 === 0) await api('GET', `/api/simulations/${id}`);
        else await api('POST', '/graphql', { query: 'query ($id: ID!) { simulationRun(id: $id) { id status } }', variables: { id } });
        readTimes.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const latencies: number[] = [];
    const began = performance.now();
    await Promise.all(
      Array.from({ length: STUDENTS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * WINDOW_S * 1000) / STUDENTS));
        const submitted = performance.now();
        const created = await api('POST', '/api/scenarios', { name: `student-${i}`, manifests: scenario(i) });
        const run = await api('POST', `/api/scenarios/${created.id as string}/simulations`, {});
        runIds.push(run.id as string);
        for (;;) {
          const read = await api('GET', `/api/simulations/${run.id as string}`);
          if (read.status === 'succeeded' || read.status === 'failed') break;
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        latencies.push(performance.now() - submitted);
      }),
    );
    const total = performance.now() - began;
    reading = false;
    await reader;

    latencies.sort((a, b) => a - b);
    readTimes.sort((a, b) => a - b);
    const worst = latencies[latencies.length - 1];
    console.log(`${STUDENTS} submissions over ${WINDOW_S} s, ${WORKERS} workers: all results after ${(total / 1000).toFixed(1)} s (${(STUDENTS / (total / 1000)).toFixed(1)} runs/s)`);
    console.log(`submit-to-result: p50 ${ms(quantile(latencies, 0.5))}, p99 ${ms(quantile(latencies, 0.99))}, slowest ${ms(worst)}   (aim: every result within 30 s: ${worst < 30000 ? 'ok' : 'MISSED'})`);
    console.log(`reads under load (${readTimes.length}, REST and GraphQL): p50 ${ms(quantile(readTimes, 0.5))}, p99 ${ms(quantile(readTimes, 0.99))}   (aim: p99 < 50 ms: ${quantile(readTimes, 0.99) < 50 ? 'ok' : 'MISSED'})`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
