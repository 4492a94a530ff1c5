import { type Actor, DomainError, type RequestContext } from '@latchkey/building-blocks';

/**
 * The authenticated caller of a console request, as the console's authentication set it. Routes
 * that reach here are guarded by `@RequireRole`, so its absence would be a bug: answered as
 * unauthenticated rather than acted on as nobody.
 */
export function callerOf(context: RequestContext): Actor {
  if (!context.actor) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
  return context.actor;
}
