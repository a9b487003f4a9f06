import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { loadEnv } from '@bio/config';
import { parseEncryptionKey } from './encryption-key';
import { SecretCipher } from './secret-cipher.service';

const cipherWith = (key?: string) => new SecretCipher(loadEnv(key === undefined ? {} : { SECRET_ENCRYPTION_KEY: key }));

describe('SecretCipher', () => {
  const key = randomBytes(32).toString('hex');
  const cipher = cipherWith(key);
  const secret = 'cs_' + randomBytes(32).toString('base64url');

  it('does not keep the secret in clear, and decrypts it back', () => {
    const sealed = cipher.encrypt(secret, 'cl_a');
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from(secret))).toBe(false);
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from(secret.slice(3, 20)))).toBe(false);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(cipher.decrypt(sealed, 'cl_a')).toBe(secret);
  });

  it('uses a fresh IV each time', () => {
    const a = cipher.encrypt(secret, 'cl_a');
    const b = cipher.encrypt(secret, 'cl_a');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  it('refuses a ciphertext moved to another client, altered, or sealed with another key', () => {
    const sealed = cipher.encrypt(secret, 'cl_a');
    expect(() => cipher.decrypt(sealed, 'cl_b')).toThrow();
    const altered = { ...sealed, ciphertext: Uint8Array.from(sealed.ciphertext) };
    altered.ciphertext[0] = altered.ciphertext[0]! ^ 1;
    expect(() => cipher.decrypt(altered, 'cl_a')).toThrow();
    expect(() => cipherWith(randomBytes(32).toString('hex')).decrypt(sealed, 'cl_a')).toThrow();
  });

  it('without a key, warns at start and refuses to work with SERVICE_UNAVAILABLE', () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const keyless = cipherWith();
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('SECRET_ENCRYPTION_KEY is not set'));
    warned.mockRestore();
    const error = (() => {
      try {
        keyless.encrypt(secret, 'cl_a');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('stops start-up on a malformed key', () => {
    expect(() => cipherWith('not-a-key-but-long-enough-to-pass-min-length')).toThrow(/SECRET_ENCRYPTION_KEY/);
  });
});

describe('parseEncryptionKey', () => {
  const raw = randomBytes(32);

  it('reads hex, base64 and base64url', () => {
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64url')).equals(raw)).toBe(true);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => parseEncryptionKey(randomBytes(16).toString('hex'))).toThrow();
    expect(() => parseEncryptionKey(randomBytes(31).toString('base64'))).toThrow();
    expect(() => parseEncryptionKey('z'.repeat(64) + '!')).toThrow();
  });
});
