import { intAttribute } from '../../onnx-proto';
import { fullyConnectedOptions } from '../builtin-options';
import { emit, floatConstant, type TfliteOpConverter } from '../op-context';

/**
 * FULLY_CONNECTED flattens each sample to one row, in NHWC element order, and multiplies by the [outputs, inputs] kernel: Reshape + Gemm with transB.
 */
export const FULLY_CONNECTED: TfliteOpConverter = {
  inputs: [2, 3],
  convert: (ctx) => {
    const options = fullyConnectedOptions(ctx.options('FullyConnectedOptions'));
    if (options.weightsFormat !== 0) ctx.fail(`weights_format ${options.weightsFormat} (shuffled int8) is not supported`);
    const kernel = floatConstant(ctx, 1);
    if (kernel.shape.length !== 2) ctx.fail(`kernel [${kernel.shape.join(',')}] is not 2-D`);
    const [units, depth] = kernel.shape as [number, number];
    let x = ctx.graph.tf(ctx.value(0));
    if (options.keepNumDims && x.shape.length !== 2) ctx.fail('keep_num_dims on a tensor of rank other than 2 is not supported');
    // Rows of other than one sample each (a flattened batch) would not keep the batch free: refused.
    if (x.shape.slice(1).reduce((n, d) => n * d, 1) !== depth) ctx.fail(`input [${x.shape.join(',')}] is not one row of ${depth} per sample`);
    if (x.shape.length !== 2) {
      const flat = `${ctx.outputName}/rows`;
      ctx.graph.add({ name: flat, opType: 'Reshape', inputs: [x.name, ctx.graph.int64Initializer(`${flat}/shape`, [-1, depth])], outputs: [flat] });
      x = { name: flat, shape: [x.shape[0]!, depth], layout: 'tf' };
    }
    const inputs = [x.name, ctx.graph.floatInitializer(ctx.inputName(1), kernel.shape, kernel.values)];
    if (ctx.hasInput(2)) {
      const bias = floatConstant(ctx, 2);
      if (bias.values.length !== units) ctx.fail(`bias of ${bias.values.length} values for ${units} outputs`);
      inputs.push(ctx.graph.floatInitializer(ctx.inputName(2), [units], bias.values));
    }
    return emit(ctx, 'Gemm', inputs, [intAttribute('transB', 1)], [x.shape[0]!, units], 'tf', options.activation);
  },
};
