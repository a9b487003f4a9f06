import type { PrismaClient } from '../prisma-client';
import { holderFields, holderOf, type CredentialHolder } from './client.repository';

/** AES-256-GCM output; the plaintext never reaches this layer. */
export interface EncryptedSecret {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  authTag: Uint8Array<ArrayBuffer>;
}

/**
 * client secrets (encrypted) and API keys (hashed). A client has at most one live secret and
 * one live API key: adding one revokes the ones before it in the same transaction, so a
 * rotation never leaves a moment with none or two.
 */
export class CredentialRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async addSecret(clientId: string, secret: EncryptedSecret): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.clientSecret.updateMany({ where: { clientId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.clientSecret.create({ data: { clientId, ...secret } }),
    ]);
  }

  async activeSecret(clientId: string): Promise<EncryptedSecret | null> {
    return this.prisma.clientSecret.findFirst({
      where: { clientId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: { ciphertext: true, iv: true, authTag: true },
    });
  }

  async addApiKey(clientId: string, keyHash: string, keyPrefix: string): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.apiKey.updateMany({ where: { clientId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.apiKey.create({ data: { clientId, keyHash, keyPrefix } }),
    ]);
  }

  async findClientByApiKeyHash(keyHash: string): Promise<CredentialHolder | null> {
    const key = await this.prisma.apiKey.findUnique({ where: { keyHash }, select: { revokedAt: true, client: { select: holderFields } } });
    return key && !key.revokedAt ? holderOf(key.client) : null;
  }

  /** Returns how many live keys were revoked. */
  async revokeApiKeys(clientId: string): Promise<number> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { clientId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }
}
