// `npm run bench`: compiles the benchmark (bench/*.ts and the engine sources it imports)
// into a clean node_modules/.cache/kube-netlab-bench — clean, so that a module moved or
// deleted in src/ cannot linger there as a stale .js — then runs it with the given flags.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'node_modules', '.cache', 'kube-netlab-bench');
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.json')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// `npm run bench -- proxy ...` runs the kube-proxy rendering benchmark instead of simulate's.
const [first, ...rest] = process.argv.slice(2);
// `npm run bench -- service ...` drives the built service (npm run build first) with a class of clients;
// `npm run bench -- grading ...` has a class hand in lab submissions to it and times their grades.
const modes = { proxy: 'proxy.js', service: 'service.js', grading: 'grading.js' };
const [script, args] = Object.hasOwn(modes, first) ? [modes[first], rest] : ['run.js', process.argv.slice(2)];
const run = spawnSync(process.execPath, [path.join(out, 'bench', script), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
