import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { toAppError } from './to-app-error';

describe('toAppError', () => {
  it('keeps an AppError as it is', () => {
    const error = new AppError('NO_FACE');
    expect(toAppError(error)).toBe(error);
  });

  it('maps body-parser failures to client errors', () => {
    expect(toAppError(Object.assign(new Error('too big'), { type: 'entity.too.large' })).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toAppError(Object.assign(new SyntaxError('bad'), { type: 'entity.parse.failed' })).code).toBe('MALFORMED_JSON');
  });

  it('maps framework HTTP errors by status and hides unknown faults as INTERNAL_ERROR', () => {
    expect(toAppError(new PayloadTooLargeException()).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toAppError(new NotFoundException()).code).toBe('ENDPOINT_NOT_FOUND');
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL_ERROR');
  });
});
