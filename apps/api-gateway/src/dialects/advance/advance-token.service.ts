import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { AuthService } from '../../auth/auth.service';
import type { AuthenticatedClient } from '../../auth/authenticated-client';
import { isValidSignature, parseTokenRequest, SIGNATURE_ERROR } from './token-request';

export interface AdvanceToken {
  client: AuthenticatedClient;
  token: string;
  /** Milliseconds since the epoch. */
  expiredTime: number;
}

/** ADVANCE's generate-token: accessKey is the client_id, secretKey the client_secret (API-CONVENTIONS.md). */
@Injectable()
export class AdvanceTokenService {
  constructor(private readonly auth: AuthService) {}

  async generate(body: unknown): Promise<AdvanceToken> {
    const request = parseTokenRequest(body);
    const found = await this.auth.clientWithSecret(request.accessKey);
    if (!found) throw new AppError('INVALID_CLIENT', 'Access Key not found');
    // The document files a wrong signature under PARAMETER_ERROR, not under IAM_FAILED.
    if (!isValidSignature(request, found.secret)) throw new AppError('VALIDATION_FAILED', SIGNATURE_ERROR);
    const issued = await this.auth.issueAccessToken(found.client.id, request.periodSecond);
    return { client: found.client, token: issued.accessToken, expiredTime: issued.expiresAt.getTime() };
  }
}
