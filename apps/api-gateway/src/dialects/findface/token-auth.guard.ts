import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { AuthService } from '../../auth/auth.service';
import type { RequestWithClient } from '../../auth/authenticated-client';

const TOKEN_SCHEME = /^Token\s+(\S+)\s*$/i;

/** The reference's authentication: `Authorization: Token <key>`, the key being the client's long-lived API key. */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithClient>();
    const header = request.headers.authorization;
    const apiKey = typeof header === 'string' ? TOKEN_SCHEME.exec(header)?.[1] : undefined;
    if (!apiKey) throw new AppError('UNAUTHORIZED', 'Authorization: Token <key> is required');
    request.client = await this.auth.clientForApiKey(apiKey);
    return true;
  }
}
