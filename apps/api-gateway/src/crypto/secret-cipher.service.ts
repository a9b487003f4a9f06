import { Inject, Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import type { EncryptedSecret } from '@bio/db';
import { ENV } from '../config/env.provider';
import { parseEncryptionKey } from './encryption-key';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * Encrypts client secrets at rest (AES-256-GCM). The client's public id is bound in as
 * associated data, so a ciphertext copied onto another client's row fails to decrypt.
 */
@Injectable()
export class SecretCipher {
  private readonly key: Buffer | undefined;

  constructor(@Inject(ENV) env: Env) {
    // A malformed key stops start-up; a missing one only disables what needs it.
    this.key = env.SECRET_ENCRYPTION_KEY === undefined ? undefined : parseEncryptionKey(env.SECRET_ENCRYPTION_KEY);
    if (!this.key) new Logger('crypto').warn('SECRET_ENCRYPTION_KEY is not set: clients cannot be created nor authenticated');
  }

  encrypt(plaintext: string, publicId: string): EncryptedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.requireKey(), iv);
    cipher.setAAD(Buffer.from(publicId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: bytes(ciphertext), iv: bytes(iv), authTag: bytes(cipher.getAuthTag()) };
  }

  /** Throws when the data was altered, belongs to another client or was sealed with another key. */
  decrypt(secret: EncryptedSecret, publicId: string): string {
    const decipher = createDecipheriv(ALGORITHM, this.requireKey(), secret.iv);
    decipher.setAAD(Buffer.from(publicId, 'utf8'));
    decipher.setAuthTag(secret.authTag);
    return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
  }

  private requireKey(): Buffer {
    if (!this.key) throw new AppError('SERVICE_UNAVAILABLE', 'Client secrets are unavailable: SECRET_ENCRYPTION_KEY is not set');
    return this.key;
  }
}

/** Prisma's Bytes type wants a Uint8Array over a plain ArrayBuffer of its own. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(buffer);
}
