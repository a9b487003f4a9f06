import type { ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import { loadEnv } from '@bio/config';
import { AdminKeyGuard } from './admin-key.guard';

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const contextWith = (headers: Record<string, string>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return undefined;
};

describe('AdminKeyGuard', () => {
  const guard = new AdminKeyGuard(loadEnv({ ADMIN_API_KEY: ADMIN_KEY }));

  it('lets the right key through', () => {
    expect(guard.canActivate(contextWith({ 'x-admin-key': ADMIN_KEY }))).toBe(true);
  });

  it('refuses a missing or wrong key with UNAUTHORIZED', () => {
    expect(codeOf(() => guard.canActivate(contextWith({})))).toBe('UNAUTHORIZED');
    expect(codeOf(() => guard.canActivate(contextWith({ 'x-admin-key': `${ADMIN_KEY}x` })))).toBe('UNAUTHORIZED');
  });

  it('refuses everyone when ADMIN_API_KEY is not set', () => {
    const closed = new AdminKeyGuard(loadEnv({}));
    expect(codeOf(() => closed.canActivate(contextWith({ 'x-admin-key': ADMIN_KEY })))).toBe('FORBIDDEN');
    expect(codeOf(() => closed.canActivate(contextWith({ 'x-admin-key': '' })))).toBe('FORBIDDEN');
  });
});
