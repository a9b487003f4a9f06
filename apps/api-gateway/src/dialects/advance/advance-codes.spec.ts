import { AppError } from '@bio/contracts';
import { advanceOutcome, isChargedFailure } from './advance-codes';
import { advanceErrorDialect } from './advance-error-dialect';

describe('ADVANCE codes', () => {
  it('prices the face verdicts PAY, naming the image, and every other refusal FREE', () => {
    expect(advanceOutcome(new AppError('NO_FACE', undefined, { image: 'second' }))).toMatchObject({ code: 'NO_FACE_DETECTED_FROM_SECOND_IMAGE', pricingStrategy: 'PAY' });
    expect(advanceOutcome(new AppError('IMAGE_UNDEREXPOSED', undefined, { image: 'first' }))).toMatchObject({ code: 'FIRST_IMAGE_LOW_QUALITY_FACE', pricingStrategy: 'PAY' });
    const free: Array<[ConstructorParameters<typeof AppError>[0], string]> = [
      ['IMAGE_TOO_SMALL', 'IMAGE_INVALID_SIZE'],
      ['IMAGE_TOO_LARGE', 'IMAGE_INVALID_SIZE'],
      ['UNSUPPORTED_IMAGE_FORMAT', 'IMAGE_INVALID_FORMAT'],
      ['MISSING_PARAMETER', 'EMPTY_PARAMETER_ERROR'],
      ['VALIDATION_FAILED', 'PARAMETER_ERROR'],
      ['TOKEN_EXPIRED', 'IAM_FAILED'],
      ['QUOTA_EXCEEDED', 'OVER_QUERY_LIMIT'],
      ['RATE_LIMITED', 'SERVICE_BUSY'],
      ['WORKER_TIMEOUT', 'RETRY_LATER'],
      ['INTERNAL_ERROR', 'ERROR'],
    ];
    for (const [internal, code] of free) {
      expect(advanceOutcome(new AppError(internal))).toMatchObject({ code, pricingStrategy: 'FREE' });
      expect(isChargedFailure(new AppError(internal))).toBe(false);
    }
    expect(isChargedFailure(new AppError('NO_FACE'))).toBe(true);
    expect(isChargedFailure(new Error('not ours'))).toBe(false);
  });

  it('renders HTTP 200 with the request\'s transactionId, 429 and Retry-After only for SERVICE_BUSY', () => {
    const refused = advanceErrorDialect.render(new AppError('VALIDATION_FAILED', 'Signature error'), { trxId: 'abc' });
    expect(refused).toMatchObject({ status: 200, outcome: 'PARAMETER_ERROR', body: { code: 'PARAMETER_ERROR', message: 'Signature error', transactionId: 'abc', pricingStrategy: 'FREE', data: null, extra: null } });
    const busy = advanceErrorDialect.render(new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: 3 }), {});
    expect(busy).toMatchObject({ status: 429, headers: { 'Retry-After': '3' }, body: { code: 'SERVICE_BUSY' } });
  });
});
