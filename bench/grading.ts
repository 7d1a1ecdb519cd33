/**
 * Grading benchmark (issue 8): `npm run bench -- grading [--students 300] [--window 10] [--workers 2] [--poll 1000] [--wait]`.
 *
 * Builds nothing itself (run `npm run build` first) and runs from the repository root (npm
 * does that): it migrates a fresh `kube_netlab_bench_grading` database, empties Redis
 * database 10, starts the API (dist/main.js) and N workers (dist/worker.js) with the default
 * limits, and signs up a teacher, a classroom and one student per seat with its join code —
 * all before any clock starts. Then:
 *
 * 1. The class: every student hands in their own variant of examples/labs/expose-web.lab.yaml
 *    (their starter and the right Service, labelled with their name so that no two inputs
 *    are alike: the worst case), spread uniformly over the window, with `wait: false`, and
 *    polls `GET /api/submissions/:id` every `--poll` ms until it is graded (with `--wait`,
 *    the client lets the API wait for the grade instead: one request, up to GRADE_WAIT_MS). Prints
 *    submit-to-graded latency as the service records it (gradedAt - submittedAt) and as the
 *    student's client sees it, p50/p95/max, and whether the aims hold (every grade within
 *    30 s, p95 within 15 s).
 * 2. Identical against distinct: on two copies of that lab without parameters (namespace
 *    fixed), every student hands in at once, (A) the very same manifests, (B) manifests that
 *    differ per student in a Pod template label, so each simulation differs. Prints the wall
 *    time from the first submission to the last grade, grades per second, the workers' CPU
 *    seconds per grade (/proc/<pid>/stat before and after) and how many grades reused an
 *    earlier answer (the workers' kube_netlab_grades_finished_total).
 *
 * Everything (API, workers, Postgres, Redis and this load generator) shares one machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { flag, freePort, quantile } from './kit';

// Not __dirname: node_modules (where `npm run bench` compiles to) may be a symlink to another checkout.
const ROOT = process.cwd();
const STUDENTS = flag('students', 300);
const WINDOW_S = flag('window', 10);
const WORKERS = flag('workers', 2);
/** How often each student's client asks for its grade (an LMS page refreshing). */
const POLL_MS = flag('poll', 1000);
/** Hand in with the API's own wait (`wait: true`, the default) rather than `wait: false` and polling. */
const SERVER_WAIT = process.argv.includes('--wait');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kube_netlab_bench_grading';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10';
/** Requests in flight at once while signing up and while handing in "all at once". */
const PARALLEL = 16;
const AIM_ALL_MS = 30_000;
const AIM_P95_MS = 15_000;
const FINAL = ['graded', 'not_gradable', 'failed'];
const CORES = availableParallelism();

const LAB = readFileSync(join(ROOT, 'examples', 'labs', 'expose-web.lab.yaml'), 'utf8');

/** expose-web without parameters: the namespace fixed, so every student's input can be identical. */
function fixedLab(name: string): string {
  const source = LAB.replace(/^ {2}parameters:\n(?: {4}.*\n)+/m, '')
    .replaceAll('${namespace}', 'shop')
    .replace('name: expose-web\n', `name: ${name}\n`);
  if (source.includes('${') || source.includes('parameters:')) throw new Error('examples/labs/expose-web.lab.yaml changed shape: cannot make a copy without parameters');
  return source;
}

/** The right answer to expose-web, optionally labelled (which changes the content, not what is simulated). */
function service(namespace: string, label?: string): string {
  const labels = label ? `\n  labels:\n    student: ${label}` : '';
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}${labels}\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 80\n`;
}

/** The starter with one more label on the web Pods: a different simulation, the same score. */
function relabelled(starter: string, label: string): string {
  const template = '  template:\n    metadata:\n      labels:\n        app: web\n';
  if (!starter.includes(template)) throw new Error("the lab's starter has no web Pod template to label");
  return starter.replace(template, `${template}        student: ${label}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `task` for 0..n-1 with at most `limit` at once. */
async function inParallel(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, limit) }, async () => {
    while (next < n) await task(next++);
  }));
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system, all threads) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds so far of each of some processes (pid → seconds); one that has ended is left out. */
type CpuSample = Map<number, number>;
function sample(pids: number[]): CpuSample {
  return new Map(pids.flatMap((pid): [number, number][] => (existsSync(`/proc/${pid}/stat`) ? [[pid, cpuSeconds(pid)]] : [])));
}

/** CPU seconds used between two samples: a process that ended in between is missed, one that started counts in full. */
function usedBetween(before: CpuSample, after: CpuSample): number {
  return [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);
}

/** The Postgres backends serving a database: their process title names it. */
function postgresBackends(database: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return new RegExp(`^postgres: .* ${database} `).test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

/** Grades a worker finished so far, by outcome (graded: simulated; reused: the same input was graded before). */
async function gradesFinished(metricsPort: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, outcome, value] of text.matchAll(/^kube_netlab_grades_finished_total\{outcome="(\w+)"\} (\S+)$/gm)) counts[outcome] = Number(value);
  return counts;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the benchmark reads of the API's answers. */
interface SignedUp {
  token: string;
}
interface LabView {
  starter: string;
  parameters: { name: string; value: string }[];
}
interface SubmissionView {
  id: string;
  status: string;
  score: number | null;
  maxScore: number | null;
  submittedAt: string;
  gradedAt: string | null;
}

interface WorkerProcess {
  process: ChildProcess;
  metricsPort: number;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error(`no ${join(ROOT, 'dist', 'main.js')}: run npm run build, and run the benchmark from the repository root`);
  const env = {
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    NODE_ENV: 'production',
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret',
    LTI_KEY_ENCRYPTION_KEY: process.env.LTI_KEY_ENCRYPTION_KEY ?? Buffer.from('bench-lti-key-bench-lti-key-3232').toString('base64'),
  };
  const admin = new Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(DATABASE_URL).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.flushdb(); // no jobs or rate-limit counts left from an earlier run
  redis.disconnect();
  const migrate = spawnSync(process.execPath, [join(ROOT, 'dist', 'platform', 'prisma', 'migrate.js')], { env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migration failed:\n${migrate.stderr}`);

  const port = await freePort();
  const children: ChildProcess[] = [];
  // The processes log to a file, not a pipe: a pipe to this busy load generator would stall the
  // API's (synchronous) writes to stdout and time the benchmark instead of the service.
  const logFile = join(mkdtempSync(join(tmpdir(), 'kube-netlab-bench-grading-')), 'service.log');
  const log = openSync(logFile, 'a');
  const logs = () => readFileSync(logFile, 'utf8');
  const start = (file: string, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', file)], { env: { ...env, PORT: String(port), ...extra }, stdio: ['ignore', log, log] });
    children.push(child);
    return child;
  };
  const db = new Client({ connectionString: DATABASE_URL });
  try {
    const api = start('main.js');
    const workers: WorkerProcess[] = [];
    for (let w = 0; w < WORKERS; w++) {
      const metricsPort = await freePort();
      workers.push({ process: start('worker.js', { WORKER_METRICS_PORT: String(metricsPort) }), metricsPort });
    }
    const url = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      const up = await fetch(`${url}/health`).then((r) => r.ok).catch(() => false);
      const consuming = (logs().match(/consuming simulation jobs/g) ?? []).length >= WORKERS;
      if (up && consuming) break;
      if (children.some((c) => c.exitCode !== null)) throw new Error(`a service process stopped at start:\n${logs().slice(-5000)}`);
      if (tries > 600) throw new Error(`the API or the workers did not start:\n${logs().slice(-5000)}`);
      await sleep(100);
    }
    await db.connect();

    let requests = 0;
    const call = async <T = Record<string, unknown>>(token: string | undefined, method: string, path: string, body?: unknown): Promise<T> => {
      requests++;
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (!response.ok) throw new HttpError(response.status, `${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const graphql = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const result = await call<{ data?: T; errors?: unknown }>(token, 'POST', '/graphql', { query, variables });
      if (result.errors || !result.data) throw new Error(`GraphQL: ${JSON.stringify(result.errors)}`);
      return result.data;
    };

    // --- the class, before any clock starts ---------------------------------------------
    const password = 'correct horse battery staple';
    const teacher = (await call<SignedUp>(undefined, 'POST', '/api/auth/sign-up', { email: 'teacher@bench.test', password, organizationName: 'Bench University' })).token;
    const { createClassroom } = await graphql<{ createClassroom: { id: string; joinCode: string } }>(teacher, 'mutation { createClassroom(input: { name: "Bench", course: "Networking 101" }) { id joinCode } }');
    const createLab = async (source: string) =>
      (await graphql<{ createLab: { id: string } }>(teacher, 'mutation ($input: CreateLabInput!) { createLab(input: $input) { id } }', { input: { source, classroomId: createClassroom.id } })).createLab.id;
    const classLab = await createLab(LAB);
    const sameLab = await createLab(fixedLab('expose-web-same'));
    const distinctLab = await createLab(fixedLab('expose-web-distinct'));
    const fixedStarter = (await call<LabView>(teacher, 'GET', `/api/labs/${sameLab}`)).starter;

    const students: { token: string; answer: string }[] = [];
    const signUpStarted = performance.now();
    await inParallel(STUDENTS, PARALLEL, async (i) => {
      const token = (await call<SignedUp>(undefined, 'POST', '/api/auth/sign-up', { email: `student-${i}@bench.test`, password, joinCode: createClassroom.joinCode })).token;
      const lab = await call<LabView>(token, 'GET', `/api/labs/${classLab}`);
      const namespace = lab.parameters.find((p) => p.name === 'namespace')!.value;
      students[i] = { token, answer: lab.starter + service(namespace, `s${i}`) };
    });
    console.log(`setup: ${STUDENTS} students signed up with the join code in ${secs(performance.now() - signUpStarted)} (scrypt; not timed below)`);
    console.log(`machine: ${CORES} cores shared by the API, ${WORKERS} workers (WORKER_CONCURRENCY default), Postgres, Redis and this load generator\n`);

    const database = new URL(DATABASE_URL).pathname.slice(1);
    /** CPU seconds so far of each process that does this benchmark's work, by role. */
    const cpuSample = () => ({
      workers: sample(workers.map((w) => w.process.pid!)),
      api: sample([api.pid!]),
      postgres: sample(postgresBackends(database)),
      client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    const cpuUsed = (before: ReturnType<typeof cpuSample>) => {
      const after = cpuSample();
      return { workers: usedBetween(before.workers, after.workers), api: usedBetween(before.api, after.api), postgres: usedBetween(before.postgres, after.postgres), client: after.client - before.client };
    };
    const cpuLine = (used: ReturnType<typeof cpuUsed>, wallMs: number) =>
      `  CPU seconds: workers ${used.workers.toFixed(1)}, API ${used.api.toFixed(1)}, Postgres ${used.postgres.toFixed(1)} (this database's backends), load generator ${used.client.toFixed(1)}; ` +
      `${(CORES * wallMs / 1000).toFixed(1)} core-seconds elapsed; load average ${loadavg()[0].toFixed(1)}`;
    const outcomes = async () => {
      const total: Record<string, number> = {};
      for (const w of workers) for (const [k, v] of Object.entries(await gradesFinished(w.metricsPort))) total[k] = (total[k] ?? 0) + v;
      return total;
    };
    /** Grades of a lab's submissions: how many are done, how many with full marks, and when the last was graded. */
    const progress = async (labId: string) => {
      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE g.status::text = ANY($2))::int AS done,
                count(*) FILTER (WHERE g.score = g.max_score)::int AS full,
                max(g.graded_at) AS last
           FROM submissions s JOIN grades g ON g.submission_id = s.id WHERE s.lab_id = $1`,
        [labId, FINAL],
      );
      return rows[0] as { done: number; full: number; last: Date };
    };

    // --- 1. a class of STUDENTS hands in within WINDOW_S ---------------------------------
    const seenMs: number[] = []; // click → the student's client shows the grade
    const recordedMs: number[] = []; // gradedAt - submittedAt, as the service records it
    const storedMs: number[] = []; // click → submittedAt (the API storing the submission)
    const pollMs: number[] = []; // gradedAt → the client shows it
    const answeredMs: number[] = []; // click → POST answered
    let rateLimited = 0;
    let fullMarks = 0;
    const classCpu = cpuSample();
    const requestsBefore = requests;
    const began = performance.now();
    await Promise.all(
      students.map(async (student, i) => {
        await sleep((i * WINDOW_S * 1000) / STUDENTS);
        const t0 = performance.now();
        const clicked = Date.now();
        const submitted = await call<SubmissionView>(student.token, 'POST', `/api/labs/${classLab}/submissions`, { manifests: student.answer, wait: SERVER_WAIT });
        answeredMs.push(performance.now() - t0);
        let seen = submitted;
        while (!FINAL.includes(seen.status)) {
          await sleep(POLL_MS);
          try {
            seen = await call<SubmissionView>(student.token, 'GET', `/api/submissions/${submitted.id}`);
          } catch (error) {
            if (!(error instanceof HttpError && error.status === 429)) throw error;
            rateLimited++;
          }
        }
        seenMs.push(performance.now() - t0);
        const [submittedAt, gradedAt] = [Date.parse(seen.submittedAt), Date.parse(seen.gradedAt!)];
        recordedMs.push(gradedAt - submittedAt);
        storedMs.push(submittedAt - clicked);
        pollMs.push(Date.now() - gradedAt);
        if (seen.status === 'graded' && seen.score === seen.maxScore) fullMarks++;
      }),
    );
    const classWall = performance.now() - began;
    const classUsed = cpuUsed(classCpu);
    const lists = [seenMs, recordedMs, storedMs, pollMs, answeredMs];
    for (const list of lists) list.sort((a, b) => a - b);
    const row = (name: string, sorted: number[]) => `  ${name.padEnd(50)} ${secs(quantile(sorted, 0.5)).padStart(7)} ${secs(quantile(sorted, 0.95)).padStart(7)} ${secs(sorted.at(-1)!).padStart(7)}`;
    const worst = Math.max(seenMs.at(-1)!, recordedMs.at(-1)!);
    const p95 = Math.max(quantile(seenMs, 0.95), quantile(recordedMs, 0.95));
    const waiting = SERVER_WAIT ? 'wait: true, the API answering once graded' : `wait: false, each client polling every ${POLL_MS} ms`;
    console.log(`1. ${STUDENTS} students hand in within ${WINDOW_S} s (each their own input; ${waiting}), ${WORKERS} workers`);
    console.log(`  ${''.padEnd(50)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
    console.log(row("submit → graded, the student's client", seenMs));
    console.log(row('submit → graded, recorded (gradedAt-submittedAt)', recordedMs));
    console.log(row('  click → stored (submittedAt)', storedMs));
    console.log(row('  graded → seen by the client', pollMs));
    console.log(row('  click → POST .../submissions answered', answeredMs));
    const served = requests - requestsBefore;
    console.log(`  all graded and seen ${secs(classWall)} after the first click; ${fullMarks}/${STUDENTS} full marks; ${rateLimited} polls rate-limited (429)`);
    console.log(`  the API answered ${served} requests (${STUDENTS} submissions, the rest polls): ${(served / (classWall / 1000)).toFixed(0)}/s, ${((classUsed.api / served) * 1000).toFixed(1)} ms of its CPU each`);
    console.log(cpuLine(classUsed, classWall));
    console.log(`  aims: every grade within 30 s: ${worst <= AIM_ALL_MS ? 'ok' : 'MISSED'}; p95 within 15 s: ${p95 <= AIM_P95_MS ? 'ok' : 'MISSED'}\n`);

    // --- 2. identical against distinct inputs: a full queue, then the workers let go ------
    console.log(`2. ${STUDENTS} students hand in at once (${PARALLEL} requests in flight) on expose-web with the namespace fixed, while the workers`);
    console.log('   are paused (SIGSTOP); then the workers resume (SIGCONT) and grade the full queue');
    console.log(`  ${'mode'.padEnd(32)} ${'hand-in'.padStart(8)} ${'grading'.padStart(8)} ${'grades/s'.padStart(9)} ${'worker CPU/grade'.padStart(17)} ${'simulated'.padStart(10)} ${'reused'.padStart(7)} ${'full marks'.padStart(11)}`);
    const modes: [string, string, (i: number) => string][] = [
      ['A: identical manifests', sameLab, () => fixedStarter + service('shop')],
      ['B: a different Pod label each', distinctLab, (i) => relabelled(fixedStarter, `s${i}`) + service('shop')],
    ];
    const usage: string[] = [];
    for (const [name, labId, answer] of modes) {
      await sleep(1000); // let the previous phase's last requests and logs settle
      const outcomes0 = await outcomes();
      for (const w of workers) w.process.kill('SIGSTOP');
      const intake = performance.now();
      await inParallel(STUDENTS, PARALLEL, async (i) => {
        await call(students[i].token, 'POST', `/api/labs/${labId}/submissions`, { manifests: answer(i), wait: false });
      });
      const handIn = performance.now() - intake;
      const cpu0 = cpuSample();
      const resumed = Date.now();
      for (const w of workers) w.process.kill('SIGCONT');
      let state = await progress(labId);
      for (const deadline = resumed + 240_000; state.done < STUDENTS; state = await progress(labId)) {
        if (Date.now() > deadline) throw new Error(`${name}: only ${state.done} of ${STUDENTS} graded after 4 minutes`);
        await sleep(100);
      }
      const wall = state.last.getTime() - resumed;
      const used = cpuUsed(cpu0);
      const outcomes1 = await outcomes();
      const delta = (k: string) => (outcomes1[k] ?? 0) - (outcomes0[k] ?? 0);
      console.log(
        `  ${name.padEnd(32)} ${secs(handIn).padStart(8)} ${secs(wall).padStart(8)} ${(STUDENTS / (wall / 1000)).toFixed(1).padStart(9)} ${`${((used.workers / STUDENTS) * 1000).toFixed(0)} ms`.padStart(17)} ${String(delta('graded')).padStart(10)} ${String(delta('reused')).padStart(7)} ${`${state.full}/${STUDENTS}`.padStart(11)}`,
      );
      usage.push(`  ${name.slice(0, 1)}:${cpuLine(used, wall).slice(1)}`);
    }
    for (const line of usage) console.log(line);
    console.log(`\nthe service's logs: ${logFile}`);
  } finally {
    await db.end().catch(() => undefined);
    for (const child of children) child.kill('SIGTERM');
    closeSync(log);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
