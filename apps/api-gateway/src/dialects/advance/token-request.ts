import { AppError } from '@bio/contracts';
import { constantTimeEqual, sha256Hex } from '../../crypto/hashing';

/** How far the token request's timestamp may be from our clock (the document suggests ±300 s). */
export const TIMESTAMP_TOLERANCE_MS = 300_000;
export const PERIOD_SECONDS = { min: 60, max: 86_400, default: 3600 } as const;

export interface TokenRequest {
  accessKey: string;
  signature: string;
  /** As sent: the signature covers these exact 13 digits. */
  timestamp: string;
  periodSecond: number;
}

/** The document's wording for each refusal of PARAMETER_ERROR. */
const EMPTY = 'Parameter should not be empty';
const TIMESTAMP = 'Timestamp error';
export const SIGNATURE_ERROR = 'Signature error';

/** The document types these as strings but its own sample sends numbers: both are taken. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

/** Reads a generate-token body; refusals are PARAMETER_ERROR with the document's messages. */
export function parseTokenRequest(body: unknown, now = Date.now()): TokenRequest {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const [accessKey, signature, timestamp] = [scalar(fields.accessKey), scalar(fields.signature), scalar(fields.timestamp)];
  if (!accessKey || !signature || !timestamp) throw new AppError('VALIDATION_FAILED', EMPTY);
  if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TIMESTAMP_TOLERANCE_MS) {
    throw new AppError('VALIDATION_FAILED', TIMESTAMP);
  }
  return { accessKey, signature, timestamp, periodSecond: periodSecond(fields.periodSecond) };
}

function periodSecond(value: unknown): number {
  if (value === undefined || value === null || value === '') return PERIOD_SECONDS.default;
  const text = scalar(value);
  const seconds = text && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= PERIOD_SECONDS.min && seconds <= PERIOD_SECONDS.max)) {
    throw new AppError('VALIDATION_FAILED', `periodSecond should be an integer between ${PERIOD_SECONDS.min} and ${PERIOD_SECONDS.max}`);
  }
  return seconds;
}

/** SHA-256 of accessKey + secretKey + timestamp, in hex; the document shows lower case, upper case is taken too. */
export function isValidSignature(request: TokenRequest, secretKey: string): boolean {
  const expected = sha256Hex(`${request.accessKey}${secretKey}${request.timestamp}`);
  return constantTimeEqual(expected, request.signature.toLowerCase());
}
