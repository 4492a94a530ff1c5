import type { ExecutionContext } from '@nestjs/common';
import { type ConsolePrincipal, requestPrincipal } from '@latchkey/identity';

/** The principal `ConsoleAuthGuard` authenticated for this request, or null when it did not run. */
export function principalOf(context: ExecutionContext): ConsolePrincipal | null {
  return requestPrincipal(context.switchToHttp().getRequest<object>()) ?? null;
}
