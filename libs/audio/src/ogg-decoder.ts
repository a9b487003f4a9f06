import type { OggVorbisDecodedAudio } from '@wasm-audio-decoders/ogg-vorbis';
import type { OggOpusDecodedAudio } from 'ogg-opus-decoder';
import { assertDuration, corruptAudio, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, unsupportedAudio } from './audio-errors';
import { importEsm } from './esm-import';
import type { AudioLimits, PcmAudio } from './pcm-audio';

/** Opus always decodes (and counts granule positions) at 48 kHz, whatever rate the encoder was fed. */
const OPUS_RATE = 48000;
const PAGE_HEADER = 27;
/** header_type flag of a stream's last page. */
const END_OF_STREAM = 0x04;

type OggCodec = 'vorbis' | 'opus';

interface OggStream {
  codec: OggCodec;
  serial: number;
  /** The rate granule positions count in (always 48 kHz for Opus). */
  sampleRate: number;
  /** Samples the decoder drops at the start (Opus pre-skip); 0 for Vorbis. */
  preSkip: number;
}

interface Decoder {
  ready: Promise<void>;
  decodeFile(data: Uint8Array): Promise<OggVorbisDecodedAudio | OggOpusDecodedAudio>;
  free(): void;
}

export function isOgg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x4f && bytes[1] === 0x67 && bytes[2] === 0x67 && bytes[3] === 0x53;
}

/** Ogg Vorbis or Ogg Opus, told apart by the identification packet on the first page. */
export async function decodeOgg(bytes: Uint8Array, limits: AudioLimits): Promise<PcmAudio> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stream = readFirstPage(bytes, view);
  const lastGranule = lastPageGranule(bytes, view, stream.serial);
  assertDuration((lastGranule - stream.preSkip) / stream.sampleRate, limits);
  const decoded = await runDecoder(stream.codec, bytes);
  const frames = decoded.channelData[0]?.length ?? 0;
  if (decoded.errors.length > 0) throw corruptAudio(`the Ogg ${stream.codec} stream is damaged (${decoded.errors[0]!.message})`);
  if (frames === 0) throw corruptAudio(`the Ogg ${stream.codec} stream holds no audio`);
  // The declared length can lie; the decoded length is the one that counts.
  assertDuration(frames / decoded.sampleRate, limits);
  return { sampleRate: decoded.sampleRate, channels: decoded.channelData };
}

function readFirstPage(bytes: Uint8Array, view: DataView): OggStream {
  if (bytes.length < PAGE_HEADER) throw corruptAudio('the Ogg file is truncated');
  const segments = bytes[26]!;
  const packet = PAGE_HEADER + segments;
  if (bytes.length < packet + 8) throw corruptAudio('the Ogg file is truncated');
  const serial = view.getUint32(14, true);
  const magic = String.fromCharCode(...bytes.subarray(packet, packet + 8));
  if (magic === 'OpusHead') {
    if (bytes.length < packet + 19) throw corruptAudio('the Opus header is truncated');
    if (bytes[packet + 9] === 0) throw corruptAudio('the Opus header declares zero channels');
    return { codec: 'opus', serial, sampleRate: OPUS_RATE, preSkip: view.getUint16(packet + 10, true) };
  }
  if (magic.startsWith('\x01vorbis')) {
    if (bytes.length < packet + 16) throw corruptAudio('the Vorbis header is truncated');
    if (bytes[packet + 11] === 0) throw corruptAudio('the Vorbis header declares zero channels');
    const sampleRate = view.getUint32(packet + 12, true);
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) throw corruptAudio(`the Vorbis header declares a sample rate of ${sampleRate} Hz`);
    return { codec: 'vorbis', serial, sampleRate, preSkip: 0 };
  }
  throw unsupportedAudio('an Ogg stream that is neither Vorbis nor Opus');
}

/**
 * The stream's last page, found from the end without decoding: its granule position
 * (sample count) gives the length, and a file whose last page is cut short or lacks the
 * end-of-stream flag was truncated (the decoders would silently return the part before).
 */
function lastPageGranule(bytes: Uint8Array, view: DataView, serial: number): number {
  for (let at = bytes.length - PAGE_HEADER; at >= 0; at--) {
    if (bytes[at] !== 0x4f || bytes[at + 1] !== 0x67 || bytes[at + 2] !== 0x67 || bytes[at + 3] !== 0x53) continue;
    if (bytes[at + 4] !== 0 || view.getUint32(at + 14, true) !== serial) continue;
    const segments = bytes[at + 26]!;
    let end = at + PAGE_HEADER + segments;
    for (let i = 0; i < segments && end <= bytes.length; i++) end += bytes[at + PAGE_HEADER + i] ?? 0;
    if (end > bytes.length || (bytes[at + 5]! & END_OF_STREAM) === 0) throw corruptAudio('the Ogg file is truncated');
    return Number(view.getBigInt64(at + 6, true));
  }
  throw corruptAudio('the Ogg file is truncated');
}

async function runDecoder(codec: OggCodec, bytes: Uint8Array): Promise<OggVorbisDecodedAudio | OggOpusDecodedAudio> {
  const decoder = await createDecoder(codec);
  try {
    await decoder.ready;
    return await decoder.decodeFile(bytes);
  } catch (err) {
    throw corruptAudio(`the Ogg ${codec} stream could not be decoded (${(err as Error).message})`);
  } finally {
    decoder.free();
  }
}

async function createDecoder(codec: OggCodec): Promise<Decoder> {
  if (codec === 'opus') {
    const { OggOpusDecoder } = await importEsm<typeof import('ogg-opus-decoder')>('ogg-opus-decoder');
    return new OggOpusDecoder();
  }
  const { OggVorbisDecoder } = await importEsm<typeof import('@wasm-audio-decoders/ogg-vorbis')>('@wasm-audio-decoders/ogg-vorbis');
  return new OggVorbisDecoder();
}
