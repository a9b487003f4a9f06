import { tokenFromHeader } from './access-token-header';

describe('tokenFromHeader', () => {
  it('takes the bare token, or one after a Bearer or oauth prefix in any case', () => {
    expect(tokenFromHeader('at_abc')).toBe('at_abc');
    expect(tokenFromHeader('Bearer at_abc')).toBe('at_abc');
    expect(tokenFromHeader('oauth at_abc')).toBe('at_abc');
    expect(tokenFromHeader('OAUTH   at_abc ')).toBe('at_abc');
    expect(tokenFromHeader(['bearer at_abc', 'other'])).toBe('at_abc');
  });

  it('finds nothing in a missing or empty header', () => {
    expect(tokenFromHeader(undefined)).toBeUndefined();
    expect(tokenFromHeader('')).toBeUndefined();
    expect(tokenFromHeader('Bearer ')).toBeUndefined();
  });
});
