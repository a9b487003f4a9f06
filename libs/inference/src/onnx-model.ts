import * as ort from 'onnxruntime-node';
import type { Logger } from '@bio/observability';

export interface Float32Tensor {
  data: Float32Array;
  dims: readonly number[];
}

/** Integer inputs such as Silero VAD's sample rate; outputs stay float32. */
export interface Int64Tensor {
  data: BigInt64Array;
  dims: readonly number[];
}

export type InputTensor = Float32Tensor | Int64Tensor;

export interface TensorInfo {
  name: string;
  /** null where the model leaves a dimension free (e.g. batch). */
  dims: Array<number | null>;
}

export interface SessionOptions {
  provider: 'cpu' | 'cuda';
  /** 0 leaves the choice to onnxruntime. */
  threads: number;
  graphOptimization: 'disabled' | 'basic' | 'extended' | 'all';
  logger: Logger;
}

/** The one place that talks to onnxruntime: float32 (or int64) tensors in, float32 tensors out. */
export class OnnxModel {
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly provider: 'cpu' | 'cuda',
  ) {
    this.inputs = session.inputNames.map((name, i) => describe(name, session.inputMetadata[i]));
    this.outputs = session.outputNames.map((name, i) => describe(name, session.outputMetadata[i]));
  }

  static async open(file: string, options: SessionOptions): Promise<OnnxModel> {
    const base: ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: options.graphOptimization,
      // Warnings about unused initialisers in converted models are noise at every start.
      logSeverityLevel: 3,
      ...(options.threads > 0 ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
    };
    if (options.provider === 'cuda') {
      try {
        const session = await ort.InferenceSession.create(file, { ...base, executionProviders: ['cuda', 'cpu'] });
        return new OnnxModel(session, 'cuda');
      } catch (err) {
        options.logger.warn({ model: file, reason: (err as Error).message }, 'CUDA execution provider unavailable; using CPU');
      }
    }
    return new OnnxModel(await ort.InferenceSession.create(file, { ...base, executionProviders: ['cpu'] }), 'cpu');
  }

  async run(feeds: Record<string, InputTensor>): Promise<Record<string, Float32Tensor>> {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      inputs[name] = t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data, t.dims) : new ort.Tensor('float32', t.data, t.dims);
    }
    const results = await this.session.run(inputs);
    const out: Record<string, Float32Tensor> = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (tensor.type !== 'float32') throw new Error(`Output ${name} is ${tensor.type}, expected float32`);
      out[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function describe(name: string, meta: ort.InferenceSession.ValueMetadata | undefined): TensorInfo {
  const shape = meta && meta.isTensor ? meta.shape : [];
  return { name, dims: shape.map((d) => (typeof d === 'number' && d > 0 ? d : null)) };
}
