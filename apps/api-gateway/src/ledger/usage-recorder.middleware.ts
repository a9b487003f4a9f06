import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UsageService } from '../usage/usage.service';
import { ERROR_DIALECTS, dialectForPath, type ErrorDialect } from '../errors/error-dialect';

interface ClientBearingRequest extends Request {
  client?: { id: string };
}

/**
 * Writes exactly one usage record per API call, once the response is sent, whatever path
 * it took: success, refusal in a guard, validation error or replay. Handlers mark billable
 * success and replays in res.locals; the error filter puts the error code there.
 */
@Injectable()
export class UsageRecorderMiddleware implements NestMiddleware {
  constructor(
    private readonly usage: UsageService,
    @Inject(ERROR_DIALECTS) private readonly dialects: ErrorDialect[],
  ) {}

  use(req: ClientBearingRequest, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const locals = res.locals as { outcome?: string; billable?: boolean; trxId?: string; consent?: boolean };
      void this.usage.record({
        clientId: req.client?.id,
        trxId: locals.trxId,
        dialect: dialectForPath(this.dialects, req.path).name,
        endpoint: `${req.method} ${req.path}`.slice(0, 200),
        httpStatus: res.statusCode,
        outcome: locals.outcome ?? (res.statusCode < 400 ? 'OK' : `HTTP_${res.statusCode}`),
        billable: locals.billable === true,
        consent: locals.consent,
        latencyMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  }
}
