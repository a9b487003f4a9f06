import { seededRandom } from './seeded-random';

/** One fully connected layer: weights row-major [outputs x inputs]. */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
  activation: 'relu' | 'sigmoid';
}

/** A binary classifier: hidden ReLU layers, then one sigmoid unit (the probability of a mask). */
export type DenseClassifier = DenseLayer[];

export interface TrainOptions {
  hidden: number[];
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** The probability for each row of `x` ([rows x inputs], row-major); every layer's output is stored in float32, as in the ONNX graph. */
export function predict(net: DenseClassifier, x: Float32Array, rows: number): Float32Array {
  return forward(net, x, rows).at(-1)!;
}

function forward(net: DenseClassifier, x: Float32Array, rows: number): Float32Array[] {
  const activations = [x];
  for (const layer of net) {
    const input = activations.at(-1)!;
    const out = new Float32Array(rows * layer.outputs);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < layer.outputs; o++) {
        let sum = layer.bias[o]!;
        for (let i = 0; i < layer.inputs; i++) sum += layer.weights[o * layer.inputs + i]! * input[r * layer.inputs + i]!;
        out[r * layer.outputs + o] = layer.activation === 'relu' ? Math.max(sum, 0) : 1 / (1 + Math.exp(-sum));
      }
    }
    activations.push(out);
  }
  return activations;
}

/**
 * Full-batch training on cross-entropy with L2 on the weights, Adam steps. Features
 * should be standardised first; the same seed gives the same network.
 */
export function trainClassifier(x: Float32Array, labels: Uint8Array, features: number, options: TrainOptions): DenseClassifier {
  const rows = labels.length;
  const random = seededRandom(options.seed);
  const sizes = [features, ...options.hidden, 1];
  const net: DenseClassifier = sizes.slice(1).map((outputs, k) => {
    const inputs = sizes[k]!;
    // He-style scale keeps ReLU activations from dying or exploding at the start.
    const scale = Math.sqrt(2 / inputs);
    return {
      inputs,
      outputs,
      weights: Float32Array.from({ length: inputs * outputs }, () => (random() * 2 - 1) * scale),
      bias: new Float32Array(outputs),
      activation: k === options.hidden.length ? 'sigmoid' : 'relu',
    };
  });
  const adam = net.map((layer) => ({ w: new AdamState(layer.weights.length), b: new AdamState(layer.bias.length) }));
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const activations = forward(net, x, rows);
    // d(loss)/d(logit) of sigmoid + cross-entropy, averaged over the batch.
    let delta = activations.at(-1)!.map((p, r) => (p - labels[r]!) / rows);
    for (let k = net.length - 1; k >= 0; k--) {
      const layer = net[k]!;
      const input = activations[k]!;
      const gradW = new Float32Array(layer.weights.length);
      const gradB = new Float32Array(layer.outputs);
      const next = new Float32Array(rows * layer.inputs);
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < layer.outputs; o++) {
          const d = delta[r * layer.outputs + o]!;
          if (d === 0) continue;
          gradB[o]! += d;
          for (let i = 0; i < layer.inputs; i++) {
            gradW[o * layer.inputs + i]! += d * input[r * layer.inputs + i]!;
            next[r * layer.inputs + i]! += d * layer.weights[o * layer.inputs + i]!;
          }
        }
      }
      for (let j = 0; j < gradW.length; j++) gradW[j]! += options.l2 * layer.weights[j]!;
      if (k > 0) for (let j = 0; j < next.length; j++) if (input[j]! <= 0) next[j] = 0;
      adam[k]!.w.step(layer.weights, gradW, options.learningRate, epoch);
      adam[k]!.b.step(layer.bias, gradB, options.learningRate, epoch);
      delta = next;
    }
  }
  return net;
}

class AdamState {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  step(params: Float32Array, grad: Float32Array, rate: number, t: number): void {
    const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
    const correction1 = 1 - beta1 ** t;
    const correction2 = 1 - beta2 ** t;
    for (let j = 0; j < params.length; j++) {
      this.m[j] = beta1 * this.m[j]! + (1 - beta1) * grad[j]!;
      this.v[j] = beta2 * this.v[j]! + (1 - beta2) * grad[j]! ** 2;
      params[j]! -= (rate * (this.m[j]! / correction1)) / (Math.sqrt(this.v[j]! / correction2) + eps);
    }
  }
}

/** Per-feature mean and standard deviation of the training rows. */
export function featureScaling(x: Float32Array, rows: number, features: number): { mean: Float32Array; std: Float32Array } {
  const mean = new Float32Array(features);
  const std = new Float32Array(features);
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) mean[f]! += x[r * features + f]! / rows;
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) std[f]! += (x[r * features + f]! - mean[f]!) ** 2 / rows;
  // A constant feature carries nothing; a unit scale keeps it harmless.
  for (let f = 0; f < features; f++) std[f] = std[f]! > 1e-12 ? Math.sqrt(std[f]!) : 1;
  return { mean, std };
}

export function standardise(x: Float32Array, { mean, std }: { mean: Float32Array; std: Float32Array }): Float32Array {
  const features = mean.length;
  return x.map((v, j) => (v - mean[j % features]!) / std[j % features]!);
}

/** Folds the standardisation into the first layer, so the exported graph takes raw features. */
export function foldScaling(net: DenseClassifier, { mean, std }: { mean: Float32Array; std: Float32Array }): DenseClassifier {
  const [first, ...rest] = net;
  const weights = new Float32Array(first!.weights.length);
  const bias = Float32Array.from(first!.bias);
  for (let o = 0; o < first!.outputs; o++) {
    for (let i = 0; i < first!.inputs; i++) {
      const w = first!.weights[o * first!.inputs + i]! / std[i]!;
      weights[o * first!.inputs + i] = w;
      bias[o]! -= w * mean[i]!;
    }
  }
  return [{ ...first!, weights, bias }, ...rest];
}
