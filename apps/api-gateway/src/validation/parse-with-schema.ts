import type { z } from 'zod';
import { AppError } from '@bio/contracts';

export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

/**
 * Parses input with a zod schema. A string over its maximum length becomes FIELD_TOO_LONG
 * (the seeds' 120-character limits get their own code); any other issue VALIDATION_FAILED.
 * Either way every issue is listed.
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  const tooLong = parsed.error.issues.find(
    (issue): issue is z.core.$ZodIssueTooBig => issue.code === 'too_big' && issue.origin === 'string',
  );
  if (tooLong) {
    throw new AppError('FIELD_TOO_LONG', `${tooLong.path.join('.')} exceeds ${String(tooLong.maximum)} characters`, { issues });
  }
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('VALIDATION_FAILED', `Request validation failed: ${summary}`, { issues });
}
