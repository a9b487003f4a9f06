import { floatTensor, int64Tensor, intsAttribute, node, type NodeSpec } from './onnx-proto';

/**
 * 'tf': the ONNX value has the TF tensor's own layout. 'nchw': the TF tensor is a 4-D NHWC
 * tensor held as NCHW, the layout ONNX Conv and pooling work in; Transposes are inserted
 * only where an op needs the other layout.
 */
export type Layout = 'tf' | 'nchw';

export interface Value {
  /** The ONNX value name. */
  name: string;
  /** The TF (NHWC) shape; -1 is the free batch dimension. */
  shape: number[];
  layout: Layout;
}

export const NHWC_TO_NCHW = [0, 3, 1, 2] as const;
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const;

/** Collects the nodes (in the order added, which the converter keeps topological) and initializers of one graph. */
export class OnnxGraphBuilder {
  readonly nodes: Uint8Array[] = [];
  private readonly initializerByName = new Map<string, Uint8Array>();
  private readonly relaidOut = new Map<string, Value>();

  add(spec: NodeSpec): void {
    this.nodes.push(node(spec));
  }

  floatInitializer(name: string, dims: readonly number[], values: Float32Array): string {
    if (!this.initializerByName.has(name)) this.initializerByName.set(name, floatTensor(name, dims, values));
    return name;
  }

  int64Initializer(name: string, values: readonly number[]): string {
    if (!this.initializerByName.has(name)) this.initializerByName.set(name, int64Tensor(name, [values.length], values));
    return name;
  }

  initializers(): Uint8Array[] {
    return [...this.initializerByName.values()];
  }

  nchw(value: Value): Value {
    if (value.layout === 'nchw') return value;
    if (value.shape.length !== 4) throw new Error(`${value.name}: a ${value.shape.length}-D tensor cannot be laid out NCHW`);
    return this.transpose(value, 'nchw', NHWC_TO_NCHW);
  }

  tf(value: Value): Value {
    return value.layout === 'tf' ? value : this.transpose(value, 'tf', NCHW_TO_NHWC);
  }

  private transpose(value: Value, layout: Layout, perm: readonly number[]): Value {
    const key = `${value.name}/${layout}`;
    const cached = this.relaidOut.get(key);
    if (cached) return cached;
    const name = `${value.name}/${layout === 'nchw' ? 'to_nchw' : 'to_nhwc'}`;
    this.add({ name, opType: 'Transpose', inputs: [value.name], outputs: [name], attributes: [intsAttribute('perm', perm)] });
    const result: Value = { name, shape: value.shape, layout };
    this.relaidOut.set(key, result);
    return result;
  }
}
