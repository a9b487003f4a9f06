import type { AppError } from '@bio/contracts';
import type { ErrorDialect } from '../../errors/error-dialect';

/** Seed 001's paths; "/face/" with its slash, so the native "/face-api" stays native. */
export const PERSE_PREFIXES = ['/face/', '/enrollment/', '/voice/'] as const;

/**
 * Seed 001 answers errors with their HTTP status (400, 401, 415, 422 as documented) and
 * names its codes in lower case (`image_underexposed`); every code of the one error model
 * is given that way.
 */
export const perseErrorDialect: ErrorDialect = {
  name: 'perse',
  prefixes: PERSE_PREFIXES,
  render(error: AppError) {
    const body: Record<string, unknown> = { code: error.code.toLowerCase(), message: error.message };
    if (error.details) body.details = error.details;
    return { status: error.status, body };
  },
};
