#!/usr/bin/env node
// `npm run up`: migrates the database, then runs the API and one worker in the
// foreground. Ctrl-C stops both; if either exits, the other is stopped too.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const migrated = spawnSync(process.execPath, [path.join(dist, 'platform', 'prisma', 'migrate.js')], { stdio: 'inherit' });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const children = ['main.js', 'worker.js'].map((file) =>
  spawn(process.execPath, [path.join(dist, file)], { stdio: 'inherit' }),
);
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
