import { STATUS_CODES } from 'node:http';
import type { AppError, ErrorCode } from '@bio/contracts';
import type { ErrorDialect } from '../../errors/error-dialect';

/** The identity API's paths: /users/{USER_ID} and /users/search. */
export const IDENTITY_PREFIXES = ['/users'] as const;

/**
 * The document answers every refusal of the request or its image (a duplicate id, no face,
 * so also a face over 5 MB) with 400 "Invalid request." and says why in `errors`; these
 * keep their own status, as the document's 404 does.
 */
const KEPT_STATUSES = new Set([401, 404, 429]);
/** A body too large to read is not the image rule: it keeps 413. */
const KEPT_CODES = new Set<ErrorCode>(['PAYLOAD_TOO_LARGE']);

/** The documented details (400, 404); the others in the same style. */
const DETAILS: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Missing or invalid API key.',
  404: 'Server cannot find the requested resource.',
  413: 'Request body is larger than the server accepts.',
  429: 'Quota exhausted.',
};

/** The document's own `errors` texts. */
const DOCUMENTED_ERRORS: Partial<Record<ErrorCode, string>> = {
  USER_EXISTS: 'provided userId already exists',
  NO_FACE: 'no face detected in the provided image',
};

function wireStatus(error: AppError): number {
  return error.status >= 500 || KEPT_STATUSES.has(error.status) || KEPT_CODES.has(error.code) ? error.status : 400;
}

function isIssueList(value: unknown): value is Array<{ path: string; message: string }> {
  return Array.isArray(value) && value.every((issue) => typeof (issue as { message?: unknown })?.message === 'string');
}

/** One text per problem, in the document's lower-case style. */
function errorTexts(error: AppError): string[] {
  const documented = DOCUMENTED_ERRORS[error.code];
  if (documented) return [documented];
  const issues = error.details?.issues;
  if (error.code === 'VALIDATION_FAILED' && isIssueList(issues)) {
    return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  }
  return [error.message.charAt(0).toLowerCase() + error.message.slice(1)];
}

/** RFC 7807 problem details exactly as seed 002 shows them; its 404 carries no `errors`. */
export const identityErrorDialect: ErrorDialect = {
  name: 'identity',
  prefixes: IDENTITY_PREFIXES,
  render(error: AppError) {
    const status = wireStatus(error);
    const title = STATUS_CODES[status] ?? 'Error';
    const body: Record<string, unknown> = {
      status,
      title,
      detail: DETAILS[status] ?? `${title}.`,
      type: `https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/${status}`,
    };
    if (status !== 404) body.errors = errorTexts(error);
    return { status, body, headers: { 'Content-Type': 'application/problem+json' } };
  },
};
