import type { z } from 'zod';
import { parseWithSchema } from '../../validation/parse-with-schema';

/**
 * Validates a request against its schema. GET endpoints of the seed carry a JSON body;
 * query parameters are accepted too, and a body field wins over a query parameter.
 */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown, query: unknown = {}): z.output<S> {
  return parseWithSchema(schema, { ...asRecord(query), ...asRecord(body) });
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
