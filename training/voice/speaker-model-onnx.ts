import { ELEM_FLOAT, intAttribute, intsAttribute, model, OnnxGraphBuilder, valueInfo } from '@bio/model-convert';
import type { SpeakerModel } from './speaker-model';

export const SPEAKER_INPUT = 'feats';
export const SPEAKER_OUTPUT = 'embs';
export const FBANK_BINS = 80;

const f32 = (values: ArrayLike<number>) => Float32Array.from(values);

/** (x - mean) P as x P + b. */
function affine(mean: Float64Array, projection: Float64Array, inputs: number, outputs: number): { weights: Float32Array; bias: Float32Array } {
  const bias = new Float32Array(outputs);
  for (let j = 0; j < outputs; j++) {
    let sum = 0;
    for (let i = 0; i < inputs; i++) sum += mean[i]! * projection[i * outputs + j]!;
    bias[j] = -sum;
  }
  return { weights: f32(projection), bias };
}

/**
 * The whole runtime of the GMM-supervector model as one ONNX graph with the WeSpeaker
 * contract: feats [B,T,80] (mean-normalised log-mel) -> embs [B,D].
 *   y = feats P + p                      frame whitening          [B,T,d]
 *   g = softmax([y*y, y] A + a)          component posteriors     [B,T,K]
 *   n = sum_t g, F = g^T y               Baum-Welch statistics    [B,K,1], [B,K,d]
 *   s = ((F + r mu) / (n + r) - mu) * sqrt(w)/sigma               [B,K,d]
 *   embs = flatten(s) W + e              LDA with WCCN            [B,D]
 * The diagonal Gaussian log-likelihood is linear in y*y and y, hence one MatMul.
 */
export function speakerModelToOnnx(m: SpeakerModel, docString: string): Uint8Array {
  const { gmm, whitening, lda, relevance } = m;
  const { components: k, dim: d } = gmm;
  const b = new OnnxGraphBuilder();
  const white = affine(whitening.mean, whitening.projection, whitening.inputs, whitening.outputs);

  const quadratic = new Float32Array(2 * d * k);
  const constant = new Float32Array(k);
  const adaptedPrior = new Float32Array(k * d);
  const scaledMean = new Float32Array(k * d);
  const scale = new Float32Array(k * d);
  for (let c = 0; c < k; c++) {
    let sum = Math.log(gmm.weights[c]!) - 0.5 * d * Math.log(2 * Math.PI);
    for (let j = 0; j < d; j++) {
      const mu = gmm.means[c * d + j]!;
      const variance = gmm.variances[c * d + j]!;
      quadratic[j * k + c] = -0.5 / variance;
      quadratic[(d + j) * k + c] = mu / variance;
      sum -= 0.5 * (Math.log(variance) + (mu * mu) / variance);
      adaptedPrior[c * d + j] = relevance * mu;
      scale[c * d + j] = Math.sqrt(gmm.weights[c]!) / Math.sqrt(variance);
      scaledMean[c * d + j] = mu * scale[c * d + j]!;
    }
    constant[c] = sum;
  }
  const out = affine(lda.mean, lda.projection, lda.inputs, lda.outputs);

  const init = (name: string, dims: number[], values: Float32Array) => b.floatInitializer(name, dims, values);
  const op = (opType: string, inputs: string[], output: string, attributes?: Uint8Array[]) =>
    b.add({ name: output, opType, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });

  op('MatMul', [SPEAKER_INPUT, init('whiten.weight', [FBANK_BINS, d], white.weights)], 'whiten.matmul');
  op('Add', ['whiten.matmul', init('whiten.bias', [d], white.bias)], 'y');
  op('Mul', ['y', 'y'], 'y_squared');
  op('Concat', ['y_squared', 'y'], 'quadratic_features', [intAttribute('axis', 2)]);
  op('MatMul', ['quadratic_features', init('gmm.quadratic', [2 * d, k], quadratic)], 'gmm.loglik_partial');
  op('Add', ['gmm.loglik_partial', init('gmm.constant', [k], constant)], 'gmm.loglik');
  op('Softmax', ['gmm.loglik'], 'posteriors', [intAttribute('axis', 2)]);
  op('ReduceSum', ['posteriors', b.int64Initializer('time_axis', [1])], 'occupancy_row', [intAttribute('keepdims', 1)]);
  op('Transpose', ['occupancy_row'], 'occupancy', [intsAttribute('perm', [0, 2, 1])]);
  op('Transpose', ['posteriors'], 'posteriors_t', [intsAttribute('perm', [0, 2, 1])]);
  op('MatMul', ['posteriors_t', 'y'], 'first_order');
  op('Add', ['first_order', init('map.prior', [k, d], adaptedPrior)], 'map.numerator');
  op('Add', ['occupancy', init('map.relevance', [1], f32([relevance]))], 'map.denominator');
  op('Div', ['map.numerator', 'map.denominator'], 'adapted_means');
  op('Mul', ['adapted_means', init('supervector.scale', [k, d], scale)], 'adapted_scaled');
  op('Sub', ['adapted_scaled', init('supervector.offset', [k, d], scaledMean)], 'supervector');
  op('Reshape', ['supervector', b.int64Initializer('flat_shape', [0, -1])], 'supervector_flat');
  op('MatMul', ['supervector_flat', init('lda.weight', [k * d, lda.outputs], out.weights)], 'lda.matmul');
  op('Add', ['lda.matmul', init('lda.bias', [lda.outputs], out.bias)], SPEAKER_OUTPUT);

  return model({
    producerName: 'biometrics-platform training/voice',
    docString,
    opset: 13,
    graph: {
      name: 'gmm_supervector_speaker',
      nodes: b.nodes,
      initializers: b.initializers(),
      inputs: [valueInfo(SPEAKER_INPUT, ELEM_FLOAT, ['B', 'T', FBANK_BINS])],
      outputs: [valueInfo(SPEAKER_OUTPUT, ELEM_FLOAT, ['B', lda.outputs])],
    },
  });
}
