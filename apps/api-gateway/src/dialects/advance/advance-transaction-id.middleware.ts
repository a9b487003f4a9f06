import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { newTransactionId } from './advance-envelope';

/**
 * Gives every ADVANCE request its transactionId before any guard can refuse it, so the
 * answer and the usage ledger's trx_id are the same id.
 */
@Injectable()
export class AdvanceTransactionIdMiddleware implements NestMiddleware {
  use(_req: Request, res: Response, next: NextFunction): void {
    res.locals.trxId = newTransactionId();
    next();
  }
}
