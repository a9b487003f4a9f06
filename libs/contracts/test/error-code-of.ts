import { AppError, type ErrorCode } from '../src';

/** The AppError code a call throws (or rejects with), or undefined when it succeeds. */
export function errorCodeOf(fn: () => unknown): ErrorCode | undefined;
export function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode | undefined>;
export function errorCodeOf(call: (() => unknown) | Promise<unknown>): ErrorCode | undefined | Promise<ErrorCode | undefined> {
  const codeOf = (e: unknown) => {
    if (e instanceof AppError) return e.code;
    throw e;
  };
  if (typeof call !== 'function') return call.then(() => undefined, codeOf);
  try {
    call();
  } catch (e) {
    return codeOf(e);
  }
  return undefined;
}
