import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { WeightsManifest } from '../../src/faceapi';
import { repoRoot } from './converted-models';

export const FACE_API = { package: '@vladmandic/face-api', version: '1.7.15' } as const;
const cache = path.join(repoRoot, 'models/.cache');
const tarball = path.join(cache, `vladmandic-face-api-${FACE_API.version}.tgz`);

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The pinned face-api tarball in models/.cache (git-ignored), packed from the npm registry when absent. */
export function faceApiTarball(): string {
  if (!fs.existsSync(tarball)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['pack', `${FACE_API.package}@${FACE_API.version}`, '--pack-destination', cache, '--silent'], { stdio: 'ignore' });
  }
  return tarball;
}

export function faceApiMember(member: string): Buffer {
  return execFileSync('tar', ['-xzOf', faceApiTarball(), member], { maxBuffer: 1 << 30 });
}

export interface FaceApiSources {
  manifest: WeightsManifest;
  /** Weight files by the path the manifest names them with. */
  files: Map<string, Buffer>;
  /** sha256 of every tarball member read, by member path. */
  sha256: Record<string, string>;
}

/** `package/model/<base>-weights_manifest.json` and the shards it names. */
export function faceApiSources(base: string): FaceApiSources {
  const manifestMember = `package/model/${base}-weights_manifest.json`;
  const manifestBytes = faceApiMember(manifestMember);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as WeightsManifest;
  const hashes: Record<string, string> = { [manifestMember]: sha256(manifestBytes) };
  const files = new Map<string, Buffer>();
  for (const p of manifest.flatMap((g) => g.paths)) {
    const data = faceApiMember(`package/model/${p}`);
    files.set(p, data);
    hashes[`package/model/${p}`] = sha256(data);
  }
  return { manifest, files, sha256: hashes };
}

/**
 * tfjs-core's CommonJS bundle leaves out the chained tensor methods (x.div(255),
 * x.as2D(n, -1), …) that the umbrella @tensorflow/tfjs registers and face-api calls.
 * They are added as tfjs-core's own chained_ops files define them: each method calls the
 * op of the same name with the tensor as first argument; asND reshapes (as1D()
 * flattens).
 */
function registerChainedOps(): void {
  const proto = (tf.Tensor as unknown as { prototype: Record<string, unknown> }).prototype;
  const ops = tf as unknown as Record<string, (...args: unknown[]) => tf.Tensor>;
  const dir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist/public/chained_ops');
  const byLowerName = new Map(Object.keys(ops).filter((k) => typeof ops[k] === 'function').map((k) => [k.toLowerCase(), k]));
  for (const file of fs.readdirSync(dir)) {
    const match = /^([a-z0-9_]+)\.js$/.exec(file);
    if (!match || match[1]!.endsWith('_test') || match[1] === 'register_all_chained_ops') continue;
    const asNd = /^as(\d)d$/.exec(match[1]!);
    if (asNd) {
      proto[`as${asNd[1]}D`] ??= function (this: tf.Tensor, ...dims: number[]) {
        return tf.reshape(this, asNd[1] === '1' ? [this.size] : dims);
      };
      continue;
    }
    const op = byLowerName.get(match[1]!.replace(/_/g, ''));
    if (op && !(op in proto)) {
      proto[op] = function (this: tf.Tensor, ...args: unknown[]) {
        return ops[op]!(this, ...args);
      };
    }
  }
}

type FaceApi = Record<string, unknown> & { version: string };
let loaded: FaceApi | undefined;

/**
 * face-api's own node-wasm build (dist/face-api.node-wasm.js), which takes TF.js from the
 * host: its require('@tensorflow/tfjs') is answered with the tfjs-core the wasm backend is
 * registered on, so face-api runs its own code on the same engine and backend.
 */
export function loadFaceApi(): FaceApi {
  if (loaded) return loaded;
  const dir = path.join(cache, `vladmandic-face-api-${FACE_API.version}`);
  const bundle = path.join(dir, 'package/dist/face-api.node-wasm.js');
  if (!fs.existsSync(bundle)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', faceApiTarball(), '-C', dir, 'package/dist/face-api.node-wasm.js']);
  }
  registerChainedOps();
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = resolver._resolveFilename;
  resolver._resolveFilename = (request, ...rest) => resolve(request === '@tensorflow/tfjs' ? '@tensorflow/tfjs-core' : request, ...rest);
  try {
    loaded = require(bundle) as FaceApi;
  } finally {
    resolver._resolveFilename = resolve;
  }
  return loaded;
}
