import { faceDetectResult, matchPayload } from './jobs';

describe('job contracts', () => {
  it('accepts a worker error result with a known code', () => {
    const parsed = faceDetectResult.parse({ ok: false, error: { code: 'NO_FACE', message: 'none' } });
    expect(parsed.ok).toBe(false);
  });

  it('rejects an error result with an unknown code', () => {
    expect(() => faceDetectResult.parse({ ok: false, error: { code: 'NOPE', message: 'x' } })).toThrow();
  });

  it('fills identify defaults', () => {
    const parsed = matchPayload.parse({
      op: 'identify', requestId: 'r', embeddingKey: 'blob:e:1', modelId: 'm',
      galleryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(parsed).toMatchObject({ topK: 5, minSeq: 0 });
  });
});
