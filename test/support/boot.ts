import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

const ROOT = join(__dirname, '..', '..');

/**
 * The real processes, as `npm start` and `npm run worker` run them (built by `npm run
 * build`), on the test database and Redis: the API on a free port and one worker.
 */
export interface Stack {
  url: string;
  db: Client;
  logs(): string;
  /** The worker processes started so far (the first one comes with the stack, unless booted with `{ worker: false }`). */
  workers: ChildProcess[];
  /** Starts a worker (with extra environment); for stacks booted with `{ worker: false }`. Resolves once it consumes. */
  startWorker(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function bootStack(env: Record<string, string> = {}, options: { worker?: boolean } = {}): Promise<Stack> {
  const withWorker = options.worker ?? true;
  const port = await freePort();
  const childEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    NO_COLOR: '1',
    ...env,
  };
  let output = '';
  const start = (file: string, extra: Record<string, string> = {}): ChildProcess => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', file)], { env: { ...childEnv, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    return child;
  };
  const children = withWorker ? [start('main.js'), start('worker.js')] : [start('main.js')];
  const workers = children.slice(1);
  const url = `http://127.0.0.1:${port}`;
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();

  const stack: Stack = {
    url,
    db,
    logs: () => output,
    workers,
    async startWorker(extra = {}) {
      const child = start('worker.js', extra);
      children.push(child);
      workers.push(child);
      const until = Date.now() + 30000;
      while (!/consuming simulation jobs/.test(output)) {
        if (Date.now() > until) throw new Error(`the worker did not become ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await db.end();
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              // A process killed by a signal has no exit code, only a signalCode.
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };

  const deadline = Date.now() + 30000;
  for (;;) {
    const exited = children.find((child) => child.exitCode !== null);
    if (exited) {
      await stack.close();
      throw new Error(`a process exited while starting:\n${output}`);
    }
    const ok = await request(url)
      .get('/health')
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok && (!withWorker || /consuming simulation jobs/.test(output))) return stack;
    if (Date.now() > deadline) {
      await stack.close();
      throw new Error(`the API or the worker did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** POSTs a GraphQL document (with `Authorization: Bearer <credential>` when given); returns the parsed body ({ data, errors }). */
export async function graphql<T = Record<string, any>>(
  stack: Stack,
  query: string,
  variables: Record<string, unknown> = {},
  credential?: string,
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }> {
  const post = request(stack.url).post('/graphql');
  if (credential !== undefined) post.set('Authorization', `Bearer ${credential}`);
  const response = await post.send({ query, variables });
  return response.body;
}

/** Polls until `read` returns a value whose status is final. */
export async function waitFor<T extends { status: string }>(read: () => Promise<T>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value.status === 'succeeded' || value.status === 'failed') return value;
    if (Date.now() > deadline) throw new Error(`still ${value.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function count(stack: Stack, table: string): Promise<number> {
  const { rows } = await stack.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}
