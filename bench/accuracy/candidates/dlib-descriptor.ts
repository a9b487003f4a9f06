import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { extractAlignedCrop } from '@bio/imaging';
import { CHIP, TEMPLATE_CHIP } from './dlib-chip';
import { l2Normalised } from '@bio/vector';
import type { EmbeddingCandidate } from './embedding-candidate';

/** face-api's dlib ResNet descriptor (models/files/faceapi_face_recognition.onnx, fetched and converted by fetch-models), on its own 150 px chip made from the crop. */
export async function dlibDescriptor(repoRoot: string, threads: number): Promise<EmbeddingCandidate> {
  const session = await ort.InferenceSession.create(path.join(repoRoot, 'models/files/faceapi_face_recognition.onnx'), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  return {
    name: 'faceapi-face-recognition@1.7.15/dlib-chip-150',
    async embed(crop) {
      const chip = await extractAlignedCrop(crop, TEMPLATE_CHIP, CHIP);
      const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(chip.data), [1, CHIP, CHIP, 3]) });
      return l2Normalised(out.descriptor!.data as Float32Array);
    },
    close: () => session.release(),
  };
}
