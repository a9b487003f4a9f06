#!/usr/bin/env node
/**
 * `prisma generate` needs no database and no schema engine (the client is built by the bundled
 * wasm), but the CLI still tries to download the schema-engine binary before it starts. This
 * machine builds offline, so point the CLI at an existing file unless a real engine is configured;
 * migrations are applied by libs/db, never by the schema engine.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const cli = require.resolve('prisma/build/index.js', { paths: [root] });
const result = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
