import type { z } from 'zod';
import { AppError } from '@bio/contracts';

export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

/** Parses input with a zod schema; any issue becomes AppError VALIDATION_FAILED listing them all. */
export function parseWithSchema<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError('VALIDATION_FAILED', `Request validation failed: ${summary}`, { issues });
}
