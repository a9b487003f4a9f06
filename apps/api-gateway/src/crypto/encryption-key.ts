const KEY_BYTES = 32;

/**
 * Reads SECRET_ENCRYPTION_KEY: 64 hex digits, or base64 / base64url of 32 bytes. Anything
 * else is a configuration error worth stopping for, not a key to pad or truncate.
 */
export function parseEncryptionKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : decodeBase64(value);
  if (key?.length !== KEY_BYTES) {
    throw new Error('SECRET_ENCRYPTION_KEY must be 32 bytes, written as 64 hex digits or in base64');
  }
  return key;
}

function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
}
