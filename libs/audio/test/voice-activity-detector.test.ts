import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadEnvAt } from '@bio/config';
import { decodeSpeech, logMelFbank, subtractMean, VoiceActivityDetector } from '../src';

const repoRoot = path.resolve(__dirname, '../../..');
const voice = path.resolve(repoRoot, '../shared/data/voice');
const RATE = 16000;
/** One 32 ms window plus the 30 ms padding: how far a region may reach past the speech it covers. */
const SLACK = 512 + 480;

describe('VoiceActivityDetector (Silero VAD v5 through @bio/inference)', () => {
  let vad: VoiceActivityDetector;
  let utterance: Float32Array;
  beforeAll(async () => {
    vad = await VoiceActivityDetector.open(loadEnvAt(repoRoot, {}), pino({ level: 'silent' }));
    const bytes = new Uint8Array(readFileSync(path.join(voice, 'librispeech-train-clean-100/1034-121119-0000.ogg')));
    utterance = await decodeSpeech(bytes, { maxSeconds: 60 });
  });
  afterAll(() => vad.close());

  it('finds the LibriSpeech speech and none of the 2 s of digital silence added before and after it', async () => {
    const padded = new Float32Array(utterance.length + 4 * RATE);
    padded.set(utterance, 2 * RATE);
    const { segments, speechSeconds } = await vad.speech(padded);
    expect(segments.length).toBeGreaterThan(0);
    expect(segments[0]![0]).toBeGreaterThanOrEqual(2 * RATE - SLACK);
    expect(segments[segments.length - 1]![1]).toBeLessThanOrEqual(2 * RATE + utterance.length + SLACK);
    // This reading pauses often: 4.0 s of its 7.9 s were found as speech (measured).
    expect(speechSeconds).toBeGreaterThan(0.4 * (utterance.length / RATE));
    expect(speechSeconds).toBeLessThanOrEqual(utterance.length / RATE + 0.2);
    const kept = await vad.keepSpeech(padded);
    expect(kept.length).toBe(Math.round(speechSeconds * RATE));
  });

  it('finds no speech in digital silence and (almost) none in low-level white noise', async () => {
    expect((await vad.speech(new Float32Array(3 * RATE))).speechSeconds).toBe(0);
    let s = 12345;
    const noise = Float32Array.from({ length: 3 * RATE }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return 0.01 * (s / 1073741824 - 1);
    });
    expect((await vad.speech(noise)).speechSeconds).toBeLessThan(0.3);
  });

  it('finds each FSDD digit as speech', async () => {
    const digit = await decodeSpeech(new Uint8Array(readFileSync(path.join(voice, 'fsdd/3_jackson_7.wav'))), { maxSeconds: 60 });
    const padded = new Float32Array(digit.length + RATE);
    padded.set(digit, RATE / 2);
    const { segments } = await vad.speech(padded);
    expect(segments).toHaveLength(1);
  });

  it('runs the whole front end (decode, resample, VAD, fbank) faster than real time', async () => {
    const file = path.join(voice, 'librispeech-train-clean-100/103-1240-0000.ogg');
    const bytes = new Uint8Array(readFileSync(file));
    const started = process.hrtime.bigint();
    const speech = await decodeSpeech(bytes, { maxSeconds: 60 });
    const kept = await vad.keepSpeech(speech);
    const fbank = subtractMean(logMelFbank(kept));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(fbank.frames).toBeGreaterThan(100);
    const rtf = seconds / (speech.length / RATE);
    process.stdout.write(`audio front end: ${rtf.toFixed(3)} s of compute per s of audio (${file})\n`);
    expect(rtf).toBeLessThan(0.5);
  });
});
