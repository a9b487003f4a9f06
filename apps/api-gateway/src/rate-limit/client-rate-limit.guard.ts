import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { RequestWithClient } from '../auth/authenticated-client';
import { RateLimiter } from './rate-limiter.service';

/** Rate-limits the authenticated client; goes after the guard that authenticates it. */
@Injectable()
export class ClientRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const client = context.switchToHttp().getRequest<RequestWithClient>().client;
    if (!client) throw new AppError('UNAUTHORIZED');
    await this.limiter.take(client.id);
    return true;
  }
}
