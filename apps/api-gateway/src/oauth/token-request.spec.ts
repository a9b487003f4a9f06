import { errorCodeOf } from '../../../../libs/contracts/test/error-code-of';
import { clientCredentials } from './token-request';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('clientCredentials', () => {
  const grant = { grant_type: 'client_credentials' };

  it('reads them from the body', () => {
    expect(clientCredentials({ ...grant, client_id: 'cl_a', client_secret: 's' }, undefined)).toEqual({ clientId: 'cl_a', clientSecret: 's' });
  });

  it('reads HTTP Basic, form-decoding both parts, and lets a secret contain colons', () => {
    expect(clientCredentials(grant, basic('cl_a', 'cs_x:y'))).toEqual({ clientId: 'cl_a', clientSecret: 'cs_x:y' });
    expect(clientCredentials(grant, basic('cl%5Fa', 'a%2Bb+c'))).toEqual({ clientId: 'cl_a', clientSecret: 'a+b c' });
    expect(clientCredentials(grant, basic('cl_a', '100%'))).toEqual({ clientId: 'cl_a', clientSecret: '100%' });
  });

  it('accepts the same client in both places, refuses two different ones', () => {
    expect(clientCredentials({ ...grant, client_id: 'cl_a' }, basic('cl_a', 's'))).toEqual({ clientId: 'cl_a', clientSecret: 's' });
    expect(errorCodeOf(() => clientCredentials({ ...grant, client_id: 'cl_b' }, basic('cl_a', 's')))).toBe('INVALID_CLIENT');
  });

  it('calls missing or malformed credentials INVALID_CLIENT', () => {
    expect(errorCodeOf(() => clientCredentials({ ...grant, client_id: 'cl_a' }, undefined))).toBe('INVALID_CLIENT');
    expect(errorCodeOf(() => clientCredentials(grant, undefined))).toBe('INVALID_CLIENT');
    expect(errorCodeOf(() => clientCredentials(grant, `Basic ${Buffer.from('no-colon').toString('base64')}`))).toBe('INVALID_CLIENT');
  });

  it('ignores other authorization schemes', () => {
    expect(clientCredentials({ ...grant, client_id: 'cl_a', client_secret: 's' }, 'Bearer abc')).toEqual({ clientId: 'cl_a', clientSecret: 's' });
  });
});
