import { apiKeyPrefix, newAccessToken, newApiKey, newClientId, newClientSecret } from './credential-tokens';
import { constantTimeEqual, sha256Hex } from './hashing';

describe('credential tokens', () => {
  it('makes client ids of cl_ and 22 base62 characters', () => {
    const ids = Array.from({ length: 200 }, newClientId);
    for (const id of ids) expect(id).toMatch(/^cl_[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every base62 character', () => {
    const seen = new Set(Array.from({ length: 300 }, newClientId).join('').slice(3));
    expect(seen.size).toBeGreaterThan(60);
  });

  it('makes secrets, API keys and access tokens of 32 random bytes in base64url', () => {
    expect(newClientSecret()).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(newApiKey()).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
    expect(newAccessToken()).toMatch(/^at_[A-Za-z0-9_-]{43}$/);
    expect(newApiKey()).not.toBe(newApiKey());
  });

  it('keeps 12 characters of an API key as its visible prefix', () => {
    const key = newApiKey();
    expect(apiKeyPrefix(key)).toBe(key.slice(0, 12));
  });
});

describe('hashing', () => {
  it('hashes to 64 hex characters', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares in constant time, whatever the lengths', () => {
    expect(constantTimeEqual('secret', 'secret')).toBe(true);
    expect(constantTimeEqual('secret', 'secreT')).toBe(false);
    expect(constantTimeEqual('secret', 'secret-but-longer')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
