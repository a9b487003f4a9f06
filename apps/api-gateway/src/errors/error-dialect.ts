import type { AppError } from '@bio/contracts';
import { nativeErrorDialect } from './native-error-dialect';

/** How one API dialect puts an AppError on the wire. Each dialect module registers one. */
export interface ErrorDialect {
  /** Recorded in the usage ledger. */
  readonly name: string;
  /** Path prefixes this dialect serves, e.g. "/face-api". */
  readonly prefixes: readonly string[];
  /** `locals` are the response's (e.g. the trx_id a dialect echoes); `outcome` replaces the error code in the usage ledger. */
  render(error: AppError, locals: Record<string, unknown>): { status: number; body: unknown; headers?: Record<string, string>; outcome?: string };
}

export const ERROR_DIALECTS = Symbol('ERROR_DIALECTS');

/** The dialect owning a path; the native envelope for everything else. */
export function dialectForPath(dialects: readonly ErrorDialect[], path: string): ErrorDialect {
  return dialects.find((d) => d.prefixes.some((prefix) => path.startsWith(prefix))) ?? nativeErrorDialect;
}
