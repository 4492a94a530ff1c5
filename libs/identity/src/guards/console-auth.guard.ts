import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@latchkey/event-store';
import { ConsoleAuthenticator } from './console-authenticator';
import { setRequestPrincipal } from './request-principal';

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Console routes: `Authorization: Bearer <session token>` (scheme in any case). Anything else,
 * including a JWT or a token that no longer works, is `401 UNAUTHENTICATED` with
 * `WWW-Authenticate: Bearer`. Sets the principal read by `@Principal()`.
 */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  constructor(private readonly authenticator: ConsoleAuthenticator) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
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
    return true;
  }
}
