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
  /** The worker processes started so far (the first one comes with the stack). */
  workers: ChildProcess[];
  /** Starts one more worker process on the same database and Redis. */
  startWorker(): ChildProcess;
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

export async function bootStack(env: Record<string, string> = {}): Promise<Stack> {
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
  const start = (file: string): ChildProcess => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', file)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    return child;
  };
  const children = [start('main.js'), start('worker.js')];
  const workers = [children[1]];
  const url = `http://127.0.0.1:${port}`;
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();

  const stack: Stack = {
    url,
    db,
    logs: () => output,
    workers,
    startWorker() {
      const child = start('worker.js');
      children.push(child);
      workers.push(child);
      return child;
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
    if (ok && /consuming simulation jobs/.test(output)) return stack;
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
