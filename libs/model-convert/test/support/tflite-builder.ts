import { buildFlatbuffer, type Field } from './tflite-flatbuffer-builder';

/** Hand-made TFLite models for unit specs, written field by field as schema.fbs numbers them. */
export interface TensorSpec {
  name: string;
  shape: number[];
  /** TensorType; 0 = FLOAT32. */
  type?: number;
  data?: Uint8Array;
  scale?: number[];
}

export interface OperatorSpec {
  code: number;
  /** Only deprecated_builtin_code, as files from before schema 3a have it. */
  legacyCode?: boolean;
  custom?: string;
  inputs: number[];
  outputs: number[];
  optionsType?: number;
  options?: Field[];
}

export interface ModelSpec {
  tensors: TensorSpec[];
  inputs: number[];
  outputs: number[];
  operators: OperatorSpec[];
}

export const floats = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
export const ints = (values: number[]) => new Uint8Array(Int32Array.from(values).buffer);

export function buildTflite(spec: ModelSpec): Uint8Array {
  const buffers: Field[][] = [[]];
  const tensors = spec.tensors.map((t): Field[] => {
    let buffer = 0;
    if (t.data) {
      buffer = buffers.length;
      buffers.push([{ bytes: t.data }]);
    }
    const quantization: Field = t.scale ? { table: [undefined, undefined, { f32s: t.scale }, { i64s: t.scale.map(() => 0) }] } : undefined;
    return [{ i32s: t.shape }, { i8: t.type ?? 0 }, { u32: buffer }, { string: t.name }, quantization];
  });
  const codes = spec.operators.map((op): Field[] => [
    { i8: Math.min(op.code, 127) },
    op.custom === undefined ? undefined : { string: op.custom },
    { i32: 1 },
    op.legacyCode ? undefined : { i32: op.code },
  ]);
  const operators = spec.operators.map((op, k): Field[] => [
    { u32: k },
    { i32s: op.inputs },
    { i32s: op.outputs },
    op.optionsType === undefined ? undefined : { u8: op.optionsType },
    op.options === undefined ? undefined : { table: op.options },
  ]);
  const subgraph: Field[] = [{ tables: tensors }, { i32s: spec.inputs }, { i32s: spec.outputs }, { tables: operators }, { string: 'main' }];
  return buildFlatbuffer([{ u32: 3 }, { tables: codes }, { tables: [subgraph] }, { string: 'test' }, { tables: buffers }], 'TFL3');
}
