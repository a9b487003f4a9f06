import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys and access tokens carry 256 random bits, so a plain SHA-256 is enough to store
 * them: there is nothing to brute-force that a slow password hash would protect.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares secrets without leaking, through timing, how much of them matched or their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
