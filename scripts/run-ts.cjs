#!/usr/bin/env node
/**
 * Runs a TypeScript entry point (benchmarks, one-off tools) straight from source, without
 * a build: every .ts file is transpiled on require (no type check: `tsc -b` does that) and
 * `@bio/<name>` resolves to libs/<name>/src, as in jest.
 *
 * Usage: node scripts/run-ts.cjs <file.ts> [args...]
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const repoRoot = path.resolve(__dirname, '..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspacePackage(request, ...rest) {
  const workspace = /^@bio\/([a-z-]+)$/.exec(request);
  if (workspace) return path.join(repoRoot, 'libs', workspace[1], 'src', 'index.ts');
  return resolveFilename.call(this, request, ...rest);
};

process.setSourceMapsEnabled(true);
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.cjs <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
