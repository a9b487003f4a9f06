import { AppError } from '@bio/contracts';
import { riff, writeWav, ascii, type WavEncoding } from '../test/support/wav-writer';
import { decodeAudio } from './decode-audio';

const limits = { maxSeconds: 60 };

function tone(frames: number, frequency: number, rate: number, amplitude: number): Float32Array {
  return Float32Array.from({ length: frames }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
}

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await decodeAudio(bytes, limits);
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'decoded';
}

function patch(bytes: Uint8Array, at: number, write: (view: DataView) => void): Uint8Array {
  const copy = Uint8Array.from(bytes);
  write(new DataView(copy.buffer, at));
  return copy;
}

/** Offset of the fmt chunk body in a file written by writeWav without extra chunks. */
const FMT = 20;

describe('decodeAudio: WAV', () => {
  const left = tone(4410, 440, 44100, 0.5);
  const right = tone(4410, 1000, 44100, -0.25);
  const tolerance: Record<WavEncoding, number> = { u8: 1 / 127, s16: 1 / 32767, s24: 1e-6, s32: 1e-7, f32: 1e-7, f64: 1e-7 };

  it.each(Object.keys(tolerance) as WavEncoding[])('decodes %s stereo at 44.1 kHz, plain and WAVE_FORMAT_EXTENSIBLE', async (encoding) => {
    for (const extensible of [false, true]) {
      const audio = await decodeAudio(writeWav({ encoding, sampleRate: 44100, channels: [left, right], extensible }), limits);
      expect(audio.sampleRate).toBe(44100);
      expect(audio.channels).toHaveLength(2);
      for (const [decoded, original] of [[audio.channels[0]!, left], [audio.channels[1]!, right]] as const) {
        expect(decoded).toHaveLength(original.length);
        let worst = 0;
        for (let i = 0; i < original.length; i++) worst = Math.max(worst, Math.abs(decoded[i]! - original[i]!));
        expect(worst).toBeLessThanOrEqual(tolerance[encoding]);
      }
    }
  });

  it('reads full scale of each integer width as -1 and nearly +1 (never above)', async () => {
    const extremes = Float32Array.from([-1, 1]);
    for (const encoding of ['u8', 's16', 's24', 's32'] as const) {
      const [channel] = (await decodeAudio(writeWav({ encoding, sampleRate: 8000, channels: [extremes] }), limits)).channels;
      expect(channel![0]).toBe(-1);
      expect(channel![1]).toBeGreaterThan(0.99);
      expect(channel![1]).toBeLessThanOrEqual(1);
    }
  });

  it('clamps float samples beyond full scale', async () => {
    const [channel] = (await decodeAudio(writeWav({ encoding: 'f32', sampleRate: 8000, channels: [Float32Array.from([1.5, -2])] }), limits)).channels;
    expect(Array.from(channel!)).toEqual([1, -1]);
  });

  it('skips unknown chunks, also odd-sized ones with their pad byte', async () => {
    const extraChunks = [{ id: 'LIST', body: ascii('INFOabc') }, { id: 'junk', body: new Uint8Array(3) }];
    const audio = await decodeAudio(writeWav({ encoding: 's16', sampleRate: 16000, channels: [left], extraChunks }), limits);
    expect(audio.channels[0]![100]).toBeCloseTo(left[100]!, 4);
  });

  it('decodes any channel count', async () => {
    const six = Array.from({ length: 6 }, (_, c) => new Float32Array(10).fill(c / 10));
    const audio = await decodeAudio(writeWav({ encoding: 's16', sampleRate: 48000, channels: six }), limits);
    expect(audio.channels.map((ch) => Math.round(ch[5]! * 10))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  const valid = writeWav({ encoding: 's16', sampleRate: 16000, channels: [left] });

  it('refuses a truncated data chunk, a missing fmt chunk, zero channels and absurd rates as corrupt', async () => {
    expect(await codeOf(valid.subarray(0, valid.length - 100))).toBe('AUDIO_DECODE_FAILED');
    expect(await codeOf(riff([{ id: 'data', body: new Uint8Array(100) }]))).toBe('AUDIO_DECODE_FAILED');
    expect(await codeOf(patch(valid, FMT + 2, (v) => v.setUint16(0, 0, true)))).toBe('AUDIO_DECODE_FAILED');
    expect(await codeOf(patch(valid, FMT + 4, (v) => v.setUint32(0, 4_000_000_000, true)))).toBe('AUDIO_DECODE_FAILED');
    expect(await codeOf(patch(valid, FMT + 4, (v) => v.setUint32(0, 10, true)))).toBe('AUDIO_DECODE_FAILED');
    expect(await codeOf(patch(valid, FMT + 12, (v) => v.setUint16(0, 3, true)))).toBe('AUDIO_DECODE_FAILED');
  });

  it('refuses ADPCM, A-law, 12-bit PCM and non-audio input as unsupported', async () => {
    expect(await codeOf(patch(valid, FMT, (v) => v.setUint16(0, 0x0002, true)))).toBe('AUDIO_UNSUPPORTED_FORMAT');
    expect(await codeOf(patch(valid, FMT, (v) => v.setUint16(0, 0x0006, true)))).toBe('AUDIO_UNSUPPORTED_FORMAT');
    expect(await codeOf(patch(valid, FMT + 14, (v) => v.setUint16(0, 12, true)))).toBe('AUDIO_UNSUPPORTED_FORMAT');
    expect(await codeOf(ascii('ID3\x03 this is an mp3'))).toBe('AUDIO_UNSUPPORTED_FORMAT');
    expect(await codeOf(new Uint8Array(0))).toBe('AUDIO_UNSUPPORTED_FORMAT');
  });

  it('refuses audio longer than the limit from the declared size, before reading the samples', async () => {
    // Declares one hour of 16 kHz audio but holds a few bytes: the length check comes first.
    const header = patch(valid, FMT + 20, (v) => v.setUint32(0, 3600 * 16000 * 2, true)).subarray(0, 64);
    expect(await codeOf(header)).toBe('AUDIO_TOO_LONG');
    await expect(decodeAudio(valid, { maxSeconds: 0.2 })).rejects.toMatchObject({ code: 'AUDIO_TOO_LONG', status: 413 });
  });
});
