import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@latchkey/building-blocks';
import type { ConsolePrincipal } from '../contracts';
import { requestPrincipal } from './request-principal';

/** The `ConsolePrincipal` that `ConsoleAuthGuard` authenticated for this request. */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): ConsolePrincipal => {
  const principal = requestPrincipal(context.switchToHttp().getRequest<object>());
  // Only reachable when a route forgot the guard: refuse rather than run anonymously.
  if (!principal) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'A session token is required');
  return principal;
});
