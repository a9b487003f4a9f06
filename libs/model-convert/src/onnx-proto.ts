import { bytesField, concat, intField, messageField, stringField } from './protobuf-writer';

/** Field numbers and enum values of onnx/onnx.proto (IR version 8): only those this project writes. */
const FIELD = {
  model: { irVersion: 1, producerName: 2, docString: 6, graph: 7, opsetImport: 8 },
  opset: { version: 2 },
  graph: { node: 1, name: 2, initializer: 5, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5 },
  attribute: { name: 1, i: 3, ints: 8, type: 20 },
  tensor: { dims: 1, dataType: 2, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
  typeProto: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dimension: { value: 1, param: 2 },
} as const;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;
const IR_VERSION = 8;

export const ELEM_FLOAT = 1;
export const ELEM_INT64 = 7;
export type ElemType = typeof ELEM_FLOAT | typeof ELEM_INT64;

/** An encoded AttributeProto. */
export type Attribute = Uint8Array;

export function intAttribute(name: string, value: number): Attribute {
  return concat([stringField(FIELD.attribute.name, name), intField(FIELD.attribute.i, value), intField(FIELD.attribute.type, ATTRIBUTE_INT)]);
}

export function intsAttribute(name: string, values: readonly number[]): Attribute {
  return concat([
    stringField(FIELD.attribute.name, name),
    ...values.map((v) => intField(FIELD.attribute.ints, v)),
    intField(FIELD.attribute.type, ATTRIBUTE_INTS),
  ]);
}

export interface NodeSpec {
  name: string;
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly Attribute[];
}

export function node(spec: NodeSpec): Uint8Array {
  return concat([
    ...spec.inputs.map((i) => stringField(FIELD.node.input, i)),
    ...spec.outputs.map((o) => stringField(FIELD.node.output, o)),
    stringField(FIELD.node.name, spec.name),
    stringField(FIELD.node.opType, spec.opType),
    ...(spec.attributes ?? []).map((a) => bytesField(FIELD.node.attribute, a)),
  ]);
}

export function tensor(name: string, dims: readonly number[], elemType: ElemType, raw: Uint8Array): Uint8Array {
  return concat([
    ...dims.map((d) => intField(FIELD.tensor.dims, d)),
    intField(FIELD.tensor.dataType, elemType),
    stringField(FIELD.tensor.name, name),
    bytesField(FIELD.tensor.rawData, raw),
  ]);
}

// raw_data is little-endian; typed arrays hold that byte order on every platform Node runs on here.
export function floatTensor(name: string, dims: readonly number[], values: Float32Array): Uint8Array {
  return tensor(name, dims, ELEM_FLOAT, new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)));
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): Uint8Array {
  return tensor(name, dims, ELEM_INT64, new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer));
}

/** A tensor-typed ValueInfoProto; a string dimension is symbolic (e.g. the batch size 'N'). */
export function valueInfo(name: string, elemType: ElemType, dims: readonly (number | string)[]): Uint8Array {
  const shape = messageField(
    FIELD.tensorType.shape,
    dims.map((d) =>
      messageField(FIELD.shape.dim, [typeof d === 'string' ? stringField(FIELD.dimension.param, d) : intField(FIELD.dimension.value, d)]),
    ),
  );
  const tensorType = messageField(FIELD.typeProto.tensorType, [intField(FIELD.tensorType.elemType, elemType), shape]);
  return concat([stringField(FIELD.valueInfo.name, name), messageField(FIELD.valueInfo.type, [tensorType])]);
}

export interface GraphSpec {
  name: string;
  nodes: readonly Uint8Array[];
  initializers: readonly Uint8Array[];
  inputs: readonly Uint8Array[];
  outputs: readonly Uint8Array[];
}

export interface ModelSpec {
  producerName: string;
  docString: string;
  opset: number;
  graph: GraphSpec;
}

/** A serialised ModelProto in the default ONNX domain. */
export function model(spec: ModelSpec): Uint8Array {
  const { graph } = spec;
  const graphFields = [
    ...graph.nodes.map((n) => bytesField(FIELD.graph.node, n)),
    stringField(FIELD.graph.name, graph.name),
    ...graph.initializers.map((t) => bytesField(FIELD.graph.initializer, t)),
    ...graph.inputs.map((v) => bytesField(FIELD.graph.input, v)),
    ...graph.outputs.map((v) => bytesField(FIELD.graph.output, v)),
  ];
  return concat([
    intField(FIELD.model.irVersion, IR_VERSION),
    stringField(FIELD.model.producerName, spec.producerName),
    stringField(FIELD.model.docString, spec.docString),
    messageField(FIELD.model.graph, graphFields),
    messageField(FIELD.model.opsetImport, [intField(FIELD.opset.version, spec.opset)]),
  ]);
}
