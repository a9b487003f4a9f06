import { HttpException } from '@nestjs/common';
import { AppError, isErrorCode } from '@bio/contracts';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** Normalises anything thrown during a request into the one error model. */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppError) return thrown;
  const parserError = thrown as BodyParserError | undefined;
  // body-parser errors carry a `type`; they are the client's fault, never a 500.
  switch (parserError?.type) {
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.size.invalid':
    case 'request.aborted':
      return new AppError('VALIDATION_FAILED', `Unreadable request body (${parserError.type})`);
  }
  if (thrown instanceof HttpException) return fromHttpException(thrown);
  return new AppError('INTERNAL_ERROR');
}

function fromHttpException(error: HttpException): AppError {
  const status = error.getStatus();
  const response = error.getResponse() as { error_code?: unknown } | string;
  if (typeof response === 'object' && isErrorCode(response.error_code)) return new AppError(response.error_code);
  if (status === 404) return new AppError('ENDPOINT_NOT_FOUND');
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 401) return new AppError('UNAUTHORIZED');
  if (status === 403) return new AppError('FORBIDDEN');
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', error.message);
  return new AppError('INTERNAL_ERROR');
}
