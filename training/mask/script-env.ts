import path from 'node:path';
import { loadEnvAt, type Env } from '@bio/config';

const repoRoot = path.resolve(__dirname, '../..');

/** The environment of a training or benchmark script: two inference threads unless configured (both cores). */
export function scriptEnv(): Env {
  const loaded = loadEnvAt(repoRoot);
  return { ...loaded, INFERENCE_THREADS: loaded.INFERENCE_THREADS > 0 ? loaded.INFERENCE_THREADS : 2 };
}
