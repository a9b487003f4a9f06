import { errorCodeOf } from '../../../../../libs/contracts/test/error-code-of';
import { parseWithSchema } from '../../validation/parse-with-schema';
import { compareRequest, requireConsent, userTokenParam } from './perse-requests';

describe('seed 001 requests', () => {
  it('accepts user_token as a string or a number and answers a string', () => {
    expect(parseWithSchema(userTokenParam, { user_token: '123456789012345' }).user_token).toBe('123456789012345');
    expect(parseWithSchema(compareRequest, { user_token: 42 }).user_token).toBe('42');
  });

  it('refuses a user_token that is not 1 to 15 digits', () => {
    expect(errorCodeOf(() => parseWithSchema(userTokenParam, { user_token: 'abc' }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => parseWithSchema(userTokenParam, { user_token: '1'.repeat(16) }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => parseWithSchema(userTokenParam, { user_token: -1 }))).toBe('VALIDATION_FAILED');
  });

  it('takes the consent flag from form text and requires it to be true', () => {
    const declared = parseWithSchema(compareRequest, { client_declaration_enduser_consent: 'true' });
    expect(() => requireConsent(declared)).not.toThrow();
    expect(errorCodeOf(() => requireConsent(parseWithSchema(compareRequest, { client_declaration_enduser_consent: 'false' })))).toBe(
      'CONSENT_REQUIRED',
    );
    expect(errorCodeOf(() => requireConsent(parseWithSchema(compareRequest, {})))).toBe('CONSENT_REQUIRED');
  });
});
