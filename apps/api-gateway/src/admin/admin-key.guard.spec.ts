import type { ExecutionContext } from '@nestjs/common';
import { errorCodeOf } from '../../../../libs/contracts/test/error-code-of';
import { loadEnv } from '@bio/config';
import { AdminKeyGuard } from './admin-key.guard';

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const contextWith = (headers: Record<string, string>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;

describe('AdminKeyGuard', () => {
  const guard = new AdminKeyGuard(loadEnv({ ADMIN_API_KEY: ADMIN_KEY }));

  it('lets the right key through', () => {
    expect(guard.canActivate(contextWith({ 'x-admin-key': ADMIN_KEY }))).toBe(true);
  });

  it('refuses a missing or wrong key with UNAUTHORIZED', () => {
    expect(errorCodeOf(() => guard.canActivate(contextWith({})))).toBe('UNAUTHORIZED');
    expect(errorCodeOf(() => guard.canActivate(contextWith({ 'x-admin-key': `${ADMIN_KEY}x` })))).toBe('UNAUTHORIZED');
  });

  it('refuses everyone when ADMIN_API_KEY is not set', () => {
    const closed = new AdminKeyGuard(loadEnv({}));
    expect(errorCodeOf(() => closed.canActivate(contextWith({ 'x-admin-key': ADMIN_KEY })))).toBe('FORBIDDEN');
    expect(errorCodeOf(() => closed.canActivate(contextWith({ 'x-admin-key': '' })))).toBe('FORBIDDEN');
  });
});
