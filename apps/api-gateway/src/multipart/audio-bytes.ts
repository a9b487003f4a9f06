import { AppError } from '@bio/contracts';

/** The containers seed 001 accepts: .wav (RIFF/WAVE) and .ogg (Ogg); the codec inside is checked on decoding. */
function isSupportedAudio(bytes: Buffer): boolean {
  const wav = bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE';
  const ogg = bytes.toString('latin1', 0, 4) === 'OggS';
  return wav || ogg;
}

/** Checks an uploaded recording's size and container before any worker sees it. */
export function checkAudioBytes(bytes: Buffer, field: string, maxBytes: number): Buffer {
  if (bytes.length > maxBytes) throw new AppError('AUDIO_TOO_LARGE', `${field} exceeds ${maxBytes} bytes`);
  if (!isSupportedAudio(bytes)) throw new AppError('AUDIO_UNSUPPORTED_FORMAT', `${field} is not a .wav or .ogg recording`);
  return bytes;
}
