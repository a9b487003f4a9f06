import { float16ToFloat32 } from './float16';
import { decodeWeights } from './tfjs-weights';

const bytes = (...parts: ArrayBufferView[]) => new Uint8Array(Buffer.concat(parts.map((p) => new Uint8Array(p.buffer, p.byteOffset, p.byteLength))));

describe('TF.js weights manifest', () => {
  it('decodes float16 bit patterns exactly', () => {
    expect(float16ToFloat32(0x3c00)).toBe(1);
    expect(float16ToFloat32(0xc000)).toBe(-2);
    expect(float16ToFloat32(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(float16ToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16ToFloat32(0x7c00)).toBe(Infinity);
  });

  it('reads plain, float16, uint8 and uint16 weights in manifest order, at unaligned offsets too', () => {
    const data = bytes(
      new Float32Array([1.5, -2]),
      new Uint16Array([0x3c00, 0xbc00, 0x4000]),
      new Uint8Array([0, 10, 255]),
      new Uint16Array([2, 65535]),
      new Int32Array([-1, 3136]),
    );
    const weights = decodeWeights(
      [
        {
          paths: ['a.bin'],
          weights: [
            { name: 'plain', shape: [2], dtype: 'float32' },
            { name: 'half', shape: [3], dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } },
            { name: 'u8', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1, original_dtype: 'float32' } },
            { name: 'u16', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.25, min: 1 } },
            { name: 'ints', shape: [2], dtype: 'int32' },
          ],
        },
      ],
      () => data,
    );
    expect(Array.from(weights.get('plain')!.values)).toEqual([1.5, -2]);
    expect(Array.from(weights.get('half')!.values)).toEqual([1, -1, 2]);
    expect(Array.from(weights.get('u8')!.values)).toEqual([-1, 4, 126.5]);
    expect(Array.from(weights.get('u16')!.values)).toEqual([1.5, 16384.75]);
    expect(weights.get('ints')).toEqual({ dtype: 'int32', shape: [2], values: Int32Array.from([-1, 3136]) });
  });

  it('refuses a file that is longer or shorter than the manifest says', () => {
    const manifest = [{ paths: ['a.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' as const }] }];
    expect(() => decodeWeights(manifest, () => new Uint8Array(12))).toThrow(/holds 12 bytes/);
    expect(() => decodeWeights(manifest, () => new Uint8Array(4))).toThrow(/runs past the end/);
  });

  it('refuses weight types it cannot reproduce exactly', () => {
    const manifest = [{ paths: ['a.bin'], weights: [{ name: 'w', shape: [1], dtype: 'int32' as const, quantization: { dtype: 'uint8' as const, scale: 1, min: 0 } }] }];
    expect(() => decodeWeights(manifest, () => new Uint8Array(1))).toThrow(/quantised int32/);
  });
});
