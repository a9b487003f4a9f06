import { AppError } from '@bio/contracts';
import { isValidSignature, parseTokenRequest } from './token-request';

const NOW = 1_665_993_522_952;

function refusal(body: unknown): string {
  try {
    parseTokenRequest(body, NOW);
  } catch (err) {
    return (err as AppError).message;
  }
  throw new Error('accepted');
}

describe('ADVANCE token request', () => {
  it('checks the signature against the document\'s own worked example', () => {
    const request = parseTokenRequest({ accessKey: 'sampleaccesskey', timestamp: 1_665_993_522_952, signature: '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5' }, NOW);
    expect(isValidSignature(request, 'samplesecretkey')).toBe(true);
    expect(isValidSignature({ ...request, signature: request.signature.toUpperCase() }, 'samplesecretkey')).toBe(true);
    expect(isValidSignature(request, 'othersecretkey')).toBe(false);
    expect(isValidSignature({ ...request, timestamp: '1665993522953' }, 'samplesecretkey')).toBe(false);
  });

  it('takes timestamp and periodSecond as strings or numbers, periodSecond defaulting to 3600', () => {
    const base = { accessKey: 'a', signature: 's' };
    expect(parseTokenRequest({ ...base, timestamp: String(NOW) }, NOW).periodSecond).toBe(3600);
    expect(parseTokenRequest({ ...base, timestamp: NOW, periodSecond: '120' }, NOW).periodSecond).toBe(120);
    expect(parseTokenRequest({ ...base, timestamp: NOW, periodSecond: 86_400 }, NOW).periodSecond).toBe(86_400);
  });

  it('refuses with the document\'s messages', () => {
    expect(refusal({ accessKey: 'a', timestamp: NOW })).toBe('Parameter should not be empty');
    expect(refusal(null)).toBe('Parameter should not be empty');
    expect(refusal({ accessKey: 'a', signature: 's', timestamp: NOW - 300_001 })).toBe('Timestamp error');
    expect(refusal({ accessKey: 'a', signature: 's', timestamp: NOW + 300_001 })).toBe('Timestamp error');
    expect(refusal({ accessKey: 'a', signature: 's', timestamp: Math.floor(NOW / 1000) })).toBe('Timestamp error');
    for (const periodSecond of [59, 86_401, '1.5', 'abc', -60]) {
      expect(refusal({ accessKey: 'a', signature: 's', timestamp: NOW, periodSecond })).toMatch(/periodSecond/);
    }
  });
});
