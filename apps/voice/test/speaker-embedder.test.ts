import path from 'node:path';
import { VoiceActivityDetector } from '@bio/audio';
import { loadEnvAt } from '@bio/config';
import { createLogger } from '@bio/observability';
import { fbankOfParts, speechOf } from '../../../training/voice/speech-pipeline';
import { splitLibrispeech } from '../../../training/voice/voice-corpus';
import { SpeakerEmbedder } from '../src/speaker/speaker-embedder';
import { speakerCosine } from '../src/speaker/speaker-score';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const env = loadEnvAt(repoRoot, {});
const logger = createLogger('speaker-embedder-test', 'silent');

describe('the committed speaker model on held-out LibriSpeech speakers (never trained on)', () => {
  let embedder: SpeakerEmbedder;
  let halves: Float32Array[][];

  beforeAll(async () => {
    const vad = await VoiceActivityDetector.open(env, logger);
    embedder = await SpeakerEmbedder.open(env, logger);
    const [a, b] = splitLibrispeech().heldOut;
    halves = [];
    for (const recording of [a!, b!]) {
      const speech = await speechOf(recording.file, vad, env.AUDIO_MAX_SECONDS);
      halves.push(await Promise.all(fbankOfParts(speech, 2).map((f) => embedder.embed(f))));
    }
    await vad.close();
  });

  afterAll(async () => {
    await embedder.close();
  });

  it('gives L2-normalised embeddings of the manifest model', () => {
    expect(embedder.modelId).toBe('speaker-gmm-lda-v1');
    for (const e of halves.flat()) expect(Math.hypot(...e)).toBeCloseTo(1, 5);
  });

  it('puts the two halves of one utterance closer than halves of two different speakers', () => {
    const [[a1, a2], [b1, b2]] = halves as [[Float32Array, Float32Array], [Float32Array, Float32Array]];
    const different = Math.max(speakerCosine(a1, b1), speakerCosine(a1, b2), speakerCosine(a2, b1), speakerCosine(a2, b2));
    expect(speakerCosine(a1, a2)).toBeGreaterThan(different);
    expect(speakerCosine(b1, b2)).toBeGreaterThan(different);
  });
});
