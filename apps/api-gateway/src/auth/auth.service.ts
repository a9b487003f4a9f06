import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { AccessTokenRepository, ClientRepository, CredentialRepository, type CredentialHolder } from '@bio/db';
import { ENV } from '../config/env.provider';
import { newAccessToken } from '../crypto/credential-tokens';
import { sha256Hex } from '../crypto/hashing';
import { SecretCipher } from '../crypto/secret-cipher.service';
import type { AuthenticatedClient } from './authenticated-client';

/** A disabled client's credentials are known but refused, with their own code (ADVANCE's ACCOUNT_DISABLED). */
function enabled(holder: CredentialHolder): AuthenticatedClient {
  if (holder.disabled) throw new AppError('CLIENT_DISABLED');
  return holder.client;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  expiresAt: Date;
}

/**
 * Turns credentials into a client, for every API dialect: access tokens (native, seed 001,
 * ADVANCE), API keys (identity, FindFace) and the client secret that OAuth and the ADVANCE
 * signature are checked against.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly credentials: CredentialRepository,
    private readonly tokens: AccessTokenRepository,
    private readonly cipher: SecretCipher,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async clientForAccessToken(token: string): Promise<AuthenticatedClient> {
    const stored = await this.tokens.findValid(sha256Hex(token));
    if (!stored) throw new AppError('UNAUTHORIZED', 'Unknown or revoked access token');
    if (stored.expired) throw new AppError('TOKEN_EXPIRED');
    return enabled(stored);
  }

  async clientForApiKey(apiKey: string): Promise<AuthenticatedClient> {
    const holder = await this.credentials.findClientByApiKeyHash(sha256Hex(apiKey));
    if (!holder) throw new AppError('UNAUTHORIZED', 'Unknown or revoked API key');
    return enabled(holder);
  }

  /** The client and its current secret in clear, or null when either does not exist; CLIENT_DISABLED for a disabled one. */
  async clientWithSecret(publicId: string): Promise<{ client: AuthenticatedClient; secret: string } | null> {
    const client = await this.clients.findByPublicId(publicId);
    if (!client) return null;
    if (client.disabledAt) throw new AppError('CLIENT_DISABLED');
    const sealed = await this.credentials.activeSecret(client.id);
    if (!sealed) return null;
    const { id, name } = client;
    return { client: { id, publicId, name }, secret: this.cipher.decrypt(sealed, publicId) };
  }

  /** A new access token; `expiresIn` seconds is the dialect's choice where its document lets the caller pick (ADVANCE's periodSecond). */
  async issueAccessToken(clientId: string, expiresIn = this.env.ACCESS_TOKEN_TTL_SECONDS): Promise<IssuedToken> {
    const accessToken = newAccessToken();
    const expiresAt = new Date(Date.now() + expiresIn * 1000);
    await this.tokens.create(clientId, sha256Hex(accessToken), expiresAt);
    return { accessToken, expiresIn, expiresAt };
  }
}
