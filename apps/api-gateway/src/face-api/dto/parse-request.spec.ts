import { AppError } from '@bio/contracts';
import { parseRequest } from './parse-request';
import { enrollFaceRequest, optionalGalleryRequest } from './requests';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

const valid = { user_id: 'risetai1234', user_name: 'RisetAi Username1', image: 'abcd' };

describe('parseRequest', () => {
  it('accepts the seed example and defaults force_register to false', () => {
    expect(parseRequest(enrollFaceRequest, valid)).toMatchObject({ ...valid, force_register: false });
  });

  it('refuses a 121-character id with FIELD_TOO_LONG and accepts 120', () => {
    expect(parseRequest(enrollFaceRequest, { ...valid, user_id: 'a'.repeat(120) }).user_id).toHaveLength(120);
    const error = errorOf(() => parseRequest(enrollFaceRequest, { ...valid, user_id: 'a'.repeat(121) }));
    expect(error.code).toBe('FIELD_TOO_LONG');
    expect(error.status).toBe(400);
  });

  it('refuses wrong types and missing fields with VALIDATION_FAILED naming the field', () => {
    const error = errorOf(() => parseRequest(enrollFaceRequest, { ...valid, image: 123, user_name: undefined }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/image/);
    expect(error.message).toMatch(/user_name/);
  });

  it('takes GET parameters from the query, the body winning', () => {
    expect(parseRequest(optionalGalleryRequest, { facegallery_id: 'body' }, { facegallery_id: 'query', trx_id: 't1' })).toEqual({
      facegallery_id: 'body',
      trx_id: 't1',
    });
  });

  it('refuses gallery ids with characters outside the documented set', () => {
    expect(errorOf(() => parseRequest(optionalGalleryRequest, { facegallery_id: 'a b/c' })).code).toBe('VALIDATION_FAILED');
  });
});
