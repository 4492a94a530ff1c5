import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, IS_PUBLIC, setRequestActor } from '@latchkey/building-blocks';
import { API_TOKEN_PREFIX } from '../shared/api-tokens/api-token-format';
import { ApiTokenAdmission } from './api-token-admission';
import { ConsoleAuthenticator } from './console-authenticator';
import { setRequestPrincipal } from './request-principal';
import { presentedSessionToken } from './session-token-source';

/**
 * Every console route, unless marked `@Public()` (the application's global guard):
 * `Authorization: Bearer <session token>` (scheme in any case) or the `latchkey_session` cookie
 * (see `presentedSessionToken`, which also applies the cookie's CSRF rule). Anything else,
 * including a JWT or a token that no longer works, is `401 UNAUTHENTICATED` with
 * `WWW-Authenticate: Bearer`. Sets the principal read by `@Principal()` and the actor of the
 * request context.
 */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: ConsoleAuthenticator,
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokenAdmission,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const presented = presentedSessionToken(request);
    // An API token is a script's: it is accepted in the Authorization header only, never as the console's cookie.
    if (presented?.via === 'bearer' && presented.token.startsWith(API_TOKEN_PREFIX)) return this.apiTokens.admit(context, presented.token);
    const token = presented?.token;
    const principal = token === undefined ? null : this.authenticator.authenticate(token);
    if (!principal) {
      // RFC 6750 §3: no error attribute when no credentials were sent.
      http
        .getResponse<FastifyReply>()
        .header('www-authenticate', token === undefined ? 'Bearer realm="console"' : 'Bearer realm="console", error="invalid_token"');
      throw new DomainError(
        'unauthenticated',
        'UNAUTHENTICATED',
        token === undefined ? 'A session token is required' : 'The session token is invalid or has expired',
      );
    }
    setRequestPrincipal(request, principal);
    setRequestActor(request, { userId: principal.userId, email: principal.email });
    return true;
  }
}
