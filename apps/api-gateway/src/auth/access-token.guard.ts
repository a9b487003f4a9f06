import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { tokenFromHeader } from './access-token-header';
import { AuthService } from './auth.service';
import type { RequestWithClient } from './authenticated-client';

/** An access token from POST /oauth/token, read from the header a dialect names. Decorated so subclasses inherit its constructor's injection metadata. */
@Injectable()
abstract class HeaderAccessTokenGuard implements CanActivate {
  protected abstract readonly header: 'accesstoken' | 'authorization' | 'x-access-token';

  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithClient>();
    const token = tokenFromHeader(request.headers[this.header]);
    if (!token) throw new AppError('UNAUTHORIZED', `Missing ${this.header} header`);
    request.client = await this.auth.clientForAccessToken(token);
    return true;
  }
}

/** The native API's authentication: `Accesstoken: <token>` (a `Bearer ` or `oauth ` prefix is tolerated). */
@Injectable()
export class AccessTokenGuard extends HeaderAccessTokenGuard {
  protected readonly header = 'accesstoken';
}

/** Seed 001's authentication: `Authorization: Bearer <token>`. */
@Injectable()
export class BearerTokenGuard extends HeaderAccessTokenGuard {
  protected readonly header = 'authorization';
}

/** The ADVANCE-style API's authentication: `X-ACCESS-TOKEN: <token from generate-token>`. */
@Injectable()
export class XAccessTokenGuard extends HeaderAccessTokenGuard {
  protected readonly header = 'x-access-token';
}
