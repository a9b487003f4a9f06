import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logMelFbank, subtractMean, VoiceActivityDetector } from '@bio/audio';
import { loadEnvAt } from '@bio/config';
import { createLogger } from '@bio/observability';
import { speechOf } from '../../../training/voice/speech-pipeline';
import { splitLibrispeech } from '../../../training/voice/voice-corpus';
import { SpeakerEmbedder } from '../src/speaker/speaker-embedder';
import { poolingReference, poolingSpeakerModel } from './support/pooling-speaker-model';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const logger = createLogger('external-speaker-model-test', 'silent');
const dir = mkdtempSync(path.join(tmpdir(), 'speaker-model-'));

function writeModel(name: string, bins: number, dims: number): { file: string; projection: Float32Array } {
  const { onnx, projection } = poolingSpeakerModel(bins, dims, 42);
  const file = path.join(dir, name);
  writeFileSync(file, onnx);
  return { file, projection };
}

describe('an operator-supplied speaker model (WeSpeaker contract) through SPEAKER_MODEL_PATH', () => {
  it('opens, and embeds a real held-out recording exactly as its graph says', async () => {
    const { file, projection } = writeModel('pooling-80.onnx', 80, 64);
    const env = loadEnvAt(repoRoot, { SPEAKER_MODEL_PATH: file });
    const vad = await VoiceActivityDetector.open(env, logger);
    const speech = await speechOf(splitLibrispeech().heldOut[0]!.file, vad, env.AUDIO_MAX_SECONDS);
    await vad.close();
    const fbank = subtractMean(logMelFbank(speech));
    const embedder = await SpeakerEmbedder.open(env, logger);
    try {
      expect(embedder.modelId).toMatch(/^operator-supplied:/);
      const embedding = await embedder.embed(fbank);
      expect(embedding).toHaveLength(64);
      const reference = poolingReference(fbank.data, fbank.frames, 80, projection);
      const norm = Math.sqrt(reference.reduce((a, v) => a + v * v, 0));
      reference.forEach((v, j) => expect(embedding[j]!).toBeCloseTo(v / norm, 4));
    } finally {
      await embedder.close();
    }
  });

  it('refuses a model whose input is not [B, T, 80]', async () => {
    const { file } = writeModel('pooling-40.onnx', 40, 64);
    const env = loadEnvAt(repoRoot, { SPEAKER_MODEL_PATH: file });
    await expect(SpeakerEmbedder.open(env, logger)).rejects.toThrow(/pooling-40\.onnx: input feats must be float32 \[B, T, 80\] \(WeSpeaker contract\), declared \[\?, \?, 40\]/);
  });
});
