import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../config/env.provider';
import { constantTimeEqual } from '../crypto/hashing';

/** `x-admin-key` must equal ADMIN_API_KEY; without that variable the admin API is closed to everyone. */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(@Inject(ENV) private readonly env: Env) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.env.ADMIN_API_KEY;
    if (!expected) throw new AppError('FORBIDDEN', 'The admin API is disabled: ADMIN_API_KEY is not set');
    const given = context.switchToHttp().getRequest<Request>().headers['x-admin-key'];
    if (typeof given !== 'string' || !constantTimeEqual(given, expected)) {
      throw new AppError('UNAUTHORIZED', 'Missing or wrong x-admin-key');
    }
    return true;
  }
}
