import { FlatBuffer, type Table } from './flatbuffer';

/**
 * The parts of a TFLite model (tensorflow/lite/schema/schema.fbs) the converter reads,
 * decoded from the flatbuffer by field index. Only the first subgraph is a model's
 * network; further subgraphs exist for control flow, which is refused.
 */

/** TensorType values of schema.fbs; the converter handles the float ones and refuses the rest. */
export const TENSOR_TYPE: Readonly<Record<number, string>> = {
  0: 'FLOAT32',
  1: 'FLOAT16',
  2: 'INT32',
  3: 'UINT8',
  4: 'INT64',
  5: 'STRING',
  6: 'BOOL',
  7: 'INT16',
  8: 'COMPLEX64',
  9: 'INT8',
  10: 'FLOAT64',
};
export const FLOAT32 = 0;
export const FLOAT16 = 1;
export const INT32 = 2;
export const BOOL = 6;

export interface TfliteQuantization {
  scale: number[];
  zeroPoint: bigint[];
  /** The min/max a converter records for calibration; they do not change the stored values. */
  hasRange: boolean;
}

export interface TfliteTensor {
  index: number;
  name: string;
  shape: number[];
  /** shape_signature when the file has one: -1 marks a dimension left free at conversion. */
  shapeSignature: number[] | undefined;
  type: number;
  /** Index into Model.buffers; buffer 0 is the empty sentinel, so 0 means no constant data. */
  buffer: number;
  quantization: TfliteQuantization | undefined;
  isVariable: boolean;
  sparse: boolean;
}

export interface TfliteOperator {
  index: number;
  /** The resolved builtin code (see operatorCode). */
  opcode: number;
  customCode: string | undefined;
  inputs: number[];
  outputs: number[];
  /** BuiltinOptions union tag and table; 0 / undefined when the op has none. */
  optionsType: number;
  options: Table | undefined;
}

export interface TfliteSubgraph {
  name: string;
  tensors: TfliteTensor[];
  inputs: number[];
  outputs: number[];
  operators: TfliteOperator[];
}

export interface TfliteModel {
  version: number;
  description: string;
  subgraphs: TfliteSubgraph[];
  /** Model.buffers[k].data; empty when the buffer holds nothing. */
  buffers: Uint8Array[];
}

const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4 } as const;
const OPERATOR_CODE = { deprecatedBuiltinCode: 0, customCode: 1, version: 2, builtinCode: 3 } as const;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3, quantization: 4, isVariable: 5, sparsity: 6, shapeSignature: 7 } as const;
const QUANTIZATION = { min: 0, max: 1, scale: 2, zeroPoint: 3 } as const;
const OPERATOR = { opcodeIndex: 0, inputs: 1, outputs: 2, builtinOptionsType: 3, builtinOptions: 4 } as const;
const BUFFER = { data: 0, offset: 1, size: 2 } as const;

/**
 * The builtin code of an OperatorCode. Files from before schema v3a carry it only in the
 * int8 deprecated_builtin_code; newer writers fill both, putting 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) in the old field
 * when the code does not fit. The larger of the two is the code in every case.
 */
export function operatorCode(deprecatedBuiltinCode: number, builtinCode: number): number {
  return Math.max(deprecatedBuiltinCode, builtinCode);
}

export function readTfliteModel(bytes: Uint8Array): TfliteModel {
  if (bytes.length < 8) throw new Error(`tflite: ${bytes.length} bytes is too short for a model`);
  const root = new FlatBuffer(bytes).root('TFL3');
  const buffers = root.tables(MODEL.buffers).map((b, k) => {
    // Models over 2 GB keep tensor data after the flatbuffer (offset/size): none of ours do.
    if (b.u64(BUFFER.offset, 0n) !== 0n || b.u64(BUFFER.size, 0n) !== 0n) throw new Error(`tflite: buffer ${k} lies outside the flatbuffer, which is not supported`);
    return b.bytes(BUFFER.data) ?? new Uint8Array(0);
  });
  const codes = root.tables(MODEL.operatorCodes).map((c) => ({
    code: operatorCode(c.i8(OPERATOR_CODE.deprecatedBuiltinCode, 0), c.i32(OPERATOR_CODE.builtinCode, 0)),
    custom: c.string(OPERATOR_CODE.customCode),
  }));
  const subgraphs = root.tables(MODEL.subgraphs).map((g, k) => readSubgraph(g, k, codes, buffers.length));
  return { version: root.u32(MODEL.version, 0), description: root.string(MODEL.description) ?? '', subgraphs, buffers };
}

function readSubgraph(g: Table, k: number, codes: { code: number; custom: string | undefined }[], bufferCount: number): TfliteSubgraph {
  const tensors = g.tables(SUBGRAPH.tensors).map((t, index): TfliteTensor => {
    const q = t.table(TENSOR.quantization);
    const buffer = t.u32(TENSOR.buffer, 0);
    if (buffer >= bufferCount) throw new Error(`tflite: tensor ${index} names buffer ${buffer} of ${bufferCount}`);
    return {
      index,
      name: t.string(TENSOR.name) ?? `tensor_${index}`,
      shape: t.i32s(TENSOR.shape),
      shapeSignature: t.has(TENSOR.shapeSignature) ? t.i32s(TENSOR.shapeSignature) : undefined,
      type: t.i8(TENSOR.type, FLOAT32),
      buffer,
      quantization: q && {
        scale: q.f32s(QUANTIZATION.scale),
        zeroPoint: q.i64s(QUANTIZATION.zeroPoint),
        hasRange: q.has(QUANTIZATION.min) || q.has(QUANTIZATION.max),
      },
      isVariable: t.bool(TENSOR.isVariable, false),
      sparse: t.has(TENSOR.sparsity),
    };
  });
  const checkTensors = (list: number[], what: string) => {
    // -1 is TFLite's "optional input omitted" marker (e.g. a convolution without bias).
    for (const i of list) if (i < -1 || i >= tensors.length) throw new Error(`tflite: subgraph ${k} ${what} names tensor ${i} of ${tensors.length}`);
    return list;
  };
  const operators = g.tables(SUBGRAPH.operators).map((op, index): TfliteOperator => {
    const opcodeIndex = op.u32(OPERATOR.opcodeIndex, 0);
    const code = codes[opcodeIndex];
    if (!code) throw new Error(`tflite: operator ${index} names operator code ${opcodeIndex} of ${codes.length}`);
    return {
      index,
      opcode: code.code,
      customCode: code.custom,
      inputs: checkTensors(op.i32s(OPERATOR.inputs), `operator ${index} input`),
      outputs: checkTensors(op.i32s(OPERATOR.outputs), `operator ${index} output`),
      optionsType: op.u8(OPERATOR.builtinOptionsType, 0),
      options: op.table(OPERATOR.builtinOptions),
    };
  });
  return {
    name: g.string(SUBGRAPH.name) ?? '',
    tensors,
    inputs: checkTensors(g.i32s(SUBGRAPH.inputs), 'input'),
    outputs: checkTensors(g.i32s(SUBGRAPH.outputs), 'output'),
    operators,
  };
}
