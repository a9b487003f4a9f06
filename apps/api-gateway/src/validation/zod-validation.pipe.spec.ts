import { z } from 'zod';
import { AppError } from '@bio/contracts';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(z.object({ name: z.string().trim().min(1), tags: z.array(z.string()).optional() }));

  it('hands on the parsed value', () => {
    expect(pipe.transform({ name: '  Acme ', extra: 1 })).toEqual({ name: 'Acme' });
  });

  it('turns every issue into VALIDATION_FAILED with the issues in details', () => {
    let error: unknown;
    try {
      pipe.transform({ name: '', tags: [1] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.status).toBe(400);
    const issues = (appError.details as { issues: Array<{ path: string; code: string }> }).issues;
    expect(issues.map((i) => i.path)).toEqual(['name', 'tags.0']);
    expect(appError.message).toMatch(/^Request validation failed: name: .+; tags\.0: .+/);
  });

  it('refuses a missing body', () => {
    expect(() => pipe.transform(undefined)).toThrow(AppError);
  });
});
