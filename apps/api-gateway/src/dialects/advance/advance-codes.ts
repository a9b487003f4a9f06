import { AppError, type ErrorCode } from '@bio/contracts';

/** Whether a response is charged (the document's free / pay tags). */
export type PricingStrategy = 'FREE' | 'PAY';

export interface AdvanceOutcome {
  code: string;
  message: string;
  pricingStrategy: PricingStrategy;
}

const free = (code: string, message: string): AdvanceOutcome => ({ code, message, pricingStrategy: 'FREE' });
const pay = (code: string, message: string): AdvanceOutcome => ({ code, message, pricingStrategy: 'PAY' });

const IMAGE_INVALID_FORMAT = free(
  'IMAGE_INVALID_FORMAT',
  'Invalid image format, image format should be one of jpeg/jpg/png, and request content type should be image/jpeg or image/png',
);
const IMAGE_INVALID_SIZE = free(
  'IMAGE_INVALID_SIZE',
  'Invalid image size, max image size should be less than 2M, and image dimension should be between 256 * 256 and 4096 * 4096',
);
const IAM_FAILED_TOKEN = free('IAM_FAILED', 'Access denied: Token not found or expired');
const RETRY_LATER = free('RETRY_LATER', 'Query failed, please retry after the suggested time in HTTP Header');

/** Faults the face cannot be blamed on name the image they were found in (RecognitionService.compare tags it). */
const PER_IMAGE: Partial<Record<ErrorCode, (image: 'FIRST' | 'SECOND') => AdvanceOutcome>> = {
  NO_FACE: (image) => pay(`NO_FACE_DETECTED_FROM_${image}_IMAGE`, `No Face detected from the uploaded ${image.toLowerCase()} picture`),
  FACE_TOO_SMALL: lowQuality,
  IMAGE_UNDEREXPOSED: lowQuality,
  IMAGE_OVEREXPOSED: lowQuality,
};

function lowQuality(image: 'FIRST' | 'SECOND'): AdvanceOutcome {
  return pay(`${image}_IMAGE_LOW_QUALITY_FACE`, `Face quality is too low of the uploaded ${image.toLowerCase()} picture`);
}

/** The one error model in the document's codes (Face Comparison, Token Authentication and Glossary tables). */
const BY_ERROR_CODE: Partial<Record<ErrorCode, AdvanceOutcome>> = {
  VALIDATION_FAILED: free('PARAMETER_ERROR', 'Parameter error'),
  FIELD_TOO_LONG: free('PARAMETER_ERROR', 'Parameter error'),
  MISSING_PARAMETER: free('EMPTY_PARAMETER_ERROR', 'Parameter should not be empty'),
  MALFORMED_JSON: free('CLIENT_ERROR', 'HTTP 400 - Bad Request'),
  UNSUPPORTED_MEDIA_TYPE: free('CLIENT_ERROR', 'HTTP 415 - Unsupported Media Type'),
  PAYLOAD_TOO_LARGE: free('CLIENT_ERROR', 'HTTP 413 - Payload Too Large'),
  ENDPOINT_NOT_FOUND: free('CLIENT_ERROR', 'HTTP 404 - Not Found'),
  UNSUPPORTED_IMAGE_FORMAT: IMAGE_INVALID_FORMAT,
  IMAGE_DECODE_FAILED: IMAGE_INVALID_FORMAT,
  INVALID_BASE64: IMAGE_INVALID_FORMAT,
  IMAGE_TOO_LARGE: IMAGE_INVALID_SIZE,
  IMAGE_TOO_SMALL: IMAGE_INVALID_SIZE,
  UNAUTHORIZED: IAM_FAILED_TOKEN,
  TOKEN_EXPIRED: IAM_FAILED_TOKEN,
  FORBIDDEN: IAM_FAILED_TOKEN,
  INVALID_CLIENT: free('IAM_FAILED', 'Access Key not found'),
  CLIENT_NOT_FOUND: free('IAM_FAILED', 'Access Key not found'),
  CLIENT_DISABLED: free('ACCOUNT_DISABLED', 'Account Disabled'),
  QUOTA_EXCEEDED: free('OVER_QUERY_LIMIT', 'Quota exceeded: you have exceeded your query quota, please contact your sales manager for help'),
  RATE_LIMITED: free('SERVICE_BUSY', 'Rate limit is exceeded, please retry after the suggested time in HTTP Header'),
  SERVICE_UNAVAILABLE: RETRY_LATER,
  WORKER_UNAVAILABLE: RETRY_LATER,
  WORKER_TIMEOUT: RETRY_LATER,
};

const SERVER_ERROR = free('ERROR', 'Server error');

/** The wire code, message and price of an error; what has no code of its own is the document's ERROR. */
export function advanceOutcome(error: AppError): AdvanceOutcome {
  const perImage = PER_IMAGE[error.code];
  if (perImage) return perImage(error.details?.image === 'second' ? 'SECOND' : 'FIRST');
  return BY_ERROR_CODE[error.code] ?? SERVER_ERROR;
}

/** Whether a failed call is still charged: the comparison's face verdicts are PAY in the document. */
export function isChargedFailure(error: unknown): boolean {
  return error instanceof AppError && advanceOutcome(error).pricingStrategy === 'PAY';
}
