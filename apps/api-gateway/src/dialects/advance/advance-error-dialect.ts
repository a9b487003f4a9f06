import type { AppError } from '@bio/contracts';
import type { ErrorDialect } from '../../errors/error-dialect';
import { advanceOutcome } from './advance-codes';
import { newTransactionId, type AdvanceEnvelope } from './advance-envelope';

export const ADVANCE_PREFIXES = ['/openapi/'] as const;

/** What RETRY_LATER suggests: a worker stage or Redis is down, which takes a while to come back. */
const RETRY_LATER_SECONDS = 10;

/**
 * The vendor answers its documented codes with HTTP 200 and the outcome in `code`; only
 * SERVICE_BUSY is a 429 (API-CONVENTIONS.md). The specific reason, where the document's
 * fixed message hides it, goes in `extra`.
 */
export const advanceErrorDialect: ErrorDialect = {
  name: 'advance',
  prefixes: ADVANCE_PREFIXES,
  render(error: AppError, locals: Record<string, unknown>) {
    const outcome = advanceOutcome(error);
    const transactionId = typeof locals.trxId === 'string' ? locals.trxId : newTransactionId();
    const body: AdvanceEnvelope<never> = {
      code: outcome.code,
      message: outcome.code === 'PARAMETER_ERROR' ? error.message : outcome.message,
      data: null,
      extra: outcome.code === 'PARAMETER_ERROR' || error.message === outcome.message ? null : error.message,
      transactionId,
      pricingStrategy: outcome.pricingStrategy,
    };
    const headers = retryAfter(error, outcome.code);
    return { status: outcome.code === 'SERVICE_BUSY' ? 429 : 200, body, outcome: outcome.code, ...(headers && { headers }) };
  },
};

function retryAfter(error: AppError, code: string): Record<string, string> | undefined {
  if (code === 'SERVICE_BUSY') return { 'Retry-After': String(error.details?.retryAfterSeconds ?? 1) };
  if (code === 'RETRY_LATER') return { 'Retry-After': String(RETRY_LATER_SECONDS) };
  return undefined;
}
