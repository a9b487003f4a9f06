import { decodeEmbedding, encodeEmbedding } from './embedding-codec';

describe('embedding codec', () => {
  it('writes float32 little-endian and reads it back exactly', () => {
    const embedding = new Float32Array([1, -0.25, 3.4028234663852886e38, Number.MIN_VALUE]);
    const bytes = encodeEmbedding(embedding);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x80, 0xbe]);
    expect(decodeEmbedding(bytes)).toEqual(embedding);
  });

  it('reads from a view into a larger buffer, as pg hands Bytes over', () => {
    const backing = Buffer.alloc(16);
    backing.writeFloatLE(2.5, 4);
    backing.writeFloatLE(-1, 8);
    expect(decodeEmbedding(backing.subarray(4, 12))).toEqual(new Float32Array([2.5, -1]));
  });

  it('refuses bytes that are not whole floats', () => {
    expect(() => decodeEmbedding(new Uint8Array(6))).toThrow(/not a float32 vector/);
  });
});
