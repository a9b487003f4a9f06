import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { convertSource } from '../../../../libs/model-convert/test/support/tflite-models';

/**
 * An operator's own ArcFace-contract model, played by a real one: expo's MobileFaceNet
 * rebuilt with NCHW input ([N,3,112,112] -> [N,192]), as an NCHW export of that network
 * would be, run with the normalisation below. Tests of bring-your-own-model use it.
 */
export const OPERATOR_MODEL_ENV = { FACE_EMBED_CHANNEL_ORDER: 'rgb', FACE_EMBED_INPUT_MEAN: '127.5', FACE_EMBED_INPUT_STD: '128' } as const;

/** Writes the model into `dir` and returns its path and the model id the embedder will give it. */
export function writeOperatorFaceModel(dir: string): { file: string; modelId: string } {
  const onnx = convertSource('mobilefacenet', { freeBatch: true, nchwInputs: true }).onnx;
  const file = path.join(dir, 'mobilefacenet-nchw.onnx');
  writeFileSync(file, onnx);
  const sha = createHash('sha256').update(onnx).digest('hex');
  return { file, modelId: `custom-sha256:${sha.slice(0, 16)}/rgb-127.5-128/arcface112-blazeface-v1` };
}
