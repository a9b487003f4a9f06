import { randomBytes } from 'node:crypto';
import type { PricingStrategy } from './advance-codes';

/** Every ADVANCE answer, success or not. */
export interface AdvanceEnvelope<D> {
  code: string;
  message: string;
  data: D | null;
  extra: string | null;
  transactionId: string;
  pricingStrategy: PricingStrategy;
}

/** 16 hex digits like the document's examples (it allows up to 64). */
export function newTransactionId(): string {
  return randomBytes(8).toString('hex');
}

export function advanceSuccess<D>(data: D, transactionId: string, pricingStrategy: PricingStrategy): AdvanceEnvelope<D> {
  return { code: 'SUCCESS', message: 'OK', data, extra: null, transactionId, pricingStrategy };
}
