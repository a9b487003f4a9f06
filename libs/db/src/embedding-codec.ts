const BYTES_PER_FLOAT = 4;

/** Float32 little-endian, whatever the host's byte order, so a dump reads the same everywhere. */
export function encodeEmbedding(embedding: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(embedding.length * BYTES_PER_FLOAT);
  const view = new DataView(bytes.buffer);
  embedding.forEach((value, i) => view.setFloat32(i * BYTES_PER_FLOAT, value, true));
  return bytes;
}

export function decodeEmbedding(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % BYTES_PER_FLOAT !== 0) {
    throw new Error(`Embedding of ${bytes.byteLength} bytes is not a float32 vector`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const embedding = new Float32Array(bytes.byteLength / BYTES_PER_FLOAT);
  for (let i = 0; i < embedding.length; i++) embedding[i] = view.getFloat32(i * BYTES_PER_FLOAT, true);
  return embedding;
}
