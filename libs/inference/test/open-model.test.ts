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
});
