import { ELEM_FLOAT, intAttribute, intsAttribute, model, OnnxGraphBuilder, valueInfo } from '@bio/model-convert';
import { seededRandom } from '../../../../training/mask/seeded-random';

/**
 * A stand-in for an external WeSpeaker-style export, built by the project itself: mean and
 * standard deviation of each fbank bin over time, then a fixed seeded projection.
 * feats [B,T,bins] -> embs [B,dims]. `bins` other than 80 makes a model with the wrong contract.
 */
export function poolingSpeakerModel(bins: number, dims: number, seed: number): { onnx: Uint8Array; projection: Float32Array } {
  const random = seededRandom(seed);
  const projection = Float32Array.from({ length: 2 * bins * dims }, () => random() * 2 - 1);
  const b = new OnnxGraphBuilder();
  const op = (opType: string, inputs: string[], output: string, attributes?: Uint8Array[]) =>
    b.add({ name: output, opType, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
  const overTime = [intsAttribute('axes', [1]), intAttribute('keepdims', 0)];
  op('ReduceMean', ['feats'], 'mean', overTime);
  op('Mul', ['feats', 'feats'], 'squares');
  op('ReduceMean', ['squares'], 'mean_square', overTime);
  op('Mul', ['mean', 'mean'], 'square_of_mean');
  op('Sub', ['mean_square', 'square_of_mean'], 'variance_raw');
  op('Max', ['variance_raw', b.floatInitializer('variance_floor', [1], Float32Array.from([1e-8]))], 'variance');
  op('Sqrt', ['variance'], 'std');
  op('Concat', ['mean', 'std'], 'pooled', [intAttribute('axis', 1)]);
  op('MatMul', ['pooled', b.floatInitializer('projection', [2 * bins, dims], projection)], 'embs');
  const onnx = model({
    producerName: 'biometrics-platform apps/voice/test',
    docString: 'Mean+std pooling of fbank frames and a seeded projection: tests the external speaker-model path.',
    opset: 13,
    graph: {
      name: 'pooling_speaker_model',
      nodes: b.nodes,
      initializers: b.initializers(),
      inputs: [valueInfo('feats', ELEM_FLOAT, ['B', 'T', bins])],
      outputs: [valueInfo('embs', ELEM_FLOAT, ['B', dims])],
    },
  });
  return { onnx, projection };
}

/** What poolingSpeakerModel computes, in float64, before normalisation. */
export function poolingReference(data: Float32Array, frames: number, bins: number, projection: Float32Array): Float64Array {
  const pooled = new Float64Array(2 * bins);
  for (let i = 0; i < bins; i++) {
    let sum = 0;
    let squares = 0;
    for (let t = 0; t < frames; t++) {
      const v = data[t * bins + i]!;
      sum += v;
      squares += v * v;
    }
    const mean = sum / frames;
    pooled[i] = mean;
    pooled[bins + i] = Math.sqrt(Math.max(squares / frames - mean * mean, 1e-8));
  }
  const dims = projection.length / (2 * bins);
  const out = new Float64Array(dims);
  for (let i = 0; i < 2 * bins; i++) for (let j = 0; j < dims; j++) out[j] += pooled[i]! * projection[i * dims + j]!;
  return out;
}
