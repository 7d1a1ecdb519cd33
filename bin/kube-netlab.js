#!/usr/bin/env node
'use strict';
// The kube-netlab command. The TypeScript sources are compiled into dist/ by `npm run build`
// (which `npm ci` runs through the prepare script).
const { run } = require('../dist/cli/main.js');

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`kube-netlab: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);
