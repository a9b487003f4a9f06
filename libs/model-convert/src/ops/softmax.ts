import { requireFloat, type OpConverter } from './op-converter';

/** TF Softmax normalises the last axis, as ONNX Softmax (opset 13) does by default. */
export const Softmax: OpConverter = {
  attributes: ['T'],
  inputs: 1,
  convert: (ctx) => {
    requireFloat(ctx);
    const x = ctx.graph.tf(ctx.value(0));
    const { name } = ctx.node;
    ctx.graph.add({ name, opType: 'Softmax', inputs: [x.name], outputs: [name] });
    return { name, shape: x.shape, layout: 'tf' };
  },
};
