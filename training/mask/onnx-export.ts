import type { DenseClassifier } from './dense-classifier';
import { bytesField, concat, intField, messageField, stringField } from './protobuf-writer';

/** Field numbers and enum values of onnx/onnx.proto (IR version 8), the only ones this export writes. */
const ONNX = {
  model: { irVersion: 1, producerName: 2, docString: 6, graph: 7, opsetImport: 8 },
  opset: { version: 2 },
  graph: { node: 1, name: 2, initializer: 5, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5 },
  attribute: { name: 1, i: 3, type: 20 },
  tensor: { dims: 1, dataType: 2, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
  typeProto: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dimension: { value: 1, param: 2 },
  FLOAT: 1,
  ATTRIBUTE_INT: 2,
  IR_VERSION: 8,
  OPSET: 13,
} as const;

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
    initializers.push(tensor(w, [layer.outputs, layer.inputs], layer.weights), tensor(b, [layer.outputs], layer.bias));
    nodes.push(
      node(`layer${k}_gemm`, 'Gemm', [current, w, b], logits, [
        messageField(ONNX.node.attribute, [
          stringField(ONNX.attribute.name, 'transB'),
          intField(ONNX.attribute.i, 1),
          intField(ONNX.attribute.type, ONNX.ATTRIBUTE_INT),
        ]),
      ]),
      node(`layer${k}_${layer.activation}`, layer.activation === 'relu' ? 'Relu' : 'Sigmoid', [logits], activated, []),
    );
    current = activated;
  });
  const graph = [
    ...nodes.map((n) => bytesField(ONNX.graph.node, n)),
    stringField(ONNX.graph.name, 'mask_classifier'),
    ...initializers.map((t) => bytesField(ONNX.graph.initializer, t)),
    valueInfo(ONNX.graph.input, MASK_INPUT, net[0]!.inputs),
    valueInfo(ONNX.graph.output, MASK_OUTPUT, 1),
  ];
  return concat([
    intField(ONNX.model.irVersion, ONNX.IR_VERSION),
    stringField(ONNX.model.producerName, 'biometrics-platform training/mask'),
    stringField(ONNX.model.docString, docString),
    messageField(ONNX.model.graph, graph),
    messageField(ONNX.model.opsetImport, [intField(ONNX.opset.version, ONNX.OPSET)]),
  ]);
}

function node(name: string, opType: string, inputs: string[], output: string, attributes: Uint8Array[]): Uint8Array {
  return concat([
    ...inputs.map((i) => stringField(ONNX.node.input, i)),
    stringField(ONNX.node.output, output),
    stringField(ONNX.node.name, name),
    stringField(ONNX.node.opType, opType),
    ...attributes,
  ]);
}

function tensor(name: string, dims: number[], values: Float32Array): Uint8Array {
  // raw_data is little-endian float32, which is how Float32Array holds it on every platform Node runs on here.
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return concat([
    ...dims.map((d) => intField(ONNX.tensor.dims, d)),
    intField(ONNX.tensor.dataType, ONNX.FLOAT),
    stringField(ONNX.tensor.name, name),
    bytesField(ONNX.tensor.rawData, raw),
  ]);
}

/** A float32 [N, width] value with a free batch dimension. */
function valueInfo(field: number, name: string, width: number): Uint8Array {
  const shape = messageField(ONNX.tensorType.shape, [
    messageField(ONNX.shape.dim, [stringField(ONNX.dimension.param, 'N')]),
    messageField(ONNX.shape.dim, [intField(ONNX.dimension.value, width)]),
  ]);
  const tensorType = messageField(ONNX.typeProto.tensorType, [intField(ONNX.tensorType.elemType, ONNX.FLOAT), shape]);
  return messageField(field, [stringField(ONNX.valueInfo.name, name), messageField(ONNX.valueInfo.type, [tensorType])]);
}
