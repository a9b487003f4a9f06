import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { QuotaService } from '../quota/quota.service';
import { TrxService } from '../transactions/trx.service';

export interface MeteredCall {
  clientId: string;
  endpoint: string;
  /** The validated request; its trx_id, when present, makes the call idempotent. */
  input: { trx_id?: string | undefined };
  /** Billable calls spend one API hit when they succeed (and when they fail as `chargedFailure` says). */
  billable: boolean;
  /** Failures a dialect's price list still charges (ADVANCE bills NO_FACE_DETECTED_* as PAY); none by default. */
  chargedFailure?: (error: unknown) => boolean;
  response: Response;
}

/**
 * The rules every API call shares, whatever its dialect: trx_id replay, the API-hit quota
 * (reserved before the work so concurrent calls cannot overspend, handed back when the call
 * fails) and what the usage ledger records about the outcome. `work` returns the dialect's
 * whole success body, which is what a replay answers.
 */
@Injectable()
export class MeteredCallService {
  constructor(
    private readonly quota: QuotaService,
    private readonly trx: TrxService,
  ) {}

  async run<B>(call: MeteredCall, work: () => Promise<B>): Promise<B> {
    const { clientId, response } = call;
    const trxId = call.input.trx_id;
    if (trxId) {
      // Only when given: a dialect may already have put its own request id there (ADVANCE's transactionId).
      response.locals.trxId = trxId;
      const begun = await this.trx.begin(clientId, trxId, call.endpoint, call.input);
      if (begun.state === 'replay') {
        response.locals.outcome = 'REPLAY';
        return begun.body as B;
      }
    }
    let reserved = false;
    try {
      if (call.billable) {
        await this.quota.reserve(clientId, 'apiHits');
        reserved = true;
      }
      const body = await work();
      if (trxId) await this.trx.complete(clientId, trxId, 200, body);
      response.locals.billable = call.billable;
      return body;
    } catch (err) {
      if (reserved && call.chargedFailure?.(err)) response.locals.billable = true;
      else if (reserved) await this.quota.release(clientId, 'apiHits');
      if (trxId) await this.trx.abandon(clientId, trxId);
      throw err;
    }
  }
}
