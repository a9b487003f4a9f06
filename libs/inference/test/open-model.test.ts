import path from 'node:path';
import pino from 'pino';
import { loadEnvAt } from '@bio/config';
import { openModel } from '../src';

const repoRoot = path.resolve(__dirname, '../../..');
const env = {
  ...loadEnvAt(repoRoot, {}),
};

describe('openModel (real manifest and fetched files)', () => {
  it('opens the pinned front detector and exposes its I/O', async () => {
    const opened = await openModel(env, 'face-detector-front', undefined, pino({ level: 'silent' }));
    expect(opened.file.pinned?.id).toBe('blazeface-front-128');
    expect(opened.model.inputs).toEqual([{ name: 'input:0', dims: [1, 128, 128, 3] }]);
    expect(opened.model.outputs.map((o) => o.name)).toEqual(['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0']);
    const out = await opened.model.run({ 'input:0': { data: new Float32Array(128 * 128 * 3), dims: [1, 128, 128, 3] } });
    expect(out['Identity_2:0']!.dims).toEqual([1, 512, 16]);
    await opened.model.close();
  });

  it('falls back to CPU with a log line when CUDA is requested but unavailable', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const opened = await openModel({ ...env, INFERENCE_PROVIDER: 'cuda', INFERENCE_THREADS: 1 }, 'face-embedder', undefined, logger);
    if (opened.model.provider === 'cpu') expect(lines.some((l) => l.includes('using CPU'))).toBe(true);
    await opened.model.close();
  });

  it('runs an operator-supplied file in a slot', async () => {
    const other = path.join(repoRoot, 'models/files/blazeface_front_128x128.onnx');
    const opened = await openModel(env, 'face-detector-back', other, pino({ level: 'silent' }));
    expect(opened.file.pinned).toBeNull();
    expect(opened.entry.id).toBe('blazeface-back-256');
    expect(opened.model.inputs[0]!.dims).toEqual([1, 128, 128, 3]);
    await opened.model.close();
  });

  it('feeds an int64 tensor beside float32 ones (Silero VAD sample rate)', async () => {
    const opened = await openModel(env, 'voice-activity', undefined, pino({ level: 'silent' }));
    const feeds = {
      input: { data: new Float32Array(576), dims: [1, 576] },
      state: { data: new Float32Array(2 * 128), dims: [2, 1, 128] },
    };
    const out = await opened.model.run({ ...feeds, sr: { data: BigInt64Array.from([16000n]), dims: [] } });
    expect(out['output']!.dims).toEqual([1, 1]);
    expect(out['output']!.data[0]).toBeLessThan(0.1);
    expect(out['stateN']!.dims).toEqual([2, 1, 128]);
    // The model declares sr int64: a float32 sr must be refused, which proves the type reaches onnxruntime.
    await expect(opened.model.run({ ...feeds, sr: { data: Float32Array.from([16000]), dims: [] } })).rejects.toThrow();
    await opened.model.close();
  });
});
