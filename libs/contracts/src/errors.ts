/**
 * The one error model of the platform. Services throw AppError with a stable code;
 * each API dialect maps the code to its own wire form at the edge.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: 'Request validation failed' },
  MALFORMED_JSON: { status: 400, message: 'Malformed JSON body' },
  FIELD_TOO_LONG: { status: 400, message: 'Field exceeds its maximum length' },
  INVALID_BASE64: { status: 400, message: 'Image is not valid base64' },
  IMAGE_DECODE_FAILED: { status: 400, message: 'Image could not be decoded (corrupt or truncated file)' },
  UNSUPPORTED_IMAGE_FORMAT: { status: 415, message: 'Unsupported image format' },
  AUDIO_UNSUPPORTED_FORMAT: { status: 415, message: 'Unsupported audio format (WAV PCM/float or Ogg Vorbis/Opus expected)' },
  AUDIO_DECODE_FAILED: { status: 400, message: 'Audio could not be decoded (corrupt or truncated file)' },
  AUDIO_TOO_LONG: { status: 413, message: 'Audio exceeds the maximum duration' },
  AUDIO_TOO_LARGE: { status: 413, message: 'Audio file exceeds the byte limit' },
  NOT_ENOUGH_SPEECH: { status: 422, message: 'The recording holds less speech than the minimum' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported request content type' },
  CONSENT_REQUIRED: { status: 400, message: 'client_declaration_enduser_consent must be true' },
  IMAGE_TOO_LARGE: { status: 413, message: 'Image exceeds the pixel limit' },
  IMAGE_TOO_SMALL: { status: 422, message: 'Image is smaller than the minimum dimensions' },
  MISSING_PARAMETER: { status: 400, message: 'Parameter should not be empty' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body exceeds the byte limit' },
  UNAUTHORIZED: { status: 401, message: 'Missing or invalid credentials' },
  TOKEN_EXPIRED: { status: 401, message: 'Access token expired' },
  INVALID_CLIENT: { status: 401, message: 'Unknown client or wrong client secret' },
  UNSUPPORTED_GRANT_TYPE: { status: 400, message: 'Only grant_type=client_credentials is supported' },
  FORBIDDEN: { status: 403, message: 'Forbidden' },
  CLIENT_DISABLED: { status: 403, message: 'Account is disabled; ask the operator to enable it' },
  ENDPOINT_NOT_FOUND: { status: 404, message: 'No such endpoint' },
  CLIENT_NOT_FOUND: { status: 404, message: 'Client not found' },
  CLIENT_NOT_REGISTERED: { status: 404, message: 'Client is not registered; call client/register first' },
  GALLERY_NOT_FOUND: { status: 404, message: 'Face gallery not found' },
  GALLERY_EXISTS: { status: 409, message: 'Face gallery already exists' },
  DEFAULT_GALLERY_PROTECTED: { status: 409, message: 'The default face gallery cannot be deleted' },
  USER_NOT_FOUND: { status: 404, message: 'User not found in the face gallery' },
  /** Only where a dialect refuses to add a face to an existing user (the identity API); the native enrolment adds one. */
  USER_EXISTS: { status: 409, message: 'User already exists in the face gallery' },
  /** The user's faces or voices were all enrolled with another model than the one running: templates of different models are never compared. */
  REENROLMENT_REQUIRED: { status: 409, message: 'The user was enrolled with another model; enrol a new photo or recording to use the current one' },
  DUPLICATE_TRX_ID: { status: 409, message: 'trx_id was already used with a different request' },
  TRX_IN_PROGRESS: { status: 409, message: 'A request with this trx_id is still being processed' },
  NO_FACE: { status: 422, message: 'No face detected' },
  FACE_TOO_SMALL: { status: 422, message: 'Face is smaller than the minimum size' },
  IMAGE_UNDEREXPOSED: { status: 422, message: 'The face is underexposed (too dark)' },
  IMAGE_OVEREXPOSED: { status: 422, message: 'The face is overexposed (too bright)' },
  KTP_FACE_NOT_FOUND: { status: 422, message: 'Two faces (person and ID card) are required' },
  KTP_MISMATCH: { status: 422, message: 'Face does not match the ID card photo' },
  TEMPLATE_LIMIT_REACHED: { status: 422, message: 'The user already has the maximum number of enrolled faces' },
  QUOTA_EXCEEDED: { status: 429, message: 'Quota exhausted' },
  RATE_LIMITED: { status: 429, message: 'Rate limit is exceeded, please retry after the suggested time in the Retry-After header' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'A backing service is unavailable' },
  WORKER_UNAVAILABLE: { status: 503, message: 'No worker is serving this stage' },
  WORKER_TIMEOUT: { status: 503, message: 'A worker did not answer in time' },
  INTERNAL_ERROR: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    if (details) this.details = details;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** A failure a worker reports as a job result (bad input), as opposed to an infrastructure fault. */
export interface JobError {
  code: ErrorCode;
  message: string;
}
