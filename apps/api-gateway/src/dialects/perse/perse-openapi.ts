import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';

const error = { type: 'object', properties: { code: { type: 'string', example: 'no_face' }, message: { type: 'string' } } };

/** OpenAPI for a seed 001 endpoint: Bearer auth, a multipart form when it takes files, and the documented statuses. */
export function PerseEndpoint(options: { summary: string; files?: string[]; fields?: string[] }) {
  const decorators = [
    ApiOperation({ summary: options.summary }),
    ApiBearerAuth(),
    ApiResponse({ status: 200, description: 'Success; every answer carries time_taken (seconds)' }),
    ApiResponse({ status: 400, description: 'Missing or invalid field, consent not declared (consent_required)', schema: error }),
    ApiResponse({ status: 401, description: 'Missing, unknown or expired access token', schema: error }),
    ApiResponse({ status: 404, description: 'Unknown user_token (user_not_found)', schema: error }),
    ApiResponse({ status: 413, description: 'File over IMAGE_MAX_BYTES or image over IMAGE_MAX_PIXELS', schema: error }),
    ApiResponse({ status: 415, description: 'Not multipart/form-data, or a file that is not JPEG, PNG or WEBP', schema: error }),
    ApiResponse({ status: 422, description: 'No face, face too small, image_underexposed / image_overexposed on enrolment', schema: error }),
    ApiResponse({ status: 429, description: 'Quota exhausted (quota_exceeded)', schema: error }),
  ];
  if (options.files) {
    const properties: Record<string, object> = {
      client_declaration_enduser_consent: { type: 'boolean', description: 'must be true' },
    };
    for (const file of options.files) properties[file] = { type: 'string', format: 'binary' };
    for (const field of options.fields ?? []) properties[field] = { type: 'string' };
    decorators.push(ApiConsumes('multipart/form-data'), ApiBody({ schema: { type: 'object', properties } }));
  }
  return applyDecorators(...decorators);
}
