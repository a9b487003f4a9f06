import { Module } from '@nestjs/common';
import { SecretCipher } from './secret-cipher.service';

/** Encryption of client secrets; hashing and token generation are plain functions beside it. */
@Module({ providers: [SecretCipher], exports: [SecretCipher] })
export class CryptoModule {}
