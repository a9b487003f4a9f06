import { ELEM_FLOAT, floatTensor, intAttribute, model, node, valueInfo } from '@bio/model-convert';
import type { DenseClassifier } from './dense-classifier';

export const MASK_INPUT = 'features';
export const MASK_OUTPUT = 'mask_probability';

/**
 * The classifier as an ONNX model: input `features` float32 [N, F], then per layer
 * Gemm (weights transposed, as stored) and Relu or Sigmoid, output `mask_probability` [N, 1].
 */
export function denseClassifierToOnnx(net: DenseClassifier, docString: string): Uint8Array {
  const nodes: Uint8Array[] = [];
  const initializers: Uint8Array[] = [];
  let current = MASK_INPUT;
  net.forEach((layer, k) => {
    const [w, b, logits] = [`layer${k}.weight`, `layer${k}.bias`, `layer${k}.gemm`];
    const activated = k === net.length - 1 ? MASK_OUTPUT : `layer${k}.${layer.activation}`;
    initializers.push(floatTensor(w, [layer.outputs, layer.inputs], layer.weights), floatTensor(b, [layer.outputs], layer.bias));
    nodes.push(
      node({ name: `layer${k}_gemm`, opType: 'Gemm', inputs: [current, w, b], outputs: [logits], attributes: [intAttribute('transB', 1)] }),
      node({ name: `layer${k}_${layer.activation}`, opType: layer.activation === 'relu' ? 'Relu' : 'Sigmoid', inputs: [logits], outputs: [activated] }),
    );
    current = activated;
  });
  return model({
    producerName: 'biometrics-platform training/mask',
    docString,
    opset: 13,
    graph: {
      name: 'mask_classifier',
      nodes,
      initializers,
      inputs: [valueInfo(MASK_INPUT, ELEM_FLOAT, ['N', net[0]!.inputs])],
      outputs: [valueInfo(MASK_OUTPUT, ELEM_FLOAT, ['N', 1])],
    },
  });
}
