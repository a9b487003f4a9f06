import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { AuthService } from '../../auth/auth.service';
import type { RequestWithClient } from '../../auth/authenticated-client';

/** The identity API's authentication: the client's long-lived API key in `x-api-key`. */
@Injectable()
export class XApiKeyGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithClient>();
    const header = request.headers['x-api-key'];
    const apiKey = typeof header === 'string' ? header.trim() : '';
    if (!apiKey) throw new AppError('UNAUTHORIZED', 'Missing x-api-key header');
    request.client = await this.auth.clientForApiKey(apiKey);
    return true;
  }
}
