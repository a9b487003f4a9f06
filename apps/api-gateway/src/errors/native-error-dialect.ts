import type { AppError } from '@bio/contracts';
import type { ErrorDialect } from './error-dialect';

/**
 * The face-gallery API's envelope (seed 000): the HTTP status equals the body's `status`
 * string, and a stable machine code rides along. Also used by /admin, /oauth and unknown paths.
 */
export const nativeErrorDialect: ErrorDialect = {
  name: 'native',
  prefixes: ['/face-api', '/admin', '/oauth'],
  render(error: AppError) {
    const body: Record<string, unknown> = {
      status: String(error.status),
      status_message: error.message,
      error_code: error.code,
    };
    if (error.details) body.details = error.details;
    return { status: error.status, body };
  },
};
