/** Prefixes callers put before the token; the seed itself shows `oauth <token>`. */
const SCHEME = /^(?:bearer|oauth)(?:\s+|$)/i;

/** The bare token from an `Accesstoken` header value, or undefined when there is none. */
export function tokenFromHeader(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const token = raw?.trim().replace(SCHEME, '').trim();
  return token ? token : undefined;
}
