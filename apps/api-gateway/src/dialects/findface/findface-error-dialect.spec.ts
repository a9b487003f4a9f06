import { AppError } from '@bio/contracts';
import { badParam } from './findface-bad-param';
import { findfaceErrorDialect } from './findface-error-dialect';

const render = (error: AppError) => findfaceErrorDialect.render(error, {});

describe('FindFace-style errors: {code, reason, param?, value?} with a status other than 200', () => {
  it('maps credentials failures to AUTH_FAILED 401', () => {
    expect(render(new AppError('UNAUTHORIZED', 'Authorization: Token <key> is required'))).toEqual({
      status: 401,
      body: { code: 'AUTH_FAILED', reason: 'Authorization: Token <key> is required' },
    });
  });

  it('reports a bad parameter as BAD_PARAM 400 with param and value', () => {
    expect(render(badParam('threshold', 'lenient', 'threshold: Invalid input'))).toEqual({
      status: 400,
      body: { code: 'BAD_PARAM', reason: 'threshold: Invalid input', param: 'threshold', value: 'lenient' },
    });
  });

  it('keeps 400 for image refusals whatever our own status, naming photo', () => {
    expect(render(new AppError('UNSUPPORTED_IMAGE_FORMAT', 'photo is not a JPEG, PNG or WEBP image'))).toEqual({
      status: 400,
      body: { code: 'BAD_PARAM', reason: 'photo is not a JPEG, PNG or WEBP image', param: 'photo' },
    });
  });

  it('answers MALFORMED_JSON 400 and SERVICE_UNAVAILABLE 503 for a missing worker', () => {
    expect(render(new AppError('MALFORMED_JSON')).body).toEqual({ code: 'MALFORMED_JSON', reason: 'Malformed JSON body' });
    expect(render(new AppError('WORKER_UNAVAILABLE'))).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('keeps our own code and status for what the reference has no common code for', () => {
    expect(render(new AppError('GALLERY_NOT_FOUND'))).toEqual({ status: 404, body: { code: 'GALLERY_NOT_FOUND', reason: 'Face gallery not found' } });
  });
});
