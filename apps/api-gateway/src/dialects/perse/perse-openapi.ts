import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { errorResponses } from '../../face-api/openapi';

const error = { type: 'object', properties: { code: { type: 'string', example: 'no_face' }, message: { type: 'string' } } };

/** OpenAPI for a seed 001 endpoint: Bearer auth, a multipart form when it takes files, and the documented statuses. */
export function PerseEndpoint(options: { summary: string; files?: string[]; fields?: string[] }) {
  const decorators = [
    ApiOperation({ summary: options.summary }),
    ApiBearerAuth(),
    ApiResponse({ status: 200, description: 'Success; every answer carries time_taken (seconds)' }),
    ...errorResponses(error, {
      400: 'Missing or invalid field, consent not declared (consent_required)',
      401: 'Missing, unknown or expired access token',
      404: 'Unknown user_token (user_not_found)',
      413: 'File over IMAGE_MAX_BYTES or image over IMAGE_MAX_PIXELS',
      415: 'Not multipart/form-data, or a file that is not JPEG, PNG or WEBP',
      422: 'No face, face too small, image_underexposed / image_overexposed on enrolment',
      429: 'Quota exhausted (quota_exceeded)',
      503: 'A worker stage or Redis is unavailable',
    }),
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
