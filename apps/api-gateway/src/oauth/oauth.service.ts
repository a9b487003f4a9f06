import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { AuthService } from '../auth/auth.service';
import { constantTimeEqual } from '../crypto/hashing';
import { clientCredentials, type TokenRequestBody } from './token-request';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** OAuth2 client-credentials grant (RFC 6749 4.4): the only grant this API has. */
@Injectable()
export class OAuthService {
  constructor(private readonly auth: AuthService) {}

  async token(body: TokenRequestBody, authorization: string | undefined): Promise<TokenResponse> {
    if (body.grant_type !== 'client_credentials') {
      throw new AppError('UNSUPPORTED_GRANT_TYPE', `grant_type ${body.grant_type} is not supported; use client_credentials`);
    }
    const { clientId, clientSecret } = clientCredentials(body, authorization);
    const known = await this.auth.clientWithSecret(clientId);
    // One answer for an unknown client and a wrong secret: the difference is nobody's business.
    if (!known || !constantTimeEqual(known.secret, clientSecret)) throw new AppError('INVALID_CLIENT');
    const issued = await this.auth.issueAccessToken(known.client.id);
    return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn };
  }
}
