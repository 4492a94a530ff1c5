import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ApiTokenScope } from '../contracts';

/** Where the scope decorators leave what a console route asks of an API token. */
export const REQUIRED_SCOPE = 'latchkey:identity:required-scope';

/** A scope; `none`: any valid API token; `session-only`: API tokens are refused. */
export type ScopeRequirement = ApiTokenScope | 'none' | 'session-only';

/**
 * The scope an API token needs on this console route (a class or a method; the method's wins), next
 * to the route's `@RequireRole`. A route that declares nothing refuses API tokens
 * (`403 SESSION_REQUIRED`), as `@SessionOnly()` does explicitly. Sessions are not affected.
 */
export const RequireScope = (scope: ApiTokenScope): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, scope);

/** Any valid API token may call this route, whatever its scopes (`GET /me`). */
export const NoScopeRequired = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, 'none');

/** Only a session may call this route: managing API tokens, passwords, MFA, signing out. */
export const SessionOnly = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, 'session-only');

/** What the route being called declares; undefined when it declares nothing (treated as session-only). */
export function scopeRequirementOf(reflector: Reflector, context: ExecutionContext): ScopeRequirement | undefined {
  return reflector.getAllAndOverride<ScopeRequirement | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
}
