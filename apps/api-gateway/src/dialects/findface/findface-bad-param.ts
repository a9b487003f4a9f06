import { AppError } from '@bio/contracts';

/** A refusal the FindFace-style API reports as BAD_PARAM, naming the parameter and the value given. */
export function badParam(param: string, value: unknown, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', reason, { param, value });
}
