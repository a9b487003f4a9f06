import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { l2Normalised } from '@bio/vector';
import type { EmbeddingCandidate } from './embedding-candidate';

/** human's faceres takes its own crop: the detector box grown 1.4x, square (apps/detector's context crop), at this size. */
export const FACERES_SIZE = 224;

/** human's faceres descriptor (models/files/human_faceres.onnx, converted from TF.js by fetch-models): RGB 0..255 in, 1024-d out. */
export async function faceresDescriptor(repoRoot: string, threads: number): Promise<EmbeddingCandidate> {
  const session = await ort.InferenceSession.create(path.join(repoRoot, 'models/files/human_faceres.onnx'), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  return {
    name: 'human-faceres@3.0.4/context-crop-224',
    async embed(crop) {
      if (crop.width !== FACERES_SIZE || crop.height !== FACERES_SIZE) throw new RangeError(`faceres takes its ${FACERES_SIZE}x${FACERES_SIZE} context crop`);
      const out = await session.run({ input_1: new ort.Tensor('float32', Float32Array.from(crop.data), [1, FACERES_SIZE, FACERES_SIZE, 3]) });
      return l2Normalised(out['global_pooling/Mean']!.data as Float32Array);
    },
    close: () => session.release(),
  };
}
