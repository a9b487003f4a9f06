import type { PrismaClient } from '../prisma-client';
import { holderFields, holderOf, type CredentialHolder } from './client.repository';

export interface StoredToken extends CredentialHolder {
  expired: boolean;
}

/**
 * Expired tokens are kept this long so a late caller still hears TOKEN_EXPIRED rather than
 * UNAUTHORIZED; after that they are swept when the client asks for a new token.
 */
const EXPIRED_TOKEN_RETENTION_MS = 24 * 60 * 60 * 1000;

export class AccessTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(clientId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    const sweepBefore = new Date(Date.now() - EXPIRED_TOKEN_RETENTION_MS);
    await this.prisma.$transaction([
      this.prisma.accessToken.deleteMany({ where: { clientId, expiresAt: { lt: sweepBefore } } }),
      this.prisma.accessToken.create({ data: { clientId, tokenHash, expiresAt } }),
    ]);
  }

  /** The token's client and whether it has expired; null when unknown or revoked. */
  async findValid(tokenHash: string): Promise<StoredToken | null> {
    const token = await this.prisma.accessToken.findUnique({
      where: { tokenHash },
      select: { expiresAt: true, revokedAt: true, client: { select: holderFields } },
    });
    if (!token || token.revokedAt) return null;
    return { ...holderOf(token.client), expired: token.expiresAt.getTime() <= Date.now() };
  }

  /** Returns how many live tokens were revoked. */
  async revokeAll(clientId: string): Promise<number> {
    const { count } = await this.prisma.accessToken.updateMany({
      where: { clientId, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    return count;
  }
}
