import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

type Schema = Record<string, unknown>;

const errorEnvelope: Schema = {
  type: 'object',
  properties: { status: { type: 'string' }, status_message: { type: 'string' }, error_code: { type: 'string' } },
};

/** OpenAPI for a native endpoint, generated from the same zod schema that validates the request. */
export function NativeEndpoint(options: {
  summary: string;
  request?: z.ZodTypeAny;
  /** GET endpoints: the request fields are also accepted as query parameters. */
  inQuery?: boolean;
  response: Schema;
}) {
  const decorators = [
    ApiOperation({ summary: options.summary }),
    ApiHeader({ name: 'Accesstoken', required: true, description: 'Access token from POST /oauth/token' }),
    ApiResponse({ status: 200, description: 'Success', schema: { type: 'object', properties: { status: { type: 'string', example: '200' }, status_message: { type: 'string' }, ...options.response } } }),
    ...errorResponses(errorEnvelope, {
      400: 'Invalid request (error_code says which rule)',
      401: 'Missing, unknown or expired access token',
      404: 'Unknown gallery or user',
      422: 'No usable face (NO_FACE, FACE_TOO_SMALL, ...)',
      429: 'Quota exhausted (QUOTA_EXCEEDED)',
      503: 'A worker stage or Redis is unavailable',
    }),
  ];
  if (options.request) {
    const schema = z.toJSONSchema(options.request, { io: 'input', unrepresentable: 'any' }) as Schema;
    decorators.push(ApiBody({ schema: schema as never, required: !options.inQuery }));
    if (options.inQuery) {
      const properties = Object.keys((schema.properties as Schema | undefined) ?? {});
      for (const name of properties) decorators.push(ApiQuery({ name, required: false, type: String }));
    }
  }
  return applyDecorators(...decorators);
}

/** One documented error response per status, all in the dialect's error body. */
export function errorResponses(schema: Schema, descriptions: Record<number, string>) {
  return Object.entries(descriptions).map(([status, description]) => ApiResponse({ status: Number(status), description, schema }));
}

export const str = { type: 'string' };
export const num = { type: 'number' };
export const bool = { type: 'boolean' };
export const strList = { type: 'array', items: str };
