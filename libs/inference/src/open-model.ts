import type { Env } from '@bio/config';
import type { Logger } from '@bio/observability';
import { loadModelManifest, manifestEntryForSlot, type ModelManifestEntry } from './model-manifest';
import { resolveModelFile, verifyModelFile, type ModelFile } from './model-file';
import { OnnxModel } from './onnx-model';

export interface OpenedModel {
  model: OnnxModel;
  file: ModelFile;
  /** The manifest's entry for the slot (its I/O contract), also when a replacement file runs. */
  entry: ModelManifestEntry;
  sha256: string;
}

type InferenceEnv = Pick<Env, 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS'>;

/** Resolves the slot's file (manifest default or `overridePath`), checks it and starts a session. */
export async function openModel(env: InferenceEnv, slot: string, overridePath: string | undefined, logger: Logger): Promise<OpenedModel> {
  const entry = manifestEntryForSlot(loadModelManifest(env.MODEL_MANIFEST), slot);
  const file = resolveModelFile(entry, env.MODELS_DIR, overridePath);
  const sha256 = verifyModelFile(file);
  const model = await OnnxModel.open(file.path, {
    provider: env.INFERENCE_PROVIDER,
    threads: env.INFERENCE_THREADS,
    graphOptimization: file.pinned?.graphOptimization ?? 'all',
    logger,
  });
  logger.info(
    { slot, model: file.pinned?.id ?? 'operator-supplied', path: file.path, sha256, provider: model.provider },
    'model loaded',
  );
  return { model, file, entry, sha256 };
}
