import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { tokenFromHeader } from './access-token-header';
import { AuthService } from './auth.service';
import type { RequestWithClient } from './authenticated-client';

/** The native API's authentication: `Accesstoken: <token>` (a `Bearer ` or `oauth ` prefix is tolerated). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithClient>();
    const token = tokenFromHeader(request.headers['accesstoken']);
    if (!token) throw new AppError('UNAUTHORIZED', 'Missing Accesstoken header');
    request.client = await this.auth.clientForAccessToken(token);
    return true;
  }
}
