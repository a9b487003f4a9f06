import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeAudio, decodeSpeech, resample, toMono } from '../src';
import { writeWav, type WavEncoding } from './support/wav-writer';

const voice = path.resolve(__dirname, '../../../../shared/data/voice');
const read = (file: string) => new Uint8Array(readFileSync(file));
const libriFile = path.join(voice, 'librispeech-train-clean-100/103-1240-0000.ogg');
const limits = { maxSeconds: 60 };

/** Pearson correlation of two equally long signals. */
function correlation(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('decodeAudio on real recordings', () => {
  let libri: Float32Array;
  beforeAll(async () => {
    const audio = await decodeAudio(read(libriFile), limits);
    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels).toHaveLength(1);
    libri = audio.channels[0]!;
  });

  it('decodes LibriSpeech Ogg Vorbis to its full length with real signal in [-1, 1]', () => {
    expect(libri.length / 16000).toBeCloseTo(14.085, 2);
    const peak = libri.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.1);
    expect(peak).toBeLessThanOrEqual(1);
  });

  it('decodes the Ogg Opus fixture at 48 kHz; at 16 kHz it follows the Vorbis original it was cut from (0.5-3.5 s)', async () => {
    const opus = read(path.join(__dirname, 'fixtures/librispeech-103-1240-0000-3s.opus'));
    const audio = await decodeAudio(opus, limits);
    expect(audio.sampleRate).toBe(48000);
    expect(audio.channels[0]!.length / 48000).toBeCloseTo(3, 2);
    const speech = await decodeSpeech(opus, limits);
    expect(speech.length).toBe(48000);
    // 24 kbit/s Opus keeps the waveform only roughly (0.89 measured); a misalignment of a few ms would drop it towards 0.
    expect(correlation(speech, libri.subarray(8000, 56000))).toBeGreaterThan(0.8);
  });

  it.each(['u8', 's16', 's24', 's32', 'f32', 'f64'] as WavEncoding[])('decodes the recording written as %s stereo 44.1 kHz WAV back to the same 16 kHz mono speech', async (encoding) => {
    const clip = libri.subarray(16000, 48000);
    const at44k = resample(clip, 16000, 44100);
    const inverted = at44k.map((v) => -v * 0.5);
    const wav = writeWav({ encoding, sampleRate: 44100, channels: [at44k, Float32Array.from(at44k)], extensible: encoding === 's24' });
    const stereo = await decodeAudio(wav, limits);
    expect(stereo.channels).toHaveLength(2);
    expect(correlation(stereo.channels[1]!, at44k)).toBeGreaterThan(encoding === 'u8' ? 0.99 : 0.99999);
    const speech = await decodeSpeech(wav, limits);
    expect(speech).toHaveLength(clip.length);
    // Two band-limited passes (16 → 44.1 → 16 kHz) drop what lay above 6.4 kHz: 0.985 measured.
    expect(correlation(speech.subarray(400, -400), clip.subarray(400, -400))).toBeGreaterThan(0.98);
    // Down-mixing averages: a channel and its half-level inverse leave a quarter of the signal.
    const mixed = toMono(await decodeAudio(writeWav({ encoding: 'f32', sampleRate: 44100, channels: [at44k, inverted] }), limits));
    expect(mixed[1000]).toBeCloseTo(at44k[1000]! * 0.25, 6);
  });

  it('decodes FSDD 8 kHz WAV and resamples it to 16 kHz', async () => {
    const file = read(path.join(voice, 'fsdd/0_george_0.wav'));
    const audio = await decodeAudio(file, limits);
    expect(audio.sampleRate).toBe(8000);
    const speech = await decodeSpeech(file, limits);
    expect(speech.length).toBe(audio.channels[0]!.length * 2);
  });

  it('refuses a truncated Ogg file as corrupt and a long one from its last page', async () => {
    const bytes = read(libriFile);
    await expect(decodeAudio(bytes.subarray(0, bytes.length >> 1), limits)).rejects.toMatchObject({ code: 'AUDIO_DECODE_FAILED', status: 400 });
    await expect(decodeAudio(bytes, { maxSeconds: 10 })).rejects.toMatchObject({ code: 'AUDIO_TOO_LONG', status: 413 });
  });

  it('refuses an Ogg stream that is neither Vorbis nor Opus, and garbage after an Ogg page header', async () => {
    const bytes = Uint8Array.from(read(libriFile));
    const packet = 27 + bytes[26]!;
    bytes.set([0x7f, 0x46, 0x4c, 0x41, 0x43], packet); // "\x7fFLAC": Ogg FLAC
    await expect(decodeAudio(bytes, limits)).rejects.toMatchObject({ code: 'AUDIO_UNSUPPORTED_FORMAT', status: 415 });
    const damaged = Uint8Array.from(read(libriFile));
    for (let i = 4000; i < damaged.length - 4000; i++) damaged[i] = (i * 7919) & 0xff;
    await expect(decodeAudio(damaged, limits)).rejects.toMatchObject({ code: 'AUDIO_DECODE_FAILED' });
  });
});
