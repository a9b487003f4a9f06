/** Builds RIFF/WAVE files for the decoder tests: any encoding the decoder claims, plus extra chunks. */
export type WavEncoding = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

export interface WavSpec {
  encoding: WavEncoding;
  sampleRate: number;
  channels: Float32Array[];
  extensible?: boolean;
  /** Chunks written before fmt (e.g. an odd-sized LIST) that the decoder must skip. */
  extraChunks?: Array<{ id: string; body: Uint8Array }>;
}

const BYTES: Record<WavEncoding, number> = { u8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 };

export function writeWav(spec: WavSpec): Uint8Array {
  const bytes = BYTES[spec.encoding];
  const channels = spec.channels.length;
  const frames = spec.channels[0]?.length ?? 0;
  const data = new DataView(new ArrayBuffer(frames * channels * bytes));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) writeSample(data, (i * channels + c) * bytes, spec.encoding, spec.channels[c]![i]!);
  }
  const float = spec.encoding === 'f32' || spec.encoding === 'f64';
  const fmt = new DataView(new ArrayBuffer(spec.extensible ? 40 : 16));
  fmt.setUint16(0, spec.extensible ? 0xfffe : float ? 3 : 1, true);
  fmt.setUint16(2, channels, true);
  fmt.setUint32(4, spec.sampleRate, true);
  fmt.setUint32(8, spec.sampleRate * channels * bytes, true);
  fmt.setUint16(12, channels * bytes, true);
  fmt.setUint16(14, bytes * 8, true);
  if (spec.extensible) {
    fmt.setUint16(16, 22, true);
    fmt.setUint16(18, bytes * 8, true);
    fmt.setUint16(24, float ? 3 : 1, true);
    [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71].forEach((b, i) => fmt.setUint8(26 + i, b));
  }
  return riff([...(spec.extraChunks ?? []), { id: 'fmt ', body: new Uint8Array(fmt.buffer) }, { id: 'data', body: new Uint8Array(data.buffer) }]);
}

export function riff(chunks: Array<{ id: string; body: Uint8Array }>): Uint8Array {
  const parts: Uint8Array[] = [ascii('WAVE')];
  for (const { id, body } of chunks) {
    const header = new DataView(new ArrayBuffer(8));
    ascii(id).forEach((b, i) => header.setUint8(i, b));
    header.setUint32(4, body.length, true);
    parts.push(new Uint8Array(header.buffer), body);
    if (body.length % 2 === 1) parts.push(new Uint8Array(1));
  }
  const size = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(8 + size);
  out.set(ascii('RIFF'), 0);
  new DataView(out.buffer).setUint32(4, size, true);
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function writeSample(view: DataView, at: number, encoding: WavEncoding, v: number): void {
  const clip = (x: number, max: number) => Math.max(-max - 1, Math.min(max, Math.round(x * (max + 1))));
  switch (encoding) {
    case 'u8':
      return view.setUint8(at, clip(v, 127) + 128);
    case 's16':
      return view.setInt16(at, clip(v, 32767), true);
    case 's24': {
      const s = clip(v, 8388607);
      view.setUint8(at, s & 0xff);
      view.setUint8(at + 1, (s >> 8) & 0xff);
      return view.setUint8(at + 2, (s >> 16) & 0xff);
    }
    case 's32':
      return view.setInt32(at, clip(v, 2147483647), true);
    case 'f32':
      return view.setFloat32(at, v, true);
    case 'f64':
      return view.setFloat64(at, v, true);
  }
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
