import { OnnxGraphBuilder, type Value } from './onnx-graph-builder';
import { convertedModel, type ConvertedModel, type ConvertOptions, type TensorIo } from './converted-model';
import { OP_CONVERTERS } from './ops/op-table';
import type { OpContext } from './ops/op-converter';
import { NodeAttributes } from './tfjs-node-attributes';
import { asTfjsModelJson, type TfjsModelJson, type TfjsNode } from './tfjs-model-json';
import { decodeWeights, type Constant } from './tfjs-weights';

export type { ConvertedModel, ConvertOptions, TensorIo } from './converted-model';

/**
 * Rebuilds a TF.js graph model as an ONNX graph with the same I/O contract: inputs and
 * outputs keep their TF.js names (signature keys when the model has a signature) and
 * NHWC layout. Any op, attribute or weight format outside the supported set stops the
 * conversion with the node named. The bytes depend only on the input files.
 */
export function convertTfjsGraph(modelJson: unknown, readWeightFile: (path: string) => Uint8Array, options: ConvertOptions): ConvertedModel {
  const json = asTfjsModelJson(modelJson);
  const constants = decodeWeights(json.weightsManifest, readWeightFile);
  const nodeByName = new Map(json.modelTopology.node.map((n) => [n.name, n]));
  const graph = new OnnxGraphBuilder();
  const values = new Map<string, Value>();
  const inputs: TensorIo[] = [];

  const visit = (name: string, path: readonly string[]): void => {
    if (values.has(name) || constants.has(name)) return;
    const node = nodeByName.get(name);
    if (!node) throw new Error(`graph: '${name}' is neither a node nor a weight`);
    if (path.includes(name)) throw new Error(`graph: cycle through '${name}'`);
    if (node.op === 'Const') throw new Error(`Const '${name}': no weights in the manifest (inline constants are not supported)`);
    if (node.op === 'Placeholder') {
      const input = placeholder(node);
      inputs.push(input);
      values.set(name, { name, shape: input.shape, layout: 'tf' });
      return;
    }
    const converter = OP_CONVERTERS[node.op];
    if (!converter) throw new Error(`op ${node.op} ('${name}') is not supported`);
    const inputNames = (node.input ?? []).map((i) => tensorName(node, i));
    if (inputNames.length !== converter.inputs) throw new Error(`${node.op} '${name}': ${inputNames.length} inputs, expected ${converter.inputs}`);
    for (const input of inputNames) visit(input, [...path, name]);
    values.set(name, converter.convert(opContext(node, new NodeAttributes(node, converter.attributes), inputNames, graph, values, constants)));
  };

  const outputs = graphOutputs(json).map(([outputName, tensor]) => {
    visit(tensor, []);
    const value = graph.tf(values.get(tensor)!);
    if (value.name !== outputName) graph.add({ name: `output/${outputName}`, opType: 'Identity', inputs: [value.name], outputs: [outputName] });
    return { name: outputName, shape: value.shape };
  });
  return convertedModel(graph, inputs, outputs, options);
}

/** [output name, TF tensor] pairs: the signature's outputs, or else every node nothing consumes. */
function graphOutputs(json: TfjsModelJson): [string, string][] {
  const signature = json.signature?.outputs;
  if (signature && Object.keys(signature).length > 0) {
    return Object.entries(signature).map(([key, entry]) => [key, entry.name.replace(/:0$/, '')]);
  }
  const consumed = new Set(json.modelTopology.node.flatMap((n) => (n.input ?? []).map((i) => i.replace(/:\d+$/, '').replace(/^\^/, ''))));
  return json.modelTopology.node.filter((n) => n.op !== 'Const' && !consumed.has(n.name)).map((n) => [n.name, n.name]);
}

/** A node input as a tensor name; every supported op has one output and no control inputs. */
function tensorName(node: TfjsNode, input: string): string {
  if (input.startsWith('^')) throw new Error(`${node.op} '${node.name}': control input '${input}' is not supported`);
  const match = /^(.*?)(?::(\d+))?$/.exec(input)!;
  if ((match[2] ?? '0') !== '0') throw new Error(`${node.op} '${node.name}': input '${input}' reads a second output, which no supported op has`);
  return match[1]!;
}

function placeholder(node: TfjsNode): TensorIo {
  const attrs: NodeAttributes = new NodeAttributes(node, ['dtype', 'shape']);
  attrs.oneOf('dtype', attrs.type('dtype'), ['DT_FLOAT']);
  const dims = node.attr?.shape?.shape?.dim;
  if (!dims) attrs.fail('an input of unknown rank is not supported');
  const shape = dims.map((d) => Number(d.size));
  if (shape.slice(1).some((d) => d < 1)) attrs.fail(`only the batch dimension may be free: [${shape.join(',')}]`);
  return { name: node.name, shape };
}

function opContext(
  node: TfjsNode,
  attrs: NodeAttributes,
  inputNames: string[],
  graph: OnnxGraphBuilder,
  values: Map<string, Value>,
  constants: Map<string, Constant>,
): OpContext {
  return {
    node,
    attrs,
    graph,
    inputName: (k) => inputNames[k]!,
    constant: (k) => constants.get(inputNames[k]!),
    value: (k) => values.get(inputNames[k]!) ?? attrs.fail(`input ${k} (${inputNames[k]}) must be computed, not a constant`),
  };
}
