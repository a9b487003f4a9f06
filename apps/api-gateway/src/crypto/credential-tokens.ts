import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62 * 4: bytes at or above it are skipped so every character stays equally likely. */
const UNBIASED_LIMIT = 248;
const SECRET_BYTES = 32;
/** Stored next to an API key's hash so an operator can tell keys apart; 12 = the column width. */
const API_KEY_PREFIX_LENGTH = 12;

/** Public client identifier: cl_ and 22 base62 characters (131 random bits). */
export function newClientId(): string {
  return `cl_${randomBase62(22)}`;
}

export function newClientSecret(): string {
  return `cs_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function newApiKey(): string {
  return `ak_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function newAccessToken(): string {
  return `at_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function apiKeyPrefix(apiKey: string): string {
  return apiKey.slice(0, API_KEY_PREFIX_LENGTH);
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
