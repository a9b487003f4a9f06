import { Injectable } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { TransactionRepository } from '@bio/db';
import { sha256Hex } from '../crypto/hashing';
import { canonicalJson } from './canonical-json';

/** How a call with a trx_id may go on: do the work, or answer what the first call answered. */
export type TrxStart = { state: 'new' } | { state: 'replay'; httpStatus: number; body: unknown };

/**
 * trx_id idempotency per client: the same trx_id with the same request is answered once and
 * replayed after; with a different request it is refused.
 */
@Injectable()
export class TrxService {
  constructor(private readonly transactions: TransactionRepository) {}

  /** What "the same request" means: the endpoint and the body, key order ignored. */
  requestHash(endpoint: string, body: unknown): string {
    return sha256Hex(`${endpoint}\n${canonicalJson(body)}`);
  }

  async begin(clientId: string, trxId: string, endpoint: string, body: unknown): Promise<TrxStart> {
    const begun = await this.transactions.begin(clientId, trxId, this.requestHash(endpoint, body));
    switch (begun.state) {
      case 'new':
      case 'replay':
        return begun;
      case 'conflict':
        throw new AppError('DUPLICATE_TRX_ID', `trx_id ${trxId} was already used with a different request`);
      case 'pending':
        throw new AppError('TRX_IN_PROGRESS', `A request with trx_id ${trxId} is still being processed`);
    }
  }

  async complete(clientId: string, trxId: string, httpStatus: number, body: unknown): Promise<void> {
    await this.transactions.complete(clientId, trxId, httpStatus, body);
  }

  async abandon(clientId: string, trxId: string): Promise<void> {
    await this.transactions.abandon(clientId, trxId);
  }
}
