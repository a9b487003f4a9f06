import { convertTfjsGraph } from './convert-tfjs-graph';
import type { TfjsNode } from './tfjs-model-json';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const input: TfjsNode = {
  name: 'x',
  op: 'Placeholder',
  attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '8' }, { size: '8' }, { size: '2' }] } } },
};
const conv = (attr: TfjsNode['attr']): TfjsNode => ({
  name: 'conv',
  op: '_FusedConv2D',
  input: ['x', 'w', 'b'],
  attr: {
    T: { type: 'DT_FLOAT' },
    data_format: { s: b64('NHWC') },
    padding: { s: b64('SAME') },
    strides: { list: { i: ['1', '2', '2', '1'] } },
    dilations: { list: { i: ['1', '1', '1', '1'] } },
    fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } },
    num_args: { i: '1' },
    ...attr,
  },
});

/** A one-convolution graph (3x3, 2 -> 4 channels, stride 2, SAME), weights all zero. */
function graph(nodes: TfjsNode[]) {
  return {
    format: 'graph-model',
    modelTopology: { node: [input, { name: 'w', op: 'Const' }, { name: 'b', op: 'Const' }, ...nodes] },
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'w', shape: [3, 3, 2, 4], dtype: 'float32' }, { name: 'b', shape: [4], dtype: 'float32' }] }],
  };
}
const weights = () => new Uint8Array(4 * (3 * 3 * 2 * 4 + 4));
const convert = (nodes: TfjsNode[]) => convertTfjsGraph(graph(nodes), weights, { graphName: 'g', docString: '' });

describe('convertTfjsGraph', () => {
  it('keeps the NHWC I/O contract and infers the SAME output size', () => {
    const out = convert([conv({})]);
    expect(out.inputs).toEqual([{ name: 'x', shape: [-1, 8, 8, 2] }]);
    expect(out.outputs).toEqual([{ name: 'conv', shape: [-1, 4, 4, 4] }]);
  });

  it('writes byte-identical files for the same input', () => {
    expect(Buffer.from(convert([conv({})]).onnx).equals(Buffer.from(convert([conv({})]).onnx))).toBe(true);
  });

  it('refuses an op it does not know', () => {
    expect(() => convert([{ name: 'y', op: 'Conv3D', input: ['x'] }])).toThrow(/op Conv3D \('y'\) is not supported/);
  });

  it('refuses unsupported attribute values and unknown attributes instead of ignoring them', () => {
    expect(() => convert([conv({ fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu6')] } } })])).toThrow(/fused_ops/);
    expect(() => convert([conv({ dilations: { list: { i: ['1', '2', '2', '1'] } } })])).toThrow(/dilations/);
    expect(() => convert([conv({ padding: { s: b64('EXPLICIT') } })])).toThrow(/padding/);
    expect(() => convert([conv({ data_format: { s: b64('NCHW') } })])).toThrow(/data_format/);
    expect(() => convert([conv({ leakyrelu_alpha: { f: 0.2 } })])).toThrow(/attribute 'leakyrelu_alpha' is not supported/);
  });
});
