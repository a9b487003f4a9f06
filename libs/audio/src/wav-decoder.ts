import { assertDuration, corruptAudio, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, unsupportedAudio } from './audio-errors';
import type { AudioLimits, PcmAudio } from './pcm-audio';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..1 hold the plain format tag. */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

type SampleEncoding = 'pcm' | 'float';

interface WavFormat {
  encoding: SampleEncoding;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

interface Chunk {
  id: string;
  start: number;
  size: number;
  /** False when the declared size runs past the end of the file. */
  complete: boolean;
}

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE';
}

/** RIFF/WAVE with integer PCM (8-bit unsigned, 16/24/32-bit signed) or IEEE float (32/64-bit), also in WAVE_FORMAT_EXTENSIBLE. */
export function decodeWav(bytes: Uint8Array, limits: AudioLimits): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks = readChunks(bytes, view);
  const fmt = chunks.find((c) => c.id === 'fmt ');
  const data = chunks.find((c) => c.id === 'data');
  if (!fmt) throw corruptAudio('the WAV file has no fmt chunk');
  if (!fmt.complete) throw corruptAudio('the WAV fmt chunk is truncated');
  if (!data) throw corruptAudio('the WAV file has no data chunk');
  const format = parseFormat(bytes, view, fmt);
  const frames = Math.floor(data.size / format.blockAlign);
  assertDuration(frames / format.sampleRate, limits);
  if (!data.complete) throw corruptAudio('the WAV data chunk is truncated');
  if (data.size % format.blockAlign !== 0) throw corruptAudio('the WAV data chunk does not hold whole sample frames');
  return { sampleRate: format.sampleRate, channels: deinterleave(view, data.start, frames, format) };
}

function readChunks(bytes: Uint8Array, view: DataView): Chunk[] {
  const chunks: Chunk[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const start = at + 8;
    const complete = start + size <= bytes.length;
    chunks.push({ id, start, size, complete });
    if (!complete) break;
    // RIFF chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    at = start + size + (size & 1);
  }
  return chunks;
}

function parseFormat(bytes: Uint8Array, view: DataView, fmt: Chunk): WavFormat {
  if (fmt.size < 16) throw corruptAudio('the WAV fmt chunk is too short');
  const at = fmt.start;
  const tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  const encoding = sampleEncoding(tag === WAVE_FORMAT_EXTENSIBLE ? extensibleSubformat(bytes, view, fmt) : tag);
  if (channels === 0) throw corruptAudio('the WAV header declares zero channels');
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) throw corruptAudio(`the WAV header declares a sample rate of ${sampleRate} Hz`);
  const supportedBits = encoding === 'pcm' ? [8, 16, 24, 32] : [32, 64];
  if (!supportedBits.includes(bitsPerSample)) throw unsupportedAudio(`${bitsPerSample}-bit ${encoding === 'pcm' ? 'integer PCM' : 'float'} WAV`);
  if (blockAlign !== channels * (bitsPerSample / 8)) throw corruptAudio(`the WAV block size ${blockAlign} does not match ${channels} channels of ${bitsPerSample} bits`);
  return { encoding, channels, sampleRate, bitsPerSample, blockAlign };
}

function extensibleSubformat(bytes: Uint8Array, view: DataView, fmt: Chunk): number {
  if (fmt.size < 40) throw corruptAudio('the WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
  const guid = fmt.start + 24;
  const tail = bytes.subarray(guid + 2, guid + 16);
  if (!SUBFORMAT_GUID_TAIL.every((b, i) => tail[i] === b)) throw unsupportedAudio('a WAVE_FORMAT_EXTENSIBLE subformat that is not PCM or float');
  return view.getUint16(guid, true);
}

function sampleEncoding(tag: number): SampleEncoding {
  if (tag === WAVE_FORMAT_PCM) return 'pcm';
  if (tag === WAVE_FORMAT_IEEE_FLOAT) return 'float';
  throw unsupportedAudio(`WAV encoding 0x${tag.toString(16).padStart(4, '0')} (only PCM and IEEE float are decoded)`);
}

function deinterleave(view: DataView, start: number, frames: number, format: WavFormat): Float32Array[] {
  const read = sampleReader(view, format);
  const bytesPerSample = format.bitsPerSample / 8;
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let c = 0; c < format.channels; c++) {
    const out = channels[c]!;
    let at = start + c * bytesPerSample;
    for (let i = 0; i < frames; i++, at += format.blockAlign) out[i] = read(at);
  }
  return channels;
}

function sampleReader(view: DataView, format: WavFormat): (at: number) => number {
  if (format.encoding === 'float') {
    // Float WAV may overshoot full scale; the platform promises samples in [-1, 1].
    const clamp = (v: number) => (v > 1 ? 1 : v < -1 ? -1 : v);
    return format.bitsPerSample === 32 ? (at) => clamp(view.getFloat32(at, true)) : (at) => clamp(view.getFloat64(at, true));
  }
  switch (format.bitsPerSample) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => (((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) >> 8) / 8388608;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
