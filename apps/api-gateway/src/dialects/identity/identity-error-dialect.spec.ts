import { AppError } from '@bio/contracts';
import { identityErrorDialect } from './identity-error-dialect';

const render = (error: AppError) => identityErrorDialect.render(error, {});
const type400 = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/400';

describe('identityErrorDialect', () => {
  it('renders a duplicate user id and a faceless image exactly as the document does', () => {
    for (const [code, text] of [
      ['USER_EXISTS', 'provided userId already exists'],
      ['NO_FACE', 'no face detected in the provided image'],
    ] as const) {
      expect(render(new AppError(code))).toEqual({
        status: 400,
        body: { status: 400, title: 'Bad Request', detail: 'Invalid request.', type: type400, errors: [text] },
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
  });

  it('renders an unknown user as the documented 404, without errors', () => {
    expect(render(new AppError('USER_NOT_FOUND')).body).toEqual({
      status: 404,
      title: 'Not Found',
      detail: 'Server cannot find the requested resource.',
      type: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404',
    });
  });

  it('answers other refusals of the request or its image with 400 and says why', () => {
    const tooSmall = render(new AppError('FACE_TOO_SMALL', 'Face is 30 px; at least 50x50 px is required'));
    expect(tooSmall).toMatchObject({ status: 400, body: { status: 400, errors: ['face is 30 px; at least 50x50 px is required'] } });
    expect(render(new AppError('UNSUPPORTED_IMAGE_FORMAT')).status).toBe(400);
    expect(render(new AppError('IMAGE_TOO_LARGE')).status).toBe(400);
    const invalid = render(new AppError('VALIDATION_FAILED', 'x', { issues: [{ path: 'threshold', code: 'too_big', message: 'Too big' }] }));
    expect(invalid.body).toMatchObject({ errors: ['threshold: Too big'] });
  });

  it('keeps the status of auth failures, an oversized body, quota and unavailable services', () => {
    for (const [code, status, title] of [
      ['UNAUTHORIZED', 401, 'Unauthorized'],
      ['PAYLOAD_TOO_LARGE', 413, 'Payload Too Large'],
      ['QUOTA_EXCEEDED', 429, 'Too Many Requests'],
      ['WORKER_UNAVAILABLE', 503, 'Service Unavailable'],
    ] as const) {
      expect(render(new AppError(code)).body).toMatchObject({ status, title, type: `https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}` });
    }
  });
});
