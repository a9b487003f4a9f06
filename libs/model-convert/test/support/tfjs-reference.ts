import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-wasm';

export async function useWasmBackend(): Promise<void> {
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend did not start');
  await tf.ready();
}

/** Loads a TF.js graph model from files already in memory: an IOHandler, no fetch. */
export async function loadTfjsModel(files: Map<string, Buffer>, modelJsonMember: string): Promise<GraphModel> {
  const json = JSON.parse(files.get(modelJsonMember)!.toString('utf8'));
  const groups = json.weightsManifest as { paths: string[]; weights: unknown[] }[];
  const weightData = Buffer.concat(groups.flatMap((g) => g.paths.map((p) => files.get(path.posix.join(path.posix.dirname(modelJsonMember), p))!)));
  return loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights) as never,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
    }),
  });
}

/** TF.js outputs for one NHWC batch, by TF tensor name. */
export function runTfjs(model: GraphModel, input: Float32Array, shape: number[], tensorNames: string[]): Float32Array[] {
  return tf.tidy(() => {
    const out = model.execute(tf.tensor(input, shape), tensorNames);
    return (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
  });
}
