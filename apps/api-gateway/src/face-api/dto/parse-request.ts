import type { z } from 'zod';
import { AppError } from '@bio/contracts';

/**
 * Validates a request against its schema. GET endpoints of the seed carry a JSON body;
 * query parameters are accepted too, and a body field wins over a query parameter.
 */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, body: unknown, query: unknown = {}): z.infer<S> {
  const merged = { ...asRecord(query), ...asRecord(body) };
  const parsed = schema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message }));
  const tooLong = parsed.error.issues.find(
    (issue): issue is z.core.$ZodIssueTooBig => issue.code === 'too_big' && issue.origin === 'string',
  );
  if (tooLong) {
    throw new AppError('FIELD_TOO_LONG', `${tooLong.path.join('.')} exceeds ${String(tooLong.maximum)} characters`, { issues });
  }
  throw new AppError('VALIDATION_FAILED', `Invalid ${issues.map((i) => i.field || 'body').join(', ')}`, { issues });
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
