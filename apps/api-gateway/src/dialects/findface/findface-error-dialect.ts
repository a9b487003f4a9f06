import type { AppError, ErrorCode } from '@bio/contracts';
import type { ErrorDialect } from '../../errors/error-dialect';

/** The FindFace-style API's paths. */
export const FINDFACE_PREFIXES = ['/v1/'] as const;

/** Our codes that the reference's common codes cover; the others keep their own code on the wire. */
const COMMON_CODES: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED: 'AUTH_FAILED',
  TOKEN_EXPIRED: 'AUTH_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  VALIDATION_FAILED: 'BAD_PARAM',
  FIELD_TOO_LONG: 'BAD_PARAM',
  MISSING_PARAMETER: 'BAD_PARAM',
  INVALID_BASE64: 'BAD_PARAM',
  IMAGE_DECODE_FAILED: 'BAD_PARAM',
  UNSUPPORTED_IMAGE_FORMAT: 'BAD_PARAM',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_PARAM',
  IMAGE_TOO_LARGE: 'BAD_PARAM',
  IMAGE_TOO_SMALL: 'BAD_PARAM',
  PAYLOAD_TOO_LARGE: 'BAD_PARAM',
  NO_FACE: 'BAD_PARAM',
  FACE_TOO_SMALL: 'BAD_PARAM',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  WORKER_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  WORKER_TIMEOUT: 'SERVICE_UNAVAILABLE',
};

/** Image refusals name the photo parameter they came from; a request with one photo calls it `photo`. */
const PHOTO_CODES = new Set<ErrorCode>(['INVALID_BASE64', 'IMAGE_DECODE_FAILED', 'UNSUPPORTED_IMAGE_FORMAT', 'IMAGE_TOO_LARGE', 'IMAGE_TOO_SMALL', 'NO_FACE', 'FACE_TOO_SMALL']);

function firstIssuePath(error: AppError): string | undefined {
  const issues = error.details?.issues;
  const path = Array.isArray(issues) ? (issues[0] as { path?: unknown } | undefined)?.path : undefined;
  return typeof path === 'string' && path ? path : undefined;
}

function paramOf(error: AppError): string | undefined {
  const param = error.details?.param;
  if (typeof param === 'string') return param;
  return firstIssuePath(error) ?? (PHOTO_CODES.has(error.code) ? 'photo' : undefined);
}

/**
 * `{code, reason, param?, value?}` with a status other than 200, as the reference's error
 * reporting says. BAD_PARAM stays 400 whatever our status was (413, 415, 422), so a client
 * written for the vendor sees the status it expects; infrastructure faults answer 503.
 */
export const findfaceErrorDialect: ErrorDialect = {
  name: 'findface',
  prefixes: FINDFACE_PREFIXES,
  render(error: AppError) {
    const code = COMMON_CODES[error.code] ?? error.code;
    const status = code === 'BAD_PARAM' || code === 'MALFORMED_JSON' ? 400 : code === 'SERVICE_UNAVAILABLE' ? 503 : error.status;
    const body: Record<string, unknown> = { code, reason: error.message };
    if (code === 'BAD_PARAM') {
      const param = paramOf(error);
      if (param) body.param = param;
      if (error.details && 'value' in error.details) body.value = error.details.value;
    }
    if (Array.isArray(error.details?.faces)) body.faces = error.details.faces;
    return { status, body };
  },
};
