import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError, REDIS_KEYS } from '@bio/contracts';

/** Short-lived binary blobs (images, crops, embeddings) passed between stages by key. */
export class BlobStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async put(data: Buffer, hint = 'b'): Promise<string> {
    const key = `${REDIS_KEYS.blob}${hint}:${randomUUID()}`;
    await this.redis.set(key, data, 'EX', this.ttlSeconds);
    return key;
  }

  /** Reads a blob; a missing one means it expired or never existed. */
  async get(key: string): Promise<Buffer> {
    const data = await this.redis.getBuffer(key);
    if (!data) throw new AppError('SERVICE_UNAVAILABLE', `Blob ${key} expired before it was used`);
    return data;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }
}

export function float32ToBuffer(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

export function bufferToFloat32(buf: Buffer): Float32Array {
  // Copy: a Buffer's offset inside Node's pool need not be 4-byte aligned.
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}
