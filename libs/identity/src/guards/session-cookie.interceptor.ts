import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  Optional,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Clock } from '@latchkey/building-blocks';
import { clearedSessionCookie, SESSION_COOKIE_SETTINGS, type SessionCookieSettings, sessionCookie } from '../shared/session-cookie';

type SessionOf = (body: unknown) => { token: string; expiresAt: string } | undefined;
const COOKIE_ACTION = 'latchkey:identity:session-cookie';

/**
 * Sets (`issue`) or clears (`clear`) the `latchkey_session` cookie from the route's answer: the
 * routes that open a session (log in, sign-up, an invitation's acceptance) and log out. The token
 * stays in the answer's body for scripts.
 */
@Injectable()
export class SessionCookieInterceptor implements NestInterceptor {
  private readonly settings: SessionCookieSettings;

  constructor(
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Optional() @Inject(SESSION_COOKIE_SETTINGS) settings?: SessionCookieSettings,
  ) {
    this.settings = settings ?? { secure: false };
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const action = this.reflector.get<SessionOf | 'clear' | undefined>(COOKIE_ACTION, context.getHandler());
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (action === 'clear') {
          reply.header('set-cookie', clearedSessionCookie(this.settings));
        } else if (action) {
          const session = action(body);
          if (session) reply.header('set-cookie', sessionCookie(session.token, session.expiresAt, this.clock.nowMs(), this.settings));
        }
        return body;
      }),
    );
  }
}

/** The route opens a session: `sessionOf` finds `{token, expiresAt}` in its answer, which the cookie then carries. */
export const IssuesSessionCookie = (sessionOf: SessionOf): MethodDecorator =>
  applyDecorators(SetMetadata(COOKIE_ACTION, sessionOf), UseInterceptors(SessionCookieInterceptor));

/** The route ends the session: the cookie is cleared. */
export const ClearsSessionCookie = (): MethodDecorator =>
  applyDecorators(SetMetadata(COOKIE_ACTION, 'clear'), UseInterceptors(SessionCookieInterceptor));
