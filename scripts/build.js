#!/usr/bin/env node
// `npm run build` (and `npm ci`, through prepare): prisma generate, then a clean tsc build.
// dist/ is emptied first: tsc never deletes the output of a removed source file, and a
// stale dist/x.js would shadow a new dist/x/index.js.
const { rmSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run([path.join(__dirname, 'prisma-generate.js')]);
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
