import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { errorResponses } from '../../face-api/openapi';

const problem = {
  type: 'object',
  properties: {
    status: { type: 'integer', example: 400 },
    title: { type: 'string', example: 'Bad Request' },
    detail: { type: 'string', example: 'Invalid request.' },
    type: { type: 'string', example: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/400' },
    errors: { type: 'array', items: { type: 'string' }, example: ['provided userId already exists'] },
  },
};

/** OpenAPI for a seed 002 endpoint: x-api-key auth, the JSON body from its zod schema, RFC 7807 errors. */
export function IdentityEndpoint(options: { summary: string; request?: z.ZodTypeAny }) {
  const decorators = [
    ApiOperation({ summary: options.summary }),
    ApiHeader({ name: 'x-api-key', required: true, description: 'API key from POST /admin/clients' }),
    ApiResponse({ status: 200, description: 'Success' }),
    ...errorResponses(problem, {
      400: 'application/problem+json: invalid request, image or USER_ID; duplicate USER_ID; no face detected (`errors` says which)',
      401: 'Missing or unknown x-api-key',
      404: 'Unknown USER_ID, or no user reaches the search threshold',
      413: 'Request body over BODY_LIMIT_BYTES',
      429: 'Quota exhausted',
      503: 'A worker stage or Redis is unavailable',
    }),
  ];
  if (options.request) decorators.push(ApiBody({ schema: z.toJSONSchema(options.request, { io: 'input', unrepresentable: 'any' }) as never }));
  return applyDecorators(...decorators);
}
