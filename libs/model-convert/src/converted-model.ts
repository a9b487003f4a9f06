import type { OnnxGraphBuilder } from './onnx-graph-builder';
import { ELEM_FLOAT, model, valueInfo } from './onnx-proto';

export interface TensorIo {
  name: string;
  /** NHWC as in TF.js / TFLite; -1 is the free batch dimension ('N' in the ONNX file). */
  shape: number[];
}

export interface ConvertedModel {
  onnx: Uint8Array;
  inputs: TensorIo[];
  outputs: TensorIo[];
}

export interface ConvertOptions {
  graphName: string;
  docString: string;
}

/** Every converter targets this opset: the converted files' bytes (and sha256s in models/manifest.json) depend on it. */
const OPSET = 13;

/** Serialises a finished graph with its float inputs and outputs; `source` names the converter in the file's producer. */
export function convertedModel(graph: OnnxGraphBuilder, inputs: TensorIo[], outputs: TensorIo[], options: ConvertOptions, source?: string): ConvertedModel {
  const onnxDims = (shape: number[]) => shape.map((d) => (d === -1 ? 'N' : d));
  const onnx = model({
    producerName: `biometrics-platform @bio/model-convert${source ? ` (${source})` : ''}`,
    docString: options.docString,
    opset: OPSET,
    graph: {
      name: options.graphName,
      nodes: graph.nodes,
      initializers: graph.initializers(),
      inputs: inputs.map((i) => valueInfo(i.name, ELEM_FLOAT, onnxDims(i.shape))),
      outputs: outputs.map((o) => valueInfo(o.name, ELEM_FLOAT, onnxDims(o.shape))),
    },
  });
  return { onnx, inputs, outputs };
}
