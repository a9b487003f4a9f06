import { convertedModel, type ConvertedModel, type ConvertOptions, type TensorIo } from '../converted-model';
import { OnnxGraphBuilder, type Value } from '../onnx-graph-builder';
import type { Constant } from '../tfjs-weights';
import { builtinOperatorName } from './builtin-operators';
import { readOptions, type TfliteOpContext } from './op-context';
import { TFLITE_OP_CONVERTERS } from './ops/op-table';
import { decodeConstant } from './tflite-constants';
import { BOOL, FLOAT16, FLOAT32, readTfliteModel, TENSOR_TYPE, type TfliteOperator, type TfliteSubgraph, type TfliteTensor } from './tflite-model';

export interface TfliteConvertOptions extends ConvertOptions {
  /**
   * Tensors (by TFLite name) to expose as the graph's outputs instead of the file's, e.g.
   * an intermediate layer for a reference check; only the operators they need are converted.
   */
  outputs?: readonly string[];
  /**
   * Make the batch dimension free ('N'): a TFLite file fixes it (MobileFaceNet's at 2), but
   * nothing in these networks depends on it. Refused where an operator would mix samples.
   */
  freeBatch?: boolean;
  /**
   * Take 4-D image inputs as NCHW instead of the file's NHWC, as an NCHW export of the same
   * network would (the ArcFace contract [N,3,112,112] of the face-embedder slot).
   */
  nchwInputs?: boolean;
}

/**
 * Rebuilds the network of a TFLite flatbuffer as an ONNX graph with the file's I/O
 * contract: inputs and outputs keep their TFLite tensor names and NHWC layout. float16
 * weights (DEQUANTIZE of a constant) are folded to float32; integer-quantised models,
 * custom operators and every operator outside the supported set are refused by name. The
 * bytes depend only on the input file and options.
 */
export function convertTflite(buffer: Uint8Array, options: TfliteConvertOptions): ConvertedModel {
  const tflite = readTfliteModel(buffer);
  if (tflite.subgraphs.length !== 1) throw new Error(`tflite: ${tflite.subgraphs.length} subgraphs (control flow) are not supported`);
  const g = tflite.subgraphs[0]!;
  const outputTensors = options.outputs ? options.outputs.map((n) => tensorByName(g, n)) : g.outputs;
  const names = onnxNames(g.tensors, outputTensors);
  const batch = options.freeBatch ? freeableBatch(g) : undefined;
  const shapeOf = (t: TfliteTensor) => (batch === undefined ? [...t.shape] : freedShape(t, batch));

  const graph = new OnnxGraphBuilder();
  const values = new Map<number, Value>();
  const constants = new Map<number, Constant>();
  const constantOf = (index: number): Constant | undefined => {
    if (!constants.has(index)) {
      const t = g.tensors[index]!;
      if (t.buffer !== 0 && tflite.buffers[t.buffer]!.length > 0) constants.set(index, decodeConstant(t, tflite.buffers[t.buffer]!));
    }
    return constants.get(index);
  };
  const inputs: TensorIo[] = g.inputs.map((index) => {
    const t = g.tensors[index]!;
    if (t.type !== FLOAT32) throw new Error(`tflite: input '${t.name}' is ${TENSOR_TYPE[t.type]}; only float32 inputs are supported (a quantised model?)`);
    if (t.shapeSignature?.slice(batch === undefined ? 0 : 1).some((d) => d < 0)) throw new Error(`tflite: input '${t.name}' has free dimensions [${t.shapeSignature.join(',')}]`);
    const shape = shapeOf(t);
    if (!options.nchwInputs) {
      values.set(index, { name: names[index]!, shape, layout: 'tf' });
      return { name: names[index]!, shape };
    }
    if (shape.length !== 4) throw new Error(`tflite: input '${t.name}' is ${shape.length}-D; only 4-D image inputs can be taken as NCHW`);
    // The value keeps its NHWC shape, held in NCHW: the builder transposes only where an op wants NHWC.
    values.set(index, { name: names[index]!, shape, layout: 'nchw' });
    const [n, h, w, c] = shape as [number, number, number, number];
    return { name: names[index]!, shape: [n, c, h, w] };
  });

  for (const op of neededOperators(g, outputTensors)) {
    const opName = op.customCode !== undefined ? `CUSTOM '${op.customCode}'` : builtinOperatorName(op.opcode);
    const out = g.tensors[op.outputs[0]!]!;
    const fail: (reason: string) => never = (reason) => {
      throw new Error(`tflite: ${opName} (operator ${op.index}, output '${out.name}'): ${reason}`);
    };
    if (op.outputs.length !== 1) fail(`${op.outputs.length} outputs; every supported operator has one`);
    if (opName === 'DEQUANTIZE') {
      constants.set(op.outputs[0]!, dequantizedConstant(op, g, constantOf, fail));
      continue;
    }
    const converter = TFLITE_OP_CONVERTERS[opName];
    if (!converter) fail(`operator ${opName} is not supported`);
    const [fewest, most] = converter.inputs;
    if (op.inputs.length < fewest || op.inputs.length > most) fail(`${op.inputs.length} inputs, expected ${fewest === most ? fewest : `${fewest} to ${most}`}`);
    const wantOut = converter.output === 'bool' ? BOOL : FLOAT32;
    if (out.type !== wantOut) fail(`output is ${TENSOR_TYPE[out.type]}, expected ${TENSOR_TYPE[wantOut]} (quantised models are not supported)`);
    const ctx: TfliteOpContext = {
      op,
      graph,
      outputName: names[op.outputs[0]!]!,
      outputShape: shapeOf(out),
      hasInput: (k) => k < op.inputs.length && op.inputs[k]! >= 0,
      inputTensor: (k) => g.tensors[op.inputs[k]!] ?? fail(`input ${k} is missing`),
      inputName: (k) => names[op.inputs[k]!]!,
      constant: (k) => constantOf(op.inputs[k]!),
      value: (k) => {
        const t = ctx.inputTensor(k);
        const v = values.get(op.inputs[k]!);
        if (!v) fail(constantOf(op.inputs[k]!) ? `input ${k} ('${t.name}') must be computed, not a constant` : `input ${k} ('${t.name}') is not computed before this operator`);
        if (t.type !== FLOAT32 && !(converter.boolInputs && t.type === BOOL)) fail(`input ${k} ('${t.name}') is ${TENSOR_TYPE[t.type]}`);
        return v;
      },
      options: (name) => readOptions(op, name, fail),
      fail,
    };
    values.set(op.outputs[0]!, converter.convert(ctx));
  }

  const outputs = outputTensors.map((index): TensorIo => {
    const t = g.tensors[index]!;
    const v = values.get(index);
    if (!v) throw new Error(`tflite: output '${t.name}' is ${constantOf(index) ? 'a constant' : 'not computed by any operator'}`);
    if (t.type !== FLOAT32) throw new Error(`tflite: output '${t.name}' is ${TENSOR_TYPE[t.type]}; only float32 outputs are supported`);
    // The graph output is an Identity of the NHWC value, so its name is free of whatever layout the value was held in.
    graph.add({ name: `output/${t.name}`, opType: 'Identity', inputs: [graph.tf(v).name], outputs: [t.name] });
    return { name: t.name, shape: v.shape };
  });
  return convertedModel(graph, inputs, outputs, options, 'tflite');
}

/**
 * ONNX value names for the tensors: each tensor's own name (suffixed where the file repeats
 * one), except that a graph output's value is renamed, since the final Identity takes its name.
 */
function onnxNames(tensors: readonly TfliteTensor[], outputs: readonly number[]): string[] {
  const seen = new Map<string, number>();
  return tensors.map((t) => {
    const n = seen.get(t.name) ?? 0;
    seen.set(t.name, n + 1);
    const name = n === 0 ? t.name : `${t.name}#${n}`;
    return outputs.includes(t.index) ? `${name}/value` : name;
  });
}

function tensorByName(g: TfliteSubgraph, name: string): number {
  const matches = g.tensors.filter((t) => t.name === name);
  if (matches.length !== 1) throw new Error(`tflite: ${matches.length === 0 ? 'no' : 'more than one'} tensor named '${name}'`);
  return matches[0]!.index;
}

/** The operators the outputs depend on, in the file's order (TFLite stores them in execution order). */
function neededOperators(g: TfliteSubgraph, outputs: readonly number[]): TfliteOperator[] {
  const producer = new Map<number, TfliteOperator>();
  for (const op of g.operators) for (const o of op.outputs) producer.set(o, op);
  const needed = new Set<TfliteOperator>();
  const pending = [...outputs];
  while (pending.length > 0) {
    const op = producer.get(pending.pop()!);
    if (!op || needed.has(op)) continue;
    needed.add(op);
    pending.push(...op.inputs.filter((i) => i >= 0));
  }
  return g.operators.filter((op) => needed.has(op));
}

/** The batch size every computed tensor starts with, which `freeBatch` turns into -1. */
function freeableBatch(g: TfliteSubgraph): number {
  const first = g.inputs.map((i) => g.tensors[i]!.shape[0]);
  if (first.length === 0 || first.some((b) => b === undefined || b !== first[0])) throw new Error('tflite: the inputs do not share a batch dimension to free');
  return first[0]!;
}

function freedShape(t: TfliteTensor, batch: number): number[] {
  if (t.shape[0] !== batch) throw new Error(`tflite: tensor '${t.name}' [${t.shape.join(',')}] does not keep the batch of ${batch} first, so the batch cannot be freed`);
  return [-1, ...t.shape.slice(1)];
}

/** DEQUANTIZE of a float16 constant, which TFLite computes once: folded into a float32 constant. */
function dequantizedConstant(op: TfliteOperator, g: TfliteSubgraph, constantOf: (index: number) => Constant | undefined, fail: (reason: string) => never): Constant {
  const source = g.tensors[op.inputs[0]!];
  const c = source && constantOf(source.index);
  if (!source || !c) fail('dequantizes a computed tensor: quantised activations are not supported');
  if (source.type !== FLOAT16) fail(`dequantizes a ${TENSOR_TYPE[source.type]} tensor; only float16 weights are supported`);
  return c;
}
