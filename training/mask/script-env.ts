import path from 'node:path';
import { loadEnv, type Env } from '@bio/config';

const repoRoot = path.resolve(__dirname, '../..');

/**
 * The environment of a training or benchmark script: model paths made absolute so the
 * script runs from any folder, and two inference threads unless configured (both cores).
 */
export function scriptEnv(): Env {
  const loaded = loadEnv(process.env);
  return {
    ...loaded,
    MODEL_MANIFEST: path.resolve(repoRoot, loaded.MODEL_MANIFEST),
    MODELS_DIR: path.resolve(repoRoot, loaded.MODELS_DIR),
    INFERENCE_THREADS: loaded.INFERENCE_THREADS > 0 ? loaded.INFERENCE_THREADS : 2,
  };
}
