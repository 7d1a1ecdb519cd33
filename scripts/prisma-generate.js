#!/usr/bin/env node
// Runs `prisma generate`. Prisma 7's client needs no native engine (it runs on
// @prisma/adapter-pg), but the CLI still looks for the schema-engine binary, which cannot
// be downloaded on every machine: point it at an existing file when it is absent.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = __filename;

const prisma = path.join(__dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [prisma, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
