import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@bio/contracts';
import type { AuthenticatedClient, RequestWithClient } from './authenticated-client';

export type { AuthenticatedClient } from './authenticated-client';

/** The client a guard authenticated; a route without such a guard gets UNAUTHORIZED, not undefined. */
export const CurrentClient = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedClient => {
  const client = context.switchToHttp().getRequest<RequestWithClient>().client;
  if (!client) throw new AppError('UNAUTHORIZED');
  return client;
});
